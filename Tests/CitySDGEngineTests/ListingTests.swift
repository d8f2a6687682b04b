import Foundation
import Testing
@testable import CitySDGEngine

/// Long lists: compact rows grouped by country, numbered pages of `page_size` with rel prev/next,
/// and the data attributes the filter script reads.
@Suite struct ListingTests {
    /// The few first of a long list (the home page's latest projects) are what a stable sort's first few are, ties in their order.
    @Test func theFirstFewAreASortsFirstFew() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let items = (0..<Int.random(in: 0...40, using: &generator)).map { (key: Int.random(in: 0...6, using: &generator), order: $0) }
            let count = round % 8
            let first = items.first(count) { $0.key > $1.key }
            let sorted = Array(items.sorted { $0.key > $1.key }.prefix(count))
            #expect(first.map(\.order) == sorted.map(\.order), "\(items)")
        }
    }

    /// The fixture with `page_size: 10` and 23 more cities, `Town 01` … `Town 23`, each with `frontMatter(i)`
    /// (its country and any other lines) in the folder of that country.
    func longList(_ work: TemporaryFolder, _ frontMatter: (Int) -> (country: String, lines: String)) throws -> URL {
        let content = work.copy(Repo.fixture, as: "Content")
        let config = content.appendingPathComponent("site.yml")
        try Data((try String(contentsOf: config, encoding: .utf8) + "page_size: 10\n").utf8).write(to: config)
        for i in 1...23 {
            let (country, lines) = frontMatter(i)
            work.write("---\ntitle: Town \(String(format: "%02d", i))\ncountry: \(country)\n\(lines)sources:\n  - title: s\n---\n",
                       to: "Content/cities/\(country.lowercased())/town-\(i).md")
        }
        return content
    }

    /// A page of a long list reads which items it holds, not the whole list's order: a new title
    /// that moves a city from the third page to the second makes those two pages again, not the
    /// first, and they are what a clean build writes.
    @Test func aCityMovedInTheListMakesAgainOnlyThePagesBetween() throws {
        let work = TemporaryFolder()
        let content = try longList(work) { _ in ("MY", "") }
        let site = work.url.appendingPathComponent("site"), stateFile = work.url.appendingPathComponent(".citysdg/state")
        func run() -> Build.Result { Build(content: content, themes: Repo.themes, output: site, contentDisplay: "Content", stateFile: stateFile).run() }
        #expect(!run().failed)
        // Alpha Town, Beta City, Town 01 … Town 23: Town 22 (the third page) becomes Town 11b (the second).
        let moved = content.appendingPathComponent("cities/my/town-22.md")
        try Data(try String(contentsOf: moved, encoding: .utf8).replacingOccurrences(of: "title: Town 22", with: "title: Town 11b").utf8).write(to: moved)
        let edited = run()
        let made = Set(edited.explanations.map(\.path))
        #expect(made.contains("cities/page/2/index.html") && made.contains("cities/page/3/index.html"), "\(made.sorted())")
        #expect(!made.contains("cities/index.html"), "\(made.sorted())")
        let clean = work.url.appendingPathComponent("clean")
        #expect(!Build(content: content, themes: Repo.themes, output: clean, contentDisplay: "Content").run().failed)
        for path in ["cities/index.html", "cities/page/2/index.html", "cities/page/3/index.html"] {
            #expect(try page(path, in: site) == page(path, in: clean), "\(path)")
        }
        #expect(try page("cities/page/2/index.html", in: site).contains("Town 11b"))
    }

    @Test func aLongListIsSplitIntoNumberedPages() throws {
        let work = TemporaryFolder()
        let content = try longList(work) { i in (i % 2 == 0 ? "LA" : "MY", "priority_sdgs: [\(i % 17 + 1)]\n") }
        let out = work.url.appendingPathComponent("site")
        let result = build(content, into: out)
        #expect(!result.failed, "\(result.diagnostics.sorted)")
        let pages = ["cities/index.html", "cities/page/2/index.html", "cities/page/3/index.html"]
        var seen: [String] = []
        for (i, path) in pages.enumerated() {
            let html = try page(path, in: out)
            let rows = html.components(separatedBy: "<li class=\"row\"").dropFirst()
            #expect(rows.count == (i < 2 ? 10 : 5), "\(path)")
            seen += rows.map { String($0.components(separatedBy: "class=\"row-title\" href=\"")[1].prefix { $0 != "\"" }) }
            #expect(html.contains("rel=\"prev\"") == (i > 0) && html.contains("rel=\"next\"") == (i < 2), "\(path)")
            #expect(html.contains("<span aria-current=\"page\">\(i + 1)</span>"))
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("cities/page/4/index.html").path))
        #expect(Set(seen).count == 25 && seen.count == 25, "every city once: \(seen)")
        // Grouped by country (Lao PDR before Malaysia), and the sitemap lists every page.
        let first = try page("cities/index.html", in: out)
        #expect(first.contains("<section><h3>Lao PDR</h3>"))
        #expect(first.contains("data-country=\"LA\" data-programme=\"test-network\" data-goal=\"11 6 18\""))
        #expect(try page("sitemap.xml", in: out).contains("<loc>https://example.org/sdg/cities/page/3/</loc>"))
        // A country's page shows its first 10 cities and numbered pages for the rest.
        let laos = try page("countries/la/index.html", in: out)
        #expect(laos.components(separatedBy: "class=\"card city-card\"").count - 1 == 10)
        #expect(laos.contains("<a rel=\"next\" href=\"../../countries/la/cities/page/2/index.html\">"))
        let more = try page("countries/la/cities/page/2/index.html", in: out)
        #expect(more.components(separatedBy: "<li class=\"row\"").count - 1 == 2, "12 cities in Laos: 10 + 2")
        #expect(more.contains("<a rel=\"prev\" href=\"../../../../../countries/la/index.html\">"))
        #expect(try page("sitemap.xml", in: out).contains("<loc>https://example.org/sdg/countries/la/cities/page/2/</loc>"))
        // Fewer cities: the extra pages go.
        for i in 1...23 { try FileManager.default.removeItem(at: content.appendingPathComponent("cities/\(i % 2 == 0 ? "la" : "my")/town-\(i).md")) }
        _ = build(content, into: out)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("cities/page/2/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("countries/la/cities/page/2/index.html").path))
        #expect(!(try page("cities/index.html", in: out)).contains("rel=\"next\""))
    }
}

