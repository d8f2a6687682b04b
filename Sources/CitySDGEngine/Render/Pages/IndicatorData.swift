import Foundation

/// The indicator data as open data: `data/indicators.csv` (tidy: one value a line, every city and
/// country, with its unit and source), one JSON file per indicator that has data (the figures its
/// page shows), and the JSON Schema of those files.
enum IndicatorData {
    static let schemaPath = "data/indicators.schema.json"

    /// A place's kind and name: a city's title, or a country's name.
    static func place(_ s: Series, _ c: PageContext) -> (kind: String, name: String, country: String) {
        if let slug = Slug(text: s.place), let city = c.read.city(slug) { return ("city", city.title, city.country.value.value) }
        let code = CountryCode(text: s.place.uppercased())!
        return ("country", c.countryName(code), code.value)
    }

    static let table = PageKind<Void>(name: "data-indicators-csv", listed: false, keys: { _, _ in [()] }, path: { _ in OpenData.indicatorsCSV }) { _, c in
        let indicators = c.read.catalogue.targets.flatMap(\.indicators)
        let series = indicators.map { c.read.series(.seriesFor($0.code)) }
        let dimensions = Array(Set(series.joined().flatMap(\.dimensions))).sorted()
        // Each data file's lines are a kept piece; its columns follow every file's dimensions.
        let columns = dimensions.joined(separator: "\u{0}")
        let pieces = zip(indicators, series).flatMap { indicator, series in
            series.map { s in c.piece("data-indicator-rows", s.path + "\u{0}" + columns) { rows($0.read.series(at: s.path)!, indicator.code, dimensions, $0) } }
        }
        return .file(OpenData.table(header: ["place", "place_kind", "place_name", "country", "indicator", "year"] + dimensions.map { $0.lowercased() }
                                        + ["value", "unit", "series_title", "source_title", "source_url"], pieces, &c))
    }

    /// A data file's lines of indicators.csv, a column for each of `dimensions`.
    static func rows(_ s: Series, _ code: IndicatorCode, _ dimensions: [String], _ c: PageContext) -> String {
        let p = place(s, c)
        return OpenData.lines(s.points.map { point in
            let byName = Dictionary(zip(s.dimensions, point.categories), uniquingKeysWith: { a, _ in a })
            let source = s.sources[point.source - 1]
            return [s.place, p.kind, p.name, p.country, code.description, String(point.year)]
                + dimensions.map { byName[$0] ?? "" }
                + [Format.decimal(point.value, 3).filter { $0 != "," }, s.unit, s.title ?? "", source.title, source.url ?? ""]
        })
    }

    static func seriesJSON(_ s: Series, _ c: PageContext) -> JSONText.Object {
        let p = place(s, c)
        return OpenData.record([
            "place": s.place, "place_kind": p.kind, "place_name": p.name, "country": p.country, "unit": s.unit, "title": s.title,
            "notes": s.notes, "direction": s.direction?.rawValue, "dimensions": s.dimensions,
            "values": s.points.map { point in
                OpenData.record(["year": point.year, "value": point.value, "source": point.source,
                                  "categories": s.dimensions.isEmpty ? nil : Dictionary(zip(s.dimensions, point.categories).filter { !$0.1.isEmpty }, uniquingKeysWith: { a, _ in a })])
            },
            "sources": OpenData.sources(s.sources),
        ])
    }

    static let file = PageKind<IndicatorCode>(name: "data-indicator", listed: false,
                                              keys: { site, _ in site.seriesByIndicator.keys.sorted() }, path: OpenData.indicatorPath) { code, c in
        let config = c.read.config
        let base = SitemapFile.baseURL(config)
        let indicator = c.read.catalogue.indicator(code)
        return .file(c.json(OpenData.compact([
            "indicator": code.description, "title": indicator?.title, "url": base + Route.pretty(IndicatorPage.path(code)),
            "licence": config.licence, "schema": base + schemaPath,
            "series": c.read.series(.seriesFor(code)).map { s in
                JSONText.Raw(c.piece("data-indicator-entry", s.path) { JSONText.write(seriesJSON($0.read.series(at: s.path)!, $0), pretty: true, indent: 2) })
            },
        ])))
    }

    static let schema = PageKind<Void>(name: "data-indicators-schema", listed: false, keys: { _, _ in [()] }, path: { _ in schemaPath }) { _, c in
        .file(OpenData.json(jsonSchema(c.read.catalogue)))
    }

    /// The schema of each file of data/indicators/.
    static func jsonSchema(_ catalogue: Catalogue) -> [String: Any] {
        let text = DataSchema.text
        let series = DataSchema.object([
            "place": ["type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"], "place_kind": ["enum": ["city", "country"]], "place_name": text,
            "country": ["type": "string", "pattern": "^[A-Z]{2}$"], "unit": text, "title": text, "notes": text,
            "direction": ["enum": Series.Direction.allCases.map(\.rawValue)], "dimensions": ["type": "array", "items": text],
            "values": ["type": "array", "items": DataSchema.object([
                "year": ["type": "integer", "minimum": 1800, "maximum": 2200], "value": ["type": "number"], "source": ["type": "integer", "minimum": 1],
                "categories": ["type": "object", "additionalProperties": text],
            ], required: ["year", "value", "source"])],
            "sources": ["type": "array", "items": DataSchema.source, "minItems": 1],
        ], required: ["place", "place_kind", "place_name", "country", "unit", "dimensions", "values", "sources"])
        var schema = DataSchema.object([
            "indicator": ["enum": catalogue.targets.flatMap(\.indicators).map(\.code.description)], "title": text,
            "url": ["type": "string", "format": "uri"], "licence": text, "schema": text,
            "series": ["type": "array", "items": series],
        ], required: ["indicator", "title", "url", "series"])
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["description"] = "CitySDG open data: one indicator's figures for every city and country that reports it (each file of data/indicators/)."
        return schema
    }
}
