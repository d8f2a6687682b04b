import Foundation
import Yams

/// A theme: Mustache templates (one per kind of page, plus partials), interface strings and SDG
/// titles for each of the site's languages, and static assets copied as they are.
public struct Theme: Sendable {
    public static let requiredTemplates = ["base", "home", "goals", "goal", "target", "countries", "country",
                                           "cities", "city", "projects", "project", "programmes", "programme",
                                           "page", "report", "translations", "data", "charts", "search", "list", "404"] + fragmentTemplates
    /// Templates the engine renders once per item and page depth, and pages insert with `{{{.}}}`.
    public static let fragmentTemplates = ["city-card", "project-card", "city-row", "project-row", "report-project"]
    /// The view each page template is rendered with, and the item each fragment template: each
    /// template is compiled for it when the theme is loaded.
    static let pageViews: [String: Any.Type] = [
        "home": HomeView.self, "goals": GoalsView.self, "goal": GoalView.self, "target": TargetView.self,
        "countries": CountriesView.self, "country": CountryView.self, "cities": CitiesView.self, "city": CityView.self,
        "projects": ProjectsView.self, "project": ProjectView.self, "programmes": ProgrammesView.self, "programme": ProgrammeView.self,
        "page": TextPageView.self, "404": TextPageView.self, "report": ReportView.self, "translations": TranslationsView.self,
        "data": DataView.self, "charts": ChartsView.self, "search": SearchView.self, "list": ListView.self,
        "indicator": IndicatorView.self, "indicators": IndicatorsView.self,
    ]
    static let fragmentItems: [String: Any.Type] = [
        "city-card": CityCard.self, "project-card": ProjectCard.self, "city-row": CityRow.self, "project-row": ProjectRow.self, "report-project": ProjectCard.self,
    ]
    public let name: String
    let engine: any TemplateEngine
    /// The languages the site is published in (the default first), and for each its interface
    /// strings, the default language's filling every key it lacks.
    public let languages: [String]
    public let strings: [String: [String: String]]
    /// For each language after the default, the keys it lacks (shown in the default language).
    public let missingStrings: [String: [String]]
    /// The keys each language has strings of its own for (the rest are the default language's).
    let ownKeys: [String: Set<String>]
    /// For each language, the keys whose string was translated for the theme and waits for a native
    /// speaker's review: the line ends in `# translated here: review wanted`.
    public let reviewWanted: [String: [String]]
    /// For each language, the names of countries by ISO 3166-1 code (`i18n/countries/<lang>.yml`,
    /// from CLDR), shown where a country's own file has no translation into that language.
    public let countryNames: [String: [String: String]]
    /// Each language by its own name (`language_name` in its strings), for the language switch.
    public let languageNames: [String: String]
    let languageNamesFingerprint: Fingerprint
    /// The SDG titles in each language that has a translation of them (the catalogue itself is English).
    public let catalogues: [String: CatalogueTranslation]
    /// Asset file names (relative to the theme's assets/ folder) with their bytes.
    public let assets: [String: Data]
    /// For the build graph: each template's fingerprint, and for each template every partial and
    /// layout it uses, directly or not (worked out once; every page and card records them).
    let templateFingerprints: [String: Fingerprint]
    let templatesUsed: [String: [String]]
    let stringsFingerprints: [String: Fingerprint]
    let assetFingerprints: [String: Fingerprint]

