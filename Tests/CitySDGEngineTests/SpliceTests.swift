import Foundation
import Testing
@testable import CitySDGEngine

/// The stretches of outputs made from a body alone, and the command-line build that puts new body
/// text in them without reading the rest of the site (`Build.spliceBodies`).
@Suite struct SpliceTests {
    @Test func markedStretchesAreFoundWhereTheyAreOnceTheMarksAreOut() throws {
        let joined = "[\"a\",\"" + Splice.marked(.snippet, "cities/la/x.md", "Opening ✓") + "\",\"words "
            + Splice.marked(.words, "cities/la/x.md", "opening ✓") + "\"],\n[\"b\",\"plain\"]"
        let (bytes, claims) = Splice.unmark(joined)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "[\"a\",\"Opening ✓\",\"words opening ✓\"],\n[\"b\",\"plain\"]")
        #expect(claims.count == 2)
        let stretches = claims.map { String(decoding: bytes[$0.offset..<$0.offset + $0.length], as: UTF8.self) }
        #expect(stretches == ["Opening ✓", "opening ✓"])
        #expect(claims.map(\.path) == ["cities/la/x.md", "cities/la/x.md"])
        #expect(claims.map(\.recipe) == [.snippet, .words])
    }

    @Test func recipesAreKeptAsTheyWere() {
        let recipes: [Splice.Recipe] = [.snippet, .words, .html(folder: "", wrap: "", rawHTML: false), .html(folder: "lo/", wrap: "en", rawHTML: true)]
        for recipe in recipes {
            let code = Splice(input: 0, offset: 0, length: 0, fingerprint: .none, recipe: recipe).code
            #expect(Splice.recipe(code: code) == recipe, "\(code)")
        }
        #expect(Splice.recipe(code: "x") == nil)
        #expect(Splice.recipe(code: "h2en\u{1}") == nil)
        #expect(Splice.recipe(code: "hen") == nil)
    }

    @Test func aPagesTextIsAStretchOnlyWhenItIsThereOnceAndIsAllThePageMadeOfTheBody() {
        let html = Splice.Recipe.html(folder: "", wrap: "", rawHTML: false)
        let page = Data("<main><p>Body text.</p></main><footer>Other</footer>".utf8)
        let claim = Splice.Claim(path: "cities/la/x.md", recipe: html, text: "<p>Body text.</p>")
        let found = Splice.locate([claim], in: page, uses: ["cities/la/x.md": 1])
        #expect(found.count == 1)
        #expect(found.first?.label == "body:cities/la/x.md")
        #expect(found.first?.splice.offset == 6)
        #expect(found.first?.splice.length == Int64("<p>Body text.</p>".utf8.count))
        #expect(found.first?.splice.fingerprint == Fingerprint(Data("<p>Body text.</p>".utf8)))
        // Read once more than claimed: something else on the page came from the body.
        #expect(Splice.locate([claim], in: page, uses: ["cities/la/x.md": 2]).isEmpty)
        // There twice: which one is the body's cannot be told.
        let twice = Data("<p>Body text.</p><p>Body text.</p>".utf8)
        #expect(Splice.locate([claim], in: twice, uses: ["cities/la/x.md": 1]).isEmpty)
        #expect(Splice.locate([Splice.Claim(path: "cities/la/x.md", recipe: html, text: "<p>Gone</p>")], in: page, uses: ["cities/la/x.md": 1]).isEmpty)
    }

    // MARK: the build

    private struct Site {
        let work = TemporaryFolder()
        let content: URL
        let out: URL
        init() {
            content = work.copy(Repo.fixture, as: "Content")
            out = work.url.appendingPathComponent("site")
        }
        func build(clean: Bool = false) -> Build.Result {
            var b = Build(content: content, themes: Repo.themes, output: out, contentDisplay: "Content", themesDisplay: "Themes",
                          stateFile: work.url.appendingPathComponent(".citysdg/build-graph"), clean: clean)
            b.generator = Fingerprint("splice tests")
            return b.run()
        }
        /// The same content built clean into another folder.
        func clean() -> [String: Data] {
            let other = TemporaryFolder()
            _ = CitySDGEngineTests.build(content, into: other.url)
            return snapshot(other.url)
        }
        func append(_ text: String, to path: String) throws {
            let file = content.appendingPathComponent(path)
            try Data((try String(contentsOf: file, encoding: .utf8) + text).utf8).write(to: file)
        }
        var graph: BuildState? { BuildState.read(work.url.appendingPathComponent(".citysdg/build-graph")) }
    }

    @Test func aBodyEditIsPutInPlaceAndIsWhatACleanBuildWrites() throws {
        let site = Site()
        #expect(!site.build().failed)
        try site.append("\nNow with [Beta City](/cities/beta-city/) and more words about parks.\n", to: "cities/la/alpha-town.md")
        let result = site.build()
        #expect(!result.failed, "\(result.diagnostics.sorted)")
        #expect(result.bodiesInPlace)
        #expect(result.parsed == 1)
        #expect(Set(result.explanations.map(\.path)) == ["cities/alpha-town/index.html", "search/shard-0.json"], "\(result.explanations)")
        #expect(result.written.written == 2)
        #expect(snapshot(site.out) == site.clean())
        // The graph knows the new link, and the stretches where they are now.
        let graph = try #require(site.graph)
        #expect(graph.links.contains { $0.page == "cities/alpha-town/index.html" && $0.target == "cities/beta-city/index.html" && $0.location.line == 33 })
        let page = try #require(graph.pages["cities/alpha-town/index.html"])
        let bytes = try #require(FileManager.default.contents(atPath: site.out.appendingPathComponent("cities/alpha-town/index.html").path))
        let stretch = try #require(page.splices.first)
        let html = String(decoding: bytes[Int(stretch.offset)..<Int(stretch.offset + stretch.length)], as: UTF8.self)
        #expect(html.hasPrefix("<h2") && html.contains("more words about parks"), "\(html)")
        // A second edit goes from the graph the first one wrote.
        try site.append("Still more.\n", to: "cities/la/alpha-town.md")
        let again = site.build()
        #expect(again.bodiesInPlace)
        #expect(snapshot(site.out) == site.clean())
        // And a build after it has nothing to do.
        #expect(site.build().rendered == 0)
    }

    @Test func whatIsMoreThanNewTextGoesTheWholeWay() throws {
        let site = Site()
        #expect(!site.build().failed)
        // A link that leads nowhere: the whole build says so, and writes nothing.
        try site.append("\nSee [nothing](/nowhere/).\n", to: "cities/la/alpha-town.md")
        let broken = site.build()
        #expect(!broken.bodiesInPlace)
        #expect(broken.failed)
        #expect(broken.diagnostics.sorted.contains { $0.message.contains("/nowhere/") })
        // Raw HTML is left out of the page with a warning, which only the whole build gives.
        let file = site.content.appendingPathComponent("cities/la/alpha-town.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\nSee [nothing](/nowhere/).\n", with: "\n<b>bold</b>\n").utf8).write(to: file)
        let raw = site.build()
        #expect(!raw.bodiesInPlace)
        #expect(raw.diagnostics.sorted.contains { $0.message.contains("raw HTML") })
        #expect(snapshot(site.out) == site.clean())
        // A body that had no text gets some: its page shows a part it did not have.
        try site.append("Beta City has a text now.\n", to: "cities/my/beta-city.md")
        let first = site.build()
        #expect(!first.bodiesInPlace)
        #expect(snapshot(site.out) == site.clean())
        // The front matter changed too.
        try Data(try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "title: Alpha Town", with: "title: Alpha Township").utf8).write(to: file)
        #expect(!site.build().bodiesInPlace)
        #expect(snapshot(site.out) == site.clean())
    }

    @Test func anOutputThatIsNotWhatWasWrittenIsMadeAgain() throws {
        let site = Site()
        #expect(!site.build().failed)
        // Someone changed the body's stretch in the output, keeping its size.
        let page = site.out.appendingPathComponent("cities/alpha-town/index.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        try Data(html.replacingOccurrences(of: "Alpha Town is a test city.", with: "Alpha Town is a best city.").utf8).write(to: page)
        try site.append("\nOne more line.\n", to: "cities/la/alpha-town.md")
        let result = site.build()
        #expect(!result.bodiesInPlace)
        #expect(!result.failed)
        #expect(snapshot(site.out) == site.clean())
        // Pages were deleted: the build that writes the new text makes them again too.
        try FileManager.default.removeItem(at: site.out.appendingPathComponent("goals"))
        try site.append("And another.\n", to: "cities/la/alpha-town.md")
        let after = site.build()
        #expect(!after.bodiesInPlace)
        #expect(snapshot(site.out) == site.clean())
    }
}

