import Foundation
import Testing
@testable import CitySDGEngine

/// The build graph: what an output read is recorded while it is made, and nothing else can
/// change it; the theme in use and the generator are inputs like any other.
@Suite struct GraphTests {
    /// The content folder loaded and resolved as a build does it, with the routes it plans.
    func world(_ content: URL, theme name: String = "default", themes: URL = Repo.themes) -> (World, [Route]) {
        var d = Diagnostics()
        let loaded = ContentLoader(root: content).load(&d)
        let site = Site.resolve(loaded, catalogue: .bundled, &d)
        let theme = Theme.load(name: name, themesRoot: themes, languages: site.config.languages, display: { $0 }, &d)!
        #expect(!d.hasErrors, "\(d.sorted)")
        let routes = PageKinds.routes(for: site, assets: theme.assets.keys.sorted())
        let world = World(site: site, theme: theme, config: loaded.configFingerprint, routes: routes, content: content, media: [:])
        return (world, routes)
    }

    /// Changes the summary and the text of a content file, and nothing a listing depends on.
    func perturb(_ file: URL, frontMatter: Bool, body: Bool) {
        var lines = try! String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let close = lines.dropFirst().firstIndex(of: "---")!
        if frontMatter {
            if let i = lines[1..<close].firstIndex(where: { $0.hasPrefix("summary:") }) {
                lines[i] = "summary: A perturbed summary."
            } else {
                lines.insert("summary: A perturbed summary.", at: close)
            }
        }
        if body { lines.append("A perturbed sentence.") }
        try! Data(lines.joined(separator: "\n").utf8).write(to: file)
    }

    /// For every output of the fixture: change the front matter and the body of every file the
    /// output did not record reading, make it again, and find the same bytes. A view has no way
    /// to the site but the recording reader (`SiteReader` holds the site privately and documents
    /// give their bodies only to a recorder), and this shows the recording is complete.
    @Test func anOutputDependsOnNothingItDidNotRecord() throws {
        let (before, routes) = world(Repo.fixture)
        let files = (FileManager.default.enumerator(atPath: Repo.fixture.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".md") }
        let dataFiles = (FileManager.default.enumerator(atPath: Repo.fixture.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".csv") }
        #expect(dataFiles.count >= 3)
        var perturbedSomething = 0
        for route in routes {
            let (bytes, _, reads) = Build.make(route, before, Fragments(world: before))
            let read = Set(reads.reads.keys)
            let work = TemporaryFolder()
            let content = work.copy(Repo.fixture, as: "Content")
            var changed = 0
            for file in files {
                let fm = !read.contains(.frontMatter(file)), body = !read.contains(.body(file))
                if fm || body { perturb(content.appendingPathComponent(file), frontMatter: fm, body: body); changed += 1 }
            }
            // A data file the output did not read: its sidecar gains a comment (so its fingerprint changes).
            for csv in dataFiles where !read.contains(.series(csv)) {
                let sidecar = content.appendingPathComponent(String(csv.dropLast(4)) + ".yml")
                try Data((try String(contentsOf: sidecar, encoding: .utf8) + "# perturbed\n").utf8).write(to: sidecar)
                changed += 1
            }
            if changed > 0 { perturbedSomething += 1 }
            let (after, _) = world(content)
            for (input, fingerprint) in reads.reads {
                #expect(after.fingerprint(input) == fingerprint, "\(route.path): \(input.label) changed though it was not touched")
            }
            let (again, _, _) = Build.make(route, after, Fragments(world: after))
            #expect(again == bytes, "\(route.path) changed when only what it did not read changed")
        }
        #expect(perturbedSomething > routes.count / 2)
    }

