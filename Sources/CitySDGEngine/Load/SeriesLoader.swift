import Foundation

/// Reads the indicator data under `data/`: each `data/<place>/<indicator>.csv` with the sidecar
/// `.yml` beside it. Everything wrong is an error at the file, line and column, with a hint;
/// which indicators and places exist is checked when the site is resolved (the catalogue and the
/// cities are known then).
struct SeriesLoader: Sendable {
    let display: @Sendable (String) -> String
    /// The year the build runs in: a value for a later year is an error. Nil: not checked.
    let currentYear: Int?

    static let folder = "data/"

    /// The indicator code a data file's name stands for (`11-6-2.csv` → 11.6.2), and its place folder.
    static func name(of path: String) -> (place: String, indicator: IndicatorCode, isSidecar: Bool)? {
        var memo: [Substring: (indicator: IndicatorCode, isSidecar: Bool)?] = [:]
        return name(of: path, memo: &memo)
    }

    /// `name(of:)`, with each file name's meaning kept in `memo` (every city has the same few names).
    static func name(of path: String, memo: inout [Substring: (indicator: IndicatorCode, isSidecar: Bool)?])
        -> (place: String, indicator: IndicatorCode, isSidecar: Bool)? {
        // `data/<place>/<file>`, found by its two slashes (not split into an array: a site has
        // tens of thousands of data files, and every build reads each one's name).
        let utf8 = path.utf8
        guard utf8.starts(with: "data/".utf8) else { return nil }
        let placeStart = utf8.index(utf8.startIndex, offsetBy: 5)
        guard let slash = utf8[placeStart...].firstIndex(of: UInt8(ascii: "/")), slash > placeStart else { return nil }
        let fileStart = utf8.index(after: slash)
        guard fileStart < utf8.endIndex, !utf8[fileStart...].contains(UInt8(ascii: "/")) else { return nil }
        let file = path[fileStart...]
        let name: (indicator: IndicatorCode, isSidecar: Bool)?
        if let known = memo[file] { name = known } else {
            name = fileName(file)
            memo[file] = .some(name)
        }
        return name.map { (String(path[placeStart..<slash]), $0.indicator, $0.isSidecar) }
    }

    /// `11-6-2.csv` → (11.6.2, false), `11-6-2.yml` → (11.6.2, true); nil for any other name.
    private static func fileName(_ file: Substring) -> (indicator: IndicatorCode, isSidecar: Bool)? {
        guard let dot = file.lastIndex(of: ".") else { return nil }
        let stem = file[..<dot], ext = file[file.index(after: dot)...]
        guard ext == "csv" || ext == "yml", !stem.contains("."),
              let code = IndicatorCode(text: String(decoding: stem.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)),
              code.slug == stem else { return nil }
        return (code, ext == "yml")
    }

    /// Every series of `files` (paths inside the content folder, all under data/), with its problems.
    /// The paths the decode cache keeps an entry under (each CSV's).
    static func cacheKeys(_ files: [ContentFiles.File]) -> [String] {
        files.filter { $0.path.hasSuffix(".csv") }.map(\.path)
    }