/// The test site built into `work` with a graph: the graph's file.
private func graphOfTheFixture(in work: TemporaryFolder) throws -> URL {
    let file = work.url.appendingPathComponent(".citysdg/build-graph")
    var b = Build(content: Repo.fixture, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content",
                  themesDisplay: "Themes", stateFile: file)
    b.generator = Fingerprint("graph file tests")
    try #require(!b.run().failed)
    return file
}

/// The graph's file changed in place says what the graph changed and written whole says.
@Suite struct GraphFileTests {
    @Test func valuesChangedInTheFileAreTheGraphWithThoseValuesWrittenWhole() throws {
        let work = TemporaryFolder()
        let file = try graphOfTheFixture(in: work)
        var state = try #require(BuildState.read(file))
        var graph = try #require(GraphFile(file))
        #expect(graph.encoded() == state.encoded(), "read and written again as it was")

        let label = Array(Input.body("cities/la/alpha-town.md").label.utf8)
        var found: (index: Int, at: Int)?
        var count = 0
        graph.inputs { c, i, input in
            count += 1
            if c.equals(input.label, label) { found = (i, input.at) }
            return true
        }
        #expect(count == state.inputs.count)
        let (index, at) = try #require(found)
        let print = Fingerprint("new text")
        state.inputs[index].fingerprint = print
        graph.set(print, at: at)

        var reads = [Bool](repeating: false, count: count)
        reads[index] = true
        let pages = try #require(graph.pages(reading: reads))
        #expect(Set(pages.map(\.path)) == Set(state.pages.filter { $0.value.inputs.contains(UInt32(index)) }.keys))
        let page = try #require(pages.first { $0.path == "cities/alpha-town/index.html" })
        #expect(page.splices.map(\.splice) == state.pages[page.path]?.splices)
        var splice = try #require(page.splices.first)
        splice.splice.offset += 3; splice.splice.length += 5; splice.splice.fingerprint = Fingerprint("stretch")
        graph.set(splice.splice, at: splice.at)
        graph.set(page.size + 8, at: page.sizeAt)
        state.pages[page.path]?.size = page.size + 8
        state.pages[page.path]?.splices[0] = splice.splice

        let key = "content/cities/la/alpha-town.md"
        let source = BuildState.SourceStat(size: 42, modified: 7, fingerprint: Fingerprint("file"))
        let sources = graph.sources([key, "content/nothing-here.md"])
        #expect(sources.map(\.key) == [0])
        for (_, at) in sources { graph.set(source, at: at) }
        state.sources[key] = source

        let link = BuildState.StoredLink(page: "cities/alpha-town/index.html", location: SourceLocation(file: "Content/cities/la/alpha-town.md", line: 40, column: 2),
                                         url: "/goals/", target: "goals/index.html")
        #expect(graph.links == state.links)
        graph.replaceLinks(graph.links + [link])
        state.links = (state.links + [link]).sorted { ($0.page, $0.location) < ($1.page, $1.location) }

        #expect(graph.encoded() == state.encoded())
        // A damaged file is not read.
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: file)
        #expect(GraphFile(file) == nil)
    }
}

