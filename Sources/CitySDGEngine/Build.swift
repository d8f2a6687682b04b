import Foundation

/// The build, stage by stage: load → resolve → theme → plan → decide what changed → render →
/// write. Every stage adds its problems to one list; nothing is written unless all of them pass.
/// With a build graph (`stateFile`), a page is rendered only when what it is made from changed,
/// and the output is always the same bytes a clean build writes.
public struct Build: Sendable {
    public var content: URL
    public var themes: URL
    public var output: URL
    /// Overrides `theme:` in site.yml.
    public var themeName: String?
    /// How the content and themes folders are named in messages (as the editor typed them).
    public var contentDisplay: String
    public var themesDisplay: String
    public var catalogue: Catalogue
    /// Where the build graph is kept; nil builds without one.
    public var stateFile: URL?
    /// Ignore the build graph: render every page (and write a new graph).
    public var clean = false
    /// Where the site is published, overriding `base_url` in site.yml (a deploy sets it).
    public var baseURL: String?
    /// Decoded files kept between builds of one process (the preview server sets it).
    public var decodeCache: DecodeCache?
    /// Told how many of the pages to render are done, now and then (for a progress line).
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init(content: URL, themes: URL, output: URL, themeName: String? = nil,
                contentDisplay: String? = nil, themesDisplay: String? = nil, catalogue: Catalogue = .bundled,
                stateFile: URL? = nil, clean: Bool = false) {
        self.content = content
        self.themes = themes
        self.output = output
        self.themeName = themeName
        self.contentDisplay = contentDisplay ?? content.path
        self.themesDisplay = themesDisplay ?? themes.path
        self.catalogue = catalogue
        self.stateFile = stateFile
        self.clean = clean
    }

    public struct Result: Sendable {
        public var diagnostics: Diagnostics
        /// Files the site has.
        public var pages = 0
        /// Files rendered this time (the rest were known to be unchanged).
        public var rendered = 0
        public var written = OutputWriter.Summary()
        /// For each rendered file, why: the inputs that changed since the last build.
        public var explanations: [(path: String, reasons: [String])] = []
        public var failed: Bool { diagnostics.hasErrors }
    }

    public func run(write: Bool = true) -> Result {
        let previous = clean || stateFile == nil ? nil : stateFile.flatMap(BuildState.read)
            .flatMap { $0.generator == generatorVersion && $0.output == output.path && $0.baseURL == (baseURL ?? "") ? $0 : nil }

        // Nothing changed at all: every source has the fingerprint it had, every output is there.
        var stats: [String: FileStats.Stat] = [:]
        FileStats.scan(content, prefix: "content/", into: &stats)
        FileStats.scan(themes, prefix: "themes/", into: &stats)
        let sources = fingerprints(stats, previous: previous)
        if write, let previous, sources == previous.sources, outputsIntact(previous) {
            if let stateFile, stats.contains(where: { previous.sources[$0.key]?.modified != $0.value.modified }) {
                var refreshed = previous
                refreshed.sources = sources
                try? refreshed.write(stateFile)
            }
            return Result(diagnostics: Diagnostics(), pages: previous.pages.count,
                          written: OutputWriter.Summary(written: 0, unchanged: previous.pages.count, removed: 0))
        }

        var d = Diagnostics()
        var loaded = ContentLoader(root: content, displayRoot: contentDisplay, cache: decodeCache).load(&d)
        if let baseURL {
            loaded.config.baseURL = baseURL
            loaded.configFingerprint = Fingerprint.combine([loaded.configFingerprint.hex, baseURL])
        }
        let site = Site.resolve(loaded, catalogue: catalogue, &d)
        let themeDisplay = { (path: String) in self.themesDisplay.isEmpty ? path : self.themesDisplay + "/" + path }
        guard let theme = Theme.load(name: themeName ?? site.config.theme, themesRoot: themes,
                                     language: site.config.language, display: themeDisplay, &d) else {
            return Result(diagnostics: d)
        }
        let routes = Planner.routes(for: site, assets: theme.assets.keys.sorted())
        let paths = Set(routes.map(\.path))
        let dependencies = Dependencies(site: site, theme: theme, config: loaded.configFingerprint,
                                        routes: Fingerprint.combine(routes.map(\.path)))
        let keys = concurrentMap(routes) { dependencies.key(of: $0) }

        // Decide: a page whose key is the one it was built with, and whose file is still there, is done.
        var toRender: [Int] = []
        var links: [BuildState.StoredLink] = []
        let previousLinks = Dictionary(grouping: previous?.links ?? [], by: \.page)
        for (i, route) in routes.enumerated() {
            if let record = previous?.pages[route.path], record.key == keys[i],
               FileStats.of(output.appendingPathComponent(route.path).path)?.size == record.size {
                for link in previousLinks[route.path] ?? [] {
                    links.append(link)
                    if !paths.contains(link.target) { d.append(ViewBuilder.brokenLink(link)) }
                }
            } else {
                toRender.append(i)
            }
        }

        // Each page is rendered and, if its bytes differ from the file in place, staged beside it
        // at once, so no whole-site copy of the HTML is ever held; the staged files replace the
        // old ones only when every page has passed.
        let writer = OutputWriter(root: output)
        if write {
            do { try writer.checkSafe(content: content, themes: themes) } catch {
                d.ioError(SourceLocation(file: output.path), "\(error)")
                return Result(diagnostics: d)
            }
        }
        let renderer = PageRenderer(site: site, theme: theme, outputs: paths)
        let counter = Counter()
        let total = toRender.count
        let rendered = concurrentMap(toRender) { [progress] i -> (staged: Bool, page: PageRenderer.Rendered, problem: String?) in
            var page = renderer.render(routes[i])
            var staged = false
            var problem: String? = nil
            if write && !page.diagnostics.hasErrors {
                do { staged = try writer.stage(page.bytes, for: routes[i].path) } catch { problem = "\(error)" }
            }
            page.bytes = Data()
            if let progress {
                let done = counter.increment()
                if done % max(1, total / 100) == 0 || done == total { progress(done, total) }
            }
            return (staged, page, problem)
        }
        let staged = zip(toRender, rendered).filter { $0.1.staged }.map { routes[$0.0].path }
        for (_, page, problem) in rendered {
            d.append(contentsOf: page.diagnostics)
            links += page.links
            if let problem { d.ioError(SourceLocation(file: output.path), problem) }
        }
        var result = Result(diagnostics: d, pages: routes.count, rendered: rendered.count)
        result.explanations = toRender.map { i in
            (routes[i].path, explain(routes[i], dependencies: dependencies, previous: previous))
        }
        guard write, !d.hasErrors else {
            writer.discard(staged)
            return result
        }

        var state = BuildState()
        state.output = output.path
        state.baseURL = baseURL ?? ""
        state.sources = sources
        do {
            try writer.commit(staged)
            result.written.written = staged.count
            result.written.unchanged = routes.count - staged.count
            if let previous {
                result.written.removed = try writer.remove(previous.pages.keys.filter { !paths.contains($0) })
            } else {
                result.written.removed = try writer.prune(keeping: paths)
            }
            for (i, route) in routes.enumerated() {
                let size = FileStats.of(output.appendingPathComponent(route.path).path)?.size ?? -1
                state.pages[route.path] = BuildState.PageRecord(key: keys[i], size: size)
            }
            state.inputs = Dictionary(routes.flatMap { dependencies.inputs(of: $0) }.map { ($0.label, $0.fingerprint) },
                                      uniquingKeysWith: { a, _ in a })
            state.links = links.sorted { ($0.page, $0.location) < ($1.page, $1.location) }
            if let stateFile { try? state.write(stateFile) }
        } catch {
            result.diagnostics.ioError(SourceLocation(file: output.path), "\(error)")
        }
        return result
    }

