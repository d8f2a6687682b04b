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

/// The JSON writer of the open data: sorted keys, JSON's escapes, lists of texts and numbers
/// written as they are, and its pretty form indented two spaces a level.
@Suite struct JSONTextTests {
    @Test func writesEveryKindOfValueWithItsKeysSorted() {
        let value: [String: Any] = [
            "title": "Luang \"Prabang\"\n\\ \u{01}ລາວ", "population": 55_000, "share": 12.5, "whole": 3.0, "listed": true,
            "goals": [11, 6], "partners": ["UN-Habitat", "ADB"], "mixed": [1, "two", false] as [Any],
            "nested": ["b": 1, "a": [String: Any]()] as [String: Any], "empty": [String](), "none": Optional<String>.none as Any,
            "raw": JSONText.Raw(text: "{\"kept\":1}"),
        ]
        #expect(JSONText.write(value) == #"{"empty":[],"goals":[11,6],"listed":true,"mixed":[1,"two",false],"nested":{"a":{},"b":1},"#
                + #""none":null,"partners":["UN-Habitat","ADB"],"population":55000,"raw":{"kept":1},"share":12.5,"#
                + #""title":"Luang \"Prabang\"\n\\ \u0001ລາວ","whole":3}"#)
        #expect(JSONText.write(["b": ["x", "y"], "a": [String: Any]()] as [String: Any], pretty: true) == "{\n  \"a\": {},\n  \"b\": [\n    \"x\",\n    \"y\"\n  ]\n}")
        #expect(JSONText.file(["a": 1], pretty: false) == Data("{\"a\":1}\n".utf8))
        #expect(JSONText.quoted("say \"hi\"\t") == #""say \"hi\"\t""#)
        #expect(JSONText.escaped("a\\b") == #"a\\b"#)
    }
}

/// Numbers for readers: grouped by thousands, at most three decimals, none trailing.
@Suite struct FormatTests {
    @Test func groupsAndDecimalsAreWrittenAsReadersExpect() {
        #expect([0, 7, 999, 1_000, 12_345, 1_234_567, -1_234, -999, Int.max].map(Format.grouped)
                == ["0", "7", "999", "1,000", "12,345", "1,234,567", "-1,234", "-999", "9,223,372,036,854,775,807"])
        #expect([35.2, 1234.0, 0.125, 0.1, 0.05, 0.0005, -2.5, 1_234_567.891, 3.14159, 0, -0.0004, 1e16].map { Format.decimal($0) }
                == ["35.2", "1,234", "0.125", "0.1", "0.05", "0.001", "-2.5", "1,234,567.891", "3.142", "0", "0", "1e+16"])
        #expect(Format.decimal(12.3456, 2) == "12.35")
        #expect(Format.decimal(12.3456, 0) == "12")
        #expect(Format.decimal(0.07, 2) == "0.07")
    }
}
