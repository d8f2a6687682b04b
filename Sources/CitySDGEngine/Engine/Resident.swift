import Foundation

/// What the preview server keeps from one build to the next, so that a save costs what it
/// changes: the last good build's graph in memory (not read and written whole on every save),
/// the outputs that read each of its inputs (to find the pages a change reaches without looking
/// at every page), the links each page holds, and the files changed since (as the watcher named
/// them, so only those are looked at). The graph goes to disk when the server asks (when it is
/// idle, and when it stops), so a later `citysdg build` starts from it.
///
/// One build at a time uses it (the server runs one at a time); the changed files may be
/// reported from any thread.
public final class Resident: @unchecked Sendable {
    /// The graph after the last build that wrote the site (inputs no page reads any more are
    /// dropped only when it is saved).
    var state: BuildState?
    /// For each input of `state`, by index, the outputs that read it.
    var dependents: [Set<String>] = []
    /// Each input's index in `state.inputs`, by label.
    var inputIndex: [String: UInt32] = [:]
    /// Each page's `Build.Made.readsSignature` when `update` last recorded what it read (none
    /// after `adopt`: the graph's pages are then compared input by input the first time).
    private var readsSignatures: [String: Int] = [:]
    /// Each input of `state`, by index, read from its label once (a save that looks at every input does not read them again).
    var parsedInputs: [Input?] = []
    /// The internal links of each output (the graph's `links`, by page).
    var links: [String: [BuildState.StoredLink]] = [:]
    /// The theme of the last build, under the fingerprint of its files and the site's languages,
    /// with what loading it said.
    var theme: (key: Fingerprint, theme: Theme, diagnostics: Diagnostics)?
    /// The last good build's site, routes, theme and the problems loading them said: what a save
    /// that changes only bodies, or what items say, builds from (`saveInPlace`).
    var model: Model?
    /// How many saves were built from `model` (for the tests and the benchmark).
    public private(set) var bodyOnlySaves = 0
    /// How many saves changed front matter and were built from `model`'s site with the new values
    /// in their places (`Site.replacing`), not resolved again.
    public private(set) var filedAsBeforeSaves = 0
    /// How many saves resolved the site from `model`'s content with only the changed files decoded again.
    public private(set) var frontMatterSaves = 0

    struct Model {
        var world: World
        let routes: [Route]
        /// What loading, resolving and the theme said (no error: a model is kept only then).
        var diagnostics: Diagnostics
        /// What the site was resolved from (kept, not read again), and what loading it said.
        let loaded: LoadedContent
        var loadDiagnostics: Diagnostics
        /// Each route's index by its path, made the first time a save needs it and kept by the
        /// models made from this one (their routes are these).
        var routeIndex = RouteIndex()
        /// Files decoded again by saves that changed only bodies since `loaded`, each to be put in
        /// its place when a save needs the whole content (copying the site's lists once then, not
        /// on every body save).
        var pending: [(path: String, part: LoadedContent)] = []

        /// `loaded` with the pending files in their places; nil when one has no place there.
        func content(with more: [(path: String, part: LoadedContent)] = []) -> LoadedContent? {
            var content = loaded
            for (path, part) in pending + more { guard content.replace(path, with: part) else { return nil } }
            return content
        }
    }

    final class RouteIndex: @unchecked Sendable {
        private var index: [String: Int]?
        private let lock = NSLock()

        func of(_ routes: [Route]) -> [String: Int] {
            lock.lock()
            defer { lock.unlock() }
            if let index { return index }
            let made = Dictionary(routes.enumerated().map { ($0.element.path, $0.offset) }) { first, _ in first }
            index = made
            return made
        }

        /// Made now on another thread, so that the first save that needs it finds it made (at
        /// 10,000 cities it takes about 30 ms).
        func prepare(_ routes: [Route]) {
            DispatchQueue.global(qos: .utility).async { _ = self.of(routes) }
        }
    }

    /// Whether `state` has changed since it was last written to disk.
    private(set) var unsaved = false

    private let lock = NSLock()
    /// Files changed since the last build, keyed as the graph keys sources (`content/…`,
    /// `themes/…`); nil when a change could not be named (every file is looked at then).
    private var changed: Set<String>? = []

    public init() {}

