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
        // A front-matter edit is not one: the site is resolved again, from the kept content with
        // the one file decoded again (the folder is not walked), to a clean build's bytes.
        try Data(try String(contentsOf: project, encoding: .utf8).replacingOccurrences(of: "title: Alpha Park", with: "title: Alpha Parks").utf8).write(to: project)
        resident.sourcesChanged(["content/projects/alpha-park.md"])
        let titled = serve()
        #expect(!titled.failed)
        #expect(resident.bodyOnlySaves == 2 && resident.frontMatterSaves == 1)
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
        #expect(resident.frontMatterSaves == 2)
        #expect(warned.diagnostics.sorted.contains { $0.message.contains("model_source") }, "\(warned.diagnostics.sorted)")
        try Data(before.utf8).write(to: project)
        resident.sourcesChanged(["content/projects/alpha-park.md"])
        let undone = serve()
        #expect(resident.frontMatterSaves == 3)
        #expect(!undone.diagnostics.sorted.contains { $0.message.contains("model_source") }, "\(undone.diagnostics.sorted)")
        work.write("---\ntitle: Gamma\ncountry: LA\n---\nNew.\n", to: "Content/cities/la/gamma.md")
        resident.sourcesChanged(["content/cities/la/gamma.md"])
        #expect(!serve().failed)
        #expect(resident.frontMatterSaves == 3)
        _ = build(content, into: work.url.appendingPathComponent("clean-new"))
        #expect(snapshot(work.url.appendingPathComponent("site")) == snapshot(work.url.appendingPathComponent("clean-new")))
    }
}
