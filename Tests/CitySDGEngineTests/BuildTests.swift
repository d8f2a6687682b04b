import Foundation
import Testing
@testable import CitySDGEngine

@Suite struct BuildTests {
    @Test func buildsTheWholePageSet() throws {
        let out = TemporaryFolder()
        let result = build(Repo.fixture, into: out.url)
        #expect(result.diagnostics.sorted.isEmpty, "\(result.diagnostics.sorted)")
        let files = Set(snapshot(out.url).keys)
        let goalPages = files.filter { $0.hasPrefix("goals/") && $0 != "goals/index.html" }
        let targetPages = files.filter { $0.hasPrefix("targets/") }
        #expect(goalPages.count == 18) // 17 and the site's national goal
        #expect(targetPages.count == 170)
        for path in ["index.html", "goals/index.html", "countries/index.html", "countries/la/index.html", "countries/my/index.html",
                     "cities/index.html", "cities/alpha-town/index.html", "cities/beta-city/index.html",
                     "projects/index.html", "projects/alpha-park/index.html", "programmes/test-network/index.html",
                     "about/index.html", "report/index.html", "404.html", "sitemap.xml", "robots.txt",
                     "assets/style.css", "assets/goals.css", "targets/8-10/index.html", "targets/18-1/index.html"] {
            #expect(files.contains(path), "\(path)")
        }
        #expect(result.written.written == files.count)
    }

    @Test func everyInternalLinkResolvesToAWrittenFile() throws {
        let out = TemporaryFolder()
        _ = build(Repo.fixture, into: out.url)
        let broken = brokenLinks(in: out.url)
        #expect(broken.isEmpty, "\(broken.prefix(10))")
    }

