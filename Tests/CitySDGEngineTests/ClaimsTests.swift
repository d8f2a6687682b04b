import Foundation
import Testing
@testable import CitySDGEngine

/// A project is called a model project only where a source calls it one, and the check warns where
/// its listing would say so without one; the home and about pages count what the content holds (issue 23).
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

    /// The home and about pages count what the bundled content holds, as the site resolves it.
    @Test func theHomeAndAboutPagesCountWhatTheContentHolds() throws {
        var d = Diagnostics()
        let site = Site.resolve(ContentLoader(root: Repo.content).load(&d), catalogue: .bundled, &d)
        let out = TemporaryFolder()
        #expect(!build(Repo.content, into: out.url).failed)
        let stated = site.cities.filter { $0.priorityKind == .stated && !$0.prioritySDGs.isEmpty }.count
        let reviewed = site.cities.filter { $0.priorityKind == .reviewed && !$0.prioritySDGs.isEmpty }.count
        // A city counts as having expectations only with one in its own words; targets a source lists
        // with no local wording (cut off in the copy read) are counted apart: Penang Island has only
        // those, Shah Alam has 22 wordings and one such target.
        let withExpectations = site.cities.filter { $0.expectations.contains { $0.text != nil } }.count
        let unworded = site.cities.filter { $0.expectations.contains { $0.text == nil } }.count
        #expect(withExpectations == 1, "Shah Alam's wordings, and not Penang Island's targets without wording")
        #expect(unworded == 2, "Penang Island's and Shah Alam's targets without wording")
        let model = site.projects.filter(\.isModel).count
        let withProjects = Set(site.projects.map(\.city.value)).count
        #expect(withProjects < site.cities.count / 2, "most cities have no project yet, and the about page says so")
        let statedTargets = site.projects.filter { !$0.targets.isEmpty && $0.alignment == .stated }.count
        let interpreted = site.projects.filter { !$0.targets.isEmpty && $0.alignment != .stated }.count
        let goalsOnly = site.projects.filter { $0.targets.isEmpty && !$0.goals.isEmpty }.count
        let none = site.projects.filter { Site.goals(of: $0).isEmpty }.count
        #expect(statedTargets + interpreted + goalsOnly + none == site.projects.count)
        #expect(model == 2, "the two projects the Frontrunner programme's registration calls model projects")
        for path in ["index.html", "about/index.html"] {
            let html = try page(path, in: out.url)
            for (value, label) in [(site.cities.count, "cities"), (withProjects, "with at least one project"),
                                   (stated, "with priority goals that a source states"),
                                   (reviewed, "with goals that a Voluntary Local Review covers"), (withExpectations, "with local expectations"),
                                   (unworded, "with priority targets that a source lists, without local wording yet"),
                                   (site.projects.count, "projects"), (model, "that a source calls model projects"),
                                   (statedTargets, "linked to SDG targets by a source"), (interpreted, "linked to SDG targets by an editor&#39;s reading"),
                                   (goalsOnly, "linked to goals but to no target"), (none, "not linked to any goal or target yet")] {
                let counted = label == "cities" || label == "projects" ? "<h3>\(value) \(label)</h3>" : "<strong>\(value)</strong> \(label)</li>"
                #expect(html.contains(counted), "\(path): \(value) \(label)")
            }
        }
        // The site's words about itself do not call every project a model project.
        #expect(!(try page("index.html", in: out.url)).contains("model projects</a>"))
        #expect(try page("report/index.html", in: out.url).contains("<h1>Projects by goal</h1>"))
    }
}
