import Foundation
import Testing
@testable import CitySDGEngine

@Suite struct SourceTextTests {
    @Test func splitsFrontMatterAndKnowsWhereTheBodyStarts() throws {
        let text = try SourceText.read(Data("---\ntitle: A\n---\n# Body\n".utf8), file: "a.md")
        #expect(text.frontMatter == "title: A")
        #expect(text.body.markdown == "# Body\n")
        #expect(text.body.firstLine == 4)
    }

    /// The fences: `---` or `...` closes, spaces or tabs may follow a fence, a fourth dash makes
    /// a line of the front matter; the body is what follows the closing fence's line, if anything.
    @Test func fencesAreFoundWhereverTheyAre() throws {
        let cases: [(String, frontMatter: String, body: String, firstLine: Int)] = [
            ("---\n---\n", "", "", 3),
            ("---\ntitle: A\n...\nBody", "title: A", "Body", 4),
            ("--- \t\ntitle: ວຽງຈັນ\nsummary: ၊\n---  \n\nText\n", "title: ວຽງຈັນ\nsummary: ၊", "\nText\n", 5),
            ("---\ntitle: A\n----\n---", "title: A\n----", "", 5),
        ]
        for (input, frontMatter, body, firstLine) in cases {
            let text = try SourceText.read(Data(input.utf8), file: "a.md")
            #expect(text.frontMatter == frontMatter && text.body.markdown == body && text.body.firstLine == firstLine, "\(input.debugDescription)")
        }
        for input in ["---", "---\n", "----\ntitle: A\n---\n", "--\n---\n"] {
            #expect(throws: SourceText.Problem.self, "\(input.debugDescription)") { try SourceText.read(Data(input.utf8), file: "a.md") }
        }
    }

    @Test func crlfAndByteOrderMarkWork() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\nBody\r\n".utf8)
        let text = try SourceText.read(Data(bytes), file: "a.md")
        #expect(text.frontMatter == "title: A")
        #expect(text.body.markdown == "Body\n")
    }

    @Test func invalidUTF8NamesTheByte() {
        let bytes = Array("---\ntitle: A\n".utf8) + [0x41, 0xC3, 0x28] + Array("\n---\n".utf8)
        #expect {
            try SourceText.read(Data(bytes), file: "a.md")
        } throws: { error in
            let problem = error as! SourceText.Problem
            return problem.location.line == 3 && problem.location.column == 2 && problem.message.contains("byte 14")
        }
    }

    @Test func missingOrUnclosedFrontMatter() {
        for (input, message) in [("# Just text\n", "no front matter"), ("", "empty"), ("---\ntitle: A\n", "never closed")] {
            #expect {
                try SourceText.read(Data(input.utf8), file: "a.md")
            } throws: { error in
                (error as! SourceText.Problem).message.contains(message)
            }
        }
    }
}

@Suite struct FrontMatterTests {
    let city = { (fields: String) in ["cities/la/x.md": "---\ntitle: X\ncountry: LA\n\(fields)\n---\n"] }

    @Test func unquotedTargetCodesAreReadAsWritten() throws {
        let folder = TemporaryFolder()
        folder.write("title: T\n", to: "site.yml")
        folder.write("---\ntitle: X\ncountry: LA\nexpectations:\n  - target: 8.10\n    expectation: e\n  - target: 11.7\n    expectation: f\n---\n", to: "cities/la/x.md")
        var d = Diagnostics()
        let content = ContentLoader(root: folder.url).load(&d)
        #expect(d.sorted.isEmpty)
        #expect(content.cities.first?.expectations.map(\.target.value.description) == ["8.10", "11.7"])
    }

    @Test func norwayIsNotFalse() {
        let problems = loadDiagnostics(files: ["cities/la/x.md": "---\ntitle: X\ncountry: false\n---\n"])
        #expect(problems.contains { $0.message.contains("`false` is not a country code") && $0.location.line == 3 })
        let no = loadDiagnostics(files: ["cities/la/x.md": "---\ntitle: NO\ncountry: LA\n---\n"])
        #expect(no.isEmpty)
    }

    @Test func octalLookingNumbersAreRejected() {
        let problems = loadDiagnostics(files: city("priority_sdgs: [011]"))
        #expect(problems.contains { $0.message.contains("`011` is not a goal number") && $0.hint == "leave out the leading zero" })
    }