    func load(_ files: [ContentFiles.File], cache: DecodeCache? = nil, fingerprints: [String: Fingerprint] = [:], _ d: inout Diagnostics) -> [Series] {
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        // Each file's name read on all cores (in slices, each with its own memo of the few names),
        // then its problems said and its pairs kept in the files' order.
        enum Found { case pair(ContentFiles.File, ContentFiles.File?), problem(Diagnostic), sidecar }
        let found = concurrentMap(slices(files.count, of: 4096)) { slice -> [Found] in
            var names: [Substring: (indicator: IndicatorCode, isSidecar: Bool)?] = [:]
            return files[slice].map { file -> Found in
                guard let (place, code, isSidecar) = Self.name(of: file.path, memo: &names) else {
                    let parts = file.path.split(separator: "/")
                    let name = parts.last.map(String.init) ?? file.path
                    let hint = parts.count == 3
                        ? "name it by its indicator code with dashes: `11-6-2.csv` for indicator 11.6.2, with `11-6-2.yml` beside it"
                        : "data files go in data/<city>/<indicator>.csv (or data/<country code>/ for a national series), e.g. data/luang-prabang/11-6-2.csv"
                    return .problem(Diagnostic(.error, SourceLocation(file: display(file.path)), "`\(name)` is not a data file the site reads", hint: hint))
                }
                let stem = "data/" + place + "/" + code.slug
                if isSidecar {
                    guard byPath[stem + ".csv"] == nil else { return .sidecar }
                    return .problem(Diagnostic(.error, SourceLocation(file: display(file.path)), "this sidecar has no data file beside it",
                                               hint: "put the figures in `\(stem.split(separator: "/").last!).csv` in the same folder, or remove the sidecar"))
                }
                return .pair(file, byPath[stem + ".yml"])
            }
        }
        var paired: [(csv: ContentFiles.File, yml: ContentFiles.File?)] = []
        for item in found.joined() {
            switch item {
            case .pair(let csv, let yml): paired.append((csv, yml))
            case .problem(let problem): d.append(problem)
            case .sidecar: break
            }
        }
        let pairs = paired
        // The pair is one entry of the decode cache, under the CSV's path and both files' fingerprints:
        // known from the build's scan without reading them (a slice's pairs looked up at once), or from their bytes.
        @Sendable func combined(_ csv: Fingerprint, _ yml: Fingerprint?) -> Fingerprint {
            var both = Fingerprint.Builder()
            both.add(csv)
            if let yml { both.add(yml) }
            return both.fingerprint
        }
        /// A pair read and decoded (or found in the cache by the fingerprints of its bytes).
        @Sendable func loadPair(_ pair: (csv: ContentFiles.File, yml: ContentFiles.File?)) -> (Series?, Diagnostics) {
            var problems = Diagnostics()
            guard let csvData = FileManager.default.contents(atPath: pair.csv.fullPath) else {
                problems.error(SourceLocation(file: display(pair.csv.path)), "the file cannot be read", hint: "check the file's permissions")
                return (nil, problems)
            }
            let ymlData = pair.yml.flatMap { FileManager.default.contents(atPath: $0.fullPath) }
            let key = combined(Fingerprint(csvData), ymlData.map { Fingerprint($0) })
            if let cache, let (part, problems) = cache.get(pair.csv.path, key) { return (part.series, problems) }
            let series = decode(pair.csv, csvData, sidecar: pair.yml, ymlData, &problems)
            cache?.set(pair.csv.path, key, series.map(Decoded.series) ?? .none, problems)
            return (series, problems)
        }
        let parts = concurrentMap(sharedSlices(pairs.count)) { slice -> [(Series?, Diagnostics)] in
            let known = cache?.get(pairs[slice].lazy.map { pair in
                (pair.csv.path, fingerprints["content/" + pair.csv.path].map { combined($0, pair.yml.flatMap { fingerprints["content/" + $0.path] }) })
            })
            return slice.map { index in
                if let (part, problems) = known?[index - slice.lowerBound] { return (part.series, problems) }
                return loadPair(pairs[index])
            }
        }.joined()
        var result: [Series] = []
        for (series, problems) in parts {
            d.append(contentsOf: problems)
            if let series { result.append(series) }
        }
        return result
    }

    /// A data file and its sidecar (as read: nil when there is none, or it cannot be read) decoded.
    private func decode(_ csv: ContentFiles.File, _ csvData: Data, sidecar: ContentFiles.File?, _ sidecarData: Data?, _ d: inout Diagnostics) -> Series? {
        guard let (place, code, _) = Self.name(of: csv.path) else { return nil }
        let shown = display(csv.path)
        guard let sidecar else {
            d.error(SourceLocation(file: shown), "the data file has no sidecar: its unit and sources are unknown",
                    hint: "add `\(code.slug).yml` beside it with `unit:` and `sources:` (title, url, publisher, date)")
            return nil
        }
        guard let sidecarData else {
            d.error(SourceLocation(file: display(sidecar.path)), "the file cannot be read", hint: "check the file's permissions")
            return nil
        }
        return decode(csv: csvData, sidecar: sidecarData, path: csv.path, sidecarPath: sidecar.path, place: place,
                      indicator: Located(value: code, location: SourceLocation(file: shown)), &d)
    }

