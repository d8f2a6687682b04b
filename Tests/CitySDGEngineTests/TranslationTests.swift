import Foundation
import Testing
@testable import CitySDGEngine

/// Content translations: the fixture site in English, Lao and Thai, with Alpha Town translated
/// into Lao (up to date), Beta City translated into Lao but out of date, and nothing in Thai.
@Suite struct TranslationTests {
    /// The fixture with `languages: [en, lo, th]` and its translations.
    static func multilingualFixture(_ work: TemporaryFolder) -> URL {
        let content = work.copy(Repo.fixture, as: "Content")
        let site = content.appendingPathComponent("site.yml")
        let text = try! String(contentsOf: site, encoding: .utf8).replacingOccurrences(of: "language: en", with: "languages: [en, lo, th]")
        try! Data(text.utf8).write(to: site)
        work.write("""
            ---
            title: ເມືອງອັລຟາ
            summary: ເມືອງທົດສອບ.
            expectations:
              - target: "11.7"
                expectation: ທຸກບ້ານຢູ່ໃກ້ສວນສາທາລະນະ.
            translated_by: A test translator
            original_updated: 2025-06-30
            ---
            ## ສວນສາທາລະນະ

            ເບິ່ງ [ໂຄງການ](/projects/alpha-park/).
            """, to: "Content/cities/la/alpha-town.lo.md")
        work.write("""
            ---
            title: ເມືອງເບຕາ
            original_fingerprint: 0123456789ab
            ---
            """, to: "Content/cities/my/beta-city.lo.md")
        return content
    }

    /// The fixture built; the folder lives as long as the value.
    final class Built {
        let work = TemporaryFolder()
        var site: URL { work.url.appendingPathComponent("site") }
        var result: Build.Result!
    }

    func built() throws -> Built {
        let built = Built()
        built.result = build(Self.multilingualFixture(built.work), into: built.site)
        #expect(!built.result.failed, "\(built.result.diagnostics.sorted)")
        return built
    }

    @Test func aTranslatedCityShowsItsTranslation() throws {
        let built = try built()
        let site = built.site
        let html = try page("lo/cities/alpha-town/index.html", in: site)
        #expect(html.contains("<html lang=\"lo\">"))
        #expect(html.contains("<h1>ເມືອງອັລຟາ</h1>"))
        #expect(html.contains("<p class=\"lead\">ເມືອງທົດສອບ.</p>"))
        #expect(html.contains("<p>ທຸກບ້ານຢູ່ໃກ້ສວນສາທາລະນະ.</p>"))
        // The expectation the translation does not word stays in English, marked so.
        #expect(html.contains("<p lang=\"en\">Banks reach the old town.</p>"))
        // The translated body, its site link kept in Lao.
        #expect(html.contains("<h2 id=\"ສວນສາທາລະນະ\">"))
        #expect(html.contains("href=\"../../../lo/projects/alpha-park/index.html\""))
        #expect(!html.contains("Alpha Town is a test city"))
        #expect(html.contains("ແປໂດຍ A test translator."), "the credit is a Lao sentence around the name")
        #expect(!html.contains("ຍັງບໍ່ໄດ້ແປ"))
        // An untranslated page says so in Lao, and names the original's language in Lao (CLDR).
        #expect(try page("lo/projects/alpha-park/index.html", in: site).contains("ເປັນພາສາເດີມ, ອັງກິດ.</p>"))
        // Facts stay the original's, written as Lao writes numbers and dates (CLDR: `.` groups digits).
        #expect(html.contains("90.313 (2015)"))
        #expect(html.contains(": 30 ມິຖຸນາ 2025 · "))
        #expect(try page("cities/alpha-town/index.html", in: site).contains("90,313 (2015)"))
        // Lists and the target page show the translation too.
        #expect(try page("lo/cities/index.html", in: site).contains(">ເມືອງອັລຟາ</a>"))
        #expect(try page("lo/targets/11-7/index.html", in: site).contains("ທຸກບ້ານຢູ່ໃກ້ສວນສາທາລະນະ."))
        // Lists are ordered by the Lao titles as Lao orders them (by consonant: ເບ before ອັ), not by code points.
        let list = try page("lo/goals/11/index.html", in: site), english = try page("goals/11/index.html", in: site)
        let beta = try #require(list.range(of: "<h3><a href=\"../../../lo/cities/beta-city/")), alpha = try #require(list.range(of: "<h3><a href=\"../../../lo/cities/alpha-town/"))
        #expect(beta.lowerBound < alpha.lowerBound)
        let alphaEn = try #require(english.range(of: "<h3><a href=\"../../cities/alpha-town/")), betaEn = try #require(english.range(of: "<h3><a href=\"../../cities/beta-city/"))
        #expect(alphaEn.lowerBound < betaEn.lowerBound)
        // The English page is the original.
        #expect(try page("cities/alpha-town/index.html", in: site).contains("<h1>Alpha Town</h1>"))
    }

