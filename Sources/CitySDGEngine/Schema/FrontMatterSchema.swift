import Foundation

/// The front-matter contract, written once: the loader's list of known fields and the JSON Schema
/// that editors use for completion and checking both come from here.
public enum FrontMatterSchema {
    public indirect enum FieldType: Sendable {
        case text, integer, number, boolean
        /// A number that may be negative or have decimals: 35.2, -1.5.
        case decimal
        case date, url, countryCode, slug, goal, targetCode, indicatorCode
        /// A year between 1800 and 2200.
        case year
        /// The (1-based) number of a source in `sources:`.
        case sourceNumber
        case choice([String])
        case list(FieldType)
        case object([Field])
        case coordinates
        /// A name for each language code, and `source`: a source number.
        case names
    }

    public struct Field: Sendable {
        public var name: String
        public var type: FieldType
        public var required: Bool
        public var help: String
        /// A value as an editor writes it in YAML, for `citysdg new`'s commented lines.
        public var example: String?

        init(_ name: String, _ type: FieldType, required: Bool = false, _ help: String, example: String? = nil) {
            self.name = name
            self.type = type
            self.required = required
            self.help = help
            self.example = example
        }
    }

    static let source: [Field] = [
        Field("title", .text, required: true, "The document's title."),
        Field("url", .url, "Where it can be read."),
        Field("publisher", .text, "Who published it."),
        Field("date", .date, "When it was published: YYYY, YYYY-MM or YYYY-MM-DD."),
        Field("number", .text, "For a document with no web address: its number or symbol, like A/RES/70/1 or a report's number."),
        Field("isbn", .text, "For a book with no web address: its ISBN."),
        Field("archive", .text, "For a document with no web address: the archive or library that keeps a copy, and its reference there."),
    ]
    static let sources = Field("sources", .list(.object(source)), "The documents the facts on this page come from, numbered from 1.")
    static let sourceIndex = "The number of the source, in the order of `sources:` (from 1)."

    public static let expectation: [Field] = [
        Field("target", .targetCode, required: true, "The SDG target, quoted: \"11.7\"."),
        Field("expectation", .text, "The city's own wording of the target. Leave it out if the source gives none."),
        Field("stage", .choice(Stage.allCases.map(\.rawValue)), "Where it stands in the Plan-Do-Check-Act cycle."),
        Field("indicator", .indicatorCode, "An indicator of the target, quoted: \"11.7.1\"."),
        Field("note", .text, "Anything a reader should know about it."),
        Field("source", .sourceNumber, sourceIndex),
        Field("paraphrased", .boolean, "true when `expectation` sums up the source's wording instead of quoting it."),
        Field("baseline", .object(mark), "Where the indicator stood when the expectation was set, as a source gives it: {year: 2015, value: 35.2}."),
        Field("aim", .object(mark), "The value the city aims to reach for the indicator, and by when, as a source gives it: {year: 2030, value: 25}."),
    ]

    /// A value in a year: an expectation's baseline or aim.
    static let mark: [Field] = [
        Field("year", .year, required: true, "The year."),
        Field("value", .decimal, required: true, "The value, in the unit of the indicator's data file."),
    ]

    /// The sidecar beside a data file (`data/<city>/11-6-2.yml` beside `11-6-2.csv`): what the figures measure and where they come from.
    public static let series: [Field] = [
        Field("unit", .text, required: true, "What the values count: \"µg/m³\", \"%\", \"tonnes per day\"."),
        Field("title", .text, "What the series measures, when it is narrower than the indicator."),
        Field("sources", .list(.object(source)), required: true, "The documents the figures come from, numbered from 1 (a row's `Source` column names one; 1 by default)."),
        Field("notes", .text, "Anything a reader should know about the figures: definitions, breaks in the series."),
        Field("direction", .choice(Series.Direction.allCases.map(\.rawValue)),
              "Which way the figures should go (increase or decrease), for the progress status when no aim says so."),
    ]