    /// Files named in Lao, Khmer or Vietnamese (written NFD, as macOS does) are pages whose
    /// folders are their NFC names in UTF-8 and whose links are percent-encoded; a Markdown link
    /// to one resolves however it is spelt.
    @Test func fileNamesInAnyScriptArePublished() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let out = work.url.appendingPathComponent("site")
        let nfd = "\u{0111}a\u{0300}-na\u{0306}\u{0303}ng", nfc = "\u{0111}\u{00E0}-n\u{1EB5}ng"
        work.write("---\ntitle: ຫຼວງພະບາງ\ncountry: LA\n---\nSee [Đà Nẵng](/cities/\(nfd)/).\n", to: "Content/cities/la/ຫຼວງພະບາງ.md")
        work.write("---\ntitle: Đà Nẵng\ncountry: LA\n---\n", to: "Content/cities/la/\(nfd).md")
        work.write("---\ntitle: ភ្នំពេញ\ncountry: MY\n---\n", to: "Content/cities/my/ភ្នំពេញ.md")
        let encoded = "ຫຼວງພະບາງ".utf8.map { String(format: "%%%02X", $0) }.joined()
        work.write("---\ntitle: ສວນ\ncity: ຫຼວງພະບາງ\n---\nIn [ຫຼວງພະບາງ](/cities/ຫຼວງພະບາງ/) and [again](/cities/\(encoded)/).\n",
                   to: "Content/projects/ສວນ.md")
        let result = build(content, into: out)
        #expect(!result.failed, "\(result.diagnostics.sorted)")
        // On disk: UTF-8, composed, whatever form the source's name was in.
        let cities = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("cities").path).map { Array($0.utf8) }
        for name in ["ຫຼວງພະບາງ", nfc, "ភ្នំពេញ"] { #expect(cities.contains(Array(name.utf8)), "\(name)") }
        #expect(!cities.contains(Array(nfd.utf8)))
        // In links: percent-encoded, and every link leads to a file.
        let project = try page("projects/ສວນ/index.html", in: out)
        #expect(project.contains("href=\"../../cities/\(encoded)/index.html\""), "\(project)")
        let city = try page("cities/ຫຼວງພະບາງ/index.html", in: out)
        let vietnamese = Array(nfc.utf8).map { $0 < 0x80 ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
        #expect(city.contains("href=\"../../cities/\(vietnamese)/index.html\""), "the NFD link leads to the NFC page")
        #expect(brokenLinks(in: out).isEmpty, "\(brokenLinks(in: out).prefix(5))")
        let sitemap = try page("sitemap.xml", in: out)
        #expect(sitemap.contains("<loc>https://example.org/sdg/cities/\(encoded)/</loc>"))
        let data = try page("data/cities.json", in: out)
        #expect(data.contains("https://example.org/sdg/cities/\(encoded)/"))
    }

    /// An edit's build sets aside the files it replaces and frees them on another thread: when it
    /// returns, they are gone, and so is a staging folder a killed build had set aside.
    @Test func anEditsBuildLeavesNoStagingFolderBehind() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let site = work.url.appendingPathComponent("site"), stateFile = work.url.appendingPathComponent(".citysdg/state")
        func run() -> Build.Result { Build(content: content, themes: Repo.themes, output: site, contentDisplay: "Content", stateFile: stateFile).run() }
        #expect(!run().failed)
        work.write("left by a killed build", to: ".site.citysdg-staging-old-killed/index.html")
        let city = content.appendingPathComponent("cities/la/alpha-town.md")
        try Data(try String(contentsOf: city, encoding: .utf8).replacingOccurrences(of: "title: Alpha Town", with: "title: Alpha Borough").utf8).write(to: city)
        let edited = run()
        #expect(!edited.failed && edited.written.written > 1)
        #expect(InterruptionTests.leftovers(in: work.url).isEmpty, "\(InterruptionTests.leftovers(in: work.url))")
        #expect(try String(contentsOf: site.appendingPathComponent("cities/alpha-town/index.html"), encoding: .utf8).contains("Alpha Borough"))
    }

    @Test func twoBuildsAreByteIdenticalAndARebuildWritesNothing() {
        let a = TemporaryFolder(), b = TemporaryFolder()
        _ = build(Repo.fixture, into: a.url)
        _ = build(Repo.fixture, into: b.url)
        #expect(snapshot(a.url) == snapshot(b.url))
        let again = build(Repo.fixture, into: a.url)
        #expect(again.written == OutputWriter.Summary(written: 0, unchanged: again.pages, removed: 0))
    }

    @Test func aDeletedSourceRemovesItsPage() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let out = work.url.appendingPathComponent("site")
        work.write("---\ntitle: Extra\ncity: beta-city\ntargets: [\"6.1\"]\n---\n", to: "Content/projects/extra.md")
        _ = build(content, into: out)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("projects/extra/index.html").path))
        try FileManager.default.removeItem(at: content.appendingPathComponent("projects/extra.md"))
        let result = build(content, into: out)
        #expect(!result.failed)
        #expect(result.written.removed == 2, "its page and its open-data file")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("projects/extra").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("data/projects/extra.json").path))
        #expect(brokenLinks(in: out).isEmpty)
    }

    @Test func aFailedBuildLeavesThePreviousOutputAsItWas() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let out = work.url.appendingPathComponent("site")
        _ = build(content, into: out)
        let before = snapshot(out)
        work.write("---\ntitle: Broken\ncity: nowhere\ntargets: [\"11.9\"]\n---\n", to: "Content/projects/broken.md")
        work.write("---\ntitle: Changed title\ncountry: LA\n---\n", to: "Content/cities/la/alpha-town.md")
        let result = build(content, into: out)
        #expect(result.failed)
        let messages = result.diagnostics.sorted.map(\.description)
        #expect(messages.contains { $0.hasPrefix("Content/projects/broken.md:3:7: error: unknown city `nowhere`") })
        #expect(snapshot(out) == before)
    }

    @Test func unknownTargetsAndBrokenMarkdownLinksAreErrors() {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        work.write("---\ntitle: P\ncity: alpha-town\ntargets: [\"11.9\"]\n---\nSee [nothing](/cities/nowhere/).\n", to: "Content/projects/p.md")
        let result = build(content, into: work.url.appendingPathComponent("site"))
        let errors = result.diagnostics.sorted
        #expect(errors.contains { $0.message == "unknown target 11.9" && $0.hint == "goal 11 has 11.1–11.7 and 11.a–11.c" && $0.location.line == 4 })
        #expect(errors.contains { $0.message.contains("`/cities/nowhere/` leads to no page") && $0.location.line == 6 && $0.location.column == 5 })
    }

    @Test func frontMatterAndMarkdownCannotInjectScript() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        work.write("""
        ---
        title: "<script>alert('t')</script>"
        city: alpha-town
        summary: "\\" onmouseover=\\"alert(1)"
        sources:
          - title: s
            url: "https://example.org/\\"><script>alert(2)</script>"
        ---
        <script>alert(3)</script>

        [click](javascript:alert(4)) <img src=x onerror=alert(5)>
        """, to: "Content/projects/xss.md")
        let out = work.url.appendingPathComponent("site")
        let result = build(content, into: out)
        #expect(!result.failed, "\(result.diagnostics.sorted)")
        for (path, data) in snapshot(out) where path.hasSuffix(".html") {
            // The theme's own scripts (search, list filters, the breakdown selector) and JSON-LD (data only, every `<` escaped) are the only script elements.
            var text = String(decoding: data, as: UTF8.self)
            for root in ["", "../", "../../", "../../../"] {
                for script in ["search.js", "filter.js", "breakdowns.js"] { text = text.replacingOccurrences(of: "<script src=\"\(root)assets/\(script)\" defer></script>", with: "") }
            }
            let parts = text.components(separatedBy: "<script type=\"application/ld+json\">")
            let html = parts[0] + parts.dropFirst().map { $0.components(separatedBy: "</script>").dropFirst().joined(separator: "</script>") }.joined()
            for block in parts.dropFirst() { #expect(!block.components(separatedBy: "</script>")[0].contains("<"), "\(path)") }
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("javascript:"), "\(path)")
            #expect(!html.contains("onerror="), "\(path)")
            #expect(!html.contains("\" onmouseover"), "\(path)")
        }
    }

    @Test func twoFilesCannotClaimOnePage() {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        work.write("---\ntitle: Alpha Town\ncountry: MY\nsources:\n  - title: s\n---\n", to: "Content/cities/my/alpha-town.md")
        work.write("---\ntitle: Alpha\ncountry: LA\n---\n", to: "Content/cities/la/Alpha-Town.md")
        work.write("---\ntitle: Goals\n---\n", to: "Content/pages/goals.md")
        let result = build(content, into: work.url.appendingPathComponent("site"))
        let messages = result.diagnostics.sorted.map(\.description)
        #expect(messages.contains { $0.contains("cities/my/alpha-town.md:1:1: error: two cities are named `alpha-town`") })
        #expect(messages.contains { $0.contains("Alpha-Town.md:1:1: error: the file name `Alpha-Town.md` cannot be used") && $0.contains("alpha-town.md") })
        #expect(messages.contains { $0.contains("pages/goals.md:1:1: error: a page cannot be named `goals`") })
    }

    @Test func aPipeInTheContentFolderIsAnErrorNotAHang() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        #expect(mkfifo(content.appendingPathComponent("pages/pipe.md").path, 0o644) == 0)
        let result = build(content, into: work.url.appendingPathComponent("site"))
        #expect(result.diagnostics.sorted.contains { $0.message.contains("not a regular file") })
    }

    @Test func outputMayNotBeTheContentFolder() {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let result = build(content, into: content)
        #expect(result.failed)
        #expect(result.diagnostics.sorted.first?.message.contains("overlaps the content folder") == true)
        #expect(FileManager.default.fileExists(atPath: content.appendingPathComponent("site.yml").path))
    }

    /// Whole pages against files kept in Golden/. Set CITYSDG_RECORD_GOLDEN=1 to write them anew.
    @Test(arguments: ["cities/alpha-town/index.html", "targets/11-7/index.html", "goals/18/index.html",
                      "projects/alpha-park/index.html", "sitemap.xml", "assets/goals.css",
                      "indicators/11-7-1/index.html"])
    func goldenPages(path: String) throws {
        let out = TemporaryFolder()
        _ = build(Repo.fixture, into: out.url)
        let actual = try #require(FileManager.default.contents(atPath: out.url.appendingPathComponent(path).path))
        let golden = Repo.golden.appendingPathComponent(path.replacingOccurrences(of: "/", with: "__"))
        if ProcessInfo.processInfo.environment["CITYSDG_RECORD_GOLDEN"] != nil {
            try actual.write(to: golden)
        }
        let expected = try #require(FileManager.default.contents(atPath: golden.path), "no golden file for \(path)")
        #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}

/// Every `href`/`src` in the site's HTML that points inside it but to no written file.
func brokenLinks(in root: URL) -> [String] {
    let files = snapshot(root)
    var broken: [String] = []
    let pattern = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
    for (path, data) in files where path.hasSuffix(".html") && path != "404.html" {
        let html = String(decoding: data, as: UTF8.self)
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let link = String(html[Range(match.range(at: 1), in: html)!])
            if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") || link.hasPrefix("#") { continue }
            let target = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            // A web address is ASCII: a page named in another script is linked percent-encoded.
            guard target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x80 }), let decoded = target.removingPercentEncoding else {
                broken.append("\(path) → \(link) (not percent-encoded)")
                continue
            }
            let resolved = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: "/"))
                .deletingLastPathComponent().appendingPathComponent(decoded).standardizedFileURL.path
            if files[String(resolved.dropFirst())] == nil { broken.append("\(path) → \(link)") }
        }
    }
    return broken.sorted()
}
