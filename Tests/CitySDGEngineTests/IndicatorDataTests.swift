import Foundation
import Testing
@testable import CitySDGEngine

/// Indicator data (issue 20): the CSV reader, every check of a data file and its sidecar (each an
/// error at file:line:column with a hint), the progress status against Open SDG's method, the
/// pages and open data made from the fixture's data files, and the graph: an edit of one CSV
/// makes its city's page, its indicator's page and the open data again, and nothing else.
@Suite struct IndicatorDataTests {
    // MARK: the CSV reader

    @Test func theReaderFollowsRFC4180WithPositions() throws {
        let table = try CSVTable.parse("Year,Area,Value\n2019,\"Old town, east\",\"1\"\"2\"\n\n2020,,3\n\"a\nb\",x,y")
        #expect(table.rows.count == 4)
        #expect(table.rows[1].map(\.text) == ["2019", "Old town, east", "1\"2"])
        #expect(table.rows[1].map(\.column) == [1, 6, 23])
        #expect(table.rows[2].map(\.text) == ["2020", "", "3"])
        #expect(table.rows[2][0].line == 4)
        #expect(table.rows[3][0].text == "a\nb" && table.rows[3][1].line == 6)
        #expect(try CSVTable.parse("a,b\n").rows.count == 1)
        #expect(try CSVTable.parse("a,\n").rows == [[CSVTable.Cell(text: "a", line: 1, column: 1), CSVTable.Cell(text: "", line: 1, column: 3)]])
    }

    @Test func aBrokenQuoteIsAnErrorWhereItIs() {
        #expect(throws: CSVTable.Problem.self) { try CSVTable.parse("Year,Value\n2019,\"12\n") }
        do {
            _ = try CSVTable.parse("Year,Value\n2019,1\"2\n")
            Issue.record("a stray quote was read")
        } catch {
            #expect(error.line == 2 && error.column == 7)
        }
        do {
            _ = try CSVTable.parse("Year,Value\n2019,\"12\"x\n")
            Issue.record("text after a closing quote was read")
        } catch {
            #expect(error.line == 2 && error.column == 10)
        }
    }

    // MARK: the checks, each with its message, place and hint

    static let sidecar = "unit: \"%\"\nsources:\n  - title: A test source\n    url: https://example.org/s\n"

    func decode(_ csv: String, sidecar: String = sidecar) -> (Series?, [String]) {
        var loader = ContentLoader(root: Repo.fixture, displayRoot: "Content")
        loader.currentYear = 2025
        var d = Diagnostics()
        let series = loader.decodeSeries(csv: Data(csv.utf8), sidecar: Data(sidecar.utf8), path: "data/alpha-town/11-7-1.csv", &d)
        return (series, d.sorted.map { "\($0.location): \($0.severity.rawValue): \($0.message)" + ($0.hint.map { " | " + $0 } ?? "") })
    }

    @Test func aGoodFileIsRead() throws {
        let (series, problems) = decode("Year,Sex,Value,Source\n2018,,10,\n2019,,,\n2019,Female,11.5,1\n2019,Male,-2,\n")
        #expect(problems.isEmpty)
        let s = try #require(series)
        #expect(s.dimensions == ["Sex"] && s.unit == "%" && s.points.count == 3)
        #expect(s.headline.map(\.year) == [2018])
        #expect(s.breakdowns.map(\.label) == ["Sex: Female", "Sex: Male"])
    }