    @Test func aStaleTranslationIsAWarningAndMarked() throws {
        let built = try built()
        let site = built.site, result = built.result!
        let warnings = result.diagnostics.sorted.filter { $0.severity == .warning && $0.location.file.hasSuffix("beta-city.lo.md") }
        #expect(warnings.map(\.message) == ["the translation into `lo` is out of date: the original's text changed since it was translated"])
        #expect(warnings.first?.hint?.contains("original_fingerprint: ") == true)
        let html = try page("lo/cities/beta-city/index.html", in: site)
        #expect(html.contains("<h1>ເມືອງເບຕາ</h1>"))
        #expect(html.contains("ຄຳແປນີ້ອາດຈະລ້າສະໄໝ."), "the Lao page says it in Lao")
        #expect(!(try page("lo/cities/alpha-town/index.html", in: site)).contains("ລ້າສະໄໝ"))
    }

    @Test func theFingerprintTheWarningNamesMakesTheTranslationCurrent() throws {
        let work = TemporaryFolder()
        let content = Self.multilingualFixture(work)
        var first = build(content, into: work.url.appendingPathComponent("a"))
        let hint = try #require(first.diagnostics.sorted.first { $0.location.file.hasSuffix("beta-city.lo.md") }?.hint)
        let fingerprint = try #require(hint.split(separator: "`").first { $0.hasPrefix("original_fingerprint: ") })
        work.write("---\ntitle: ເມືອງເບຕາ\n\(fingerprint)\n---\n", to: "Content/cities/my/beta-city.lo.md")
        first = build(content, into: work.url.appendingPathComponent("b"))
        #expect(first.diagnostics.sorted.filter { $0.location.file.hasSuffix("beta-city.lo.md") }.isEmpty, "\(first.diagnostics.sorted)")
        #expect(!(try page("b/lo/cities/beta-city/index.html", in: work.url)).contains("ລ້າສະໄໝ"))
        // Editing the original's text makes it stale again; editing a fact does not.
        let original = content.appendingPathComponent("cities/my/beta-city.md")
        let text = try String(contentsOf: original, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "coordinates: [3.14, 101.69]", with: "coordinates: [3.15, 101.69]").utf8).write(to: original)
        #expect(build(content, into: work.url.appendingPathComponent("c")).diagnostics.sorted.filter { $0.location.file.hasSuffix("beta-city.lo.md") }.isEmpty)
        try Data((text + "\nA new sentence.\n").utf8).write(to: original)
        #expect(build(content, into: work.url.appendingPathComponent("d")).diagnostics.sorted.contains { $0.location.file.hasSuffix("beta-city.lo.md") && $0.message.contains("out of date") })
    }

    @Test func aMissingTranslationFallsBackAndSaysSo() throws {
        let built = try built()
        let site = built.site
        let html = try page("th/cities/alpha-town/index.html", in: site)
        #expect(html.contains("<html lang=\"th\">"))
        #expect(html.contains("<p class=\"untranslated\" role=\"note\">"))
        #expect(html.contains("<h1 lang=\"en\">Alpha Town</h1>"))
        #expect(html.contains("<div lang=\"en\">"))
        #expect(html.contains("href=\"../../../th/projects/alpha-park/index.html\""))
        // A card of an untranslated city is marked too.
        #expect(try page("th/cities/index.html", in: site).contains("<a class=\"row-title\" href=\"../../th/cities/alpha-town/index.html\" lang=\"en\">Alpha Town</a>"))
    }

    /// The status page counts, per language, what is translated; `check` hears which strings are missing.
    @Test func theStatusPageAndCheckShowTheGaps() throws {
        let built = try built()
        let html = try page("translations/index.html", in: built.site)
        let lao = try #require(html.components(separatedBy: "<section class=\"language-status\"").dropFirst().first)
        let thai = try #require(html.components(separatedBy: "<section class=\"language-status\"").dropFirst(2).first)
        #expect(lao.contains("<h2 id=\"status-lo\" lang=\"lo\">ພາສາລາວ</h2>"))
        #expect(lao.contains("<tr><th scope=\"row\">Target titles</th><td>169 / 170</td></tr>"))
        #expect(lao.contains("<tr><th scope=\"row\">Pages of cities, projects, countries, programmes and text</th><td>2 / 7</td></tr>"))
        #expect(lao.contains("href=\"../lo/cities/alpha-town/index.html\""))
        #expect(lao.components(separatedBy: "<h3>").count == 3, "one translated and one stale")
        #expect(thai.contains("<tr><th scope=\"row\">Target titles</th><td>0 / 170</td></tr>"))
        #expect(thai.contains("No page of this site"))
        #expect(FileManager.default.fileExists(atPath: built.site.appendingPathComponent("th/translations/index.html").path))
        // Strings translated for the theme wait for review, each with the English beside it.
        #expect(lao.contains("<td lang=\"en\">You are here</td><td lang=\"lo\">ທ່ານຢູ່ທີ່ນີ້</td>"))
        #expect(!lao.contains("<code>nav_goals</code>"), "sdg-translations' strings are not listed for review")
        #expect(!thai.contains("class=\"review\""))
        let missing = Dictionary(uniqueKeysWithValues: built.result.missingStrings.map { ($0.language, $0.keys) })
        #expect(missing["lo"] == [], "the default theme has every string in Lao")
        #expect(missing["th"]?.contains("nav_goals") == true && missing["th"]?.contains("nav_cities") == true)
        #expect(missing["th"]?.contains("projects_count_one") == false, "Thai has no `one` form to miss")
    }

    /// `citysdg new translation` starts a file that translates nothing until its lines are
    /// uncommented; filled in, it is current, and it knows when the original changes.
    @Test func aNewTranslationStartsFromTheOriginal() throws {
        let work = TemporaryFolder()
        let content = Self.multilingualFixture(work)
        try FileManager.default.removeItem(at: content.appendingPathComponent("cities/la/alpha-town.lo.md"))
        let file = try Scaffold.translation(of: "cities/la/alpha-town.md", into: "lo", content: content)
        #expect(file.path == "cities/la/alpha-town.lo.md")
        #expect(file.text.contains("# title: \"Alpha Town\"") && file.text.contains("#     expectation: \"Banks reach the old town.\""))
        work.write(file.text, to: "Content/" + file.path)
        var result = build(content, into: work.url.appendingPathComponent("a"))
        #expect(result.diagnostics.sorted.filter { $0.location.file.hasSuffix("alpha-town.lo.md") }.isEmpty)
        #expect(try page("a/lo/cities/alpha-town/index.html", in: work.url).contains("class=\"untranslated\""), "nothing is translated yet")
        // Every line uncommented, as the translator would, with the words changed.
        let filled = file.text.split(separator: "\n").map { line in
            line.hasPrefix("# title:") ? "title: ຊື່" : line.hasPrefix("#   - ") || line.hasPrefix("#     ") || line.hasPrefix("# expectations:")
                ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        work.write(filled, to: "Content/" + file.path)
        result = build(content, into: work.url.appendingPathComponent("b"))
        #expect(!result.failed && result.diagnostics.sorted.filter { $0.location.file.hasSuffix("alpha-town.lo.md") }.isEmpty, "\(result.diagnostics.sorted)")
        let html = try page("b/lo/cities/alpha-town/index.html", in: work.url)
        #expect(html.contains("<h1>ຊື່</h1>") && !html.contains("class=\"untranslated\"") && !html.contains("ລ້າສະໄໝ"))
        #expect(throws: Scaffold.Problem.self) { try Scaffold.translation(of: "cities/la/nowhere.md", into: "lo", content: content) }
        #expect(throws: Scaffold.Problem.self) { try Scaffold.translation(of: "cities/la/alpha-town.md", into: "fr", content: content) }
    }

    /// The mistakes a translator can make, each at its file, line and column.
    @Test func translationMistakesAreErrorsWithTheirPlace() throws {
        let work = TemporaryFolder()
        let content = Self.multilingualFixture(work)
        work.write("---\ntitle: ບ່ອນບໍ່ມີ\n---\n", to: "Content/cities/la/nowhere.lo.md")
        work.write("---\ntitle: ເມືອງອັລຟາ\npopulation: 5\nexpectations:\n  - target: \"6.1\"\n    expectation: ນ້ຳ.\n---\n", to: "Content/cities/la/alpha-town.lo.md")
        work.write("---\ntitle: Ville Alpha\n---\n", to: "Content/cities/la/alpha-town.fr.md")
        let result = build(content, into: work.url.appendingPathComponent("site"))
        let errors = result.diagnostics.sorted.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
        #expect(errors.contains("Content/cities/la/nowhere.lo.md:1:1: this translates `cities/la/nowhere.md`, which does not exist (or has errors)"), "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/cities/la/alpha-town.lo.md:3:1: unknown field `population` in a translation") }, "\(errors)")
        #expect(errors.contains("Content/cities/la/alpha-town.lo.md:5:13: Content/cities/la/alpha-town.md has no expectation for target 6.1 to translate"), "\(errors)")
        #expect(errors.contains("Content/cities/la/alpha-town.fr.md:1:1: `alpha-town.fr.md` is a translation into `fr`, which is not one of the site's languages"), "\(errors)")
        #expect(result.failed)
    }

    /// Editing a translation makes again only the pages that show it; a new language's pages are all new.
    @Test func editingATranslationRendersOnlyThePagesThatShowIt() throws {
        let work = TemporaryFolder()
        let content = Self.multilingualFixture(work)
        func run() -> Build.Result {
            var b = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"),
                          stateFile: work.url.appendingPathComponent(".citysdg/state"))
            b.generator = Fingerprint("test")
            return b.run()
        }
        _ = run()
        let translation = content.appendingPathComponent("cities/la/alpha-town.lo.md")
        let text = try String(contentsOf: translation, encoding: .utf8)
        try Data((text + "\nປະໂຫຍກໃໝ່.\n").utf8).write(to: translation)
        #expect(run().explanations.map(\.path) == ["lo/cities/alpha-town/index.html", "lo/search/shard-0.json"], "the page and the Lao search index's shard")
        try Data(text.replacingOccurrences(of: "summary: ເມືອງທົດສອບ.", with: "summary: ເມືອງ.").utf8).write(to: translation)
        let pages = run().explanations.map(\.path)
        #expect(pages.contains("lo/cities/alpha-town/index.html") && pages.contains("lo/cities/index.html"))
        // The Lao pages that list the city, and the status pages (which list the translation).
        #expect(pages.allSatisfy { $0.hasPrefix("lo/") || $0.hasSuffix("translations/index.html") }, "\(pages)")
        #expect(!pages.contains("cities/index.html") && !pages.contains("th/cities/index.html"))
    }
}
