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
