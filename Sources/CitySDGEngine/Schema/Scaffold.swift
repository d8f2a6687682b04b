import Foundation

/// Starting files for editors (`citysdg new`): valid as they are, with every optional field shown
/// as a comment that says what goes in it.
public enum Scaffold {
    public struct File: Sendable {
        /// Path inside the content folder.
        public var path: String
        public var text: String
    }

    public enum Problem: Error, CustomStringConvertible {
        case badCountry(String), badSlug(String), noLatinName(String), unknownCity(String, known: [String])

        public var description: String {
            switch self {
            case .badCountry(let c): return "`\(c)` is not a country code; use the ISO 3166-1 alpha-2 code in capitals, like LA"
            case .badSlug(let s): return "`\(s)` is not a city slug; use the city's file name without .md, like luang-prabang"
            case .unknownCity(let city, let known):
                let hint = closestMatch(to: city, in: known).map { "; did you mean `\($0)`?" }
                    ?? (known.isEmpty ? "; there are no cities yet: start one with `citysdg new city`" : "")
                return "there is no city `\(city)` in cities/\(hint)"
            case .noLatinName(let name):
                return "`\(name)` cannot be written in Latin letters here (there is no transliteration for its script), and the file name must be; give the name in Latin letters (its English name, say), then write the name in its own script in the file's title"
            }
        }
    }

    /// The slugs of the cities under `content`/cities/.
    public static func cities(in content: URL) -> [String] {
        let folder = content.appendingPathComponent("cities")
        let countries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return countries.flatMap { country in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(country).path)) ?? [])
                .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }
        }.sorted()
    }

    public static func city(name: String, country: String) throws(Problem) -> File {
        guard let code = CountryCode(text: country.uppercased()), country.count == 2 else { throw .badCountry(country) }
        guard let slug = Slug.suggest(for: name), Slug(text: slug) != nil else { throw .noLatinName(name) }
        return File(path: "cities/\(code.slug)/\(slug).md", text: """
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
        guard let slug = Slug.suggest(for: title), Slug(text: slug) != nil else { throw .noLatinName(title) }
        return File(path: "projects/\(slug).md", text: """
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

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