    /// A template and every partial and layout it uses, directly or not.
    static func closure(of name: String, _ references: [String: Set<String>]) -> [String] {
        var seen: Set<String> = []
        var queue = [name]
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            queue += references[next] ?? []
        }
        return seen.sorted()
    }

    /// `{{>name}}` and `{{<name}}` in a template's text.
    static func references(in text: String) -> Set<String> {
        // Byte by byte: `{`, `}`, `<`, `>` and spaces are ASCII, and never part of a longer character in UTF-8.
        let bytes = Array(text.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), space = UInt8(ascii: " ")
        var names: Set<String> = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == open, bytes[i + 1] == open else { i += 1; continue }
            i += 2
            var j = i
            while j < bytes.count, bytes[j] == space { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: ">") || bytes[j] == UInt8(ascii: "<") else { continue }
            var end = j + 1
            while end + 1 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close) { end += 1 }
            guard end + 1 < bytes.count else { continue }
            let name = String(decoding: bytes[(j + 1)..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { names.insert(name) }
        }
        return names
    }

    /// Loads `themes/<name>`; every problem goes to `d` (and the result is nil if the theme is unusable).
    /// `compiled: false` leaves every template to swift-mustache's interpreter (for the test that
    /// checks the compiled templates render the same bytes).
    /// `checked`: the fingerprint of a template's text (`<theme>/<template>`) as a build of this
    /// generator that passed parsed it, if any: swift-mustache is not asked again about that text.
    public static func load(name: String, themesRoot: URL, languages: [String], display: (String) -> String,
                            compiled: Bool = true, checked: (String) -> Fingerprint? = { _ in nil }, _ d: inout Diagnostics) -> Theme? {
        let root = themesRoot.appendingPathComponent(name)
        let fm = FileManager.default
        let errorsBefore = d.errorCount
        guard fm.fileExists(atPath: root.path) else {
            let available = (try? fm.contentsOfDirectory(atPath: themesRoot.path))?.sorted().joined(separator: ", ") ?? "none"
            d.ioError(SourceLocation(file: display(name)), "there is no theme `\(name)`", hint: "themes here: \(available)")
            return nil
        }
        var engine = MustacheEngine()
        var templateFingerprints: [String: Fingerprint] = [:]
        var templateReferences: [String: Set<String>] = [:]
        let templatesFolder = root.appendingPathComponent("templates")
        let names = ((try? fm.contentsOfDirectory(atPath: templatesFolder.path)) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
        var unparsed: Set<String> = []
        for file in names {
            let shown = display("\(name)/templates/\(file)")
            guard let data = fm.contents(atPath: templatesFolder.appendingPathComponent(file).path) else {
                d.error(SourceLocation(file: shown), "the template cannot be read"); continue
            }
            let template = String(file.dropLast(".mustache".count))
            let text: String
            do { text = try SourceText.decode(data, file: shown) } catch {
                unparsed.insert(template)
                d.error(error.location, error.message, hint: error.hint)
                continue
            }
            let fingerprint = Fingerprint(text)
            do { try engine.register(text, named: template, checked: compiled && checked("\(name)/\(template)") == fingerprint) } catch {
                unparsed.insert(template)
                d.append(TemplateProblem.diagnostic(for: error, text: text, file: shown, prefix: MustacheEngine.prefix.count))
                continue
            }
            templateFingerprints[template] = fingerprint
            templateReferences[template] = references(in: text)
        }
        for fragment in fragmentTemplates {
            engine.registerFragment(fragment)
        }
        // A template that is there but does not parse has said so already.
        for required in requiredTemplates where !engine.has(required) && !unparsed.contains(required) {
            d.error(SourceLocation(file: display("\(name)/templates/\(required).mustache")), "the theme has no `\(required)` template")
        }

        var strings: [String: [String: String]] = [:]
        var stringsFingerprints: [String: Fingerprint] = [:]
        var reviewWanted: [String: [String]] = [:]
        var countryNames: [String: [String: String]] = [:]
        var catalogues: [String: CatalogueTranslation] = [:]
        for language in languages {
            let file = "\(name)/i18n/\(language).yml"
            if let (loaded, fingerprint, review) = loadStrings(themesRoot.appendingPathComponent(file), shown: display(file), &d) {
                strings[language] = loaded
                stringsFingerprints[language] = fingerprint
                reviewWanted[language] = review.filter { loaded[$0] != nil }.sorted()
            } else if language == languages[0] {
                d.error(SourceLocation(file: display(file)), "the theme has no interface strings for the site's default language `\(language)`",
                        hint: "add \(file), or make a language the theme has the first of `languages:` in site.yml")
            } else {
                // A language the theme does not speak yet shows the default language's strings; `check` lists them.
                strings[language] = [:]
                stringsFingerprints[language] = Fingerprint("")
            }
            let namesFile = "\(name)/i18n/countries/\(language).yml"
            if let (names, fingerprint, _) = loadStrings(themesRoot.appendingPathComponent(namesFile), shown: display(namesFile), &d) {
                countryNames[language] = names
                // The country names are part of the language's strings for the build graph.
                stringsFingerprints[language] = Fingerprint.combine([stringsFingerprints[language]?.hex ?? "", fingerprint.hex])
            }
            let catalogueFile = "\(name)/i18n/catalogue/\(language).yml"
            let catalogueURL = themesRoot.appendingPathComponent(catalogueFile)
            if fm.fileExists(atPath: catalogueURL.path) {
                catalogues[language] = CatalogueTranslation.load(catalogueURL, shown: display(catalogueFile), &d)
            }
        }
        // Each language by its own name: its strings say it, or the platform's locale data does.
        let ownNames = languages.map { language in
            strings[language]?["language_name"] ?? Locale(identifier: language).localizedString(forLanguageCode: language) ?? language
        }
        let defaults = strings[languages[0]] ?? [:]
        var missing: [String: [String]] = [:]
        var ownKeys: [String: Set<String>] = [languages[0]: Set(defaults.keys)]
        for language in languages.dropFirst() {
            let own = strings[language] ?? [:]
            // A plural form the language does not have (`_one` in Lao) is not missing.
            let forms = Set(PluralRules.bundled.categories(of: language))
            missing[language] = defaults.keys.filter { key in
                guard own[key] == nil, key != "language_name" else { return false }
                guard let underscore = key.lastIndex(of: "_"), PluralRules.categories.contains(String(key[key.index(after: underscore)...])) else { return true }
                return forms.contains(String(key[key.index(after: underscore)...]))
            }.sorted()
            ownKeys[language] = Set(own.keys)
            strings[language] = own.merging(defaults) { mine, _ in mine }
        }

        var assets: [String: Data] = [:]
        let assetsRoot = root.appendingPathComponent("assets")
        if let walker = fm.enumerator(atPath: assetsRoot.path) {
            for case let path as String in walker {
                let name = URL(fileURLWithPath: path).lastPathComponent
                var isFolder: ObjCBool = false
                let full = assetsRoot.appendingPathComponent(path).path
                guard !ContentFiles.isEditorLeftover(name), fm.fileExists(atPath: full, isDirectory: &isFolder),
                      !isFolder.boolValue, let data = fm.contents(atPath: full) else { continue }
                assets[path] = data
            }
        }
        // Every template compiled for its view: a field no view has, or an interface string the
        // theme lacks, is said here at its tag, not found later as an empty string on the pages.
        if compiled, d.errorCount == errorsBefore {
            for problem in engine.compile(pages: pageViews, fragments: fragmentItems, strings: Set(defaults.keys)) {
                d.error(SourceLocation(file: display("\(name)/templates/\(problem.spot.template).mustache"), line: problem.spot.line,
                                       column: problem.spot.column), problem.message, hint: problem.hint)
            }
        }
        guard d.errorCount == errorsBefore else { return nil }
        return Theme(name: name, engine: engine, languages: languages, strings: strings, missingStrings: missing, ownKeys: ownKeys, reviewWanted: reviewWanted, countryNames: countryNames,
                     languageNames: Dictionary(uniqueKeysWithValues: zip(languages, ownNames)),
                     languageNamesFingerprint: Fingerprint.combine(zip(languages, ownNames).map { $0 + "=" + $1 }),
                     catalogues: catalogues, assets: assets, templateFingerprints: templateFingerprints,
                     templatesUsed: Dictionary(uniqueKeysWithValues: templateReferences.keys.map { ($0, closure(of: $0, templateReferences)) }),
                     stringsFingerprints: Dictionary(uniqueKeysWithValues: languages.map { language in
                         // A language's strings are its own file with the default language's filling its gaps.
                         (language, language == languages[0] ? stringsFingerprints[language]!
                             : Fingerprint.combine([stringsFingerprints[language]!.hex, stringsFingerprints[languages[0]]?.hex ?? ""]))
                     }),
                     assetFingerprints: assets.mapValues { Fingerprint($0) })
    }

    /// One language's `key: text` file, with the keys marked as waiting for review; nil when the theme has none.
    private static func loadStrings(_ url: URL, shown: String, _ d: inout Diagnostics) -> ([String: String], Fingerprint, [String])? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            let text = try SourceText.decode(data, file: shown)
            guard let loaded = try Yams.load(yaml: text) as? [String: Any] else {
                d.error(SourceLocation(file: shown), "interface strings must be `key: text` lines")
                return ([:], Fingerprint(text), [])
            }
            return (loaded.mapValues { "\($0)" }, Fingerprint(text), provenance(in: text).filter { $0.value == reviewWantedMark }.map(\.key))
        } catch {
            d.error(SourceLocation(file: shown), "the interface strings do not parse: \(error)")
            return ([:], Fingerprint(data), [])
        }
    }

    /// The comment that marks a string translated for the theme and not yet reviewed.
    public static let reviewWantedMark = "translated here: review wanted"

    /// Each key's provenance, the comment at the end of its line (`# CLDR`, `# sdg-translations`,
    /// `# translated here: review wanted`, `# reviewed: <who>, <date>`): the text after the last
    /// ` # ` that follows the value.
    public static func provenance(in text: String) -> [String: String] {
        var found: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix(" ") {
            guard let colon = line.firstIndex(of: ":"), let mark = line.range(of: " # ", options: .backwards),
                  mark.lowerBound > colon else { continue }
            let value = line[line.index(after: colon)..<mark.lowerBound].trimmingCharacters(in: .whitespaces)
            // A `#` inside a quoted value is not a comment: the value must end before it.
            if value.hasPrefix("\"") && !(value.count > 1 && value.hasSuffix("\"")) { continue }
            found[String(line[..<colon])] = line[mark.upperBound...].trimmingCharacters(in: .whitespaces)
        }
        return found
    }

    /// A page, as the bytes of its file.
    func render(_ view: Any, template: String) -> Data {
        engine.render(view, template: template)
    }

    /// A fragment template rendered on its own, with the interface strings in reach as `t`.
    func renderFragment(_ item: Any, language: String, template: String) -> String {
        engine.renderFragment(item, strings: strings[language] ?? [:], template: template)
    }
}
