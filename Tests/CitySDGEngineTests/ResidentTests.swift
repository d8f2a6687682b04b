import Foundation
import Testing
@testable import CitySDGEngine

/// The preview's engine between saves.
@Suite struct ResidentTests {
    /// A save that changes only a body reads that one file: the site, its routes and its theme are
    /// the last build's; the pages that show the body are made again, to a clean build's bytes.
    @Test func aBodyEditReadsOnlyItsFile() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let resident = Resident(), cache = DecodeCache(), pieces = FragmentCache()
        func serve() -> Build.Result {
            var b = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content",
                          stateFile: work.url.appendingPathComponent(".citysdg/build-graph"))
            b.resident = resident
            b.decodeCache = cache
            b.fragmentCache = pieces
            return b.run()
        }
        let first = serve()
        #expect(!first.failed)
        // Cards, search entries and the open data's pieces are kept in memory for the saves.
        #expect(first.piecesMade > 20 && pieces.entries.count == first.piecesMade, "\(first.piecesMade) made, \(pieces.entries.count) kept")
        let project = content.appendingPathComponent("projects/alpha-park.md")
        for (round, sentence) in ["A new sentence.", "Another, with a [link](/cities/alpha-town/)."].enumerated() {
            try Data((try String(contentsOf: project, encoding: .utf8) + "\n\(sentence)\n").utf8).write(to: project)
            resident.sourcesChanged(["content/projects/alpha-park.md"])
            let saved = serve()
            #expect(!saved.failed, "\(saved.diagnostics.sorted)")
            #expect(resident.bodyOnlySaves == round + 1, "built from the last model")
            #expect(saved.parsed == 1)
            // Only what reads the body is made again: the project's search entry in each language.
            #expect(saved.piecesMade > 0 && saved.piecesMade <= 4, "\(saved.piecesMade) pieces made")
            #expect(saved.explanations.map(\.path).contains("projects/alpha-park/index.html"))
            #expect(saved.rendered < saved.pages / 4, "\(saved.rendered) of \(saved.pages)")
            let clean = work.url.appendingPathComponent("clean-\(round)")
            _ = build(content, into: clean)
            #expect(snapshot(work.url.appendingPathComponent("site")) == snapshot(clean))
        }
        // A title edit files the project nowhere else: the new value is put in the last site's
        // lists, in its place by title (`Site.replacing`), not resolved again, to a clean build's bytes.
        try Data(try String(contentsOf: project, encoding: .utf8).replacingOccurrences(of: "title: Alpha Park", with: "title: Alpha Parks").utf8).write(to: project)
        resident.sourcesChanged(["content/projects/alpha-park.md"])
        let titled = serve()
        #expect(!titled.failed)
        #expect(resident.bodyOnlySaves == 2 && resident.filedAsBeforeSaves == 1 && resident.frontMatterSaves == 0)
        #expect(titled.parsed == 1)
        // The pieces that read the project's front matter, not the others.
        #expect(titled.piecesMade > 0 && titled.piecesMade * 3 < first.piecesMade, "\(titled.piecesMade) of \(first.piecesMade) pieces made")
        _ = build(content, into: work.url.appendingPathComponent("clean-title"))
        #expect(snapshot(work.url.appendingPathComponent("site")) == snapshot(work.url.appendingPathComponent("clean-title")))
        // A warning a front-matter edit brings is said, and goes when the edit is undone; a new
        // file is not such a save (the folder is read again).
        let before = try String(contentsOf: project, encoding: .utf8)
        try Data(before.replacingOccurrences(of: "\ntitle:", with: "\nmodel_source: 1\ntitle:").utf8).write(to: project)
        resident.sourcesChanged(["content/projects/alpha-park.md"])
        let warned = serve()
        #expect(resident.filedAsBeforeSaves == 2)
        #expect(warned.diagnostics.sorted.contains { $0.message.contains("model_source") }, "\(warned.diagnostics.sorted)")
        try Data(before.utf8).write(to: project)
        resident.sourcesChanged(["content/projects/alpha-park.md"])
        let undone = serve()
        #expect(resident.filedAsBeforeSaves == 3)
        #expect(!undone.diagnostics.sorted.contains { $0.message.contains("model_source") }, "\(undone.diagnostics.sorted)")
        // A project moved to another city is filed elsewhere: the site is resolved again, from the
        // kept content with the one file decoded again (the folder is not walked).
        try Data(before.replacingOccurrences(of: "\ncity: alpha-town", with: "\ncity: beta-city").utf8).write(to: project)
        resident.sourcesChanged(["content/projects/alpha-park.md"])
        #expect(!serve().failed)
        #expect(resident.frontMatterSaves == 1 && resident.filedAsBeforeSaves == 3)
        _ = build(content, into: work.url.appendingPathComponent("clean-moved"))
        #expect(snapshot(work.url.appendingPathComponent("site")) == snapshot(work.url.appendingPathComponent("clean-moved")))
        work.write("---\ntitle: Gamma\ncountry: LA\n---\nNew.\n", to: "Content/cities/la/gamma.md")
        resident.sourcesChanged(["content/cities/la/gamma.md"])
        #expect(!serve().failed)
        #expect(resident.frontMatterSaves == 1)
        _ = build(content, into: work.url.appendingPathComponent("clean-new"))
        #expect(snapshot(work.url.appendingPathComponent("site")) == snapshot(work.url.appendingPathComponent("clean-new")))
    }

    /// A title save writes the edited file's own pages first (every language), and tells whoever
    /// waits for them, while the listings and data files that show the title are still being made;
    /// then the rest, to a clean build's bytes.
    @Test func aSavedFilesOwnPagesAreWrittenFirst() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let site = work.url.appendingPathComponent("site")
        let resident = Resident(), cache = DecodeCache(), pieces = FragmentCache()
        final class Calls: @unchecked Sendable { var paths: [[String]] = []; var listingHadNewTitle: [Bool] = []; var ownHadNewTitle: [Bool] = [] }
        let calls = Calls()
        func serve() -> Build.Result {
            var b = Build(content: content, themes: Repo.themes, output: site, contentDisplay: "Content",
                          stateFile: work.url.appendingPathComponent(".citysdg/build-graph"))
            b.resident = resident
            b.decodeCache = cache
            b.fragmentCache = pieces
            b.afterWriting = { _, paths in
                let read = { (path: String) in (try? String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)) ?? "" }
                calls.paths.append(paths)
                calls.ownHadNewTitle.append(read("projects/alpha-park/index.html").contains("Alpha Parkway"))
                calls.listingHadNewTitle.append(read("projects/index.html").contains("Alpha Parkway"))
            }
            return b.run()
        }
        #expect(!serve().failed)
        calls.paths = []; calls.ownHadNewTitle = []; calls.listingHadNewTitle = []
        let project = content.appendingPathComponent("projects/alpha-park.md")
        try Data(try String(contentsOf: project, encoding: .utf8).replacingOccurrences(of: "title: Alpha Park", with: "title: Alpha Parkway").utf8).write(to: project)
        resident.sourcesChanged(["content/projects/alpha-park.md"])
        let saved = serve()
        #expect(!saved.failed, "\(saved.diagnostics.sorted)")
        try #require(calls.paths.count == 2, "\(calls.paths)")
        // First the project's page in each language, and nothing else; the listing is not written yet.
        #expect(!calls.paths[0].isEmpty && calls.paths[0].allSatisfy { $0.hasSuffix("projects/alpha-park/index.html") }, "\(calls.paths[0])")
        #expect(calls.paths[0].contains("projects/alpha-park/index.html"))
        #expect(calls.ownHadNewTitle == [true, true] && calls.listingHadNewTitle == [false, true])
        // Then the rest: the listings that show the title, and not the pages written first.
        #expect(calls.paths[1].contains("projects/index.html") && Set(calls.paths[1]).isDisjoint(with: calls.paths[0]), "\(calls.paths[1])")
        #expect(saved.written.written == calls.paths[0].count + calls.paths[1].count)
        _ = build(content, into: work.url.appendingPathComponent("clean"))
        #expect(snapshot(site) == snapshot(work.url.appendingPathComponent("clean")))
    }

    /// The pages written ahead of the rest are put back as they were when the rest fails.
    @Test func pagesWrittenAheadArePutBack() throws {
        let work = TemporaryFolder()
        let root = work.url.appendingPathComponent("site")
        work.write("old page", to: "site/cities/pakse/index.html")
        work.write("other", to: "site/index.html")
        let writer = OutputWriter(root: root)
        #expect(!writer.isFresh)
        #expect(try writer.stage(Data("new page".utf8), for: "cities/pakse/index.html"))
        #expect(try writer.stage(Data("a page that was not there".utf8), for: "cities/vientiane/index.html"))
        let undo = try writer.commitAhead(["cities/pakse/index.html", "cities/vientiane/index.html"])
        #expect(try String(contentsOf: root.appendingPathComponent("cities/pakse/index.html"), encoding: .utf8) == "new page")
        #expect(Set(undo.paths) == ["cities/pakse/index.html", "cities/vientiane/index.html"])
        writer.discard()
        undo.restore()
        #expect(try String(contentsOf: root.appendingPathComponent("cities/pakse/index.html"), encoding: .utf8) == "old page")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("cities/vientiane/index.html").path))
        #expect(snapshot(root).count == 2)
    }

    /// A save that comes while the last one is making the rest of the site (its own pages are
    /// written) does not wait for it: what is not made yet is left to the next build, which makes
    /// it after its own pages, to a clean build's bytes.
    @Test func aNewerSaveDoesNotWaitForTheRestOfTheSite() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let site = work.url.appendingPathComponent("site")
        let resident = Resident(), cache = DecodeCache(), pieces = FragmentCache()
        func serve(duringIt: (@Sendable () -> Void)? = nil) -> Build.Result {
            var b = Build(content: content, themes: Repo.themes, output: site, contentDisplay: "Content",
                          stateFile: work.url.appendingPathComponent(".citysdg/build-graph"))
            b.resident = resident
            b.decodeCache = cache
            b.fragmentCache = pieces
            b.afterWriting = { _, _ in duringIt?() }
            return b.run()
        }
        #expect(!serve().failed)
        let project = content.appendingPathComponent("projects/alpha-park.md")
        try Data(try String(contentsOf: project, encoding: .utf8).replacingOccurrences(of: "title: Alpha Park", with: "title: Alpha Parkway").utf8).write(to: project)
        resident.sourcesChanged(["content/projects/alpha-park.md"])
        // The editor saves again as soon as the project's page is written.
        let saved = serve { resident.sourcesChanged(["content/projects/alpha-park.md"]) }
        #expect(!saved.failed, "\(saved.diagnostics.sorted)")
        #expect(!resident.carried.isEmpty && resident.carried.contains("projects/index.html"), "\(resident.carried)")
        #expect(try String(contentsOf: site.appendingPathComponent("projects/alpha-park/index.html"), encoding: .utf8).contains("Alpha Parkway"))
        #expect(try !String(contentsOf: site.appendingPathComponent("projects/index.html"), encoding: .utf8).contains("Alpha Parkway"))
        // Were the server to stop now, the graph it writes would not vouch for what was left.
        let written = try #require(resident.snapshot())
        #expect(written.state.pages["projects/index.html"] == nil && written.state.pages["projects/alpha-park/index.html"] != nil)
        // The next build makes what was left, though the file it was told of is as it was.
        let next = serve()
        #expect(!next.failed && next.rendered >= saved.explanations.count - saved.rendered, "\(next.rendered) rendered")
        #expect(resident.carried.isEmpty)
        _ = build(content, into: work.url.appendingPathComponent("clean"))
        #expect(snapshot(site) == snapshot(work.url.appendingPathComponent("clean")))
    }
}

