import Foundation
import Testing
@testable import CitySDGEngine

/// The text edits written for the render's hot paths do what Foundation's do.
@Suite struct StringEditsTests {
    @Test(arguments: [
        ("from {start} to {end}", "{start}", "2019"),
        ("{n}{n} and {n}", "{n}", "ສາມ"),
        ("no placeholder here", "{n}", "3"),
        ("ends with <", "<", "\\u003c"),
        ("<<a<", "<", ""),
        ("ເມືອງ {date} ၊ {date}", "{date}", "5 March 2024"),
        ("", "{n}", "x"),
        ("{n", "{n}", "x"),
    ])
    func replacingEveryIsReplacingOccurrences(text: String, target: String, replacement: String) {
        #expect(text.replacingEvery(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }

    @Test(arguments: ["  2019 ", "\t12.5\t", "value", "", "   ", "\u{00A0}Vientiane\u{3000}", " a b ", "x\n", "\u{2009}ລາວ"])
    func trimmingSpacesIsTrimmingWhitespaces(text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }
}