    /// Each file's fingerprint, hashed again only when its size or time changed since the last build
    /// (a fresh checkout changes every time, so the fingerprints, not the times, decide).
    private func fingerprints(_ stats: [String: FileStats.Stat], previous: BuildState?) -> [String: BuildState.SourceStat] {
        let entries = Array(stats)
        let prints = concurrentMap(entries) { path, stat -> Fingerprint in
            if let old = previous?.sources[path], old.size == stat.size, old.modified == stat.modified { return old.fingerprint }
            let root = path.hasPrefix("content/") ? content : themes
            let file = root.appendingPathComponent(String(path.drop { $0 != "/" }.dropFirst()))
            return Fingerprint(FileManager.default.contents(atPath: file.path) ?? Data())
        }
        var result: [String: BuildState.SourceStat] = [:]
        for ((path, stat), print) in zip(entries, prints) {
            result[path] = BuildState.SourceStat(size: stat.size, modified: stat.modified, fingerprint: print)
        }
        return result
    }

    private func outputsIntact(_ state: BuildState) -> Bool {
        state.pages.allSatisfy { FileStats.of(output.appendingPathComponent($0.key).path)?.size == $0.value.size }
    }

    /// Why a page is rendered again: the inputs whose fingerprints differ from the last build.
    private func explain(_ route: Route, dependencies: Dependencies, previous: BuildState?) -> [String] {
        guard let previous else { return ["no build graph: a clean build"] }
        guard previous.pages[route.path] != nil else { return ["a new page"] }
        let changed = dependencies.inputs(of: route).filter { previous.inputs[$0.label] != $0.fingerprint }.map { input in
            let label = input.label
            if label.hasPrefix("fm:") { return "front matter of \(contentDisplay)/\(label.dropFirst(3)) changed" }
            if label.hasPrefix("body:") { return "text of \(contentDisplay)/\(label.dropFirst(5)) changed" }
            if label.hasPrefix("template:") { return "template \(label.dropFirst(9)) changed" }
            return "\(label) changed"
        }
        var seen: Set<String> = []
        let reasons = changed.filter { seen.insert($0).inserted }
        if reasons.isEmpty {
            let inputs = Set(dependencies.inputs(of: route).map(\.label))
            return [inputs.count < 3 ? "its output file was changed or removed" : "what it lists changed (an item was added or removed), or its output file was changed"]
        }
        return reasons
    }
}

/// `transform` applied to every element on all cores; results in the elements' order.
func concurrentMap<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    let results = UnsafeResults<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in results.set(i, transform(items[i])) }
    return results.values
}

/// A count shared by the render threads.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Slots filled in parallel, each by exactly one iteration, read after all of them finish.
private final class UnsafeResults<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [T] { slots.map { $0! } }
}