    /// Reading is recording: a city page records its own file, its projects' front matter (not
    /// their bodies), its country, the templates it used, the strings and site.yml.
    @Test func aCityPageRecordsWhatItShows() {
        let (world, routes) = world(Repo.fixture)
        let route = routes.first { $0.path == "cities/alpha-town/index.html" }!
        let (_, _, reads) = Build.make(route, world, Fragments(world: world))
        let labels = Set(reads.reads.keys.map(\.label))
        for label in ["fm:cities/la/alpha-town.md", "body:cities/la/alpha-town.md", "fm:projects/alpha-park.md", "fm:countries/la.md",
                      "fm:programmes/test-network.md", "list:city-projects/alpha-town", "template:default/city",
                      "template:default/base", "template:default/project-card", "strings:en", "config", "catalogue:en"] {
            #expect(labels.contains(label), "\(label) in \(labels.sorted())")
        }
        #expect(!labels.contains("body:projects/alpha-park.md"))
        #expect(!labels.contains("fm:cities/my/beta-city.md"))
    }

    func themesWithAlt(_ work: TemporaryFolder) -> URL {
        let themes = work.copy(Repo.themes, as: "Themes")
        try! FileManager.default.copyItem(at: themes.appendingPathComponent("default"), to: themes.appendingPathComponent("alt"))
        let city = themes.appendingPathComponent("alt/templates/city.mustache")
        let text = try! String(contentsOf: city, encoding: .utf8)
        try! Data(text.replacingOccurrences(of: "<h1{{#titleLang}}", with: "<h1 class=\"alt\"{{#titleLang}}").utf8).write(to: city)
        return themes
    }