    /// The content files a save changed, decoded again alone, when they are all the save changed:
    /// no file added or removed, site.yml, the theme, data and media unchanged, no translation
    /// involved (a translation's state follows its original), at most 16 files, none with an
    /// error now (`keys`: the sources whose entry changed). With them, each file's decoded content
    /// (to put in its place, `Model.content`) and what loading said, each file's old problems
    /// (kept in the decode cache) replaced by its new.
    private func decodeChanged(_ sources: [String: BuildState.SourceStat], _ keys: [String], _ previous: BuildState, theme: String,
                               content: URL, display: String, cache: DecodeCache?)
        -> (model: Model, documents: [Document], parts: [(path: String, part: LoadedContent)], said: Diagnostics, decoded: () -> Void)? {
        guard let model, let cache, theme == previous.theme else { return nil }
        let languages = model.world.site.config.languages
        // Content files' Markdown, there before and now, none a translation (`Build.documentsOnly`).
        let edited = keys.filter { previous.sources[$0]?.fingerprint != sources[$0]?.fingerprint }
        guard edited.count <= 16, let documentKeys = Build.documentsOnly(edited, sources, previous) else { return nil }
        let changed = documentKeys.compactMap { key in
            previous.sources[key].flatMap { before in
                sources[key].map { (path: String(key.dropFirst("content/".count)), before: before.fingerprint, now: $0.fingerprint) }
            }
        }
        let loader = ContentLoader(root: content, displayRoot: display)
        var documents: [Document] = []
        var diagnostics = model.loadDiagnostics.all
        var parts: [(String, Fingerprint, LoadedContent, Diagnostics)] = []
        for (path, before, now) in changed {
            let base = String(path.dropLast(3))
            guard !languages.dropFirst().contains(where: { sources["content/" + base + "." + $0 + ".md"] != nil }),
                  model.world.document(path) != nil, let said = cache.get(path, before)?.1,
                  let data = FileManager.default.contents(atPath: content.appendingPathComponent(path).path)
            else { return nil }
            let (part, document, problems) = loader.decodeAlone(data, path: path, allowRawHTML: model.world.site.config.allowRawHTML)
            guard let document, !problems.hasErrors, part.isOne else { return nil }
            parts.append((path, now, part, problems))
            for problem in said.all {
                guard let at = diagnostics.firstIndex(of: problem) else { return nil }
                diagnostics.remove(at: at)
            }
            diagnostics += problems.all
            documents.append(document)
        }
        var said = Diagnostics()
        diagnostics.forEach { said.append($0) }
        // Kept in the decode cache by the save that uses them (until then the old ones are what it holds).
        return (model, documents, parts.map { ($0.0, $0.2) }, said, { for (path, now, part, problems) in parts { cache.set(path, now, part, problems) } })
    }

    /// The model for a save that changed only the bodies of content files (`decodeChanged`, and
    /// each file's front matter as it was), or also what their cities and projects say but not
    /// where the site files them (`Site.replacing`; `frontMatter` is true then): the site is the
    /// last build's (with the new values in their places), so are its routes and search shards,
    /// and each page reads the new documents through the world. Nil when the change may be
    /// anything else: the build resolves the site then.
    func saveInPlace(_ sources: [String: BuildState.SourceStat], changed keys: [String], _ previous: BuildState, theme: String,
                      content: URL, display: String, cache: DecodeCache?) -> (model: Model, parsed: Int, frontMatter: Bool)? {
        guard let (model, documents, parts, said, decoded) = decodeChanged(sources, keys, previous, theme: theme, content: content, display: display, cache: cache)
        else { return nil }
        let bodiesOnly = documents.allSatisfy { model.world.document($0.path)?.frontMatterFingerprint == $0.frontMatterFingerprint }
        let site = bodiesOnly ? nil : model.world.site.replacing(parts)
        guard bodiesOnly || site != nil else { return nil }
        var diagnostics = model.diagnostics.all
        for problem in model.loadDiagnostics.all {
            guard let at = diagnostics.firstIndex(of: problem) else { return nil }
            diagnostics.remove(at: at)
        }
        var all = said
        diagnostics.forEach { all.append($0) }
        decoded()
        var next = model
        if let site {
            filedAsBeforeSaves += 1
            next.world = model.world.replacing(site: site, documents: documents)
        } else {
            bodyOnlySaves += 1
            next.world = model.world.replacing(bodiesOf: documents)
        }
        next.diagnostics = all
        next.loadDiagnostics = said
        next.pending += parts
        return (next, documents.count, site != nil)
    }