    public static let city: [Field] = [
        Field("title", .text, required: true, "The city's name."),
        Field("country", .countryCode, required: true, "ISO 3166-1 alpha-2 code in capitals; a file countries/<code>.md must exist."),
        Field("coordinates", .coordinates, "[latitude, longitude] in decimal degrees.", example: "[19.8933, 102.1525]"),
        Field("population", .object([Field("value", .integer, required: true, "The number of people."),
                                     Field("year", .year, "The year of the count."),
                                     Field("source", .sourceNumber, sourceIndex),
                                     Field("note", .text, "What the figure covers, or how it was published.")]),
              "The population, with its year and source.", example: "{value: 90313, year: 2015, source: 1}"),
        Field("programmes", .list(.slug), "Programmes the city takes part in: file names in programmes/.", example: "[ascn]"),
        Field("priority_sdgs", .list(.goal), "The goals the city has made its priorities, as a source states them.", example: "[11]"),
        Field("priority_kind", .choice(PriorityKind.allCases.map(\.rawValue)),
              "stated: a source calls them the city's priorities; reviewed: the goals a Voluntary Local Review covers.", example: "stated"),
        Field("priority_note", .text, "Why these goals, in a sentence.", example: "Chosen in the city's 2024 review."),
        Field("priority_source", .sourceNumber, sourceIndex, example: "1"),
        Field("expectations", .list(.object(expectation)), "The city's local reading of SDG targets.",
              example: "\n  - target: \"11.7\"\n    expectation: The city's own wording of the target.\n    stage: plan\n    source: 1"
                  + "\n    indicator: \"11.7.1\"\n    baseline: {year: 2015, value: 20}\n    aim: {year: 2030, value: 40}"),
        Field("summary", .text, "One or two sentences shown on cards and in search results.", example: "One or two sentences about the city."),
        Field("names", .names, "The city's name in the script of other languages, by language code, with the number of the source that gives them (GeoNames, say).",
              example: "{lo: \"the name as Lao writes it\", source: 1}"),
        sources,
        Field("updated", .date, "When the profile was last checked against its sources.", example: "2025-06-30"),
    ]

    public static let project: [Field] = [
        Field("title", .text, required: true, "The project's name."),
        Field("city", .slug, required: true, "The city's file name, without .md."),
        Field("targets", .list(.targetCode), "SDG targets the project serves, quoted.", example: "[\"11.7\"]"),
        Field("goals", .list(.goal), "Goals the project serves, only where a source names goals and no target.", example: "[11]"),
        Field("alignment", .choice(Alignment.allCases.map(\.rawValue)), "stated: a source names the targets; interpreted: an editor's reading.",
              example: "stated"),
        Field("status", .choice(ProjectStatus.allCases.map(\.rawValue)), "Where the project stands: planned, ongoing or completed.",
              example: "ongoing"),
        Field("start", .date, "When it started.", example: "2023-12-01"),
        Field("end", .date, "When it ended or is planned to end.", example: "2031-12-31"),
        Field("partners", .list(.text), "Organisations that carry it out or pay for it.", example: "[Asian Development Bank]"),
        Field("funding", .object([Field("amount", .number, "The amount, in digits."),
                                  Field("currency", .text, "ISO 4217 code, like USD."),
                                  Field("note", .text, "How the amount is made up.")]), "Its budget.",
              example: "{amount: 45000000, currency: USD}"),
        Field("programme", .slug, "The programme it belongs to: a file name in programmes/.", example: "ascn"),
        Field("model", .boolean, "true only when a source calls it a model project; the site calls it a project otherwise. Name the source in `model_source`.",
              example: "true"),
        Field("model_source", .sourceNumber, "The number of the source that calls it a model project, in the order of `sources:` (from 1).",
              example: "1"),
        Field("summary", .text, "One or two sentences shown on cards.", example: "One or two sentences about the project."),
        sources,
        Field("updated", .date, "When the page was last checked against its sources.", example: "2025-06-30"),
    ]

