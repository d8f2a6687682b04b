import Foundation
import Testing
import Yams
@testable import CitySDGEngine

@Suite struct CatalogueTests {
    let catalogue = Catalogue.bundled

    @Test func hasTheWholeFramework() {
        #expect(catalogue.goals.count == 17)
        #expect(catalogue.targets.count == 169)
        let expected = [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19]
        #expect(catalogue.goals.map(\.targets.count) == expected)
        #expect(catalogue.targets.flatMap(\.indicators).count == 248)
        #expect(catalogue.target(TargetCode(text: "11.c")!)?.indicators.isEmpty == true)
    }

    @Test func goal17HasNumberedTargetsOnly() {
        let codes = catalogue.goal(GoalNumber(17))!.targets.map(\.code.description)
        #expect(codes == (1...19).map { "17.\($0)" })
    }

    @Test func targetsSortAsTuplesNotDecimals() {
        let goal8 = catalogue.goal(GoalNumber(8))!.targets.map(\.code.description)
        #expect(goal8 == ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "8.10", "8.a", "8.b"])
        #expect(TargetCode(text: "8.9")! < TargetCode(text: "8.10")!)
        #expect(TargetCode(text: "8.10")! < TargetCode(text: "8.a")!)
        #expect(TargetCode(text: "8.10") != TargetCode(text: "8.1"))
        #expect(catalogue.target(TargetCode(text: "3.d")!) != nil)
    }

    @Test func coloursAreTheOfficialOnes() {
        #expect(catalogue.goal(GoalNumber(11))!.colour == "#FD9D24")
        #expect(catalogue.goal(GoalNumber(7))!.colour == "#FCC30B")
        #expect(Set(catalogue.goals.map(\.colour)).count == 17)
    }

    @Test func everyGoalTileTextMeetsWCAGAA() {
        for goal in catalogue.goals {
            let ratio = Colour.contrast(goal.colour, Colour.text(on: goal.colour))
            #expect(ratio >= 4.5, "goal \(goal.number): \(ratio)")
        }
        #expect(Colour.text(on: "#FCC30B") == Colour.dark)
    }

    @Test func rangeHintNamesTheCodesThatExist() {
        #expect(catalogue.targetRange(of: GoalNumber(11)) == "goal 11 has 11.1–11.7 and 11.a–11.c")
    }

    @Test func nationalGoalsAreAdded() {
        let uxo = Catalogue.Goal(number: GoalNumber(18), short: "Lives Safe from UXO", title: "UXO", colour: "#7A5C3E",
                                 targets: [.init(code: TargetCode(text: "18.1")!, title: "t", indicators: [], isNational: true)],
                                 isNational: true)
        let extended = catalogue.adding([uxo])
        #expect(extended.goals.count == 18)
        #expect(extended.target(TargetCode(text: "18.1")!)?.isNational == true)
        #expect(extended.goals.last?.number == GoalNumber(18))
    }

    /// The catalogue's titles agree with the public reference data (Fixtures/reference/gif_2023_parsed.json).
    @Test func agreesWithTheReferenceData() throws {
        let data = try #require(FileManager.default.contents(atPath: Repo.reference.appendingPathComponent("gif_2023_parsed.json").path))
        struct GIF: Decodable { var targets: [[String]]; var indicators: [[String]] }
        let gif = try JSONDecoder().decode(GIF.self, from: data)
        func fold(_ s: String) -> String {
            // The reference keeps the UN's footnote marks ("negotiation4"); the catalogue does not.
            let folded = s.replacingOccurrences(of: "\u{2011}", with: "-").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return folded.replacingOccurrences(of: #"(?<=[A-Za-z)])\d+$"#, with: "", options: .regularExpression)
        }
        #expect(gif.targets.count == catalogue.targets.count)
        for pair in gif.targets {
            #expect(catalogue.target(TargetCode(text: pair[0])!).map { fold($0.title) } == fold(pair[1]), "\(pair[0])")
        }
        for row in gif.indicators {
            #expect(catalogue.indicator(IndicatorCode(text: row[0])!).map { fold($0.title) } == fold(row[1]), "\(row[0])")
        }
    }
}

@Suite struct IdentifierTests {
    @Test func targetCodes() {
        #expect(TargetCode(text: "11.7")?.slug == "11-7")
        #expect(TargetCode(text: "16.10")?.description == "16.10")
        #expect(TargetCode(text: "11") == nil)
        #expect(TargetCode(text: "11.07") == nil)
        #expect(TargetCode(text: "11.A") == nil)
        #expect(TargetCode(text: "11.7.1") == nil)
        #expect(IndicatorCode(text: "11.a.1")?.target == TargetCode(text: "11.a"))
    }

    @Test func goalNumbersAndCountries() {
        #expect(GoalNumber(text: "011") == nil)
        #expect(GoalNumber(text: "11")?.value == 11)
        #expect(CountryCode(text: "LA") != nil)
        #expect(CountryCode(text: "la") == nil)
        #expect(CountryCode(text: "false") == nil)
    }

    @Test func slugs() {
        #expect(Slug(text: "luang-prabang") != nil)
        #expect(Slug(text: "../etc") == nil)
        #expect(Slug(text: "Luang Prabang") == nil)
        #expect(Slug.suggest(for: "Luang Prabang") == "luang-prabang")
        #expect(Slug.latin(for: "Đà Nẵng") == "da-nang")
    }

    @Test func partialDates() {
        #expect(PartialDate(text: "2025-06-30")?.readable == "30 June 2025")
        #expect(PartialDate(text: "2024-02-29") != nil)
        #expect(PartialDate(text: "2023-02-29") == nil)
        #expect(PartialDate(text: "2025-13") == nil)
        #expect(PartialDate(text: "2018")?.description == "2018")
    }

    /// No official title ends in a footnote mark run into its last word, or in a stray symbol.
    @Test func noTitleCarriesAFootnoteMark() {
        let titles = Catalogue.bundled.goals.map(\.title) + Catalogue.bundled.targets.map(\.title)
            + Catalogue.bundled.targets.flatMap(\.indicators).map(\.title)
        for title in titles {
            #expect(title.range(of: #"[A-Za-z)]\d+$"#, options: .regularExpression) == nil, "\(title.suffix(40))")
            #expect(title.last.map { $0.isLetter || $0.isNumber || ")].”".contains($0) } == true, "\(title.suffix(40))")
        }
    }

    /// An indicator that repeats under several targets is one indicator (its UNSD code), marked under each.
    @Test func repeatedIndicatorsAreCountedOnce() {
        #expect(Catalogue.bundled.targets.flatMap(\.indicators).count == 248)
        #expect(Catalogue.bundled.uniqueIndicatorCount == 232)
        let indicator = Catalogue.bundled.indicator(IndicatorCode(text: "1.5.1")!)!
        #expect(indicator.alsoUnder.map(\.description) == ["11.5.1", "13.1.1"])
        #expect(Catalogue.bundled.indicator(IndicatorCode(text: "1.1.1")!)!.alsoUnder.isEmpty)
    }
}