    /// For a save that changed the front matter of content files (`decodeChanged`): the content
    /// to resolve the site from, without walking and reading the content folder again, and what
    /// loading it said.
    func frontMatterSave(_ sources: [String: BuildState.SourceStat], changed keys: [String], _ previous: BuildState, theme: String,
                         content: URL, display: String, cache: DecodeCache?) -> (loaded: LoadedContent, said: Diagnostics, parsed: Int)? {
        guard let (model, documents, parts, said, decoded) = decodeChanged(sources, keys, previous, theme: theme, content: content, display: display, cache: cache),
              let loaded = model.content(with: parts)
        else { return nil }
        decoded()
        frontMatterSaves += 1
        return (loaded, said, documents.count)
    }

    /// Files (or folders) that changed, as `content/<path>` or `themes/<path>`; nil: something
    /// changed, but what is not known.
    /// Whether files changed since this build took the changes (a newer save waits for it).
    var newerSaveWaiting: Bool {
        lock.lock()
        defer { lock.unlock() }
        return changed.map { !$0.isEmpty } ?? true
    }

    /// Pages a build left to the next one: a newer save came while it was making the rest of the
    /// site after the saved file's own pages, so those were not made (only builds, one at a time,
    /// touch it).
    var carried: Set<String> = []

    public func sourcesChanged(_ paths: Set<String>?) {
        lock.lock()
        defer { lock.unlock() }
        if let paths, let known = changed { changed = known.union(paths) } else { changed = nil }
        if firstChange == nil { firstChange = .now }
    }

    /// When the first of the changes not yet taken was reported (for the timings a save prints:
    /// how long it waited for the build before it).
    private var firstChange: ContinuousClock.Instant?

    /// The files changed since the last build, and none from now on; with when the first of them was reported.
    func takeChanged() -> (paths: Set<String>?, since: ContinuousClock.Instant?) {
        lock.lock()
        defer { lock.unlock() }
        let taken = (changed, firstChange)
        changed = []
        firstChange = nil
        return taken
    }

    /// The sources as they are now: the last build's, with only the named files looked at again.
    /// A named folder is scanned whole; a name that is gone takes everything under it along.
    /// With them, the keys whose entry is not the last build's (added, removed or another fingerprint).
    static func rescan(_ paths: Set<String>, previous: [String: BuildState.SourceStat], content: URL, themes: URL,
                       fingerprint: ([(String, FileStats.Stat)]) -> [Fingerprint]) -> (sources: [String: BuildState.SourceStat], changed: [String]) {
        var sources = previous
        var found: [String: FileStats.Stat] = [:]
        var looked: Set<String> = []
        for path in paths {
            let slash = path.firstIndex(of: "/") ?? path.endIndex
            let root = path[..<slash] == "content" ? content : themes
            let inside = path[slash...].drop { $0 == "/" }
            let full = inside.isEmpty ? root.path : root.path + "/" + inside
            let under = path + "/"
            var s = stat()
            let exists = !inside.split(separator: "/").contains(where: { $0.hasPrefix(".") }) && stat(full, &s) == 0
            if exists, (s.st_mode & S_IFMT) == S_IFREG, previous[path] != nil {
                // A file the last build had: nothing was under it.
                sources[path] = nil
                looked.insert(path)
            } else {
                for key in sources.keys where key == path || key.hasPrefix(under) {
                    sources[key] = nil
                    looked.insert(key)
                }
            }
            guard exists else { continue }
            if (s.st_mode & S_IFMT) == S_IFDIR {
                FileStats.scan(URL(fileURLWithPath: full), prefix: under, into: &found)
            } else if (s.st_mode & S_IFMT) == S_IFREG, let stat = FileStats.of(full) {
                found[path] = stat
            }
        }
        sources.merge(Build.sources(found, previous: previous, fingerprint: fingerprint)) { _, new in new }
        let changed = looked.union(found.keys).filter { previous[$0]?.fingerprint != sources[$0]?.fingerprint }
        return (sources, changed.sorted())
    }

    /// The keys whose entry differs between two scans of the sources (added, removed or another fingerprint).
    static func differences(_ sources: [String: BuildState.SourceStat], _ previous: [String: BuildState.SourceStat]) -> [String] {
        var keys: [String] = [], added = 0
        for (key, source) in sources {
            let before = previous[key]
            if before == nil { added += 1 }
            if before?.fingerprint != source.fingerprint { keys.append(key) }
        }
        // Every key of `previous` is among the sources unless there are fewer of them than that.
        if previous.count != sources.count - added { keys += previous.keys.filter { sources[$0] == nil } }
        return keys.sorted()
    }