    public static let country: [Field] = [
        Field("title", .text, required: true, "The country's name."),
        Field("member_since", .date, "When it joined."),
        Field("summary", .text, "One or two sentences."),
        sources,
    ]

    public static let programme: [Field] = [
        Field("title", .text, required: true, "The programme's name."),
        Field("short_name", .text, "Its abbreviation, like ASCN."),
        Field("summary", .text, "One or two sentences."),
        Field("start", .date, "When it started."),
        Field("end", .date, "When it ended."),
        Field("funders", .list(.text), "Who pays for it."),
        Field("implementers", .list(.text), "Who runs it."),
        Field("focus_areas", .list(.text), "Its focus areas."),
        Field("focus_sdgs", .list(.goal), "The goals it focuses on."),
        Field("website", .url, "Its web site."),
        sources,
    ]

    public static let page: [Field] = [
        Field("title", .text, required: true, "The page's title."),
        Field("summary", .text, "One or two sentences under the title."),
        Field("order", .integer, "Its place in the navigation (lower first)."),
        Field("coverage", .boolean, "true to show, after the text, what the content holds: how many cities have priority goals, expectations, how many projects are linked to targets (as the home page does)."),
    ]

    public static let translationExpectation: [Field] = [
        Field("target", .targetCode, required: true, "The target of one of the original's expectations, quoted: \"11.7\"."),
        Field("expectation", .text, required: true, "The city's wording of the target in this language."),
    ]

    /// A translation beside its original (`luang-prabang.lo.md`): the words only; the facts stay in the original.
    public static let translation: [Field] = [
        Field("title", .text, "The title in this language (the original's is shown when it is left out)."),
        Field("summary", .text, "The summary in this language."),
        Field("expectations", .list(.object(translationExpectation)), "The wording of the original's expectations in this language."),
        Field("translated_by", .text, "Who translated it, or the published translation it is taken from."),
        Field("original_updated", .date, "The original's `updated:` this translation follows; once the original's is later, the translation is marked out of date."),
        Field("original_fingerprint", .text, "The original's text when it was translated, as `citysdg new translation` writes it; once the original's text changes, the translation is marked out of date."),
    ]

    /// A JSON Schema (draft 2020-12) for one kind of file's front matter, for a site whose
    /// catalogue (with its national goals) is `catalogue`: goal numbers, target and indicator codes
    /// are the ones the site has, so the schema and `citysdg check` agree on them.
    public static func jsonSchema(kind: String, fields: [Field], catalogue: Catalogue = .bundled) -> [String: Any] {
        var schema = Builder(catalogue: catalogue).object(fields)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "CitySDG front matter: \(kind)"
        return schema
    }

    /// The schema of every kind for the site in `content` (its site.yml's national goals are goals
    /// too), as JSON text by kind name.
    public static func schemas(forContent content: URL) -> [(name: String, json: String)] {
        var d = Diagnostics()
        let config = ContentLoader(root: content).loadConfig(&d)
        let catalogue = Catalogue.bundled.adding(config.nationalGoals)
        return kinds.map { ($0.name, json(jsonSchema(kind: $0.name, fields: $0.fields, catalogue: catalogue))) }
    }

    /// Every kind, keyed by the folder its files live in.
    public static let kinds: [(name: String, folder: String, fields: [Field])] = [
        ("city", "cities", city), ("project", "projects", project), ("country", "countries", country),
        ("programme", "programmes", programme), ("page", "pages", page), ("translation", "", translation),
        ("series", "data", series),
    ]

