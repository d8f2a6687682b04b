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
        # coordinates: [latitude, longitude]        # decimal degrees, e.g. [19.8933, 102.1525]
        # population: {value: 0, year: 2020, source: 1}
        # programmes: [ascn]                        # file names in programmes/
        # priority_sdgs: [11]                       # only as a source states them
        # priority_note: Why these goals, in a sentence.
        # priority_source: 1
        # expectations:
        #   - target: "11.7"                        # quoted
        #     expectation: The city's own wording of the target.
        #     stage: plan                           # plan | do | check | act
        #     source: 1
        # summary: One or two sentences about the city.
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
        # targets: ["11.7"]                         # SDG targets, quoted
        # alignment: stated                         # stated (a source names the targets) | interpreted (your reading)
        # status: ongoing                           # planned | ongoing | completed
        # start: 2023-12-01
        # end: 2031-12-31
        # partners: [Asian Development Bank]
        # funding: {amount: 45000000, currency: USD}
        # programme: ascn
        # summary: One or two sentences about the project.
        sources: []
        #  - title: The document's title
        #    url: https://…
        ---
        What the project does, who carries it out, and what it has achieved.

        """)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
