import Foundation
import Testing
@testable import CitySDGEngine

/// The preview's kept pieces and files between saves: a piece vouched for is shown unchecked until
/// an input it read is named changed; a newer save abandons a whole-site file half made; what a
/// commit replaces is freed on another thread.
@Suite struct PreviewPiecesTests {
    func world(_ content: URL) -> (World, [Route]) {
        var d = Diagnostics()
        let loaded = ContentLoader(root: content).load(&d)
        let site = Site.resolve(loaded, catalogue: .bundled, &d)
        let theme = Theme.load(name: "default", themesRoot: Repo.themes, languages: site.config.languages, display: { $0 }, &d)!
        #expect(!d.hasErrors, "\(d.sorted)")
        let routes = PageKinds.routes(for: site, assets: theme.assets.keys.sorted())
        return (World(site: site, theme: theme, config: loaded.configFingerprint, routes: routes, content: content, media: [:]), routes)
    }

    func text(_ route: Route, _ world: World, _ fragments: Fragments) -> String {
        String(decoding: Build.make(route, world, fragments).0, as: UTF8.self)
    }

    @Test func aVouchedPieceIsShownUncheckedUntilAnInputItReadIsNamedChanged() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let memory = FragmentCache()
        let (before, routes) = world(content)
        let route = try #require(routes.first { $0.path == OpenData.citiesPath })
        let made = Fragments(world: before, memory: memory, reuse: true)
        #expect(text(route, before, made).contains("\"Alpha Town\""))
        made.save()
        #expect(memory.entries.values.contains { $0.vouched } && memory.entries.values.allSatisfy(\.vouched))

        let city = content.appendingPathComponent("cities/la/alpha-town.md")
        try Data(try String(contentsOf: city, encoding: .utf8).replacingOccurrences(of: "title: Alpha Town", with: "title: Alpha Borough").utf8).write(to: city)
        let (after, _) = world(content)
        // Checked (a build that did not name its changed inputs): the piece is found out of date.
        #expect(text(route, after, Fragments(world: after, memory: memory, reuse: true)).contains("\"Alpha Borough\""))
        // Vouched for and unchecked: what was kept, which is why a trusting build names every changed input first.
        #expect(text(route, after, Fragments(world: after, memory: memory, reuse: true, trusting: true)).contains("\"Alpha Town\""))
        memory.invalidate([.frontMatter("cities/la/alpha-town.md")])
        let again = Fragments(world: after, memory: memory, reuse: true, trusting: true)
        let joined = text(route, after, again)
        #expect(joined.contains("\"Alpha Borough\"") && !joined.contains("\"Alpha Town\""))
        #expect(again.made == 1, "only the city's own entry is made again")
        // A build that makes the graph whole vouches only for what it used.
        again.save()
        let whole = Fragments(world: after, memory: memory, reuse: true)
        _ = text(try #require(routes.first { $0.path == OpenData.projectsPath }), after, whole)
        whole.save()
        let cityEntry = try #require(memory.entries.first { $0.key.hasPrefix("data-city-entry\u{0}alpha-town\u{0}") })
        #expect(!cityEntry.value.vouched)
        let projectEntries = memory.entries.filter { $0.key.hasPrefix("data-project-entry\u{0}") }
        #expect(!projectEntries.isEmpty && projectEntries.values.allSatisfy(\.vouched))
    }

    @Test func aNewerSaveAbandonsAWholeSiteFileHalfMade() throws {
        let (world, routes) = world(Repo.fixture)
        let memory = FragmentCache()
        let fragments = Fragments(world: world, memory: memory, reuse: true)
        let calls = Counted()
        fragments.stop = { calls.next() > 1 } // the save comes after the first piece
        let route = try #require(routes.first { $0.path == OpenData.citiesPath })
        let (_, _, reads) = Build.make(route, world, fragments)
        #expect(reads.abandoned)
        fragments.save()
        #expect(memory.entries.count == 1, "the piece made before the save is kept; nothing after it is made")
        // Without a newer save the file is whole.
        let whole = Fragments(world: world, memory: memory, reuse: true)
        let (bytes, _, wholeReads) = Build.make(route, world, whole)
        #expect(!wholeReads.abandoned && String(decoding: bytes, as: UTF8.self).contains("\"Beta City\""))
    }

    @Test func whatACommitReplacesIsFreedOnAnotherThread() throws {
        let work = TemporaryFolder()
        let root = work.url.appendingPathComponent("site")
        work.write("old", to: "site/small.txt")
        try Data(repeating: 1, count: 2 << 20).write(to: root.appendingPathComponent("large.bin"))
        let kept = root.appendingPathComponent("large.bin")
        let writer = OutputWriter(root: root, removeAside: true)
        #expect(try writer.stage(Data(repeating: 2, count: 3 << 20), for: "large.bin"))
        #expect(try writer.stage(Data("new".utf8), for: "small.txt"))
        try writer.commit(["large.bin", "small.txt"])
        #expect(try Data(contentsOf: kept) == Data(repeating: 2, count: 3 << 20))
        #expect(try String(contentsOf: root.appendingPathComponent("small.txt"), encoding: .utf8) == "new")
        let staging = work.url.appendingPathComponent(".site.citysdg-staging")
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        // The folder set aside goes away by itself.
        var left: [String] = []
        for _ in 0..<100 {
            left = try FileManager.default.contentsOfDirectory(atPath: work.url.path).filter { $0.contains("citysdg-staging") }
            if left.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(left.isEmpty, "\(left)")
    }
}

/// A count asked from the render's threads.
private final class Counted: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
}
