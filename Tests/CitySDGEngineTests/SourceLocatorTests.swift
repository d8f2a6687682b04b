import Foundation
import Testing
@testable import CitySDGEngine

/// A source a reader cannot follow (no `url`, and no number, ISBN or archive) is a warning at its
/// line and column (issue 23); a locator is kept and shown with its source.
@Suite struct SourceLocatorTests {
    @Test func aSourceWithNeitherAddressNorLocatorIsAWarning() {
        let d = loadDiagnostics(files: ["cities/la/x.md": """
            ---
            title: X
            country: LA
            sources:
              - title: Census report
                publisher: Statistics office
              - title: Online
                url: https://example.org/
              - title: A resolution
                number: A/RES/70/1
              - title: A book
                isbn: 978-0-00-000000-2
              - title: A letter
                archive: National Archives, file 12/3
            ---

            """])
        let warnings = d.filter { $0.message.contains("neither a `url` nor a locator") }
        #expect(warnings.count == 1, "\(d)")
        let warning = warnings.first
        #expect(warning?.severity == .warning)
        #expect(warning?.location.file == "Content/cities/la/x.md")
        #expect(warning?.location.line == 5 && warning?.location.column == 5, "\(String(describing: warning))")
        #expect(warning?.message.contains("Census report") == true)
        #expect(warning?.hint?.contains("`number:`") == true && warning?.hint?.contains("`isbn:`") == true && warning?.hint?.contains("`archive:`") == true)
        #expect(!d.contains { $0.severity == .error }, "\(d)")
    }

    /// Every kind of file that lists sources is checked alike: a country, a programme, a project, a
    /// data file's sidecar and a national goal in site.yml, each warned at its own entry.
    @Test func everyFileWithSourcesIsChecked() {
        let unfollowable = "  - title: Unfollowable\n    publisher: Somebody\n"
        let d = loadDiagnostics(files: [
            "countries/la.md": "---\ntitle: Lao PDR\nsources:\n" + unfollowable + "---\n",
            "programmes/p.md": "---\ntitle: P\nsources:\n" + unfollowable + "---\n",
            "cities/la/x.md": "---\ntitle: X\ncountry: LA\n---\n",
            "projects/q.md": "---\ntitle: Q\ncity: x\nsources:\n" + unfollowable + "---\n",
            "data/x/11-6-2.csv": "Year,Value,Source\n2020,20,1\n",
            "data/x/11-6-2.yml": "unit: µg/m³\nsources:\n" + unfollowable,
        ], siteYML: "title: T\nbase_url: https://example.org/\nnational_goals:\n  - number: 18\n    short: S\n    sources:\n  "
            + unfollowable.replacingOccurrences(of: "\n  ", with: "\n    "))
        let warned = d.filter { $0.message.contains("“Unfollowable” has neither a `url` nor a locator") }
        #expect(Set(warned.map(\.location.file)) == ["Content/countries/la.md", "Content/programmes/p.md", "Content/projects/q.md",
                                                       "Content/data/x/11-6-2.yml", "Content/site.yml"], "\(d)")
        #expect(warned.allSatisfy { $0.severity == .warning && $0.location.line > 1 && $0.location.column > 1 && $0.hint != nil }, "\(warned)")
    }

    @Test func aLocatorIsKeptAndShownWithItsSource() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let file = content.appendingPathComponent("projects/alpha-park.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "  - title: Park plan\n", with: "  - title: Council minutes\n    archive: City archive, box 7\n  - title: Park plan\n").utf8).write(to: file)
        let result = build(content, into: work.url.appendingPathComponent("site"))
        #expect(!result.failed)
        #expect(!result.diagnostics.all.contains { $0.message.contains("Council minutes") }, "\(result.diagnostics.all)")
        #expect(try page("site/projects/alpha-park/index.html", in: work.url).contains("City archive, box 7"))
    }
}
