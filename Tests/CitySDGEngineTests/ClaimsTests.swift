import Foundation
import Testing
@testable import CitySDGEngine

/// A project is called a model project only where a source calls it one, and the check warns where
/// its listing would say so without one (issue 23).
@Suite struct ClaimsTests {
    let city = "---\ntitle: X\ncountry: LA\n---\n"

    @Test func aModelProjectNeedsTheSourceThatCallsItOne() {
        let base = "---\ntitle: P\ncity: x\n"
        let sources = "sources:\n  - title: Registration\n    url: https://example.org/\n"
        func check(_ front: String) -> [Diagnostic] {
            loadDiagnostics(files: ["cities/la/x.md": city, "projects/p.md": base + front + "---\n"])
        }
        // model: true with no source for it: a warning at the field, with a hint.
        let unsourced = check("model: true\n" + sources)
        let warning = unsourced.first { $0.message.contains("`model: true` names no source") }
        #expect(warning?.severity == .warning, "\(unsourced)")
        #expect(warning?.location.file == "Content/projects/p.md" && warning?.location.line == 4 && warning?.location.column == 1)
        #expect(warning?.hint?.contains("model_source") == true)
        // Its own words call it a model project, and no source is named for that.
        let words = check("summary: A model project of the city.\n" + sources)
        let said = words.first { $0.message.contains("summary calls this a model project") }
        #expect(said?.severity == .warning && said?.location.line == 4, "\(words)")
        #expect(said?.hint?.contains("model: true") == true)
        // With its source, no warning; and `model_source` alone does nothing, and says so.
        #expect(check("model: true\nmodel_source: 1\nsummary: A model project of the city.\n" + sources).isEmpty)
        #expect(check("model_source: 1\n" + sources).contains { $0.message.contains("no effect without `model: true`") })
        // A source number that is not there is an error, as for every other source number.
        #expect(check("model: true\nmodel_source: 2\n" + sources).contains { $0.severity == .error && $0.message.contains("`model_source: 2`") })
    }

    @Test func onlyAProjectWithASourceIsCalledAModelProject() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let out = work.url.appendingPathComponent("site")
        #expect(!build(content, into: out).failed)
        let plain = try page("site/projects/alpha-park/index.html", in: work.url)
        #expect(!plain.contains("Model project"))
        let file = content.appendingPathComponent("projects/alpha-park.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Alpha Park and Market\n", with: "title: Alpha Park and Market\nmodel: true\nmodel_source: 1\n").utf8).write(to: file)
        #expect(!build(content, into: out).failed)
        #expect(try page("site/projects/alpha-park/index.html", in: work.url).contains("Model project"))
        #expect(try page("site/projects/index.html", in: work.url).contains("Model project"))
    }
}