    /// What the sidecar says of a series.
    struct Sidecar {
        var unit: String?
        var title: String?
        var notes: String?
        var direction: Series.Direction?
        var sources: [Source]
    }

    func decodeSidecar(_ data: Data, path: String, _ d: inout Diagnostics) -> Sidecar? {
        let shown = display(path)
        let tree: YAMLValue?
        do {
            tree = try YAMLTree.parse(try SourceText.decode(data, file: shown), file: shown, firstLine: 1)
        } catch {
            ContentLoader.report(error, file: shown, &d)
            return nil
        }
        guard let tree else {
            d.error(SourceLocation(file: shown), "the sidecar is empty", hint: "add `unit:` and `sources:` (title, url, publisher, date)")
            return nil
        }
        guard var r = Record(tree, field: "the sidecar", &d) else { return nil }
        var unit = r.string("unit", &d)
        if unit?.allSatisfy(\.isWhitespace) ?? !r.has("unit") {
            d.error(r.has("unit") ? r.keyLocation("unit") : r.location, "the sidecar does not say the figures' unit",
                    hint: "add `unit:` — what the values count, like \"µg/m³\", \"%\" or \"tonnes per day\"")
            unit = nil
        }
        let before = d.all.count
        let sources = Decoders.sources(&r, &d)
        if sources.isEmpty, d.all.count == before {
            d.error(r.has("sources") ? r.keyLocation("sources") : r.location, "the sidecar names no source for the figures",
                    hint: "add `sources:` with at least one `- title: …` and `url: …`: every figure carries the document it comes from")
        }
        let sidecar = Sidecar(unit: unit, title: r.string("title", &d), notes: r.string("notes", &d),
                              direction: Decoders.enumValue(&r, "direction", &d), sources: sources)
        r.reportUnknownFields(known: FrontMatterSchema.series.names, in: "a data file's sidecar", &d)
        return sidecar
    }