    public static func json(_ value: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// YAML reads what the tool reads as written: a whole number may be quoted or grouped
    /// (`"90,000"`), a target code unquoted (`11.6`, a number to YAML).
    private struct Builder {
        let catalogue: Catalogue

        func object(_ fields: [Field]) -> [String: Any] {
            var properties: [String: Any] = [:]
            for field in fields {
                var property = schema(for: field.type)
                property["description"] = field.help
                properties[field.name] = property
            }
            return ["type": "object", "properties": properties, "additionalProperties": false,
                    "required": fields.filter(\.required).map(\.name)]
        }

        /// An integer as YAML gives it, or as text the tool reads as one.
        private func whole(minimum: Int, maximum: Int? = nil) -> [String: Any] {
            var number: [String: Any] = ["type": "integer", "minimum": minimum]
            if let maximum { number["maximum"] = maximum }
            return ["anyOf": [number, ["type": "string", "pattern": minimum > 0 ? "^[1-9][0-9_,]*$" : "^(0|[1-9][0-9_,]*)$"]]]
        }

        /// Codes as strings, and those YAML would read as numbers (`11.6`) as numbers too.
        private func codes(_ codes: [String]) -> [String: Any] {
            let numbers = codes.compactMap { code -> Double? in
                guard code.allSatisfy({ $0.isNumber || $0 == "." }), code.filter({ $0 == "." }).count == 1 else { return nil }
                return Double(code)
            }
            return ["anyOf": [["type": "string", "enum": codes], ["type": "number", "enum": Array(Set(numbers)).sorted()]]]
        }

        func schema(for type: FieldType) -> [String: Any] {
            switch type {
            case .text: return ["type": ["string", "number", "boolean"]]
            case .integer: return whole(minimum: 0)
            case .year: return whole(minimum: 1800, maximum: 2200)
            case .sourceNumber: return whole(minimum: 1)
            case .decimal: return ["anyOf": [["type": "number"], ["type": "string", "pattern": "^[-+]?[0-9]+(\\.[0-9]+)?$"]]]
            case .number: return ["anyOf": [["type": "number", "minimum": 0], ["type": "string", "pattern": "^[0-9_]+(\\.[0-9]+)?$"]]]
            case .boolean: return ["type": "boolean"]
            case .date: return ["anyOf": [["type": "integer", "minimum": 1000, "maximum": 9999], ["type": "string", "pattern": FrontMatterSchema.datePattern]]]
            case .url: return ["type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]*$"]
            case .countryCode: return ["type": "string", "pattern": "^[A-Z]{2}$"]
            case .slug: return ["type": "string", "pattern": Slug.schemaPattern]
            case .goal:
                let numbers = catalogue.goals.map(\.number.value)
                return ["anyOf": [["type": "integer", "enum": numbers], ["type": "string", "enum": numbers.map(String.init)]]]
            case .targetCode: return codes(catalogue.targets.map(\.code.description))
            case .indicatorCode: return codes(catalogue.targets.flatMap(\.indicators).map(\.code.description))
            case .choice(let values): return ["type": "string", "enum": values]
            case .list(let item): return ["type": "array", "items": schema(for: item)]
            case .object(let fields): return object(fields)
            case .names:
                return ["type": "object", "properties": ["source": schema(for: .sourceNumber)],
                        "patternProperties": ["^[a-z]{2,3}$": ["type": "string", "minLength": 1]], "additionalProperties": false]
            case .coordinates:
                return ["type": "array", "minItems": 2, "maxItems": 2,
                        "prefixItems": [["type": "number", "minimum": -90, "maximum": 90], ["type": "number", "minimum": -180, "maximum": 180]]]
            }
        }
    }

    /// YYYY, YYYY-MM or a day that exists: 30-day months, February's 28 days and the 29th in leap years.
    static let datePattern = "^[0-9]{4}(-(0[1-9]|1[0-2]))?$"
        + "|^[0-9]{4}-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])$"
        + "|^[0-9]{4}-(0[469]|11)-(0[1-9]|[12][0-9]|30)$"
        + "|^[0-9]{4}-02-(0[1-9]|1[0-9]|2[0-8])$"
        + "|^([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29$"
}

extension Array where Element == FrontMatterSchema.Field {
    var names: [String] { map(\.name) }
}