    /// The inputs (by index in `previous.inputs`, with their fingerprint now) that a change of
    /// the sources can reach, when it is one that changes no front matter and adds, removes or
    /// renames no file, and leaves site.yml, the theme and the theme's name as they were (a body edited, a media file
    /// replaced): each changed file's body and front matter, its translations, the media file.
    /// Lists, routes and the search index's shards hold what they held then. Nil when the change
    /// may reach anything: then every input is looked at.
    func reachableInputs(_ sources: [String: BuildState.SourceStat], changed keys: [String], _ previous: BuildState, theme: String, languages: [String],
                         _ fingerprint: (Input) -> Fingerprint?) -> [(index: Int, fingerprint: Fingerprint?)]? {
        guard inputIndex.count == previous.inputs.count, theme == previous.theme else { return nil }
        return Self.reachableInputs(sources, changed: keys, previous, languages: languages, index: { labels in
            labels.reduce(into: [:]) { found, label in found[label] = self.inputIndex[label] }
        }, fingerprint)
    }

    /// `reachableInputs` for a graph read from disk by a new process: the few inputs the change
    /// names are found by label in one pass over the graph's inputs.
    static func reachableInputs(_ sources: [String: BuildState.SourceStat], changed keys: [String], _ previous: BuildState, languages: [String],
                                _ fingerprint: (Input) -> Fingerprint?) -> [(index: Int, fingerprint: Fingerprint?)]? {
        reachableInputs(sources, changed: keys, previous, languages: languages, index: { labels in
            let wanted = Set(labels)
            var found: [String: UInt32] = [:]
            for (i, input) in previous.inputs.enumerated() where wanted.contains(input.label) { found[input.label] = UInt32(i) }
            return found
        }, fingerprint)
    }

    /// `index` finds inputs by label in the graph (those it has).
    private static func reachableInputs(_ sources: [String: BuildState.SourceStat], changed keys: [String], _ previous: BuildState, languages: [String],
                                        index: ([String]) -> [String: UInt32], _ fingerprint: (Input) -> Fingerprint?) -> [(index: Int, fingerprint: Fingerprint?)]? {
        var labels: [Input] = []
        for key in keys where previous.sources[key]?.fingerprint != sources[key]?.fingerprint {
            guard previous.sources[key] != nil, sources[key] != nil, key.hasPrefix("content/"), key != "content/site.yml" else { return nil }
            let path = String(key.dropFirst("content/".count))
            if path.hasPrefix("media/") {
                labels.append(.media(String(path.dropFirst("media/".count))))
                continue
            }
            if path.hasPrefix(SeriesLoader.folder) {
                // A data file and its sidecar are one input, under the CSV's path.
                labels.append(.series(path.hasSuffix(".yml") ? String(path.dropLast(4)) + ".csv" : path))
                continue
            }
            labels += [.frontMatter(path), .body(path)] + languages.map { .translation(language: $0, original: path) }
            // A translation (`pakse.lo.md`) is also what its original's translation input says.
            let stem = path.split(separator: "/").last.map { String($0.dropLast(3)) } ?? ""
            if let (base, language) = ContentLoader.translationName(stem) {
                let folder = path.split(separator: "/").dropLast().joined(separator: "/")
                labels.append(.translation(language: language, original: (folder.isEmpty ? "" : folder + "/") + base + ".md"))
            }
        }
        var reachable: [(index: Int, fingerprint: Fingerprint?)] = []
        let indexOf = index(labels.map(\.label))
        for input in labels {
            guard let index = indexOf[input.label] else {
                // Front matter no page has read yet: it may be a new item's; look at everything.
                if case .frontMatter = input { return nil }
                continue
            }
            let now = fingerprint(input)
            if case .frontMatter = input, now != previous.inputs[Int(index)].fingerprint { return nil }
            reachable.append((Int(index), now))
        }
        return reachable
    }

    /// Takes the graph a build made (and what is derived from it) as the one to start from next.
    func adopt(_ state: BuildState, links: [String: [BuildState.StoredLink]]? = nil) {
        self.state = state
        self.links = links ?? Dictionary(grouping: state.links, by: \.page)
        inputIndex = Dictionary(uniqueKeysWithValues: state.inputs.enumerated().map { ($0.element.label, UInt32($0.offset)) })
        parsedInputs = concurrentMap(slices(state.inputs.count, of: 4096)) { slice in state.inputs[slice].map { Input(label: $0.label) } }.flatMap { $0 }
        readsSignatures = [:]
        dependents = Array(repeating: [], count: state.inputs.count)
        for (page, record) in state.pages { for id in record.inputs { dependents[Int(id)].insert(page) } }
        unsaved = true
    }

