import Testing
@testable import CitySDGEngine

/// The identifiers are read byte by byte (the decode cache checks every one of the site again as
/// it reads them back): what they accept and refuse, written out.
@Suite struct IdentifierRulesTests {
    @Test func goalNumbersAreOneToThreeDigitsWithoutALeadingZero() {
        #expect(GoalNumber(text: "11")?.value == 11)
        #expect(GoalNumber(text: "7")?.value == 7)
        #expect(GoalNumber(text: "118")?.value == 118)
        for refused in ["", "0", "011", "1000", "+1", "-1", " 1", "1 ", "1.0", "١١", "１", "½", "a"] {
            #expect(GoalNumber(text: refused) == nil, "\(refused)")
        }
    }

    @Test func targetCodesAreAGoalADotAndANumberOrALetter() {
        #expect(TargetCode(text: "11.7") == TargetCode(goal: GoalNumber(11), part: .number(7)))
        #expect(TargetCode(text: "8.10") == TargetCode(goal: GoalNumber(8), part: .number(10)))
        #expect(TargetCode(text: "11.a") == TargetCode(goal: GoalNumber(11), part: .letter("a")))
        for refused in ["", "11", "11.", ".7", "11.7.1", "11..7", "011.7", "11.07", "11.A", "11.ab", "11.é", "11,7", "11.7 ", "١١.٧"] {
            #expect(TargetCode(text: refused) == nil, "\(refused)")
        }
    }

    @Test func indicatorCodesAreATargetADotAndANumber() {
        #expect(IndicatorCode(text: "11.7.1")?.description == "11.7.1")
        #expect(IndicatorCode(text: "11.a.1")?.slug == "11-a-1")
        for refused in ["", "11.7", "11.7.", "11.7.01", "11.7.x", "11.7.1.1", ".7.1"] {
            #expect(IndicatorCode(text: refused) == nil, "\(refused)")
        }
    }

    @Test func partialDatesAreAYearAMonthOrADayThatExist() {
        #expect(PartialDate(text: "2019").map { [$0.year, $0.month ?? 0, $0.day ?? 0] } == [2019, 0, 0])
        #expect(PartialDate(text: "2019-07").map { [$0.year, $0.month ?? 0, $0.day ?? 0] } == [2019, 7, 0])
        #expect(PartialDate(text: "2024-02-29").map { [$0.year, $0.month ?? 0, $0.day ?? 0] } == [2024, 2, 29])
        #expect(PartialDate(text: "0999")?.year == 999)
        for refused in ["", "19", "20190", "2019-7", "2019-13", "2019-00", "2023-02-29", "2019-04-31", "2019-07-1", "2019/07",
                        "2019-07-01-01", "2019-07-", "-2019", "２０１９", "2019-0７"] {
            #expect(PartialDate(text: refused) == nil, "\(refused)")
        }
    }

    @Test func slugsAreLowerCaseWordsJoinedBySingleDashes() {
        #expect(Slug(text: "luang-prabang")?.value == "luang-prabang")
        #expect(Slug(text: "ho-chi-minh-city-2")?.value == "ho-chi-minh-city-2")
        #expect(Slug(text: "ຫຼວງພະບາງ") != nil)
        #expect(Slug(text: "đà-nẵng") != nil)
        for refused in ["", "-a", "a-", "a--b", "Luang", "a b", "a.b", "a/b", "a_b", "đà--nẵng", "Đà", String(repeating: "a", count: 201)] {
            #expect(Slug(text: refused) == nil, "\(refused)")
        }
        #expect(Slug(text: String(repeating: "a", count: 200)) != nil)
    }
}