    @Test func eachMistakeIsNamedWhereItIs() {
        let cases: [(String, String, String)] = [
            ("Year,Value\n2019,12 %\n", "Content/data/alpha-town/11-7-1.csv:2:6: error: `12 %` is not a number", "put the unit in the sidecar"),
            ("Year,Value\n2019,\"1,234\"\n", "Content/data/alpha-town/11-7-1.csv:2:6: error: `1,234` is not a number", "without grouping"),
            ("Year,Value\n2019,1\n2019,2\n", "Content/data/alpha-town/11-7-1.csv:3:1: error: a second value for 2019 (the total); the first is on line 2", "one line per year"),
            ("Year,Area,Value\n2019,Urban,1\n2019,Urban,2\n", "Content/data/alpha-town/11-7-1.csv:3:1: error: a second value for 2019 for Area = Urban; the first is on line 2", "combination"),
            ("Year,Value\n2031,1\n", "Content/data/alpha-town/11-7-1.csv:2:1: error: the year 2031 is in the future (it is 2025 now)", "`aim:"),
            ("Year,Value\n19,1\n", "Content/data/alpha-town/11-7-1.csv:2:1: error: `19` is not a year", "four digits"),
            ("Year,Value\n2019,1,2\n", "Content/data/alpha-town/11-7-1.csv:2:8: error: this line has 3 fields; the header has 2", "double quotes"),
            ("Year,Area,Value\n2019,1\n", "Content/data/alpha-town/11-7-1.csv:2:6: error: this line has 2 fields; the header has 3", "empty where there is nothing"),
            ("Year,Value,Source\n2019,1,2\n", "Content/data/alpha-town/11-7-1.csv:2:8: error: there is no source 2: the sidecar lists 1", "from 1 to 1"),
            ("year,Value\n2019,1\n", "Content/data/alpha-town/11-7-1.csv:1:1: error: the header has no `Year` column", "write it `Year`"),
            ("Year,Value,Value\n2019,1,2\n", "Content/data/alpha-town/11-7-1.csv:1:12: error: the column `Value` is named twice (first in column 6)", "its own name"),
            ("Year,Value\n2019,\"1\n", "Content/data/alpha-town/11-7-1.csv:2:6: error: the double quote that opens this field is never closed", "closing"),
        ]
        for (csv, message, hint) in cases {
            let (series, problems) = decode(csv)
            #expect(problems.count == 1, "\(csv): \(problems)")
            #expect(problems.first?.hasPrefix(message + " | ") == true, "\(problems.first ?? "nothing") for \(csv)")
            #expect(problems.first?.contains(hint) == true, "\(problems.first ?? "nothing") lacks “\(hint)”")
            _ = series
        }
    }

    @Test func theSidecarNeedsAUnitAndASource() {
        let csv = "Year,Value\n2019,1\n"
        let (a, noUnit) = decode(csv, sidecar: "sources:\n  - title: T\n    url: https://example.org\n")
        #expect(a == nil)
        #expect(noUnit == ["Content/data/alpha-town/11-7-1.yml:1:1: error: the sidecar does not say the figures' unit | add `unit:` — what the values count, like \"µg/m³\", \"%\" or \"tonnes per day\""])
        let (empty, emptyUnit) = decode(csv, sidecar: "unit: \"\"\nsources:\n  - title: T\n    url: https://example.org\n")
        #expect(empty == nil && emptyUnit.count == 1 && emptyUnit[0].hasPrefix("Content/data/alpha-town/11-7-1.yml:1:1: error: the sidecar does not say the figures' unit"), "\(emptyUnit)")
        let (b, noSource) = decode(csv, sidecar: "unit: \"%\"\n")
        #expect(b == nil)
        #expect(noSource.count == 1 && noSource[0].hasPrefix("Content/data/alpha-town/11-7-1.yml:1:1: error: the sidecar names no source for the figures | add `sources:`"))
        let (_, unknown) = decode(csv, sidecar: Self.sidecar + "colour: red\n")
        #expect(unknown.count == 1 && unknown[0].hasPrefix("Content/data/alpha-town/11-7-1.yml:5:1:") && unknown[0].contains("colour"), "\(unknown)")
    }

