import Foundation

/// Starting files for editors (`citysdg new`): valid as they are, with every optional field shown
/// as a comment that says what goes in it.
public enum Scaffold {
    public struct File: Sendable {
        /// Path inside the content folder.
        public var path: String
        /// The file name in Latin letters, when the name chosen is in another script or has accents
        /// and ICU can write it so (`da-nang` for `đà-nẵng`), for an editor who wants an ASCII address.
        public var latinName: String? = nil
        public var text: String
    }

    public enum Problem: Error, CustomStringConvertible {
        case badCountry(String), badSlug(String), noName(String), unknownCity(String, known: [String])
        case noOriginal(String), notALanguage(String, languages: [String])

        public var description: String {
            switch self {
            case .badCountry(let c): return "`\(c)` is not a country code; use the ISO 3166-1 alpha-2 code in capitals, like LA"
            case .badSlug(let s): return "`\(s)` is not a city slug; use the city's file name without .md, like luang-prabang"
            case .unknownCity(let city, let known):
                let hint = closestMatch(to: city, in: known).map { "; did you mean `\($0)`?" }
                    ?? (known.isEmpty ? "; there are no cities yet: start one with `citysdg new city`" : "")
                return "there is no city `\(city)` in cities/\(hint)"
            case .noOriginal(let path):
                return "there is no content file `\(path)` (with no errors) to translate; name it as it is inside the content folder, like cities/la/luang-prabang.md"
            case .notALanguage(let language, let languages):
                return "`\(language)` is not one of the site's languages after the first (site.yml: \(languages.joined(separator: ", "))); add it to `languages:` first"
            case .noName(let name):
                return "`\(name)` has no letters or digits to make a file name from; give the name as it is spelt"
            }
        }
    }

    /// The name in Latin letters, where it differs from the slug chosen and ICU can write it.
    private static func latinName(_ name: String, _ slug: String) -> String? {
        Slug.latin(for: name).flatMap { $0 == slug ? nil : $0 }
    }

    /// The slugs of the cities under `content`/cities/.
    public static func cities(in content: URL) -> [String] {
        let folder = content.appendingPathComponent("cities")
        let countries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return countries.flatMap { country in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(country).path)) ?? [])
                .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)).precomposedStringWithCanonicalMapping }
        }.sorted()
    }

    public static func city(name: String, country: String) throws(Problem) -> File {
        guard let code = CountryCode(text: country.uppercased()), country.count == 2 else { throw .badCountry(country) }
        guard let slug = Slug.suggest(for: name) else { throw .noName(name) }
        return File(path: "cities/\(code.slug)/\(slug).md", latinName: latinName(name, slug), text: """
        ---
        title: \(quoted(name))
        country: \(code)
        \(optionalFields(FrontMatterSchema.city))
        # Every fact needs its source: add the documents here and number citations from 1.
        sources: []
        #  - title: The document's title
        #    url: https://…
        ---
        The profile in the city's own words.

        """)
    }

    /// A project file for the city `city`, which must be one of `cities` (the slugs the content has).
    public static func project(title: String, city: String, cities: [String]) throws(Problem) -> File {
        guard Slug(text: city) != nil else { throw .badSlug(city) }
        guard cities.contains(city) else { throw .unknownCity(city, known: cities) }
        guard let slug = Slug.suggest(for: title) else { throw .noName(title) }
        return File(path: "projects/\(slug).md", latinName: latinName(title, slug), text: """
        ---
        title: \(quoted(title))
        city: \(city)
        \(optionalFields(FrontMatterSchema.project))
        sources: []
        #  - title: The document's title
        #    url: https://…
        ---
        What the project does, who carries it out, and what it has achieved.

        """)
    }

    /// Every optional field of the front-matter contract that has an example, as a commented line
    /// with what goes in it: the scaffold comes from the same field list as the decoder's
    /// unknown-field check and the JSON Schema.
    static func optionalFields(_ fields: [FrontMatterSchema.Field]) -> String {
        fields.filter { !$0.required }.compactMap { field -> String? in
            guard let example = field.example else { return nil }
            let lines = example.split(separator: "\n", omittingEmptySubsequences: false)
            let head = "# \(field.name):" + (lines[0].isEmpty ? "" : " " + lines[0])
            let padded = head.padding(toLength: max(44, head.count + 1), withPad: " ", startingAt: 0)
            return ([padded + "# " + field.help] + lines.dropFirst().map { "# " + $0 }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// A translation to start from, beside its original: the original's words as comments to
    /// translate (nothing shows until they are), and the original's fingerprint now, so the page is
    /// marked out of date when the original changes.
    public static func translation(of path: String, into language: String, content: URL) throws(Problem) -> File {
        var d = Diagnostics()
        let loaded = ContentLoader(root: content).load(&d)
        guard loaded.config.languages.dropFirst().contains(language) else { throw .notALanguage(language, languages: loaded.config.languages) }
        let documents: [(Document, String, String?, [Expectation])] = loaded.cities.map { ($0.document, $0.title, $0.summary, $0.expectations) }
            + loaded.projects.map { ($0.document, $0.title, $0.summary, []) } + loaded.countries.map { ($0.document, $0.name, $0.summary, []) }
            + loaded.programmes.map { ($0.document, $0.title, $0.summary, []) } + loaded.pages.map { ($0.document, $0.title, $0.summary, []) }
        guard let (document, title, summary, expectations) = documents.first(where: { $0.0.path == path }) else { throw .noOriginal(path) }
        var text = "---\n# The `\(language)` translation of \(path). Translate the original's words below and remove the `#`\n"
            + "# before each line you translate; facts (numbers, codes, dates, sources) stay in the original.\n"
            + "# title: " + quoted(title) + "\n"
        if let summary { text += "# summary: " + quoted(summary) + "\n" }
        let worded = expectations.filter { $0.text != nil }
        if !worded.isEmpty {
            text += "# expectations:\n" + worded.map { "#   - target: \"\($0.target.value)\"\n#     expectation: " + quoted($0.text!) + "\n" }.joined()
        }
        text += "# translated_by: " + quoted("who translated it, or the published translation it comes from") + "\n"
        text += "# The original as it is now; when its words change, the page says the translation may be out of date.\n"
        text += "original_fingerprint: " + Site.translatableFingerprint(title: title, summary: summary, body: document.bodyFingerprint, expectations: expectations) + "\n"
        text += "---\n"
        let stem = path.dropLast(3)
        return File(path: stem + "." + language + ".md", text: text)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
