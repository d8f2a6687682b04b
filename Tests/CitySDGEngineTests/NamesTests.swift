import Foundation
import Testing
@testable import CitySDGEngine

/// Names in the reader's script: a city's `names:` (with their source) first and its Latin title
/// beside, a country by CLDR's name of it, and search finding a city by either name.
@Suite struct NamesTests {
    /// The fixture in English, Lao and Burmese, Alpha Town named in Lao and Burmese.
    static func site(_ work: TemporaryFolder, names: String = "names: {lo: \"ເມືອງອາລຟາ\", my: \"အယ်လ်ဖာမြို့\", source: 1}") -> URL {
        let content = work.copy(Repo.fixture, as: "Content")
        let site = content.appendingPathComponent("site.yml")
        try! Data(try! String(contentsOf: site, encoding: .utf8).replacingOccurrences(of: "language: en", with: "languages: [en, lo, my]").utf8).write(to: site)
        let city = content.appendingPathComponent("cities/la/alpha-town.md")
        try! Data(try! String(contentsOf: city, encoding: .utf8).replacingOccurrences(of: "country: LA\n", with: "country: LA\n\(names)\n").utf8).write(to: city)
        return content
    }

    @Test func aCityIsNamedInThePagesScriptWithItsLatinNameBeside() throws {
        let work = TemporaryFolder()
        let result = build(Self.site(work), into: work.url.appendingPathComponent("site"))
        #expect(!result.failed, "\(result.diagnostics.sorted)")
        let site = work.url.appendingPathComponent("site")
        let lao = try page("lo/cities/alpha-town/index.html", in: site)
        #expect(lao.contains("<h1>ເມືອງອາລຟາ <span class=\"latin-name\" lang=\"en\">Alpha Town</span> <a class=\"cite\" href=\"#source-1\">[1]</a></h1>"))
        #expect(try page("my/cities/index.html", in: site).contains(">အယ်လ်ဖာမြို့</a> <span class=\"latin-name\" lang=\"en\">Alpha Town</span>"))
        #expect(try page("lo/countries/la/index.html", in: site).contains(">ເມືອງອາລຟາ</a> <span class=\"latin-name\" lang=\"en\">Alpha Town</span></h3>"))
        // English pages, and a language without a name for it, keep the title alone.
        #expect(try page("cities/alpha-town/index.html", in: site).contains("<h1>Alpha Town</h1>"))
        #expect(try page("my/cities/beta-city/index.html", in: site).contains("<h1 lang=\"en\">Beta City</h1>"))
        // Search in Lao finds the city by either name.
        let index = try String(contentsOf: site.appendingPathComponent("lo/search").appendingPathComponent(
            try #require(FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("lo/search").path)
                .first { $0.hasPrefix("shard") || $0.contains("-") && $0.hasSuffix(".json") })), encoding: .utf8)
        let entry = try #require(index.split(separator: "\n").first { $0.contains("cities/alpha-town/") })
        #expect(entry.contains("\"ເມືອງອາລຟາ · Alpha Town\""), "the title names it both ways, so either ranks it first")
    }

    /// Countries are named by CLDR in the page's language where their file has no translation.
    @Test func countriesAreNamedByCLDR() throws {
        let work = TemporaryFolder()
        _ = build(Self.site(work), into: work.url.appendingPathComponent("site"))
        let site = work.url.appendingPathComponent("site")
        #expect(try page("lo/countries/la/index.html", in: site).contains("<h1>ລາວ <span class=\"code\">LA</span></h1>"))
        #expect(try page("my/countries/my/index.html", in: site).contains("<h1>မလေးရှား <span class=\"code\">MY</span></h1>"))
        #expect(try page("my/cities/alpha-town/index.html", in: site).contains(">လာအို</a>"))
        #expect(try page("countries/la/index.html", in: site).contains("<h1>Lao PDR <span class=\"code\">LA</span></h1>"))
    }

    @Test func namesAreChecked() throws {
        let work = TemporaryFolder()
        let result = build(Self.site(work, names: "names: {Lao: \"ເມືອງ\", lo: \"ເມືອງອາລຟາ\"}"), into: work.url.appendingPathComponent("site"))
        let problems = result.diagnostics.sorted.filter { $0.location.file.hasSuffix("alpha-town.md") }
        #expect(problems.contains { $0.severity == .error && $0.message == "`Lao` in `names` is not a language code" })
        #expect(problems.contains { $0.severity == .warning && $0.message == "`names` has no `source`" })
        let bad = build(Self.site(TemporaryFolder(), names: "names: {lo: \"ເມືອງ\", source: 9}"), into: work.url.appendingPathComponent("b"))
        #expect(bad.failed)
    }
}