/// A graph made from the one in the file by changing a few pages is written mostly by copying the
/// file's bytes (`BuildState.encoded(reusing:)`): what it writes is what encoding it whole writes.
@Suite struct GraphReuseTests {
    @Test func aGraphWrittenFromTheLastFileIsTheGraphWrittenWhole() throws {
        let work = TemporaryFolder()
        let file = try graphOfTheFixture(in: work)
        let read = try #require(BuildState.read(file))
        let stored = try #require(read.file)
        #expect(read.encoded(reusing: stored) == read.encoded(), "nothing changed")

        var state = read
        // Inputs: a fingerprint changed, two new ones after the file's.
        state.inputs[3].fingerprint = Fingerprint("changed")
        state.inputs[state.inputs.count - 1].fingerprint = .none
        state.inputs.append((label: "fm:cities/la/new-town.md", fingerprint: Fingerprint("new")))
        state.inputs.append((label: "body:cities/la/new-town.md", fingerprint: Fingerprint("new body")))
        // Pages: the first and the last made again, one removed, two new ones (one before every
        // page, one between two), the others kept as the file has them.
        let paths = state.pages.keys.sorted()
        let first = try #require(paths.first), last = try #require(paths.last), gone = paths[paths.count / 2]
        let new = BuildState.PageRecord(size: 77, inputs: [0, UInt32(state.inputs.count - 1)],
                                        splices: [Splice(input: 0, offset: 1, length: 2, fingerprint: Fingerprint("s"), recipe: .snippet)])
        state.pages[first] = new
        state.pages[last] = BuildState.PageRecord(size: 5, inputs: [UInt32(state.inputs.count - 2)])
        state.pages[gone] = nil
        state.pages["0-first/index.html"] = new
        state.pages[paths[paths.count / 3] + "-new/index.html"] = new
        #expect(state.pages.values.filter { $0.stored == nil }.count == 4)
        // Sources: two entries changed in place.
        let keys = Array(state.sources.keys.sorted().prefix(2))
        for key in keys { state.sources[key] = BuildState.SourceStat(size: 1, modified: 2, fingerprint: Fingerprint(key)) }
        state.warnings = []

        let whole = state.encoded()
        #expect(state.encoded(reusing: stored, restated: keys) == whole)
        #expect(state.encoded(reusing: stored) == whole, "the sources written whole")
        // A restated source the file does not have: the sources are written whole.
        state.sources["content/new.md"] = BuildState.SourceStat(size: 1, modified: 2, fingerprint: Fingerprint("n"))
        state.sources[keys[0]] = nil
        #expect(state.encoded(reusing: stored, restated: ["content/new.md"]) == state.encoded())
        // And the file written so reads back as the graph.
        try BuildState.write(state.encoded(reusing: stored, restated: ["content/new.md"]), to: file)
        #expect(BuildState.read(file) == state)
    }

