import Foundation

/// The open data: the resolved model as JSON (every city and project, and one file per item),
/// expectations and projects as CSV (RFC 4180), and a JSON Schema for each JSON dataset. The same
/// values the pages show, from the same reader: official target titles, resolved names, sources.
enum OpenData {
    static let citiesPath = "data/cities.json"
    static let projectsPath = "data/projects.json"
    static let expectationsCSV = "data/expectations.csv"
    static let projectsCSV = "data/projects.csv"
    static func cityPath(_ slug: Slug) -> String { "data/cities/\(slug).json" }
    static func projectPath(_ slug: Slug) -> String { "data/projects/\(slug).json" }
    static let indicatorsCSV = "data/indicators.csv"
    static func indicatorPath(_ code: IndicatorCode) -> String { "data/indicators/\(code.slug).json" }

    // MARK: the model as JSON values

    static func sources(_ list: [Source]) -> [JSONText.Object] {
        list.enumerated().map { i, s in
            record(["number": i + 1, "title": s.title, "url": s.url, "publisher": s.publisher, "date": s.date?.description])
        }
    }

    /// Drops the keys whose value is nil, so a field the content leaves empty is absent.
    static func compact(_ values: [String: Any?]) -> [String: Any] { values.compactMapValues { $0 } }

    /// A record of the open data, its fields sorted once; a nil field is absent, as with `compact`.
    static func record(_ fields: KeyValuePairs<String, Any?>) -> JSONText.Object { JSONText.Object(fields) }

    static func city(_ city: City, _ c: PageContext) -> JSONText.Object {
        let catalogue = c.read.catalogue
        let base = SitemapFile.baseURL(c.read.config)
        return record([
            "slug": city.slug.value, "title": city.title, "url": base + Route.pretty(CityPage.path(city.slug)),
            "country": ["code": city.country.value.value, "name": c.countryName(city.country.value)],
            "coordinates": city.coordinates.map { ["latitude": $0.latitude, "longitude": $0.longitude] },
            "population": city.population.map { record(["value": $0.value, "year": $0.year, "source": $0.source, "note": $0.note]) },
            "programmes": city.programmes.map(\.value.value),
            "goals": record(["kind": city.priorityKind.rawValue, "numbers": city.prioritySDGs.map(\.value.value),
                              "note": city.priorityNote, "source": city.prioritySource]),
            "expectations": city.expectations.map { e in
                record(["target": e.target.value.description, "official_title": catalogue.target(e.target.value)?.title,
                         "expectation": e.text, "paraphrased": e.paraphrased, "stage": e.stage?.rawValue,
                         "indicator": e.indicator?.value.description, "note": e.note, "source": e.source])
            },
            "projects": c.read.projects(.projectsOf(city.slug)).map(\.slug.value),
            "summary": city.summary, "updated": city.updated?.description, "sources": sources(city.sources),
        ])
    }

    static func project(_ project: Project, _ c: PageContext) -> JSONText.Object {
        let catalogue = c.read.catalogue
        let base = SitemapFile.baseURL(c.read.config)
        let city = c.read.city(project.city.value)
        return record([
            "slug": project.slug.value, "title": project.title, "url": base + Route.pretty(ProjectPage.path(project.slug)),
            "city": project.city.value.value, "country": city.map { $0.country.value.value },
            "targets": project.targets.map(\.value).sorted().map { code in record(["code": code.description, "official_title": catalogue.target(code)?.title]) },
            "goals": Site.goals(of: project).map(\.value), "alignment": project.alignment?.rawValue,
            "status": project.status?.rawValue, "start": project.start?.description, "end": project.end?.description,
            "partners": project.partners, "programme": project.programme?.value.value,
            "funding": project.funding.map { record(["amount": $0.amount, "currency": $0.currency, "note": $0.note]) },
            "summary": project.summary, "updated": project.updated?.description, "sources": sources(project.sources),
        ])
    }

    static func json(_ value: Any, reserving: Int = 0) -> Data { JSONText.file(value, reserving: reserving) }

    /// An item of a dataset as a kept piece (`PageContext.piece`), written at the depth of the dataset's list.
    static func entry(_ name: String, _ slug: Slug, _ c: PageContext, _ value: @escaping (Slug, PageContext) -> JSONText.Object) -> JSONText.Raw {
        JSONText.Raw(c.piece(name, slug.value) { JSONText.write(value(slug, $0), pretty: true, indent: 2) })
    }

    /// The dataset's envelope: what it is, its licence and where it comes from.
    static func dataset(_ key: String, _ items: [JSONText.Raw], _ c: inout PageContext) -> Data {
        let config = c.read.config
        return c.json(compact(["title": config.title, "licence": config.licence, "source": SitemapFile.baseURL(config),
                               "schema": SitemapFile.baseURL(config) + "data/\(key).schema.json", key: items as [Any]]),
                      reserving: items.reduce(0) { $0 + $1.text.utf8.count + 8 })
    }