    /// Writes the graph, without the inputs no page reads any more, if it changed since it was last written.
    public func save(to file: URL) {
        guard let snapshot = snapshot() else { return }
        try? BuildState.write(snapshot.encoded(), to: file)
    }

    /// The graph as it is now, if it changed since it was last written: taken at once (its
    /// storage is shared until the next build changes it), encoded later on any thread, so that
    /// a save that comes meanwhile does not wait for it.
    public func snapshot() -> Snapshot? {
        guard unsaved, let state else { return nil }
        unsaved = false
        // A page left to the next build is not what its record says: the file forgets it, so a
        // build from the file makes it again.
        var saved = state
        for page in carried { saved.pages[page] = nil }
        return Snapshot(state: saved, links: carried.isEmpty ? links : links.filter { !carried.contains($0.key) })
    }

    /// The graph still has to be written (a snapshot of it was not).
    public func keepUnsaved() { unsaved = true }

    public struct Snapshot: @unchecked Sendable {
        let state: BuildState
        let links: [String: [BuildState.StoredLink]]

        /// Writes the graph's file.
        public static func write(_ bytes: [UInt8], to file: URL) throws { try BuildState.write(bytes, to: file) }

        /// The file's bytes, without the inputs no page reads any more.
        public func encoded() -> [UInt8] {
            var state = state
            state.links = links.values.flatMap { $0 }.sorted { ($0.page, $0.location) < ($1.page, $1.location) }
            state.dropUnusedInputs()
            return state.encoded()
        }
    }

    /// The graph after a build that made `made` and kept every other page: the made pages' new
    /// reads replace their old ones, changed inputs get their new fingerprints, pages gone are removed.
    func update(made: [Build.Made], changed: [(index: Int, fingerprint: Fingerprint?)], removed: [String],
                sources: [String: BuildState.SourceStat], theme: String, warnings: [Diagnostic]) {
        guard var state else { return }
        self.state = nil // so that the changes below do not copy it
        for (index, fingerprint) in changed { state.inputs[index].fingerprint = fingerprint ?? .none }
        for page in removed {
            for id in state.pages[page]?.inputs ?? [] { dependents[Int(id)].remove(page) }
            state.pages[page] = nil
            links[page] = nil
            readsSignatures[page] = nil
        }
        // A page that read the same inputs as when it was last recorded keeps its inputs, and is
        // left in their dependents. For the others, the inputs each read, by index where the graph
        // has them, found on all cores (a whole-site file reads tens of thousands); the index's
        // copy is let go before new inputs are added to it, so that adding does not copy it.
        let same = made.map { readsSignatures[$0.path] == $0.readsSignature && state.pages[$0.path] != nil }
        let known: [[UInt32?]] = { index in
            concurrentMap(Array(made.indices)) { i in same[i] ? [] : made[i].reads.map { index[$0.label] } }
        }(inputIndex)
        for (i, (page, known)) in zip(made, known).enumerated() {
            readsSignatures[page.path] = page.readsSignature
            if same[i] {
                state.pages[page.path]!.size = page.size
                state.pages[page.path]!.splices = page.splices(inputIndex)
                links[page.path] = page.links.isEmpty ? nil : page.links
                continue
            }
            let ids = zip(page.reads, known).map { read, id -> UInt32 in
                if let id { return id }
                if let id = inputIndex[read.label] { return id }
                state.inputs.append(read)
                parsedInputs.append(Input(label: read.label))
                dependents.append([])
                let id = UInt32(state.inputs.count - 1)
                inputIndex[read.label] = id
                return id
            }.sorted()
            // Only the inputs it no longer reads, or reads now for the first time, change their
            // dependents (a page of the whole site reads tens of thousands, nearly all as before).
            var before = state.pages[page.path]?.inputs ?? []
            if zip(before, before.dropFirst()).contains(where: { $0 >= $1 }) { before.sort() }
            var a = 0, b = 0
            while a < before.count || b < ids.count {
                if b == ids.count || (a < before.count && before[a] < ids[b]) {
                    dependents[Int(before[a])].remove(page.path)
                    a += 1
                } else if a == before.count || ids[b] < before[a] {
                    dependents[Int(ids[b])].insert(page.path)
                    b += 1
                } else {
                    a += 1
                    b += 1
                }
            }
            state.pages[page.path] = BuildState.PageRecord(size: page.size, inputs: ids, splices: page.splices(inputIndex))
            links[page.path] = page.links.isEmpty ? nil : page.links
        }
        state.sources = sources
        state.theme = theme
        state.warnings = warnings
        self.state = state
        unsaved = true
    }
}