    @Test func unknownFieldSuggestsTheNearestName() {
        let problems = loadDiagnostics(files: city("priorty_sdgs: [11]"))
        let problem = try! #require(problems.first)
        #expect(problem.description == "Content/cities/la/x.md:4:1: error: unknown field `priorty_sdgs` in a city\n    hint: did you mean `priority_sdgs`?")
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() {
        let problems = loadDiagnostics(files: [
            "cities/la/a.md": "---\ntitle: A\ncountry: la\nstage: x\n---\n",
            "projects/p.md": "---\ntitle: P\nstatus: going\nstart: 2023-02-30\n---\n",
        ])
        #expect(problems.count == 5)
        #expect(problems.map(\.location.file) == ["Content/cities/la/a.md", "Content/cities/la/a.md",
                                                  "Content/projects/p.md", "Content/projects/p.md", "Content/projects/p.md"])
        #expect(problems.contains { $0.message == "`status` cannot be `going`" && $0.hint == "did you mean `ongoing`?" })
        #expect(problems.contains { $0.message.contains("not a date that exists") && $0.location.line == 4 })
        #expect(problems.contains { $0.message == "missing required field `city`" })
    }

    @Test func yamlErrorsPointAtTheFileLine() {
        let tabs = loadDiagnostics(files: ["pages/a.md": "---\ntitle: A\n\tsummary: b\n---\n"])
        #expect(tabs.first?.location.line == 3)
        #expect(tabs.first?.hint?.contains("tab") == true)
        let duplicate = loadDiagnostics(files: ["pages/a.md": "---\ntitle: A\ntitle: B\n---\n"])
        #expect(duplicate.first?.message.contains("written twice") == true)
    }

    @Test func aListWhereAMapBelongs() {
        let problems = loadDiagnostics(files: city("population: [1, 2]"))
        #expect(problems.first?.message == "`population` must be a map of `name: value` fields, not a list")
    }

    @Test func aliasBombsAndDeepNestingAreBounded() {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 9).joined(separator: ", ") + "]\n" }
        let exploded = loadDiagnostics(files: ["pages/a.md": "---\ntitle: A\n\(bomb)---\n"])
        #expect(exploded.contains { $0.message.contains("more than") })
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let nested = loadDiagnostics(files: ["pages/a.md": "---\ntitle: A\nsummary: \(deep)\n---\n"])
        #expect(nested.first?.message.contains("nested more than") == true)
    }

    /// Nesting by indentation (and by `- ` items opened on one line) is found where it first goes
    /// past the limit: a comment or a blank line does not count, a shallower line closes levels.
    @Test func deepIndentationIsFoundAtItsLineAndColumn() {
        var yaml = "title: A\n# a comment\n\nshallow:\n  x: 1\n"
        for level in 0...24 { yaml += String(repeating: "  ", count: level) + "a\(level):\n" }
        let deep = loadDiagnostics(files: ["pages/a.md": "---\n\(yaml)---\n"])
        // `a24`, the 25th level, on the file's line 1 (---) + 5 lines + 25 = 31, after 48 spaces.
        #expect(deep.first?.message.contains("nested more than") == true)
        #expect(deep.first.map { [$0.location.line, $0.location.column] } == [31, 49])
        let items = loadDiagnostics(files: ["pages/a.md": "---\ntitle: A\nx:\n  " + String(repeating: "- ", count: 23) + "-\n---\n"])
        #expect(items.first.map { [$0.location.line, $0.location.column] } == [4, 3])
        let fits = loadDiagnostics(files: ["pages/a.md": "---\ntitle: A\nx:\n  " + String(repeating: "- ", count: 21) + "y\n---\n"])
        #expect(!fits.contains { $0.message.contains("nested more than") })
    }

    @Test func fileNamesMustBeSlugsAndPlacesKnown() {
        let problems = loadDiagnostics(files: ["cities/la/Luang Prabang.md": "---\ntitle: X\ncountry: LA\n---\n",
                                               "stray.md": "---\ntitle: X\n---\n"])
        #expect(problems.contains { $0.hint?.contains("luang-prabang.md") == true })
        #expect(problems.contains { $0.message.contains("not in a place the site reads") })
    }

    @Test func editorLeftoversAreIgnored() {
        let problems = loadDiagnostics(files: ["pages/.a.md.swp": "junk", "pages/a.md~": "junk", "pages/#a.md#": "junk"])
        #expect(problems.isEmpty)
    }
}