/// The printable report in numbered parts past 5 × page_size projects.
@Suite struct ReportTests {
    @Test func aLongReportIsSplitIntoPartsThatTogetherHoldEveryProjectUnderEachOfItsGoals() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let site = content.appendingPathComponent("site.yml")
        try Data((try String(contentsOf: site, encoding: .utf8) + "page_size: 10\n").utf8).write(to: site)
        // 44 projects: two goals each for the even ones, one for the odd, none for every fifth; with the fixture's one.
        var expected: [String: Set<String>] = ["alpha-park": ["8", "11"]]
        for i in 1...44 {
            let goals = i % 5 == 0 ? [] : i % 2 == 0 ? ["\(i % 3 + 1)", "11"] : ["\(i % 4 + 2)"]
            expected["project-\(i)"] = Set(goals)
            work.write("---\ntitle: Project \(String(format: "%02d", i))\ncity: alpha-town\n\(goals.isEmpty ? "" : "goals: [\(goals.joined(separator: ", "))]\n")sources:\n  - title: s\n---\n",
                       to: "Content/projects/project-\(i).md")
        }
        let out = work.url.appendingPathComponent("site")
        let result = build(content, into: out)
        #expect(!result.failed, "\(result.diagnostics.sorted)")
        let rows = expected.values.reduce(0) { $0 + max($1.count, 1) }
        let parts = (rows + 49) / 50
        #expect(parts == 2)
        var found: [String: Set<String>] = [:]
        for part in 1...parts {
            let path = part == 1 ? "report/index.html" : "report/page/\(part)/index.html"
            let html = try page(path, in: out)
            #expect(html.contains("rel=\"prev\"") == (part > 1) && html.contains("rel=\"next\"") == (part < parts), "\(path)")
            // Each section: its goal (or none), then the projects under it.
            for section in html.components(separatedBy: "<section class=\"report-section\"").dropFirst() {
                let goal = section.contains("no-goal-heading") ? "-" : String(section.components(separatedBy: "<span class=\"mini ")[1]
                    .components(separatedBy: ">")[1].prefix { $0 != "<" })
                let links = try NSRegularExpression(pattern: "<h3><a href=\"(?:\\.\\./)*projects/([^/\"]+)/")
                for match in links.matches(in: section, range: NSRange(section.startIndex..., in: section)) {
                    found[String(section[Range(match.range(at: 1), in: section)!]), default: []].insert(goal)
                }
            }
            #expect(html.components(separatedBy: "class=\"report-project").count - 1 <= 50, "\(path): at most 5 × page_size projects")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report/page/\(parts + 1)/index.html").path))
        #expect(found == expected.mapValues { $0.isEmpty ? ["-"] : $0 }, "every project, under each of its goals, in some part")
        // The contents of a later part link back to where a goal starts.
        #expect(try page("report/page/\(parts)/index.html", in: out).contains("href=\"../../../report/index.html#goal-"))
    }
}