    @Test func aTitleEditWritesTheGraphACleanReadOfItWritesWhole() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "content")
        let file = work.url.appendingPathComponent(".citysdg/build-graph")
        func build() -> Build.Result {
            var b = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content",
                          themesDisplay: "Themes", stateFile: file)
            b.generator = Fingerprint("graph reuse tests")
            return b.run()
        }
        #expect(!build().failed)
        let before = try #require(BuildState.read(file))
        let city = content.appendingPathComponent("cities/la/alpha-town.md")
        let text = try String(contentsOf: city, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Alpha Town", with: "title: Alpha Town Renamed").utf8).write(to: city)
        let edited = build()
        #expect(!edited.failed && edited.rendered > 0 && edited.rendered * 4 <= edited.pages)
        let after = try #require(BuildState.read(file))
        // Numbered as before: the last file's inputs first, in their order.
        #expect(Array(after.inputs.prefix(before.inputs.count).map(\.label)) == before.inputs.map(\.label))
        #expect(try Data(contentsOf: file) == Data(after.encoded()))
        #expect(snapshot(work.url.appendingPathComponent("site")) == {
            let other = TemporaryFolder()
            _ = CitySDGEngineTests.build(content, into: other.url)
            return snapshot(other.url)
        }())
    }
}

/// The stamp that lets a build with nothing to do skip one `stat` per output.
@Suite struct OutputStampTests {
    @Test func aBuildWithNothingToDoTrustsTheStampOnlyWhileTheOutputFolderAndGraphAreAsStamped() throws {
        let work = TemporaryFolder()
        let out = work.url.appendingPathComponent("site"), graph = work.url.appendingPathComponent(".citysdg/build-graph")
        func build(clean: Bool = false) -> Build.Result {
            var b = Build(content: Repo.fixture, themes: Repo.themes, output: out, contentDisplay: "Content", themesDisplay: "Themes",
                          stateFile: graph, clean: clean)
            b.generator = Fingerprint("stamp tests")
            return b.run()
        }
        let first = build()
        #expect(OutputStamp.holds(output: out, graph: graph), "a build that wrote the graph stamps it")
        #expect(build().written.written == 0)
        // The output folder removed: every file is made again.
        try FileManager.default.removeItem(at: out)
        #expect(!OutputStamp.holds(output: out, graph: graph))
        #expect(build().written.written == first.pages)
        #expect(snapshot(out).count == first.pages)
        // An entry of the output folder removed: it is made again.
        try FileManager.default.removeItem(at: out.appendingPathComponent("cities"))
        let again = build()
        #expect(again.written.written > 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("cities/alpha-town/index.html").path))
        // The graph written by another build since the stamp: each output is looked at again.
        let page = out.appendingPathComponent("goals/11/index.html")
        try FileManager.default.removeItem(at: page)
        var state = try #require(BuildState.read(graph))
        state.warnings = state.warnings.reversed()
        try state.write(graph)
        #expect(!OutputStamp.holds(output: out, graph: graph))
        #expect(build().written.written == 1)
        #expect(FileManager.default.fileExists(atPath: page.path))
        // What the stamp does not see: a file deep in the site removed by hand. A clean build makes it again.
        try FileManager.default.removeItem(at: page)
        #expect(build().written.written == 0)
        #expect(!FileManager.default.fileExists(atPath: page.path))
        #expect(build(clean: true).written.written == 1)
        #expect(FileManager.default.fileExists(atPath: page.path))
    }

