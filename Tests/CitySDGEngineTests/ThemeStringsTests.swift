import Foundation
import Testing
@testable import CitySDGEngine

/// The default theme's interface strings in the languages it ships: complete, each with its
/// provenance, each with the placeholders of the English string, and kept as they are by the importer.
@Suite struct ThemeStringsTests {
    static let bundled = ["lo", "km", "my"]
    static let i18n = Repo.themes.appendingPathComponent("default/i18n")

    static func text(_ language: String) throws -> String {
        try String(contentsOf: i18n.appendingPathComponent("\(language).yml"), encoding: .utf8)
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{[a-z]+\}/).map { String($0.output) })
    }

    /// A bundled language that lacks a key fails here (and `citysdg check` would count it).
    @Test(arguments: bundled) func aBundledLanguageMissesNoKey(language: String) throws {
        var d = Diagnostics()
        let theme = try #require(Theme.load(name: "default", themesRoot: Repo.themes, languages: ["en", language], display: { $0 }, &d))
        #expect(!d.hasErrors, "\(d.sorted)")
        #expect(theme.missingStrings[language] == [], "\(language) lacks \(theme.missingStrings[language] ?? [])")
    }

    /// Every string says where it comes from, and one marked as translated here is listed for review.
    @Test(arguments: bundled) func everyStringHasItsProvenance(language: String) throws {
        let text = try Self.text(language)
        let keys = text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains(":") }.map { String($0.prefix { $0 != ":" }) }
        let marks = Theme.provenance(in: text)
        for key in keys {
            let mark = try #require(marks[key], "\(language).yml: `\(key)` says nothing of where it comes from")
            #expect(["sdg-translations", "CLDR", Theme.reviewWantedMark].contains(mark)
                    || mark.wholeMatch(of: /reviewed: .+, \d{4}-\d{2}-\d{2}/) != nil, "\(language).yml: `\(key)` # \(mark)")
        }
        var d = Diagnostics()
        let theme = try #require(Theme.load(name: "default", themesRoot: Repo.themes, languages: ["en", language], display: { $0 }, &d))
        #expect(theme.reviewWanted[language] == marks.filter { $0.value == Theme.reviewWantedMark }.keys.sorted())
        #expect(theme.reviewWanted[language]?.contains("period_until") == true)
    }

    /// A translation has the English string's placeholders, so no phrase is glued around a word.
    @Test(arguments: bundled) func placeholdersAreKept(language: String) throws {
        var d = Diagnostics()
        let theme = try #require(Theme.load(name: "default", themesRoot: Repo.themes, languages: ["en", language], display: { $0 }, &d))
        let english = try #require(theme.strings["en"]), own = try #require(theme.strings[language])
        for (key, text) in own where english[key] != nil {
            #expect(Self.placeholders(text) == Self.placeholders(english[key]!), "\(language): \(key): \(text)")
        }
        #expect(Self.placeholders(english["period_until"]!) == ["{date}"])
    }

    /// A number a translation writes itself (a year) is in the language's own digits where CLDR's
    /// default numbering is not Latin: Burmese writes ၂၀၁၅, as the engine writes every number it formats.
    @Test func aTranslationWritesNumbersInItsDigits() throws {
        var d = Diagnostics()
        let theme = try #require(Theme.load(name: "default", themesRoot: Repo.themes, languages: ["en", "my"], display: { $0 }, &d))
        let burmese = try #require(theme.strings["my"])
        // Names and codes keep their Latin digits (A/RES/70/1, RFC 4180, UTF-8, CC BY 4.0).
        let names = /A\/RES\/[0-9\/]+|RFC [0-9]+|UTF-8|CC BY [0-9.]+|PM2\.5|[0-9]+\.[0-9a-z]+(\.[0-9a-z]+)?/
        for (key, text) in burmese {
            let left = text.replacing(names, with: "")
            #expect(left.allSatisfy { !$0.isASCII || !$0.isNumber }, "my: \(key): \(text)")
        }
        #expect(burmese["progress_note_not_enough"]?.contains("၂၀၁၅") == true)
    }

    @Test func theProvenanceParserReadsOnlyComments() {
        let marks = Theme.provenance(in: """
            # a: "header" # not a key
            a: "x # y" # CLDR
            b: "no comment"
            c: plain # translated here: review wanted
            d: "a # inside"
            """)
        #expect(marks == ["a": "CLDR", "c": "translated here: review wanted"])
    }

    /// Importing sdg-translations again writes the bundled files unchanged: provenance, order and
    /// every string not from Open SDG stay.
    @Test func theImporterKeepsEveryOtherStringAndItsProvenance() throws {
        let work = TemporaryFolder()
        let theme = work.copy(Repo.themes.appendingPathComponent("default"), as: "default")
        let importer = try TranslationImporter(source: Repo.sdgTranslations, theme: theme, catalogue: .bundled, defaultLanguage: "en")
        for language in Self.bundled {
            let report = try importer.importLanguage(language)
            #expect(report.interfaceMissing == [], "\(language): \(report.interfaceMissing)")
            let written = try String(contentsOf: theme.appendingPathComponent("i18n/\(language).yml"), encoding: .utf8)
            #expect(written == (try Self.text(language)), "\(language).yml changes when imported again")
        }
    }
}