    @Test func switchingThemesWritesWhatACleanBuildWrites() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let themes = themesWithAlt(work)
        func run(_ theme: String, _ output: String, state: Bool) -> Build.Result {
            var b = Build(content: content, themes: themes, output: work.url.appendingPathComponent(output), themeName: theme,
                          stateFile: state ? work.url.appendingPathComponent(".citysdg/state") : nil)
            b.generator = Fingerprint("test generator")
            return b.run()
        }
        _ = run("default", "site", state: true)
        for theme in ["alt", "default", "alt"] {
            let incremental = run(theme, "site", state: true)
            #expect(!incremental.failed)
            #expect(incremental.rendered > 0)
            _ = run(theme, "clean-\(theme)", state: false)
            let a = snapshot(work.url.appendingPathComponent("site")), b = snapshot(work.url.appendingPathComponent("clean-\(theme)"))
            #expect(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.isEmpty, "\(theme)")
        }
        let alt = try page("site/cities/alpha-town/index.html", in: work.url)
        #expect(alt.contains("<h1 class=\"alt\">Alpha Town</h1>"), "the alt theme's city template is in use")
    }

    @Test func aNewGeneratorRebuildsEveryPageAndTheSameOneNothing() {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        func run(_ generator: String) -> Build.Result {
            var b = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"),
                          stateFile: work.url.appendingPathComponent(".citysdg/state"))
            b.generator = Fingerprint(generator)
            return b.run()
        }
        let first = run("one")
        #expect(first.rendered == first.pages)
        #expect(run("one").rendered == 0)
        let second = run("two")
        #expect(second.rendered == second.pages)
        #expect(second.explanations.allSatisfy { $0.reasons == ["no build graph: a clean build"] })
    }

    @Test func theRunningExecutableIsTheGeneratorsFingerprint() {
        let (print, executable) = Generator.fingerprint(previous: nil)
        #expect(executable != nil)
        let data = try! Data(contentsOf: URL(fileURLWithPath: executable!.path))
        #expect(print == Fingerprint(data))
        var state = BuildState()
        state.executable = executable
        state.generator = Fingerprint("remembered")
        #expect(Generator.fingerprint(previous: state).0 == Fingerprint("remembered"))
    }

    @Test func warningsAreSaidAgainWhenNothingChanged() {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        work.write("notes", to: "Content/cities/la/notes.txt")
        func run() -> Build.Result {
            Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"),
                  contentDisplay: "Content", stateFile: work.url.appendingPathComponent(".citysdg/state")).run()
        }
        let first = run()
        let again = run()
        #expect(again.rendered == 0)
        #expect(first.diagnostics.sorted.contains { $0.severity == .warning && $0.location.file == "Content/cities/la/notes.txt" })
        #expect(again.diagnostics.sorted == first.diagnostics.sorted)
    }

    /// The graph keeps where each piece of a whole-site file is and what it read; a later build in
    /// a new process makes again only the pieces whose inputs changed and takes the rest back from
    /// the file, and a piece whose bytes were changed by hand is made again.
    @Test func aWholeSiteFileIsJoinedFromThePiecesTakenBackAndThoseMadeAgain() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let site = work.url.appendingPathComponent("site"), stateFile = work.url.appendingPathComponent(".citysdg/state")
        func run() -> Build.Result { Build(content: content, themes: Repo.themes, output: site, contentDisplay: "Content", stateFile: stateFile).run() }
        let first = run()
        #expect(!first.failed)
        let state = try #require(BuildState.read(stateFile, damage: nil))
        let record = try #require(state.pages[OpenData.citiesPath])
        let cityCount = state.pages.keys.filter { $0.hasPrefix("data/cities/") }.count
        #expect(record.pieces.count == cityCount && cityCount >= 2)
        let bytes = try Data(contentsOf: site.appendingPathComponent(OpenData.citiesPath))
        for piece in record.pieces {
            let stretch = bytes[Int(piece.offset)..<Int(piece.offset + piece.length)]
            #expect(Fingerprint(stretch) == piece.fingerprint && stretch.first == UInt8(ascii: "{"))
            #expect(!piece.inputs.isEmpty && Set(piece.inputs).isSubset(of: Set(record.inputs)))
        }

        let city = content.appendingPathComponent("cities/la/alpha-town.md")
        try Data(try String(contentsOf: city, encoding: .utf8).replacingOccurrences(of: "title: Alpha Town", with: "title: Alpha Borough").utf8).write(to: city)
        let titled = run()
        // The city's own pieces (its entry, its rows, its feed entry, its projects' entries and
        // rows, which name its country) and no other city's.
        #expect(first.piecesTakenBack == 0 && titled.piecesMade > 0 && titled.piecesMade < first.piecesMade)
        #expect(titled.piecesTakenBack > 0, "\(titled.piecesTakenBack) taken back, \(titled.piecesMade) of \(first.piecesMade) made")
        let clean = work.url.appendingPathComponent("clean")
        _ = Build(content: content, themes: Repo.themes, output: clean, contentDisplay: "Content").run()
        for path in [OpenData.citiesPath, OpenData.projectsPath, OpenData.projectsCSV, OpenData.expectationsCSV, OpenData.indicatorsCSV, "feed.xml"] {
            #expect(try Data(contentsOf: site.appendingPathComponent(path)) == Data(contentsOf: clean.appendingPathComponent(path)), "\(path)")
        }

        // Another city's entry changed by hand, and its front matter changed so the file is made again:
        // the changed bytes are not taken back.
        let other = try #require(BuildState.read(stateFile, damage: nil)?.pages[OpenData.citiesPath]?.pieces.last)
        var edited = try Data(contentsOf: site.appendingPathComponent(OpenData.citiesPath))
        edited[Int(other.offset) + 1] = UInt8(ascii: "X")
        try edited.write(to: site.appendingPathComponent(OpenData.citiesPath))
        try Data(try String(contentsOf: city, encoding: .utf8).replacingOccurrences(of: "title: Alpha Borough", with: "title: Alpha Town").utf8).write(to: city)
        _ = run()
        _ = Build(content: content, themes: Repo.themes, output: clean, contentDisplay: "Content").run()
        #expect(try Data(contentsOf: site.appendingPathComponent(OpenData.citiesPath)) == Data(contentsOf: clean.appendingPathComponent(OpenData.citiesPath)))
    }

    /// The sitemap reads the pages and their `updated:` dates, not what the items say: a new
    /// title leaves it as it is (even one that moves the city in the lists), a new date makes it
    /// again, with that date.
    @Test func theSitemapIsMadeAgainForANewDateAndNotForANewTitle() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let site = work.url.appendingPathComponent("site"), stateFile = work.url.appendingPathComponent(".citysdg/state")
        func run() -> Build.Result { Build(content: content, themes: Repo.themes, output: site, contentDisplay: "Content", stateFile: stateFile).run() }
        func edit(_ old: String, _ new: String) throws {
            let city = content.appendingPathComponent("cities/la/alpha-town.md")
            let text = try String(contentsOf: city, encoding: .utf8)
            #expect(text.contains(old))
            try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: city)
        }
        #expect(!run().failed)
        // A title that moves the city after Beta City in every list sorted by title.
        try edit("title: Alpha Town", "title: Zeta Town")
        let titled = run()
        #expect(titled.explanations.contains { $0.path == "cities/alpha-town/index.html" })
        #expect(!titled.explanations.contains { $0.path == "sitemap.xml" }, "\(titled.explanations.map(\.path))")
        try edit("updated: 2025-06-30", "updated: 2026-01-15")
        let dated = run()
        let why = try #require(dated.explanations.first { $0.path == "sitemap.xml" })
        #expect(why.reasons == ["a city's or project's `updated:` date changed"])
        let sitemap = try String(contentsOf: site.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("/cities/alpha-town/</loc><lastmod>2026-01-15</lastmod>"))
    }

    @Test func theGraphFileRoundTripsAndRefusesDamage() throws {
        let work = TemporaryFolder()
        let stateFile = work.url.appendingPathComponent(".citysdg/state")
        _ = Build(content: Repo.fixture, themes: Repo.themes, output: work.url.appendingPathComponent("site"), stateFile: stateFile).run()
        let state = try #require(BuildState.read(stateFile))
        #expect(!state.pages.isEmpty && !state.inputs.isEmpty && !state.links.isEmpty)
        try state.write(work.url.appendingPathComponent("copy"))
        #expect(BuildState.read(work.url.appendingPathComponent("copy")) == state)
        let data = try Data(contentsOf: stateFile)
        try data.prefix(data.count / 2).write(to: stateFile)
        #expect(BuildState.read(stateFile) == nil)
    }

    /// The scan of the sources lists every regular file once with its size, through links to files
    /// and folders, skips hidden names, and walks a folder a link loops back to once.
    @Test func theSourceScanFindsEveryFileOnce() throws {
        let work = TemporaryFolder()
        work.write("abc", to: "root/a.txt")
        work.write("hello", to: "root/sub/b.md")
        work.write("x", to: "root/.hidden")
        work.write("elsewhere", to: "outside/c.md")
        let root = work.url.appendingPathComponent("root")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link.md").path, withDestinationPath: root.appendingPathComponent("a.txt").path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("sub/loop").path, withDestinationPath: root.path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("out").path, withDestinationPath: work.url.appendingPathComponent("outside").path)
        var found: [String: FileStats.Stat] = [:]
        FileStats.scan(root, prefix: "content/", into: &found)
        #expect(found.mapValues(\.size) == ["content/a.txt": 3, "content/link.md": 3, "content/sub/b.md": 5, "content/out/c.md": 9], "\(found.keys.sorted())")
    }

    /// A source is read whole into memory (not mapped): its bytes, none for an empty file, nil for
    /// one that is not there; its fingerprint is its bytes' (a missing file's, that of no bytes).
    @Test func aFileIsReadWholeAndFingerprintedByItsBytes() throws {
        let work = TemporaryFolder()
        let text = String(repeating: "Vientiane ວຽງຈັນ\n", count: 5_000)
        work.write(text, to: "big.md")
        work.write("", to: "empty.md")
        let big = work.url.appendingPathComponent("big.md").path
        #expect(FileBytes.read(big) == Array(text.utf8))
        #expect(FileBytes.read(work.url.appendingPathComponent("empty.md").path) == [])
        #expect(FileBytes.read(work.url.appendingPathComponent("missing.md").path) == nil)
        #expect(FileBytes.fingerprint(big) == Fingerprint(text))
        #expect(FileBytes.fingerprint(work.url.appendingPathComponent("missing.md").path) == Fingerprint(""))
    }

    /// Read without its edges, the graph holds what shows that nothing changed (sources, how many
    /// pages, the warnings, the generator) and no inputs, pages or links. Damage in what it reads is
    /// refused; damage in the sections it steps over (whose bytes it does not read) is found by the
    /// whole read, which every build that has something to do makes.
    @Test func theGraphReadWithoutItsEdgesHoldsWhatANoChangeBuildNeeds() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        work.write("notes", to: "Content/cities/la/notes.txt")
        let stateFile = work.url.appendingPathComponent(".citysdg/state")
        _ = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), stateFile: stateFile).run()
        let whole = try #require(BuildState.read(stateFile))
        let head = try #require(BuildState.read(stateFile, damage: nil, edges: false))
        #expect(whole.hasEdges && !head.hasEdges)
        #expect(head.sources == whole.sources && head.warnings == whole.warnings && !head.warnings.isEmpty)
        #expect(head.generator == whole.generator && head.executable == whole.executable && head.output == whole.output)
        #expect(head.pageCount == whole.pages.count && whole.pageCount == whole.pages.count && !whole.pages.isEmpty)
        #expect(head.inputs.isEmpty && head.links.isEmpty && head.pages.isEmpty)
        let original = try Data(contentsOf: stateFile)
        func damaged(at offset: Int) throws -> (head: BuildState?, whole: BuildState?) {
            var data = original
            data[offset] ^= 0xFF
            try data.write(to: stateFile)
            return (BuildState.read(stateFile, damage: nil, edges: false), BuildState.read(stateFile))
        }
        // One byte changed in the middle of the file, where the edges are.
        let middle = try damaged(at: original.count / 2)
        #expect(middle.head == head && middle.whole == nil)
        // In a source's path, and in the last warning.
        let source = try #require(original.range(of: Data("content/cities/".utf8)))
        for offset in [source.lowerBound + 3, original.count - 1] {
            let found = try damaged(at: offset)
            #expect(found.head == nil && found.whole == nil)
        }
        // Cut short.
        try original.prefix(original.count - 1).write(to: stateFile)
        #expect(BuildState.read(stateFile, damage: nil, edges: false) == nil)
    }

    /// A new process parses only the files that changed: the others come from `.citysdg/decoded`,
    /// and the pages made from them are the bytes a clean build writes.
    @Test func aNewBuildParsesOnlyWhatChanged() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        func run(_ output: String, state: Bool) -> Build.Result {
            Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent(output), contentDisplay: "Content",
                  stateFile: state ? work.url.appendingPathComponent(".citysdg/build-graph") : nil).run()
        }
        // Each Markdown file, and each data file with its sidecar, is parsed once.
        let files = (FileManager.default.enumerator(atPath: content.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".md") || $0.hasSuffix(".csv") }
        #expect(run("site", state: true).parsed == files.count)
        #expect(FileManager.default.fileExists(atPath: work.url.appendingPathComponent(".citysdg/decoded").path))
        // A project's title changes: the city page that lists it is made again, with the city's body read from its file.
        let project = content.appendingPathComponent("projects/alpha-park.md")
        let text = try String(contentsOf: project, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed ").utf8).write(to: project)
        let incremental = run("site", state: true)
        #expect(incremental.parsed == 1)
        #expect(incremental.explanations.contains { $0.path == "cities/alpha-town/index.html" })
        _ = run("clean", state: false)
        let a = snapshot(work.url.appendingPathComponent("site")), b = snapshot(work.url.appendingPathComponent("clean"))
        #expect(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.isEmpty)
        let city = try page("site/cities/alpha-town/index.html", in: work.url)
        #expect(city.contains("Alpha Town is a test city."), "the body came from the file")
        // A damaged cache is not used: everything is parsed again.
        try Data("citysdg-decoded".utf8).write(to: work.url.appendingPathComponent(".citysdg/decoded"))
        try Data((text + "\nMore.\n").utf8).write(to: project)
        #expect(run("site", state: true).parsed == files.count)
    }
}