    @Test func aBuildThatChangesAnInputLooksAtEachOutputOnlyWhenTheStampDoesNotHold() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let out = work.url.appendingPathComponent("site"), graph = work.url.appendingPathComponent(".citysdg/build-graph")
        func build(clean: Bool = false) -> Build.Result {
            var b = Build(content: content, themes: Repo.themes, output: out, contentDisplay: "Content", themesDisplay: "Themes",
                          stateFile: graph, clean: clean)
            b.generator = Fingerprint("stamp tests")
            return b.run()
        }
        func retitle(_ title: String) throws {
            let file = content.appendingPathComponent("cities/la/alpha-town.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data(text.replacing(#/title: [^\n]*/#, with: "title: \(title)").utf8).write(to: file)
        }
        #expect(!build().failed)
        // A page the edit does not reach, removed by hand. While the stamp holds, a build that
        // changes an input takes every output to be as the graph says, as one with nothing to do
        // does: it does not look, and the page stays away.
        let page = out.appendingPathComponent("cities/beta-city/index.html")
        try FileManager.default.removeItem(at: page)
        try retitle("Alpha Township")
        let trusted = build()
        #expect(!trusted.failed && trusted.written.written > 0)
        #expect(!FileManager.default.fileExists(atPath: page.path))
        // Without the stamp, each output is looked at: the page is made again, and the site is a clean build's.
        OutputStamp.remove(beside: graph)
        try retitle("Alpha Borough")
        #expect(!build().failed)
        #expect(FileManager.default.fileExists(atPath: page.path))
        #expect(OutputStamp.holds(output: out, graph: graph))
        let other = TemporaryFolder()
        _ = CitySDGEngineTests.build(content, into: other.url)
        #expect(snapshot(out) == snapshot(other.url))
    }
}