    // MARK: CSV (RFC 4180: CRLF, fields with a comma, quote or line break in quotes, quotes doubled)

    /// Lines of a table, each ended by CRLF, as text (a kept piece of a larger table).
    static func lines(_ rows: [[String]]) -> String {
        var out: [UInt8] = []
        for row in rows { append(row, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A table joined from its header and its pieces (`lines`).
    static func table(header: [String], _ pieces: [Piece], _ c: inout PageContext) -> Data {
        let first = lines([header])
        return c.joined([.text(first)] + pieces.map { .piece($0) }, reserving: pieces.reduce(first.utf8.count) { $0 + $1.text.utf8.count })
    }

    private static func append(_ row: [String], to out: inout [UInt8]) {
        for (i, text) in row.enumerated() {
            if i > 0 { out.append(0x2C) }
            append(text, to: &out)
        }
        out.append(0x0D); out.append(0x0A)
    }

    static func field(_ text: String) -> String {
        var out: [UInt8] = []
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One field, byte by byte: in quotes (its quotes doubled) when it holds a comma, a quote or a line break.
    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(0x22)
            for byte in bytes {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        }
    }

    // MARK: the page kinds

    // The whole-site files are joined from kept pieces, one per item (or per item's rows), each
    // made from the item's key through a reader of its own.

    static let cities = PageKind<Void>(name: "data-cities", listed: false, keys: { _, _ in [()] }, path: { _ in citiesPath }) { _, c in
        .file(dataset("cities", c.read.slugs(.cities).map { entry("data-city-entry", $0, c) { city($1.read.city($0)!, $1) } }, &c))
    }

    static let projects = PageKind<Void>(name: "data-projects", listed: false, keys: { _, _ in [()] }, path: { _ in projectsPath }) { _, c in
        .file(dataset("projects", c.read.slugs(.projects).map { entry("data-project-entry", $0, c) { project($1.read.project($0)!, $1) } }, &c))
    }

    static let cityFile = PageKind<Slug>(name: "data-city", listed: false, keys: { site, _ in site.cities.map(\.slug) }, path: cityPath) { slug, c in
        .file(json(city(c.read.city(slug)!, c)))
    }

    static let projectFile = PageKind<Slug>(name: "data-project", listed: false, keys: { site, _ in site.projects.map(\.slug) }, path: projectPath) { slug, c in
        .file(json(project(c.read.project(slug)!, c)))
    }

    static let expectations = PageKind<Void>(name: "data-expectations-csv", listed: false, keys: { _, _ in [()] }, path: { _ in expectationsCSV }) { _, c in
        .file(table(header: ["city", "city_title", "country", "target", "official_title", "expectation", "paraphrased", "stage", "indicator", "note", "source_title", "source_url"],
                    c.read.slugs(.cities).map { slug in c.piece("data-expectations-rows", slug.value) { expectationRows(slug, $0) } }, &c))
    }

    /// A city's lines of expectations.csv (none when it has no expectation).
    static func expectationRows(_ slug: Slug, _ c: PageContext) -> String {
        let city = c.read.city(slug)!
        guard !city.expectations.isEmpty else { return "" }
        let catalogue = c.read.catalogue
        return lines(city.expectations.map { e in
            let source = e.source.flatMap { $0 <= city.sources.count ? city.sources[$0 - 1] : nil }
            return [city.slug.value, city.title, city.country.value.value, e.target.value.description,
                    catalogue.target(e.target.value)?.title ?? "", e.text ?? "", e.paraphrased ? "true" : "false",
                    e.stage?.rawValue ?? "", e.indicator?.value.description ?? "", e.note ?? "", source?.title ?? "", source?.url ?? ""]
        })
    }

    static let projectsTable = PageKind<Void>(name: "data-projects-csv", listed: false, keys: { _, _ in [()] }, path: { _ in projectsCSV }) { _, c in
        .file(table(header: ["project", "title", "city", "country", "status", "start", "end", "targets", "goals", "alignment", "programme",
                             "partners", "funding_amount", "funding_currency", "url"],
                    c.read.slugs(.projects).map { slug in c.piece("data-project-row", slug.value) { projectRow(slug, $0) } }, &c))
    }

    /// A project's line of projects.csv.
    static func projectRow(_ slug: Slug, _ c: PageContext) -> String {
        let p = c.read.project(slug)!
        let base = SitemapFile.baseURL(c.read.config)
        let city = c.read.city(p.city.value)
        return lines([[p.slug.value, p.title, p.city.value.value, city?.country.value.value ?? "", p.status?.rawValue ?? "",
                       p.start?.description ?? "", p.end?.description ?? "", p.targets.map(\.value).sorted().map(\.description).joined(separator: " "),
                       Site.goals(of: p).map(\.description).joined(separator: " "), p.alignment?.rawValue ?? "",
                       p.programme?.value.value ?? "", p.partners.joined(separator: "; "), p.funding?.amount.map { Format.amount($0).replacingEvery(",", with: "") } ?? "",
                       p.funding?.currency ?? "", base + Route.pretty(ProjectPage.path(p.slug))]])
    }

    static let citiesSchema = PageKind<Void>(name: "data-cities-schema", listed: false, keys: { _, _ in [()] }, path: { _ in "data/cities.schema.json" }) { _, c in
        .file(json(DataSchema.dataset("cities", item: DataSchema.city(c.read.catalogue))))
    }

    static let projectsSchema = PageKind<Void>(name: "data-projects-schema", listed: false, keys: { _, _ in [()] }, path: { _ in "data/projects.schema.json" }) { _, c in
        .file(json(DataSchema.dataset("projects", item: DataSchema.project(c.read.catalogue))))
    }

    static let kinds: [any RouteSource] = [cities, projects, cityFile, projectFile, expectations, projectsTable, citiesSchema, projectsSchema,
                                           IndicatorData.table, IndicatorData.file, IndicatorData.schema]
}

/// JSON Schemas (draft 2020-12) of the datasets: each file of `data/cities/` is one `city`, each
/// of `data/projects/` one `project`, and `cities.json` / `projects.json` hold a list of them.
enum DataSchema {
    static var text: [String: Any] { ["type": "string"] }
    static var date: [String: Any] { ["type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"] }
    static var integer: [String: Any] { ["type": "integer", "minimum": 0] }

    static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required, "additionalProperties": false]
    }

    static var source: [String: Any] {
        object(["number": integer, "title": text, "url": ["type": "string", "format": "uri"], "publisher": text, "date": date],
               required: ["number", "title"])
    }

    static func city(_ catalogue: Catalogue) -> [String: Any] {
        let targets = catalogue.targets.map(\.code.description)
        return object([
            "slug": ["type": "string", "pattern": Slug.schemaPattern], "title": text, "url": ["type": "string", "format": "uri"],
            "country": object(["code": ["type": "string", "pattern": "^[A-Z]{2}$"], "name": text], required: ["code", "name"]),
            "coordinates": object(["latitude": ["type": "number", "minimum": -90, "maximum": 90], "longitude": ["type": "number", "minimum": -180, "maximum": 180]],
                                  required: ["latitude", "longitude"]),
            "population": object(["value": integer, "year": integer, "source": integer, "note": text], required: ["value"]),
            "programmes": ["type": "array", "items": text],
            "goals": object(["kind": ["enum": PriorityKind.allCases.map(\.rawValue)], "numbers": ["type": "array", "items": ["enum": catalogue.goals.map(\.number.value)]],
                             "note": text, "source": integer], required: ["kind", "numbers"]),
            "expectations": ["type": "array", "items": object([
                "target": ["enum": targets], "official_title": text, "expectation": text, "paraphrased": ["type": "boolean"],
                "stage": ["enum": Stage.allCases.map(\.rawValue)], "indicator": text, "note": text, "source": integer,
            ], required: ["target", "official_title", "paraphrased"])],
            "projects": ["type": "array", "items": text], "summary": text, "updated": date,
            "sources": ["type": "array", "items": source],
        ], required: ["slug", "title", "url", "country", "programmes", "goals", "expectations", "projects", "sources"])
    }

    static func project(_ catalogue: Catalogue) -> [String: Any] {
        object([
            "slug": ["type": "string", "pattern": Slug.schemaPattern], "title": text, "url": ["type": "string", "format": "uri"],
            "city": text, "country": ["type": "string", "pattern": "^[A-Z]{2}$"],
            "targets": ["type": "array", "items": object(["code": ["enum": catalogue.targets.map(\.code.description)], "official_title": text],
                                                         required: ["code", "official_title"])],
            "goals": ["type": "array", "items": ["enum": catalogue.goals.map(\.number.value)]],
            "alignment": ["enum": Alignment.allCases.map(\.rawValue)], "status": ["enum": ProjectStatus.allCases.map(\.rawValue)],
            "start": date, "end": date, "partners": ["type": "array", "items": text], "programme": text,
            "funding": object(["amount": ["type": "number", "minimum": 0], "currency": text, "note": text], required: []),
            "summary": text, "updated": date, "sources": ["type": "array", "items": source],
        ], required: ["slug", "title", "url", "city", "targets", "goals", "partners", "sources"])
    }

    static func dataset(_ key: String, item: [String: Any]) -> [String: Any] {
        var schema = object(["title": text, "licence": text, "source": text, "schema": text, key: ["type": "array", "items": ["$ref": "#/$defs/item"]]],
                            required: ["title", "source", key])
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$defs"] = ["item": item]
        schema["description"] = "CitySDG open data: \(key), as the site's pages show them. Each file of data/\(key)/ is one item (#/$defs/item)."
        return schema
    }
}