    /// Checks that need the whole site: a CSV without its sidecar, a sidecar without its CSV, an
    /// unknown indicator, a folder that is no city or country, a badly named file.
    @Test func theSiteChecksWhatAFileAloneCannotTell() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let data = content.appendingPathComponent("data")
        try Data("Year,Value\n2019,1\n".utf8).write(to: data.appendingPathComponent("alpha-town/11-7-9.csv"))
        try Data(Self.sidecar.utf8).write(to: data.appendingPathComponent("alpha-town/11-7-9.yml"))
        try Data("Year,Value\n2019,1\n".utf8).write(to: data.appendingPathComponent("alpha-town/11-6-1.csv"))
        try Data(Self.sidecar.utf8).write(to: data.appendingPathComponent("alpha-town/11-5-1.yml"))
        try FileManager.default.createDirectory(at: data.appendingPathComponent("alfa-town"), withIntermediateDirectories: true)
        try Data("Year,Value\n2019,1\n".utf8).write(to: data.appendingPathComponent("alfa-town/11-7-1.csv"))
        try Data(Self.sidecar.utf8).write(to: data.appendingPathComponent("alfa-town/11-7-1.yml"))
        try Data("Year,Value\n".utf8).write(to: data.appendingPathComponent("alpha-town/11.7.1.csv"))
        var build = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content")
        build.currentYear = 2025
        let result = build.run()
        #expect(result.failed)
        let shown = result.diagnostics.sorted.filter { $0.location.file.hasPrefix("Content/data/") }.map { "\($0.location): \($0.message) | \($0.hint ?? "")" }
        #expect(shown == [
            "Content/data/alfa-town/11-7-1.csv:1:1: there is no city or country `alfa-town` for this data file | did you mean `data/alpha-town/`?",
            "Content/data/alpha-town/11-5-1.yml:1:1: this sidecar has no data file beside it | put the figures in `11-5-1.csv` in the same folder, or remove the sidecar",
            "Content/data/alpha-town/11-6-1.csv:1:1: the data file has no sidecar: its unit and sources are unknown | add `11-6-1.yml` beside it with `unit:` and `sources:` (title, url, publisher, date)",
            "Content/data/alpha-town/11-7-9.csv:1:1: there is no indicator 11.7.9 | target 11.7's indicators are 11.7.1 (11-7-1.csv), 11.7.2 (11-7-2.csv)",
            "Content/data/alpha-town/11.7.1.csv:1:1: `11.7.1.csv` is not a data file the site reads | name it by its indicator code with dashes: `11-6-2.csv` for indicator 11.6.2, with `11-6-2.yml` beside it",
        ], "\(shown)")
    }

    @Test func aBaselineOrAimNeedsAnIndicatorAndANumber() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let city = content.appendingPathComponent("cities/la/alpha-town.md")
        var text = try String(contentsOf: city, encoding: .utf8)
        text = text.replacingOccurrences(of: "    paraphrased: true\n", with: "    paraphrased: true\n    aim: {year: 2030, value: lots}\n")
        try Data(text.utf8).write(to: city)
        let result = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content").run()
        let messages = result.diagnostics.sorted.map(\.message)
        #expect(messages.contains("`value` must be a number written with digits and a point for decimals, not `lots`"), "\(messages)")
        #expect(messages.contains("`aim` is a value of the expectation's indicator, and it names none"), "\(messages)")
    }

    // MARK: progress, as Open SDG measures it

    func marks(_ pairs: [(Int, Double)]) -> [Mark] { pairs.map { Mark(year: $0.0, value: $0.1) } }

    /// Worked examples of sdg-build's ProgressMeasure: CAGR observed over CAGR required, and fixed rates without a target.
    @Test func progressFollowsOpenSDGsMethod() throws {
        // With an aim: 100 → 90 in five years (−2.085 % a year) against 100 → 50 by 2030 (−4.516 % a year): ratio 0.46, limited.
        let limited = Progress.measure(marks([(2015, 100), (2018, 95), (2020, 90)]), aim: Mark(year: 2030, value: 50))
        #expect(limited.status == .limited)
        #expect(abs(try #require(limited.observed) - (pow(0.9, 0.2) - 1)) < 1e-12)
        #expect(abs(try #require(limited.required) - (pow(0.5, 1.0 / 15) - 1)) < 1e-12)
        #expect(abs(try #require(limited.ratio) - 0.4617) < 1e-3)
        // The same aim, faster: 100 → 70 (−6.9 % a year): ratio ≥ 0.95, substantial.
        #expect(Progress.measure(marks([(2015, 100), (2020, 70)]), aim: Mark(year: 2030, value: 50)).status == .substantial)
        // 100 → 80 in five years: ratio 0.98 → substantial; 100 → 85: 0.71 → moderate.
        #expect(Progress.measure(marks([(2015, 100), (2020, 85)]), aim: Mark(year: 2030, value: 50)).status == .moderate)
        // The wrong way: deterioration; past the aim: target achieved.
        #expect(Progress.measure(marks([(2015, 100), (2020, 110)]), aim: Mark(year: 2030, value: 50)).status == .deterioration)
        #expect(Progress.measure(marks([(2015, 100), (2020, 45)]), aim: Mark(year: 2030, value: 50)).status == .targetAchieved)
        // An aim above the base: increase is desirable.
        #expect(Progress.measure(marks([(2015, 20), (2020, 26)]), aim: Mark(year: 2030, value: 40)).status == .substantial)
        // A baseline from the expectation replaces the data's base year and value.
        let fromBaseline = Progress.measure(marks([(2020, 90)]), baseline: Mark(year: 2015, value: 100), aim: Mark(year: 2030, value: 50))
        #expect(fromBaseline.status == .limited && fromBaseline.base == Mark(year: 2015, value: 100))
        // Without an aim: the observed rate in the desirable direction against 1.5 % and 0.5 % a year.
        #expect(Progress.measure(marks([(2015, 100), (2020, 110)]), direction: .increase).status == .substantial) // +1.92 %
        #expect(Progress.measure(marks([(2015, 100), (2020, 104)]), direction: .increase).status == .moderate) // +0.79 %
        #expect(Progress.measure(marks([(2015, 100), (2020, 101)]), direction: .increase).status == .limited) // +0.2 %
        #expect(Progress.measure(marks([(2015, 100), (2020, 101)]), direction: .decrease).status == .deterioration)
        // The base year is 2015, or the first year after it with a value; earlier years are not used.
        let later = Progress.measure(marks([(2010, 1), (2017, 100), (2020, 110)]), direction: .increase)
        #expect(later.base == Mark(year: 2017, value: 100))
        // Not enough data: one year, none from 2015 on, no direction and no aim.
        #expect(Progress.measure(marks([(2019, 5)]), direction: .increase).status == .notEnoughData)
        #expect(Progress.measure(marks([(2010, 5), (2014, 6)]), direction: .increase).status == .notEnoughData)
        #expect(Progress.measure(marks([(2015, 5), (2020, 6)])).status == .notEnoughData)
    }

    // MARK: pages and open data

    @Test func linesPastEightAreDashed() {
        let lines = (0..<17).map { SeriesChart.Line(label: "L\($0)", points: [Mark(year: 2015, value: 1), Mark(year: 2016, value: 2), Mark(year: 2017, value: 3)]) }
        let chart = SeriesChart.make(id: "c", title: "t", description: "d", unit: "u", lines: lines, number: { "\($0)" }, year: { "\($0)" })
        #expect(chart.lines.map(\.cssClass)[6...9] == ["series-7", "series-8", "series-1 dashed", "series-2 dashed"])
        #expect(chart.lines[16].cssClass == "series-1" && chart.hasLegend)
        #expect(chart.lines.allSatisfy { $0.points != nil && $0.bars.isEmpty })
        let two = SeriesChart.make(id: "c", title: "t", description: "d", unit: "u", lines: [SeriesChart.Line(label: "L", points: [Mark(year: 2015, value: 1), Mark(year: 2019, value: 2)])],
                                   number: { "\($0)" }, year: { "\($0)" })
        #expect(two.lines[0].points == nil && two.lines[0].bars.count == 2 && two.xTicks.map(\.label) == ["2015", "2019"])
    }

    nonisolated(unsafe) static let built: (TemporaryFolder, Build.Result) = {
        let out = TemporaryFolder()
        var build = Build(content: Repo.fixture, themes: Repo.themes, output: out.url, contentDisplay: "Content")
        build.currentYear = 2025
        return (out, build.run())
    }()

    @Test func aCityPageShowsItsFiguresUnderTheExpectation() throws {
        let (out, result) = Self.built
        #expect(!result.failed, "\(result.diagnostics.sorted)")
        let html = try page("cities/alpha-town/index.html", in: out.url)
        // Under expectation 11.7 (indicator 11.7.1, with a baseline and an aim): a line chart, the table, the status.
        let expectation = try #require(html.range(of: "id=\"data-11-7-1\""))
        #expect(html[..<expectation.lowerBound].contains("Every neighbourhood within a short walk"))
        #expect(html.contains("<svg class=\"line-chart\" viewBox=\"0 0 480 280\" role=\"img\" aria-labelledby=\"data-11-7-1-title data-11-7-1-desc\">"))
        #expect(html.contains("<polyline class=\"line\" points=\"58.0,136.0 "))
        #expect(html.contains("<th scope=\"row\">2018</th><td>24.25</td>"))
        #expect(html.contains("Progress: substantial progress</strong> <span class=\"small\">From 2015 to 2020: 5.4 % a year; 4.7 % a year would reach 40 by 2030."))
        #expect(html.contains("<a href=\"https://example.org/alpha/stats\">Alpha Town test statistics</a>"))
        // 11.6.2, which no expectation names, is among the figures, with one small chart per area and the selector's script.
        let figures = try #require(html.range(of: "id=\"figures-heading\""))
        #expect(html[figures.lowerBound...].contains("id=\"data-11-6-2\""))
        #expect(html.contains("data-breakdown=\"Area: Urban\"") && html.contains("data-breakdown=\"Area: Rural\""))
        #expect(html.contains("assets/breakdowns.js"))
        // Two years in a breakdown: bars, not a line.
        let rural = try #require(html.range(of: "data-breakdown=\"Area: Rural\""))
        #expect(html[rural.lowerBound...].prefix(3000).contains("<rect class=\"bar\""))
        #expect(html.contains("<a href=\"https://example.org/alpha/air-2020\">Alpha Town air test 2020</a>"))
    }

    @Test func anIndicatorPageComparesEveryPlaceThatReportsIt() throws {
        let (out, _) = Self.built
        let html = try page("indicators/11-7-1/index.html", in: out.url)
        #expect(html.components(separatedBy: "<polyline class=\"line\"").count == 3, "a line for each city (the chart spans 3+ years)")
        #expect(html.contains("<li><span class=\"swatch series-1\" aria-hidden=\"true\"></span>Alpha Town</li>"))
        #expect(html.contains("<li><span class=\"swatch series-2\" aria-hidden=\"true\"></span>Beta City</li>"))
        #expect(html.contains("<a href=\"../../cities/beta-city/index.html\">Beta City</a>"))
        #expect(html.contains("<td>33 %</td><td>2021</td>"))
        #expect(html.contains("href=\"../../targets/11-7/index.html\""))
        // The target page links to it; an indicator nobody reports says so.
        #expect(try page("targets/11-7/index.html", in: out.url).contains("<a class=\"code\" href=\"../../indicators/11-7-1/index.html\">11.7.1</a>"))
        let none = try page("indicators/11-7-2/index.html", in: out.url)
        #expect(none.contains("No data yet: no city or country of this site reports this indicator."))
        // A national series is named as one.
        #expect(try page("indicators/18-1-1/index.html", in: out.url).contains("Lao PDR (national)"))
        let list = try page("indicators/index.html", in: out.url)
        #expect(list.contains("11.7.1</a>") && list.contains("<td>2 places</td>") && !list.contains("11.7.2</a>"))
    }

    @Test func theOpenDataHoldsEveryValueWithItsUnitAndSource() throws {
        let (out, _) = Self.built
        let csv = try page("data/indicators.csv", in: out.url)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "place,place_kind,place_name,country,indicator,year,area,value,unit,series_title,source_title,source_url")
        #expect(lines.count == 1 + 8 + 6 + 2 + 3)
        #expect(lines.contains("alpha-town,city,Alpha Town,LA,11.6.2,2020,Urban,12,µg/m³,Annual mean PM2.5 at the town's test stations,Alpha Town air test 2020,https://example.org/alpha/air-2020"))
        #expect(lines.contains("la,country,Lao PDR,LA,18.1.1,2018,,80,people,,A made-up national UXO test register,https://example.org/la/uxo"))
        let json = try JSONSerialization.jsonObject(with: Data(page("data/indicators/11-6-2.json", in: out.url).utf8)) as! [String: Any]
        let series = try #require((json["series"] as? [[String: Any]])?.first)
        #expect(series["unit"] as? String == "µg/m³" && (series["values"] as? [Any])?.count == 8)
        #expect(FileManager.default.fileExists(atPath: out.url.appendingPathComponent("data/indicators.schema.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.url.appendingPathComponent("data/indicators/11-7-2.json").path))
    }

    // MARK: the graph

    /// An edit of one CSV makes its city's page, its indicator's page and the open data again, and nothing else.
    @Test func anEditOfOneDataFileRendersOnlyWhatShowsIt() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        func run(_ output: String, state: Bool) -> Build.Result {
            var build = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent(output), contentDisplay: "Content",
                              stateFile: state ? work.url.appendingPathComponent(".citysdg/build-graph") : nil)
            build.currentYear = 2025
            return build.run()
        }
        #expect(!run("site", state: true).failed)
        let csv = content.appendingPathComponent("data/alpha-town/11-7-1.csv")
        try Data((try String(contentsOf: csv, encoding: .utf8)).replacingOccurrences(of: "2020,26", with: "2020,27").utf8).write(to: csv)
        let incremental = run("site", state: true)
        #expect(Set(incremental.explanations.map(\.path)) == ["cities/alpha-town/index.html", "indicators/11-7-1/index.html",
                                                              "data/indicators.csv", "data/indicators/11-7-1.json"],
                "\(incremental.explanations.map(\.path))")
        #expect(incremental.explanations.first?.reasons == ["Content/data/alpha-town/11-7-1.csv or its sidecar changed"])
        // The sidecar is the same input.
        let sidecar = content.appendingPathComponent("data/alpha-town/11-7-1.yml")
        try Data((try String(contentsOf: sidecar, encoding: .utf8) + "notes: A test note.\n").utf8).write(to: sidecar)
        #expect(run("site", state: true).rendered == 4)
        _ = run("clean", state: false)
        let a = snapshot(work.url.appendingPathComponent("site")), b = snapshot(work.url.appendingPathComponent("clean"))
        #expect(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.isEmpty)
        #expect(try page("site/cities/alpha-town/index.html", in: work.url).contains("A test note."))
    }
}
