import Foundation
import Testing
@testable import CitySDGEngine

/// Counts follow each language's CLDR plural rules.
@Suite struct PluralRulesTests {
    let rules = PluralRules.bundled

    func categories(_ language: String, _ counts: [Int]) -> [String] { counts.map { rules.category($0, in: language) } }

    @Test func englishHasOneAndOther() {
        #expect(categories("en", [0, 1, 2, 11, 101]) == ["other", "one", "other", "other", "other"])
    }

    @Test func laoKhmerBurmeseAndThaiHaveOnlyOther() {
        for language in ["lo", "km", "my", "th"] {
            #expect(Set(categories(language, Array(0...200))) == ["other"], "\(language)")
            #expect(rules.categories(of: language).isEmpty)
        }
    }

    @Test func rulesWithModuliRangesAndNegation() {
        #expect(categories("ru", [1, 2, 5, 11, 12, 21, 22, 25, 111, 112]) == ["one", "few", "many", "many", "many", "one", "few", "many", "many", "many"])
        #expect(categories("ar", [0, 1, 2, 3, 10, 11, 99, 100, 102, 103]) == ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "few"])
        #expect(categories("fr", [0, 1, 2, 1_000_000]) == ["one", "one", "other", "many"])
        #expect(categories("cy", [0, 1, 2, 3, 6, 7]) == ["zero", "one", "two", "few", "many", "other"])
        #expect(categories("fil", [1, 4, 5, 14, 16]) == ["one", "other", "one", "other", "other"])
    }

    @Test func aRegionalVariantFallsBackToItsLanguage() {
        #expect(categories("pt-BR", [0, 1, 2]) == categories("pt", [0, 1, 2]))
        #expect(categories("xx", [1]) == ["other"])
    }

    /// A Lao page says a count with the Lao string when the theme has one (Lao has no `one`
    /// form), and with the English one-or-other rule while the string is still English.
    @Test func aLaoPageCountsByTheLanguageOfItsWords() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let themes = work.copy(Repo.themes, as: "Themes")
        // The Lao strings without their count of projects, as if not yet translated.
        let lao = themes.appendingPathComponent("default/i18n/lo.yml")
        let untranslated = try String(contentsOf: lao, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("projects_count") }.joined(separator: "\n")
        try Data(untranslated.utf8).write(to: lao)
        let site = content.appendingPathComponent("site.yml")
        try Data(try String(contentsOf: site, encoding: .utf8).replacingOccurrences(of: "language: en", with: "languages: [en, lo]").utf8).write(to: site)
        let result = build(content, into: work.url.appendingPathComponent("a"), themes: themes)
        #expect(!result.failed)
        // Alpha Town has one project: the Lao page's card uses the English string, so the English rule.
        let english = try page("a/lo/cities/index.html", in: work.url)
        #expect(english.contains("1 project<") || english.contains("1 project "), "\(english)")
        #expect(!english.contains("1 projects"))
        try Data((untranslated + "projects_count: \"{n} ໂຄງການ\"\n").utf8).write(to: lao)
        _ = build(content, into: work.url.appendingPathComponent("b"), themes: themes)
        #expect(try page("b/lo/cities/index.html", in: work.url).contains("1 ໂຄງການ"))
    }
}
