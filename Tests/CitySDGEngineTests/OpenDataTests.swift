import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CitySDGEngine

/// The open data is the model the pages show: every city and project, their official target
/// titles and sources, in JSON (a file per item too), CSV (RFC 4180) and an Atom feed.
@Suite struct OpenDataTests {
    final class Built {
        let work = TemporaryFolder()
        var site: URL { work.url.appendingPathComponent("site") }
        init() { _ = build(Repo.content, into: site) }
    }
    nonisolated(unsafe) static let built = Built()
    var site: URL { Self.built.site }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent(path))) as? [String: Any])
    }

    func model() -> Site {
        var d = Diagnostics()
        return Site.resolve(ContentLoader(root: Repo.content).load(&d), catalogue: .bundled, &d)
    }

    @Test func theJSONHoldsWhatThePagesShow() throws {
        let model = model()
        let cities = try #require(try json("data/cities.json")["cities"] as? [[String: Any]])
        #expect(cities.map { $0["slug"] as? String } == model.cities.map(\.slug.value))
        for city in cities {
            let slug = try #require(city["slug"] as? String)
            let html = try page("cities/\(slug)/index.html", in: site)
            #expect(html.contains("<h1>\(escaped(city["title"] as! String))</h1>"), "\(slug)")
            for expectation in city["expectations"] as? [[String: Any]] ?? [] {
                let official = try #require(expectation["official_title"] as? String)
                #expect(html.contains(escaped(official)), "\(slug): \(expectation["target"] ?? "")")
                if let text = expectation["expectation"] as? String { #expect(html.contains(escaped(text)), "\(slug)") }
            }
            for source in city["sources"] as? [[String: Any]] ?? [] { #expect(html.contains(escaped(source["title"] as! String)), "\(slug)") }
            // Its own file is the same object, and its page links to it.
            let own = try json("data/cities/\(slug).json")
            #expect(NSDictionary(dictionary: own).isEqual(to: city), "\(slug)")
            #expect(html.contains("href=\"../../data/cities/\(slug).json\""))
        }
        let projects = try #require(try json("data/projects.json")["projects"] as? [[String: Any]])
        #expect(projects.count == model.projects.count)
        for project in projects {
            let slug = try #require(project["slug"] as? String)
            let html = try page("projects/\(slug)/index.html", in: site)
            for target in project["targets"] as? [[String: Any]] ?? [] {
                #expect(html.contains("</a> \(escaped(target["official_title"] as! String))</li>"), "\(slug)")
            }
            #expect(NSDictionary(dictionary: try json("data/projects/\(slug).json")).isEqual(to: project))
        }
    }

    func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    /// RFC 4180, read back: CRLF rows, quoted fields with doubled quotes.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.unicodeScalars.append(chars.removeFirst()) } else { quoted = false } }
                else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r", chars.first == "\n" { chars.removeFirst(); row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        return rows
    }

    @Test func theCSVFilesAreRFC4180WithAHeader() throws {
        let model = model()
        let text = try String(contentsOf: site.appendingPathComponent("data/expectations.csv"), encoding: .utf8)
        #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let rows = Self.parseCSV(text)
        #expect(rows.first?.first == "city" && rows.allSatisfy { $0.count == rows[0].count })
        #expect(rows.count - 1 == model.cities.reduce(0) { $0 + $1.expectations.count })
        let expected = model.cities.flatMap { city in city.expectations.map { [city.slug.value, $0.target.value.description, $0.text ?? ""] } }
        #expect(rows.dropFirst().map { [$0[0], $0[3], $0[5]] } == expected)
        let projects = Self.parseCSV(try String(contentsOf: site.appendingPathComponent("data/projects.csv"), encoding: .utf8))
        #expect(projects.count - 1 == model.projects.count && projects.allSatisfy { $0.count == projects[0].count })
        #expect(Self.parseCSV("a,\"b,\"\"c\"\"\"\r\n") == [["a", "b,\"c\""]])
    }

    @Test func theFeedIsAtomWithTheLastUpdatedFirst() throws {
        let model = model()
        let document = try XMLDocument(contentsOf: site.appendingPathComponent("feed.xml"))
        let root = try #require(document.rootElement())
        #expect(root.name == "feed" && root.uri == "http://www.w3.org/2005/Atom")
        let entries = root.elements(forName: "entry")
        #expect(entries.count == model.cities.filter { $0.updated != nil }.count + model.projects.filter { $0.updated != nil }.count)
        let stamps = entries.compactMap { $0.elements(forName: "updated").first?.stringValue }
        #expect(stamps == stamps.sorted(by: >))
        for entry in entries {
            for name in ["title", "id", "updated"] { #expect(entry.elements(forName: name).count == 1) }
        }
        // The sitemap dates a city's page by its `updated:`, in every language.
        let sitemap = try page("sitemap.xml", in: site)
        let updated = try #require(model.cityBySlug[Slug(text: "luang-prabang")!]?.updated)
        #expect(sitemap.contains("<loc>https://citysdg.github.io/citysdg/cities/luang-prabang/</loc><lastmod>\(updated)</lastmod>"))
        #expect(sitemap.contains("<loc>https://citysdg.github.io/citysdg/lo/cities/luang-prabang/</loc><lastmod>\(updated)</lastmod>"))
    }

    @Test func pagesCarrySocialCardsAndJSONLD() throws {
        let city = try page("cities/luang-prabang/index.html", in: site)
        #expect(city.contains("<meta property=\"og:title\" content=\"Luang Prabang\">"))
        #expect(city.contains("<meta name=\"twitter:card\" content=\"summary\">"))
        let start = try #require(city.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(city.range(of: "</script>", range: start.upperBound..<city.endIndex))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(city[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        #expect(data["@type"] as? String == "Place" && data["name"] as? String == "Luang Prabang")
        #expect((data["geo"] as? [String: Any])?["latitude"] as? Double == 19.8933)
        let project = try page("projects/luang-prabang-urban-environment-improvement/index.html", in: site)
        #expect(project.contains("\"@type\":\"Project\""))
    }
}

/// The map: Natural Earth outlines, dots that are links outside any `role="img"`, labels that do
/// not overlap, a country page zoomed to its country, and the cities with no coordinates named.
@Suite struct MapTests {
    func boxes(_ html: String) -> [(Double, Double, Double, Double)] {
        html.components(separatedBy: "<text x=\"").dropFirst().map { piece in
            let x = Double(piece.prefix { $0 != "\"" })!
            let y = Double(piece.components(separatedBy: "y=\"")[1].prefix { $0 != "\"" })!
            let anchor = piece.components(separatedBy: "text-anchor=\"")[1].prefix { $0 != "\"" }
            let title = piece.components(separatedBy: ">")[1].prefix { $0 != "<" }
            let w = Double(title.count) * MapMaker.fontSize * 0.56
            let left = anchor == "start" ? x : (anchor == "end" ? x - w : x - w / 2)
            return (left, y - MapMaker.fontSize, left + w, y)
        }
    }

    @Test func theHomeMapHasOutlinesLinksAndLabelsThatDoNotOverlap() throws {
        let work = TemporaryFolder()
        let out = work.url.appendingPathComponent("site")
        _ = build(Repo.content, into: out)
        let home = try page("index.html", in: out)
        let svg = String(home[home.range(of: "<svg")!.lowerBound..<home.range(of: "</svg>")!.upperBound])
        #expect(!svg.contains("role=\"img\""))
        #expect(svg.components(separatedBy: "<path class=\"land").count > 10, "country outlines")
        let links = svg.components(separatedBy: "<a href=\"").count - 1
        #expect(links >= 40 && svg.components(separatedBy: "<circle").count - 1 == links)
        let labels = boxes(svg)
        #expect(labels.count > links / 2)
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] { #expect(!(a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3), "\(a) overlaps \(b)") }
        }
        // The country page is zoomed: Laos is the focus and Vientiane has a label.
        let laos = try page("countries/la/index.html", in: out)
        #expect(laos.contains("class=\"land focus\""))
        #expect(laos.contains(">Vientiane</text>"))
    }

    @Test func citiesWithoutCoordinatesAreNamedUnderTheMap() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        work.write("---\ntitle: Gamma Village\ncountry: LA\nsources:\n  - title: s\n---\n", to: "Content/cities/la/gamma-village.md")
        let out = work.url.appendingPathComponent("site")
        _ = build(content, into: out)
        let html = try page("cities/index.html", in: out)
        #expect(html.contains("<div class=\"unplaced\">") && html.contains("<li><a href=\"../cities/gamma-village/index.html\">Gamma Village</a></li>"))
        let svg = String(html[html.range(of: "<svg")!.lowerBound..<html.range(of: "</svg>")!.upperBound])
        #expect(!svg.contains("Gamma Village"))
    }

    @Test func aLargeSitesMapDrawsTheCitiesWithTheMostRecorded() {
        let cities = (0..<30).map { i in
            City(.init(slug: Slug(text: "c-\(i)")!, title: "C \(i)", country: Located(value: CountryCode(text: "LA")!, location: SourceLocation(file: "")),
                 coordinates: Coordinates(latitude: 10 + Double(i) / 10, longitude: 100 + Double(i) / 10), population: nil, programmes: [],
                 prioritySDGs: i % 3 == 0 ? [Located(value: GoalNumber(11), location: SourceLocation(file: ""))] : [], expectations: [], summary: nil,
                 sources: [], updated: nil, document: Document(path: "c", displayPath: "c", body: Body(markdown: "", firstLine: 1),
                                                              frontMatterFingerprint: .none, bodyFingerprint: .none)))
        }
        let map = MapMaker.make(cities, link: Linker(from: "index.html"), limit: 10)
        #expect(map.dots.count == 10 && map.shownNote == "10 / 30")
        #expect(Set(map.dots.map(\.title)) == Set(stride(from: 0, to: 30, by: 3).map { "C \($0)" }))
        #expect(MapMaker.make(cities, link: Linker(from: "index.html")).shownNote == nil)
    }

    @Test func simplifyingKeepsTheShape() {
        let line = (0...100).map { (Double($0), sin(Double($0) / 10) * 0.1) }
        #expect(MapMaker.simplify(line, tolerance: 0.5).count == 2)
        let corner = [(0.0, 0.0), (5.0, 0.0), (10.0, 0.0), (10.0, 5.0), (10.0, 10.0)]
        #expect(MapMaker.simplify(corner, tolerance: 0.5).map(\.0) == [0, 10, 10])
    }
}

/// The charts count what the content holds, and each has its numbers in a table.
@Suite struct ChartTests {
    @Test func theChartsCountTheContent() throws {
        let work = TemporaryFolder()
        let out = work.url.appendingPathComponent("site")
        _ = build(Repo.fixture, into: out)
        let html = try page("charts/index.html", in: out)
        // Alpha Town has goals 6, 11 and 18 as priorities; Beta City 11.
        #expect(html.contains("<tr><th scope=\"row\"><a href=\"../cities/alpha-town/index.html\">Alpha Town</a></th><td></td><td></td><td></td><td></td><td></td><td>●</td>"))
        // Expectations: Alpha Town plan, do, none; Beta City check.
        for (stage, count) in [("Plan", 1), ("Do", 1), ("Check", 1), ("Act", 0), ("No stage recorded", 1)] {
            #expect(html.contains("<tr><th scope=\"row\">\(stage)</th><td>\(count)</td></tr>"), "\(stage)")
        }
        #expect(html.contains("<tr><th scope=\"row\">11. Sustainable Cities and Communities</th><td>1</td></tr>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
    }
}