    /// Reads a CSV and its sidecar as if they stood at `path` and `sidecarPath` (tests and the fuzz target call it directly).
    func decode(csv: Data, sidecar: Data, path: String, sidecarPath: String, place: String, indicator: Located<IndicatorCode>,
                _ d: inout Diagnostics) -> Series? {
        let shown = display(path)
        let meta = decodeSidecar(sidecar, path: sidecarPath, &d)
        let table: CSVTable
        do {
            table = try CSVTable.parse(try SourceText.decode(csv, file: shown))
        } catch let problem as SourceText.Problem {
            d.error(problem.location, problem.message, hint: problem.hint)
            return nil
        } catch let problem as CSVTable.Problem {
            d.error(SourceLocation(file: shown, line: problem.line, column: problem.column), problem.message, hint: problem.hint)
            return nil
        } catch {
            d.error(SourceLocation(file: shown), "\(error)")
            return nil
        }
        guard let header = table.rows.first else {
            d.error(SourceLocation(file: shown), "the data file is empty", hint: "start with a header line `Year,Value`, then one line per year")
            return nil
        }
        let at = { (cell: CSVTable.Cell) in SourceLocation(file: shown, line: cell.line, column: cell.column) }
        var seen: [String: CSVTable.Cell] = [:]
        var broken = false
        for cell in header {
            let name = cell.text.trimmingSpaces()
            if name.isEmpty {
                d.error(at(cell), "a column has no name", hint: "name every column in the header line: Year, Value, and disaggregations like Sex or Area")
                broken = true
            } else if let first = seen[name] {
                d.error(at(cell), "the column `\(name)` is named twice (first in column \(first.column))", hint: "give each column its own name")
                broken = true
            }
            seen[name] = cell
        }
        for required in ["Year", "Value"] where seen[required] == nil {
            let near = header.first { $0.text.trimmingSpaces().lowercased() == required.lowercased() }
            d.error(near.map(at) ?? SourceLocation(file: shown), "the header has no `\(required)` column",
                    hint: near.map { "write it `\(required)`, not `\($0.text)`" } ?? "the header line must name `Year` and `Value` (and any disaggregation columns, like Sex or Area)")
            broken = true
        }
        guard !broken else { return nil }
        let names = header.map { $0.text.trimmingSpaces() }
        let yearColumn = names.firstIndex(of: "Year")!, valueColumn = names.firstIndex(of: "Value")!
        let sourceColumn = names.firstIndex(of: "Source")
        let dimensionColumns = names.indices.filter { $0 != yearColumn && $0 != valueColumn && $0 != sourceColumn }
        let sourceCount = meta?.sources.count
        var points: [Series.Point] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows.dropFirst() {
            guard row.count == header.count else {
                let cell = row.count > header.count ? row[header.count] : row.last!
                d.error(at(cell), "this line has \(row.count) \(row.count == 1 ? "field" : "fields"); the header has \(header.count)",
                        hint: row.count > header.count
                            ? "a value with a comma must be in double quotes: \"1,234\" — or write numbers without grouping: 1234"
                            : "give every line a field for each column, empty where there is nothing: 2019,,Urban")
                continue
            }
            let yearCell = row[yearColumn], valueCell = row[valueColumn]
            let yearText = yearCell.text.trimmingSpaces()
            guard let year = GoalNumber.digits(yearText.utf8, count: 4...4, leadingZero: true) else {
                d.error(at(yearCell), "`\(yearCell.text)` is not a year",
                        hint: "write the year with four digits, like 2019" + (yearText.contains("-") || yearText.contains("/") ? "; a value for a period goes under the year it ends" : ""))
                continue
            }
            if let currentYear, year > currentYear {
                d.error(at(yearCell), "the year \(year) is in the future (it is \(currentYear) now)",
                        hint: "a figure is for a year that has passed; a value a city aims at goes in the expectation's `aim: {year: \(year), value: …}`")
                continue
            }
            let valueText = valueCell.text.trimmingSpaces()
            if valueText.isEmpty { continue } // no value that year
            guard let value = Self.number(valueText) else {
                let hint = valueText.contains(",") ? "write the number without grouping, with a point for decimals: 1234.5"
                    : "write only the number, with a point for decimals (1234.5); put the unit in the sidecar's `unit:` and leave the value empty when there is none"
                d.error(at(valueCell), "`\(valueCell.text)` is not a number", hint: hint)
                continue
            }
            var source = 1
            if let sourceColumn {
                let cell = row[sourceColumn]
                let text = cell.text.trimmingSpaces()
                if !text.isEmpty {
                    guard let n = Int(text), n >= 1 else {
                        d.error(at(cell), "`\(cell.text)` is not a source number", hint: "`Source` is the number of the sidecar's source, from 1")
                        continue
                    }
                    if let sourceCount, n > sourceCount {
                        d.error(at(cell), "there is no source \(n): the sidecar lists \(sourceCount)",
                                hint: sourceCount == 0 ? "add the source to the sidecar's `sources:`" : "use a number from 1 to \(sourceCount), or add the source to the sidecar's `sources:`")
                        continue
                    }
                    source = n
                }
            }
            let categories = dimensionColumns.map { row[$0].text.trimmingSpaces() }
            let key = categories.joined(separator: "\u{1F}") + "\u{1E}\(year)"
            if let first = firstLine[key] {
                let which = zip(dimensionColumns.map { names[$0] }, categories).filter { !$0.1.isEmpty }.map { "\($0.0) = \($0.1)" }
                d.error(at(yearCell), "a second value for \(year)" + (which.isEmpty ? " (the total)" : " for " + which.joined(separator: ", ")) + "; the first is on line \(first)",
                        hint: "keep one line per year for each combination of disaggregations")
                continue
            }
            firstLine[key] = yearCell.line
            points.append(Series.Point(year: year, value: value, categories: categories, source: source))
        }
        guard let meta, let unit = meta.unit, !meta.sources.isEmpty else { return nil }
        return Series(place: place, indicator: indicator, path: path, displayPath: shown, unit: unit, title: meta.title, notes: meta.notes,
                      direction: meta.direction, sources: meta.sources, dimensions: dimensionColumns.map { names[$0] }, points: points,
                      fingerprint: Fingerprint.combine([Fingerprint(csv).hex, Fingerprint(sidecar).hex]))
    }

    /// A decimal number as written in a data file: digits, an optional sign and one decimal point.
    static func number(_ text: String) -> Double? {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), body.filter({ $0 == "." }).count <= 1,
              body.first != ".", body.last != ".", let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