/// Every field of the model survives `.citysdg/decoded`: a file read back from the cache is the
/// file as decoded (bodies compared by their text). A field added to the model but not to the
/// cache's encoding fails here.
@Suite struct DecodeCacheTests {
    @Test func aLoadForgetsTheFilesThatAreGoneAndOnlyThose() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let cache = DecodeCache()
        func load() {
            var d = Diagnostics()
            _ = ContentLoader(root: content, displayRoot: "Content", cache: cache).load(&d)
        }
        let beta = content.appendingPathComponent("cities/my/beta-city.md"), alpha = content.appendingPathComponent("cities/la/alpha-town.md")
        let betaPrint = Fingerprint(try Data(contentsOf: beta)), alphaPrint = Fingerprint(try Data(contentsOf: alpha))
        load()
        #expect(cache.get("cities/my/beta-city.md", betaPrint) != nil)
        // Loaded again with every file there: every entry is kept.
        load()
        #expect(cache.get("cities/my/beta-city.md", betaPrint) != nil && cache.get("cities/la/alpha-town.md", alphaPrint) != nil)
        // A file removed: the next load drops its entry, and only its.
        try FileManager.default.removeItem(at: beta)
        load()
        #expect(cache.get("cities/my/beta-city.md", betaPrint) == nil)
        #expect(cache.get("cities/la/alpha-town.md", alphaPrint) != nil)
    }

    /// A value with every stored property spelled out; a body by its line and text, not its storage.
    func spelled(_ value: Any) -> String {
        if let body = value as? Body { return "Body(\(body.firstLine), \(body.markdown.debugDescription))" }
        let mirror = Mirror(reflecting: value)
        guard !mirror.children.isEmpty, mirror.displayStyle != .enum || mirror.children.count > 0 else { return String(reflecting: value) }
        if mirror.displayStyle == .optional { return mirror.children.first.map { spelled($0.value) } ?? "nil" }
        return "\(mirror.subjectType)(" + mirror.children.map { "\($0.label ?? ""): \(spelled($0.value))" }.joined(separator: ", ") + ")"
    }

    @Test func everyFieldSurvivesTheCache() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        // Every field of the contract, filled in from `citysdg new`'s commented lines, away from the defaults.
        let city = try Scaffold.city(name: "Full City", country: "LA")
        let project = try Scaffold.project(title: "Full Project", city: "full-city", cities: ["full-city"])
        for file in [city, project] {
            let text = ScaffoldTests().filledIn(file.text).replacingOccurrences(of: "priority_kind: stated", with: "priority_kind: reviewed")
            work.write(text, to: "Content/" + file.path)
        }
        // A translation with every field of its contract.
        let site = content.appendingPathComponent("site.yml")
        try Data(try String(contentsOf: site, encoding: .utf8).replacingOccurrences(of: "language: en", with: "languages: [en, lo]").utf8).write(to: site)
        work.write("---\ntitle: ເມືອງ\nsummary: ສະຫຼຸບ\nexpectations:\n  - target: \"11.7\"\n    expectation: ສວນ\ntranslated_by: T\n"
                   + "original_updated: 2025-06-30\noriginal_fingerprint: 0123456789ab\n---\nເນື້ອໃນ\n", to: "Content/cities/la/alpha-town.lo.md")
        #expect(FrontMatterSchema.translation.count == 6, "a new translation field belongs in the file above")
        var d = Diagnostics()
        let cache = DecodeCache()
        let fresh = ContentLoader(root: content, displayRoot: "Content", cache: cache).load(&d)
        let file = work.url.appendingPathComponent("decoded")
        try cache.write(file, content: content, display: "Content")
        let stored = try #require(DecodeCache.read(file, content: content, display: "Content"))
        stored.startCounting()
        var d2 = Diagnostics()
        let again = ContentLoader(root: content, displayRoot: "Content", cache: stored).load(&d2)
        #expect(stored.parsed == 0, "everything came from the cache")
        #expect(d.sorted == d2.sorted)
        for (a, b) in [(fresh.cities, again.cities) as (Any, Any), (fresh.projects, again.projects), (fresh.countries, again.countries),
                       (fresh.programmes, again.programmes), (fresh.pages, again.pages), (fresh.translations, again.translations),
                       (fresh.series.sorted { $0.path < $1.path }, again.series.sorted { $0.path < $1.path })] {
            #expect(spelled(a) == spelled(b))
        }
        #expect(fresh.translations.count == 1 && spelled(fresh.translations).contains("0123456789ab"))
        #expect(spelled(fresh.cities).contains("paraphrased: true") && spelled(fresh.cities).contains("priorityKind: CitySDGEngine.PriorityKind.reviewed"))
        #expect(spelled(fresh.cities).contains("aim: Mark(year: 2030") && spelled(fresh.cities).contains("baseline: Mark(year: 2015"), "\(spelled(fresh.cities))")
        #expect(fresh.series.count == 4 && spelled(fresh.series).contains("\"Urban\"") && spelled(fresh.series).contains("Series.Direction.decrease"))
    }

    /// A build that changed a few entries appends them to the file it read; the file read back is
    /// the cache as it was written (a dropped entry stays dropped), and once superseded entries
    /// would outnumber an eighth of the rest, the file is written whole again, as a new cache writes it.
    @Test func changedEntriesAreAppendedAndTheFileIsWrittenWholeWhenMostlySuperseded() throws {
        let work = TemporaryFolder()
        let content = work.url.appendingPathComponent("Content")
        let file = work.url.appendingPathComponent("decoded")
        func part(_ slug: String) -> LoadedContent {
            var part = ContentLoader.emptyContent()
            part.pages = [Page(slug: Slug(text: slug)!, title: "Title of " + slug, summary: nil, order: nil,
                               document: Document(path: "pages/\(slug).md", displayPath: "Content/pages/\(slug).md",
                                                  body: Body(file: "", firstLine: 3), frontMatterFingerprint: Fingerprint(slug),
                                                  bodyFingerprint: Fingerprint(slug + " body")), showsCoverage: false)]
            return part
        }
        let paths = (0..<200).map { "pages/p\($0).md" }
        let first = DecodeCache()
        first.settle("s")
        for path in paths { first.set(path, Fingerprint(path), part(String(path.dropFirst(6).dropLast(3))), Diagnostics()) }
        try first.write(file, content: content, display: "Content")
        let whole = try Data(contentsOf: file)

        // One entry changed, one dropped: appended, not rewritten.
        let second = try #require(DecodeCache.read(file, content: content, display: "Content"))
        second.set("pages/p1.md", Fingerprint("new"), part("p1"), Diagnostics())
        second.keep { paths.filter { $0 != "pages/p2.md" } }
        try second.write(file, content: content, display: "Content")
        let appended = try Data(contentsOf: file)
        #expect(appended.count > whole.count && appended.prefix(whole.count) == whole, "the file read is kept, and the change added after it")
        #expect(appended.count - whole.count < whole.count / 50)
        let third = try #require(DecodeCache.read(file, content: content, display: "Content"))
        #expect(third.get("pages/p1.md", Fingerprint("new")) != nil && third.get("pages/p1.md", Fingerprint("pages/p1.md")) == nil)
        #expect(third.get("pages/p2.md", Fingerprint("pages/p2.md")) == nil, "a dropped entry stays dropped")
        #expect({ if case .page(let p)? = third.get("pages/p3.md", Fingerprint("pages/p3.md"))?.0 { p.title } else { nil } }() == "Title of p3")

        // Most entries changed: the file is what a new cache with the same entries writes.
        for path in paths.prefix(150) where path != "pages/p2.md" { third.set(path, Fingerprint(path + "!"), part(String(path.dropFirst(6).dropLast(3))), Diagnostics()) }
        try third.write(file, content: content, display: "Content")
        let fresh = DecodeCache()
        fresh.settle("s")
        for path in paths where path != "pages/p2.md" {
            fresh.set(path, Fingerprint(paths.prefix(150).contains(path) ? path + "!" : path), part(String(path.dropFirst(6).dropLast(3))), Diagnostics())
        }
        let expected = work.url.appendingPathComponent("expected")
        try fresh.write(expected, content: content, display: "Content")
        let rewritten = try Data(contentsOf: file), expectedBytes = try Data(contentsOf: expected)
        #expect(rewritten == expectedBytes)

        // An append cut short: what came before it is read, and the file is said to be damaged.
        let fourth = try #require(DecodeCache.read(file, content: content, display: "Content"))
        fourth.set("pages/p199.md", Fingerprint("last"), part("p199"), Diagnostics())
        try fourth.write(file, content: content, display: "Content")
        let cut = try Data(contentsOf: file).dropLast(5)
        try cut.write(to: file)
        let damage = StateDamage()
        let fifth = try #require(DecodeCache.read(file, content: content, display: "Content", damage: damage))
        #expect(damage.warnings.count == 1)
        #expect(fifth.get("pages/p199.md", Fingerprint("pages/p199.md")) != nil && fifth.get("pages/p3.md", Fingerprint("pages/p3.md!")) != nil)
    }
}

