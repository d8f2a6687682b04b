import Foundation
import Testing
@testable import CitySDGEngine

/// Long lists: compact rows grouped by country, numbered pages of `page_size` with rel prev/next,
/// and the data attributes the filter script reads.
@Suite struct ListingTests {
    @Test func aLongListIsSplitIntoNumberedPages() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let site = content.appendingPathComponent("site.yml")
        try Data((try String(contentsOf: site, encoding: .utf8) + "page_size: 10\n").utf8).write(to: site)
        for i in 1...23 {
            work.write("---\ntitle: Town \(String(format: "%02d", i))\ncountry: \(i % 2 == 0 ? "LA" : "MY")\npriority_sdgs: [\(i % 17 + 1)]\nsources:\n  - title: s\n---\n",
                       to: "Content/cities/\(i % 2 == 0 ? "la" : "my")/town-\(i).md")
        }
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
