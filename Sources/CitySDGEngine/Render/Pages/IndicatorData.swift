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
        let dimensions = Array(Set(c.read.catalogue.targets.flatMap(\.indicators).flatMap { c.read.series(.seriesFor($0.code)).flatMap(\.dimensions) })).sorted()
        var rows = [["place", "place_kind", "place_name", "country", "indicator", "year"] + dimensions.map { $0.lowercased() }
                    + ["value", "unit", "series_title", "source_title", "source_url"]]
        for indicator in c.read.catalogue.targets.flatMap(\.indicators) {
            for s in c.read.series(.seriesFor(indicator.code)) {
                let p = place(s, c)
                for point in s.points {
                    let byName = Dictionary(zip(s.dimensions, point.categories), uniquingKeysWith: { a, _ in a })
                    let source = s.sources[point.source - 1]
                    rows.append([s.place, p.kind, p.name, p.country, indicator.code.description, String(point.year)]
                                + dimensions.map { byName[$0] ?? "" }
                                + [Format.decimal(point.value, 3).filter { $0 != "," }, s.unit, s.title ?? "", source.title, source.url ?? ""])
                }
            }
        }
        return .file(OpenData.csv(rows))
    }

    static func seriesJSON(_ s: Series, _ c: PageContext) -> [String: Any] {
        let p = place(s, c)
        return OpenData.compact([
            "place": s.place, "place_kind": p.kind, "place_name": p.name, "country": p.country, "unit": s.unit, "title": s.title,
            "notes": s.notes, "direction": s.direction?.rawValue, "dimensions": s.dimensions,
            "values": s.points.map { point in
                OpenData.compact(["year": point.year, "value": point.value, "source": point.source,
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
        return .file(OpenData.json(OpenData.compact([
            "indicator": code.description, "title": indicator?.title, "url": base + Route.pretty(IndicatorPage.path(code)),
            "licence": config.licence, "schema": base + schemaPath,
            "series": c.read.series(.seriesFor(code)).map { seriesJSON($0, c) },
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