/// Which sources a build records without their size, to read them again next time.
@Suite struct RecentSourceTests {
    @Test func aFileIsRecentWithinItsTimesResolution() {
        let now: Int64 = 1_800_000_000 * 1_000_000_000 + 500_000_000
        // Nanoseconds in the time: the kernel's clock, a tick of a few milliseconds.
        #expect(Build.isRecent(now - 50_000_000 + 7, now: now))
        #expect(!Build.isRecent(now - 150_000_000 + 7, now: now))
        #expect(!Build.isRecent(now - 1_500_000_000 + 7, now: now))
        // Whole seconds: a file system that keeps no more (FAT keeps two).
        let second = now - now % 1_000_000_000
        #expect(Build.isRecent(second, now: now))
        #expect(Build.isRecent(second - 1_000_000_000, now: now))
        #expect(!Build.isRecent(second - 2_000_000_000, now: now))
    }

    @Test func aBuildRightAfterTheContentWasWrittenRecordsTheSizesOfFilesOlderThanATick() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let graph = work.url.appendingPathComponent(".citysdg/build-graph")
        // Every file written a moment ago, with the time's nanoseconds.
        let written = Date().addingTimeInterval(-0.5)
        for case let file as URL in FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil)! where !file.hasDirectoryPath {
            try FileManager.default.setAttributes([.modificationDate: written], ofItemAtPath: file.path)
        }
        var b = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content",
                      themesDisplay: "Themes", stateFile: graph)
        b.generator = Fingerprint("recent tests")
        #expect(!b.run().failed)
        let sources = try #require(BuildState.read(graph)).sources.filter { $0.key.hasPrefix("content/") }
        #expect(!sources.isEmpty && sources.values.allSatisfy { $0.size >= 0 }, "half a second old is not recent on a file system with nanoseconds")
    }
}
