import Foundation

/// The build, stage by stage: scan → load → resolve → theme → plan → decide what changed →
/// render → write. Every stage adds its problems to one list; nothing is written unless all of
/// them pass. With a build graph (`stateFile`), an output is made again only when an input it
/// read (recorded while it was made) changed, and the output is always the bytes a clean build writes.
public struct Build: Sendable {
    public var content: URL
    public var themes: URL
    public var output: URL
    /// Overrides `theme:` in site.yml.
    public var themeName: String?
    /// How the content and themes folders are named in messages (as the editor typed them).
    public var contentDisplay: String
    public var themesDisplay: String
    /// The SDG catalogue the site is checked against: the bundled one unless another was given,
    /// decoded only when a build needs it (a build with nothing to do never does).
    public var catalogue: Catalogue {
        get { givenCatalogue ?? .bundled }
        set { givenCatalogue = newValue }
    }
    private var givenCatalogue: Catalogue?
    /// Where the build graph is kept; nil builds without one.
    public var stateFile: URL?
    /// Ignore the build graph: render every page (and write a new graph).
    public var clean = false
    /// Where the site is published, overriding `base_url` in site.yml (a deploy sets it).
    public var baseURL: String?
    /// Decoded files kept between builds of one process (the preview server sets it).
    public var decodeCache: DecodeCache?
    /// Cards kept between builds of one process (the preview server sets it; `build` keeps them in `.citysdg/fragments`).
    public var fragmentCache: FragmentCache?
    /// The preview server's graph, kept in memory between its builds, with the files changed since
    /// the last one (see `Resident`); `build` reads and writes `stateFile` instead.
    public var resident: Resident?
    /// The generator's fingerprint; by default that of the running executable (tests set their own).
    public var generator: Fingerprint?
    /// Leave what the build read and made in memory when it returns: a command that exits right
    /// after lets the system take the memory back at once, instead of freeing a site's worth of
    /// objects one by one (about a tenth of a one-file edit's time at 10,000 cities).
    public var keepsMemory = false
    /// Render with swift-mustache's interpreter instead of the compiled templates (a test compares the two).
    var interpretedTemplates = false
    /// What builds with `keepsMemory` left behind.
    nonisolated(unsafe) private static var kept: [Any] = []
    /// The year the build runs in: a data file's figure for a later year is an error (nil: not checked).
    public var currentYear: Int? = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).year
    /// Told how many of the pages to render are done, now and then (for a progress line).
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// Called once every argument and input has passed its checks, before the first byte is
    /// written (the command line takes the state folder's lock here when there was no state
    /// folder to lock before); a problem it returns fails the build with nothing written.
    public var beforeWriting: (@Sendable () -> Diagnostic?)?
    /// Called as soon as the site in the output folder is the new one, with what was written,
    /// before the build graph is brought up to date (the preview server tells the open pages to
    /// reload here).
    /// The paths are the files written (an edited file's own pages can come in a call of their own
    /// first, `Build.ownPage(of:)`).
    public var afterWriting: (@Sendable (OutputWriter.Summary, _ paths: [String]) -> Void)?

    public init(content: URL, themes: URL, output: URL, themeName: String? = nil,
                contentDisplay: String? = nil, themesDisplay: String? = nil, catalogue: Catalogue? = nil,
                stateFile: URL? = nil, clean: Bool = false) {
        self.content = content
        self.themes = themes
        self.output = output
        self.themeName = themeName
        self.contentDisplay = contentDisplay ?? content.path
        self.themesDisplay = themesDisplay ?? themes.path
        givenCatalogue = catalogue
        self.stateFile = stateFile
        self.clean = clean
    }

    public struct Result: Sendable {
        public var diagnostics: Diagnostics
        /// Files the site has.
        public var pages = 0
        /// Files rendered this time (the rest were known to be unchanged).
        public var rendered = 0
        /// Content files parsed this time (the rest came from the decode cache); nil without a cache.
        public var parsed: Int?
        /// Cards and pieces of whole-site files made this time (the rest were kept ones, still current).
        public var piecesMade = 0
        /// How many pieces of whole-site files were taken back from the last build's files (`KeptPieces`).
        public var piecesTakenBack = 0
        public var written = OutputWriter.Summary()
        /// For each rendered file, why: the inputs that changed since the last build.
        public var explanations: [(path: String, reasons: [String])] = []
        /// For each language after the default, the interface strings the theme lacks (shown in the default language).
        public var missingStrings: [(language: String, keys: [String])] = []
        /// Made from the graph alone: only bodies' text changed, put in place (`Build.spliceBodies`).
        public var bodiesInPlace = false
        public var failed: Bool { diagnostics.hasErrors }
    }

    public func run(write: Bool = true) -> Result {
        let damage = StateDamage() // damaged state files, said once each and not kept with the build's warnings
        var result = run(write: write, damage: damage)
        damage.warnings.forEach { result.diagnostics.append($0) }
        // What the commit replaced is freed while the graph is saved; a command-line build leaves none of it behind.
        if resident == nil, write { OutputWriter.finishRemovals(beside: output) }
        return result
    }

    private func run(write: Bool, damage: StateDamage) -> Result {
        var clock = StageClock()
        defer { clock.report() }
        // The preview server's graph is in memory, with the files changed since; a new process reads it from disk.
        let resident = clean || !write ? nil : self.resident
        let (changedPaths, changedSince) = resident?.takeChanged() ?? (nil, nil)
        if let changedSince { clock.add("waited", ContinuousClock.now - changedSince) }
        var adopted = false
        defer { if !adopted { resident?.sourcesChanged(changedPaths) } } // looked at again next time
        // A new process reads the graph without its edges first: a build with nothing to do needs no more.
        var stored = clean ? nil : resident?.state ?? stateFile.flatMap { BuildState.read($0, damage: damage, edges: false) }
        clock.lap("read graph")
        let (generator, executable) = self.generator.map { ($0, nil) } ?? Generator.fingerprint(previous: stored)
        func usable(_ state: BuildState?) -> BuildState? {
            state.flatMap { $0.generator == generator && $0.output == output.path && $0.baseURL == (baseURL ?? "") ? $0 : nil }
        }
        var previous = usable(stored)
        let sources: [String: BuildState.SourceStat]
        // For the preview server: the sources whose entry is not its graph's (found by looking only
        // at the files the watcher named, when it named them).
        var changedSources: [String]?
        var scannedAll = false // whether the scan found all of the content folder's files (it held no links)
        // For a new process: the sources whose fingerprint is not the graph's, when none is new or gone.
        var fingerprintChanged: [String]?
        var restated: [String] = []
        if let known = resident?.state?.sources, let changedPaths {
            (sources, changedSources) = Resident.rescan(changedPaths, previous: known, content: content, themes: themes, fingerprint: fingerprints)
        } else {
            (sources, scannedAll, restated) = scanSources(previous: stored)
            if resident != nil, let previous { changedSources = Resident.differences(sources, previous.sources) }
            if let previous, sources.count == previous.sources.count, restated.allSatisfy({ previous.sources[$0] != nil }) {
                fingerprintChanged = restated.filter { previous.sources[$0]?.fingerprint != sources[$0]?.fingerprint }
            }
        }
        clock.lap("scan")
        // The preview's first build goes on even when nothing changed, to hold the model a save
        // that changes only bodies starts from (`Resident.saveInPlace`).
        if write, let previous, previous.theme == (themeName ?? ""), resident == nil || resident?.model != nil, resident?.carried.isEmpty ?? true,
           let unchanged = nothingChanged(sources, changed: changedSources ?? fingerprintChanged, previous, checkOutputs: resident == nil) {
            resident?.state?.sources = sources
            adopted = true
            return unchanged
        }
        // A new process whose only change is the text of some bodies puts the new text in place.
        if write, resident == nil, let previous, previous.theme == (themeName ?? ""), let fingerprintChanged,
           let spliced = spliceBodies(sources, previous, changed: fingerprintChanged, restated: restated, &clock) {
            return spliced
        }
        if let partial = stored, !partial.hasEdges {
            stored = stateFile.flatMap { BuildState.read($0, damage: damage) }
            previous = usable(stored)
            clock.lap("read edges")
        }
        // A new process opens the kept cards while the content loads.
        let fragmentsFile = stateFile.map { $0.deletingLastPathComponent().appendingPathComponent("fragments") }
        let openedFragments = resident == nil && previous != nil ? fragmentsFile.map { FragmentStore.opening($0, damage: damage) } : nil

        var d = Diagnostics()
        var parsed: Int?, decoded: StoredDecodeCache?
        var sameSite = false // the last build's site and routes hold (with new values in place: `Resident.saveInPlace`)
        var frontMatterOnly: [String]? // the sources a save changed, when it changed only their front matter
        let model: Resident.Model
        var early: Pending<LoadedTheme>?
        if let resident, let previous, let changedSources,
           let inPlace = resident.saveInPlace(sources, changed: changedSources, previous, theme: themeName ?? "", content: content, display: contentDisplay, cache: decodeCache) {
            // Only bodies changed (or front matter that files nothing elsewhere): the last build's
            // site (with the new values in their places), routes and theme hold.
            model = inPlace.model
            parsed = inPlace.parsed
            sameSite = true
            if inPlace.frontMatter { frontMatterOnly = changedSources }
            d = model.diagnostics
            clock.lap(inPlace.frontMatter ? "front matter in place" : "bodies")
        } else {
            let loaded: LoadedContent
            if let resident, let previous, let changedSources,
               let kept = resident.frontMatterSave(sources, changed: changedSources, previous, theme: themeName ?? "", content: content, display: contentDisplay, cache: decodeCache) {
                // A few files' front matter changed: the site is resolved again from the last
                // build's content with those files decoded again, the folder not walked or read.
                (loaded, d, parsed) = (kept.loaded, kept.said, kept.parsed)
                frontMatterOnly = changedSources
                clock.lap("front matter")
            } else {
                // A command-line build loads the theme on another thread while the content loads.
                early = resident == nil ? earlyTheme(previous) : nil
                (loaded, parsed, decoded) = load(sources, scannedAll: scannedAll, damage, &d)
                clock.lap("load")
            }
            // The last world's listing fingerprints, for the listings that hold the same items now.
            let lastLists = resident?.model?.world.listFingerprints
            if let resident, let old = resident.model {
                // Let go on another thread: freeing the last site's objects one by one takes
                // about 0.2 s at 10,000 cities, which the save would otherwise wait for.
                resident.model = nil
                DispatchQueue.global(qos: .utility).async { withExtendedLifetime(old) {} }
            }
            let loadDiagnostics = d
            let site = Site.resolve(loaded, catalogue: catalogue, &d)
            clock.lap("resolve")
            guard let theme = loadTheme(site, sources: sources, resident: resident, early: early, &d) else { return Result(diagnostics: d) }
            clock.lap("theme")
            // The routes on one core, what the world holds apart from them on the other.
            let (routes, parts) = inParallel({ PageKinds.routes(for: site, assets: theme.assets.keys.sorted()) },
                                             { World.Parts(site: site, theme: theme) })
            clock.lap("routes")
            let world = World(site: site, theme: theme, config: configFingerprint(loaded), routes: routes, content: content, media: Dictionary(uniqueKeysWithValues: site.media.map {
                                  ($0, sources["content/media/" + $0]?.fingerprint ?? .none)
                              }), lastLists: lastLists, parts: parts)
            clock.lap("world")
            model = Resident.Model(world: world, routes: routes, diagnostics: d, loaded: loaded, loadDiagnostics: loadDiagnostics)
        }
        let (world, routes, site, theme) = (model.world, model.routes, model.world.site, model.world.theme)
        let decision = decide(routes, world, previous, sources: sources, changed: changedSources, fingerprintChanged: fingerprintChanged, resident: resident,
                              sameRoutes: sameSite ? model.routeIndex : nil, frontMatterOnly: frontMatterOnly, &d)
        clock.lap("decide")
        // Pages are staged for writing only when everything so far passed; a build with errors
        // still renders them, for the problems only a page finds, and writes nothing.
        let writing = write && !d.hasErrors
        if write {
            do { try OutputWriter.checkSafe(output, content: content, themes: themes) } catch {
                d.ioError(SourceLocation(file: output.path), "\(error)")
                return Result(diagnostics: d)
            }
        }
        if writing, let problem = beforeWriting?() {
            d.append(problem)
            return Result(diagnostics: d)
        }
        // Made after the lock is taken: whether the output folder is new is seen as it now is.
        let writer = OutputWriter(root: output, removeAside: true)
        // The outputs are about to change: no stamp vouches for them until the graph says what they are.
        if writing, let stateFile { OutputStamp.remove(beside: stateFile) }
        // The preview's kept cards that read a changed input are dropped; the others are shown unchecked.
        if decision.fromResident, let resident, let previous, let fragmentCache {
            fragmentCache.invalidate(decision.changed.compactMap { resident.parsedInputs[$0.index] ?? Input(label: previous.inputs[$0.index].label) })
        }
        // A new process with a graph records where the pieces of whole-site files are, and takes
        // back the last build's pieces that read nothing that changed.
        let recordsPieces = resident == nil && stateFile != nil
        let keptPieces = recordsPieces ? previous.map { KeptPieces($0, changed: decision.changed.map(\.index), output: outputFolder) } : nil
        let fragments = Fragments(world: world, file: fragmentsFile, memory: fragmentCache, reuse: previous != nil, trusting: decision.fromResident,
                                  damage: damage, recordsPieces: recordsPieces, keptPieces: keptPieces, opened: openedFragments)
        var stale = decision.stale.map { routes[$0.index] }
        // The preview makes pages before data files, the largest pages (as the graph last saw them)
        // first: what is made last is then a data file joined from kept pieces, which a newer save
        // stops between any two pieces, or a short page, so the save waits little for it.
        if resident != nil, let previous, stale.count > 1 {
            stale = stale.enumerated().map { ($0.element, $0.element.path.hasSuffix(".html") ? previous.pages[$0.element.path]?.size ?? 0 : -1, $0.offset) }
                .sorted { ($0.1, $1.2) > ($1.1, $0.2) }.map(\.0)
        }
        // A preview save of a few content files: their own pages are rendered and written first,
        // and the open pages told, while the rest of the site (listings, data files) is made.
        // If the rest fails, the pages written ahead are put back as they were.
        var madeAhead: [Made] = [], ahead: OutputWriter.Undo?, aheadProblem: String?
        if writing, resident != nil, !writer.isFresh, let changedSources {
            let own = Set(changedSources.compactMap { Self.ownPage(of: String($0.dropFirst("content/".count))) })
            let first = stale.filter { route in own.contains(route.path) || route.alternates.contains { own.contains($0.path) } }
            if !first.isEmpty, first.count < stale.count {
                madeAhead = render(first, world, fragments, writer: writer)
                let done = Set(first.map(\.path))
                stale.removeAll { done.contains($0.path) }
                if !madeAhead.contains(where: { $0.diagnostics.hasErrors || $0.problem != nil }) {
                    let paths = madeAhead.filter(\.staged).map(\.path)
                    do {
                        ahead = try writer.commitAhead(paths)
                        clock.lap("own pages \(madeAhead.count)")
                        afterWriting?(OutputWriter.Summary(written: paths.count, unchanged: 0, removed: 0), paths)
                    } catch {
                        aheadProblem = "\(error)"
                    }
                }
            }
        }
        // Once the saved files' own pages are written, a newer save need not wait for the rest: what
        // is not made yet is left to the next build (which writes its own pages first, then these).
        var newerSave: (@Sendable () -> Bool)?
        let seen = FirstSeen()
        if ahead != nil, decision.fromResident, let resident { newerSave = { seen.note(resident.newerSaveWaiting) } }
        fragments.stop = newerSave
        var made = madeAhead + render(stale, world, fragments, writer: writing ? writer : nil, stopWhen: newerSave)
        let carried = made.filter(\.skipped).map(\.path)
        if !carried.isEmpty { made.removeAll(where: \.skipped) }
        clock.lap("render \(made.count)")
        if let at = seen.at { clock.add("(\(carried.count) left; the newer save came before the end by", ContinuousClock.now - at) }
        var result = Result(diagnostics: d, pages: routes.count, rendered: made.count)
        result.parsed = parsed
        result.piecesMade = fragments.made
        result.piecesTakenBack = made.reduce(0) { count, page in
            count + page.pieces.count { if case .kept = $0.claim.reads { return true } else { return false } }
        }
        result.missingStrings = site.config.languages.dropFirst().map { ($0, theme.missingStrings[$0] ?? []) }
        result.explanations = decision.stale.map { (routes[$0.index].path, $0.reasons) }
        for page in made { result.diagnostics.append(contentsOf: page.diagnostics) }
        // A disk that is full fails every file after the first: said once, with how many more.
        let problems = made.compactMap(\.problem) + (aheadProblem.map { [$0] } ?? [])
        if let first = problems.first {
            result.diagnostics.ioError(SourceLocation(file: output.path),
                                       first + (problems.count > 1 ? " (and \(problems.count - 1) more files could not be written)" : ""),
                                       hint: "nothing in \(output.lastPathComponent)/ was replaced: the site is as it was before this build")
        }
        let staged = made.filter(\.staged).map(\.path)
        guard write, !result.failed else {
            // Only a build that staged removes the staging folder: `check` (which takes no lock)
            // must not touch one that a running build is filling.
            if writing { writer.discard() }
            if let ahead {
                // The pages written ahead are the last good site's again, and are shown as it.
                ahead.restore()
                afterWriting?(OutputWriter.Summary(written: ahead.paths.count, unchanged: 0, removed: 0), ahead.paths)
            }
            return result
        }

        let removed = previous.map { previous in decision.outputsChanged ? previous.pages.keys.filter { !world.outputs.contains($0) } : [] }
        do {
            let writtenAhead = Set(ahead?.paths ?? [])
            let rest = writtenAhead.isEmpty ? staged : staged.filter { !writtenAhead.contains($0) }
            try writer.commit(rest)
            result.written.written = staged.count
            result.written.unchanged = routes.count - staged.count
            if let removed {
                result.written.removed = try writer.remove(removed)
            } else {
                result.written.removed = try writer.prune(keeping: world.outputs)
            }
            clock.lap("commit")
            afterWriting?(result.written, rest)
        } catch {
            result.diagnostics.ioError(SourceLocation(file: output.path), "\(error)")
            return result
        }
        // The preview server's cards and search entries stay in memory for its next build.
        if let resident {
            fragments.save()
            resident.carried = Set(carried)
        }
        // The new graph: the resident one changed in place where it can be, made whole otherwise.
        if let resident, decision.fromResident, let removed {
            // The build lets go of its references to the graph, so changing it in place does not copy it whole first.
            stored = nil
            previous = nil
            resident.update(made: made, changed: decision.changed,
                            removed: removed, sources: sources, theme: themeName ?? "", warnings: result.diagnostics.all)
            clock.lap("graph")
        } else {
            // The kept cards and the decode cache need no graph: they are saved while it is made
            // (one after the other, at N = 10,000, the graph took 0.7 s and the cards' log 1.8 s).
            let saving = DispatchGroup()
            if resident == nil, stateFile != nil {
                let decoded = decoded
                DispatchQueue.global(qos: .userInitiated).async(group: saving) { fragments.save() }
                DispatchQueue.global(qos: .userInitiated).async(group: saving) { decoded?.save() }
            }
            var (state, reusing) = graph(made, decision, previous)
            state.generator = generator
            state.executable = executable
            state.output = output.path
            state.baseURL = baseURL ?? ""
            state.theme = themeName ?? ""
            state.sources = sources
            state.warnings = result.diagnostics.all
            clock.lap("graph")
            if let resident {
                resident.adopt(state)
            } else if let stateFile {
                // (The sources are the file's but for the restated ones when their fingerprints were compared.)
                let bytes = reusing.map { state.encoded(reusing: $0, restated: fingerprintChanged != nil ? restated : nil) } ?? state.encoded()
                try? BuildState.write(bytes, to: stateFile)
                OutputStamp.stamp(output: output, graph: stateFile)
            }
            saving.wait()
            clock.lap("save state")
            if keepsMemory { Self.kept.append(state) }
        }
        adopted = true
        // What a save that changes only bodies starts from: this build's model, when it had no error.
        if let resident {
            resident.model = model.diagnostics.hasErrors ? nil : model
            if !sameSite { resident.model?.routeIndex.prepare(routes) }
        }
        if keepsMemory { Self.kept.append([model, decision, fragments, made, stored as Any]) }
        if resident != nil {
            // What the pages read, and the pieces of this build, are let go on another thread:
            // freeing them one by one would keep a newer save waiting.
            let leftovers = (consume made, consume stale, fragments)
            DispatchQueue.global(qos: .utility).async { withExtendedLifetime(leftovers) {} }
        }
        clock.lap("model")
        return result
    }

    /// The files' fingerprints, read on all cores.
    private func fingerprints(_ entries: [(String, FileStats.Stat)]) -> [Fingerprint] {
        let content = contentFolder, themes = themesFolder
        return concurrentMap(entries) { path, _ -> Fingerprint in
            FileBytes.fingerprint((path.hasPrefix("content/") ? content : themes) + path.drop { $0 != "/" }.dropFirst())
        }
    }

    // MARK: the stages

    /// The output folder's path with a slash, to put file paths after (cheaper than URLs for thousands of stats).
    var outputFolder: String { Self.folder(output) }
    var contentFolder: String { Self.folder(content) }
    var themesFolder: String { Self.folder(themes) }
    static func folder(_ url: URL) -> String { url.path.hasSuffix("/") ? url.path : url.path + "/" }

    /// Every source file's fingerprint, hashed again only when its size or time changed since the
    /// last build (a fresh checkout changes every time, so the fingerprints, not the times, decide).
    /// With them, whether the content folder held no links: then its files are all among the
    /// sources, and the loader need not walk it again (its own walk checks where a link leads).
    /// Also the sources whose entry is not the last build's (`restated`).
    private func scanSources(previous: BuildState?) -> ([String: BuildState.SourceStat], scannedAll: Bool, restated: [String]) {
        let recorded = previous?.sources ?? [:]
        let inContent = FileStats.scan(content, prefix: "content/", against: recorded)
        let inThemes = FileStats.scan(themes, prefix: "themes/", against: recorded)
        let differing = inContent.differing + inThemes.differing
        // Every recorded file was found (as it was, or changed): the record, with the files that
        // differ fingerprinted again. Otherwise some are gone: the folders are scanned again into
        // a table of every file found (a second walk, only when files were removed).
        if inContent.same + inThemes.same + differing.count(where: { recorded[$0.key] != nil }) == recorded.count {
            return (Self.fingerprinted(differing, into: recorded, fingerprint: fingerprints), inContent.plain, differing.map(\.key))
        }
        var stats: [String: FileStats.Stat] = [:]
        let plain = FileStats.scan(content, prefix: "content/", into: &stats)
        FileStats.scan(themes, prefix: "themes/", into: &stats)
        let (sources, restated) = Self.restated(stats, previous: recorded, fingerprint: fingerprints)
        return (sources, plain, restated)
    }

    /// Each file's fingerprint: the one it had when its size and time are what they were, read again otherwise.
    static func sources(_ stats: [String: FileStats.Stat], previous: [String: BuildState.SourceStat],
                        fingerprint: ([(String, FileStats.Stat)]) -> [Fingerprint]) -> [String: BuildState.SourceStat] {
        restated(stats, previous: previous, fingerprint: fingerprint).sources
    }

    /// The sources (`sources`), and which of them are new or had another size or time (`restated`).
    static func restated(_ stats: [String: FileStats.Stat], previous: [String: BuildState.SourceStat],
                         fingerprint: ([(String, FileStats.Stat)]) -> [Fingerprint]) -> (sources: [String: BuildState.SourceStat], restated: [String]) {
        // Every file as it was: the last build's entries, shared, not copied one by one.
        if stats.count == previous.count, stats.allSatisfy({ path, stat in previous[path].map { $0.size == stat.size && $0.modified == stat.modified } ?? false }) {
            return (previous, [])
        }
        var result: [String: BuildState.SourceStat] = [:]
        result.reserveCapacity(stats.count)
        var changed: [(key: String, stat: FileStats.Stat)] = []
        for (path, stat) in stats {
            if let old = previous[path], old.size == stat.size, old.modified == stat.modified { result[path] = old } else { changed.append((path, stat)) }
        }
        return (fingerprinted(changed, into: result, fingerprint: fingerprint), changed.map(\.key))
    }

    /// Whether a file with this time may be written again within its time's resolution (one tick
    /// of the clock that times it) with the same size: then its size is kept as unknown, so it is
    /// read again next time. A file system that keeps times finer than a second (this one has
    /// nanoseconds) ticks with the kernel's clock, every few milliseconds: a tenth of a second is
    /// recent. One that keeps whole seconds (FAT keeps two): two seconds. (Right after every file
    /// was written, as by a checkout or `bench/generate.py`, the two seconds had the next build read
    /// a tenth of the files again.)
    static func isRecent(_ modified: Int64, now: Int64) -> Bool {
        modified > now - (modified % 1_000_000_000 == 0 ? 2_000_000_000 : 100_000_000)
    }

    /// `sources` with `changed`'s files fingerprinted again, by their bytes.
    static func fingerprinted(_ changed: [(key: String, stat: FileStats.Stat)], into sources: [String: BuildState.SourceStat],
                              fingerprint: ([(String, FileStats.Stat)]) -> [Fingerprint]) -> [String: BuildState.SourceStat] {
        guard !changed.isEmpty else { return sources }
        var result = sources
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        for ((path, stat), print) in zip(changed, fingerprint(changed.map { ($0.key, $0.stat) })) {
            result[path] = BuildState.SourceStat(size: isRecent(stat.modified, now: now) ? -1 : stat.size, modified: stat.modified, fingerprint: print)
        }
        return result
    }

    /// Nothing changed at all: every source has the fingerprint it had, every output is there
    /// (the preview server, which writes the output itself, does not look).
    /// The last build's warnings are said again.
    /// `changed`: the sources known to differ from `previous`'s, when they are known.
    private func nothingChanged(_ sources: [String: BuildState.SourceStat], changed: [String]?, _ previous: BuildState, checkOutputs: Bool) -> Result? {
        // (The scan returns the graph's own entries when no file's size or time changed: equal at once.)
        guard changed?.isEmpty ?? (sources == previous.sources || sources.count == previous.sources.count
                  && sources.allSatisfy({ previous.sources[$0.key]?.fingerprint == $0.value.fingerprint })),
              !checkOutputs || outputsVouchedFor(previous)
        else { return nil }
        if checkOutputs, let stateFile, sources != previous.sources,
           var refreshed = previous.hasEdges ? previous : BuildState.read(stateFile, damage: nil) {
            refreshed.sources = sources
            try? refreshed.write(stateFile)
            OutputStamp.stamp(output: output, graph: stateFile)
        }
        var diagnostics = Diagnostics()
        previous.warnings.forEach { diagnostics.append($0) }
        return Result(diagnostics: diagnostics, pages: previous.pageCount,
                      written: OutputWriter.Summary(written: 0, unchanged: previous.pageCount, removed: 0))
    }

    /// Every output the last build wrote is there as the graph says: the stamp the last build left
    /// holds (`OutputStamp`), or, when it does not, each output is there with its size (and the
    /// stamp is made again).
    func outputsVouchedFor(_ previous: BuildState) -> Bool {
        guard let stateFile else { return outputsAreThere(previous) }
        if outputsStamped { return true }
        guard outputsAreThere(previous) else { return false }
        OutputStamp.stamp(output: output, graph: stateFile)
        return true
    }

    /// The stamp the last build left holds (`OutputStamp`): every output is as the graph says.
    var outputsStamped: Bool { stateFile.map { OutputStamp.holds(output: output, graph: $0) } ?? false }

    /// Every output the last build wrote is there with its size: one `stat` each, on several threads (`waitingMap`).
    private func outputsAreThere(_ previous: BuildState) -> Bool {
        // (A graph read without its edges has no pages: they are read now.)
        guard let whole = previous.hasEdges ? previous : stateFile.flatMap({ BuildState.read($0) }) else { return false }
        let pages = Array(whole.pages), folder = outputFolder
        return !waitingMap(slices(pages.count, of: 2048)) { slice in
            pages[slice].allSatisfy { FileStats.of(folder + $0.key)?.size == $0.value.size }
        }.contains(false)
    }

    /// Decodes the content; with a build graph, files decoded by an earlier build are taken from
    /// `.citysdg/decoded` (or the preview server's cache) by their fingerprint, unread.
    /// The decode cache a build read from `.citysdg/decoded`, written back (when it changed) only
    /// by a build that passed: a failed build leaves the state folder as it was.
    private struct StoredDecodeCache {
        let cache: DecodeCache, file: URL, content: URL, display: String
        func save() { if cache.changed { try? cache.write(file, content: content, display: display) } }
    }

    private func load(_ sources: [String: BuildState.SourceStat], scannedAll: Bool, _ damage: StateDamage, _ d: inout Diagnostics)
        -> (LoadedContent, parsed: Int?, StoredDecodeCache?) {
        let stored = stateFile?.deletingLastPathComponent().appendingPathComponent("decoded")
        let cache = decodeCache ?? stored.map { (clean ? nil : DecodeCache.read($0, content: content, display: contentDisplay, damage: damage)) ?? DecodeCache() }
        cache?.startCounting()
        var loader = ContentLoader(root: content, displayRoot: contentDisplay, cache: cache)
        loader.currentYear = currentYear
        if scannedAll {
            let prefix = "content/"
            loader.listing = ContentFiles.scanned(sources.keys.lazy.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }, root: content)
        }
        var loaded = loader.load(&d, fingerprints: sources.mapValues(\.fingerprint))
        if let baseURL { loaded.config.baseURL = baseURL }
        // The preview server keeps its cache in memory and does not rewrite the file on every save.
        var toSave: StoredDecodeCache?
        if decodeCache == nil, let cache, let stored { toSave = StoredDecodeCache(cache: cache, file: stored, content: content, display: contentDisplay) }
        return (loaded, cache?.parsed, toSave)
    }

    /// site.yml as written, and the base URL the build was given.
    private func configFingerprint(_ loaded: LoadedContent) -> Fingerprint {
        Fingerprint.combine([loaded.configFingerprint.hex, baseURL ?? ""])
    }

    /// A theme loaded, with what loading it said.
    struct LoadedTheme: Sendable {
        let name: String, languages: [String], theme: Theme?, said: Diagnostics
    }

    /// The theme site.yml names, loaded on another thread while the content loads (52 ms of a
    /// command-line build otherwise spent after it): it needs only site.yml's theme and languages,
    /// read here on their own, and `loadTheme` uses it only when the resolved site names the same.
    /// `previous`: the last graph of this generator; its `template:` inputs are the fingerprints of
    /// the templates' texts as that build parsed them.
    private func earlyTheme(_ previous: BuildState?) -> Pending<LoadedTheme> {
        var ignored = Diagnostics() // (the load says what is wrong with site.yml)
        let config = ContentLoader(root: content, displayRoot: contentDisplay).loadConfig(&ignored)
        let name = themeName ?? config.theme, languages = config.languages
        return Pending { [self] in
            var parsedBefore: [String: Fingerprint] = [:]
            for input in previous?.inputs ?? [] where input.label.utf8.starts(with: "template:".utf8) {
                if case .template(let theme, let template) = Input(label: input.label) { parsedBefore[theme + "/" + template] = input.fingerprint }
            }
            var said = Diagnostics()
            let theme = Theme.load(name: name, themesRoot: themes, languages: languages, display: themeDisplay,
                                   compiled: !interpretedTemplates, checked: { parsedBefore[$0] }, &said)
            return LoadedTheme(name: name, languages: languages, theme: theme, said: said)
        }
    }

    /// A theme file's path as the editor named the themes folder.
    private func themeDisplay(_ path: String) -> String { themesDisplay.isEmpty ? path : themesDisplay + "/" + path }

    /// The theme in use; the preview server keeps it while none of its files and none of the site's languages changed.
    private func loadTheme(_ site: Site, sources: [String: BuildState.SourceStat], resident: Resident?, early: Pending<LoadedTheme>? = nil,
                           _ d: inout Diagnostics) -> Theme? {
        let name = themeName ?? site.config.theme
        if let loaded = early?.value, loaded.name == name, loaded.languages == site.config.languages {
            d.append(contentsOf: loaded.said)
            return loaded.theme
        }
        let prefix = "themes/\(name)/"
        let key = resident.map { _ in
            Fingerprint.combine([name, site.config.languages.joined(separator: ","), themesDisplay]
                + sources.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value.fingerprint.hex })
        }
        if let kept = resident?.theme, kept.key == key {
            d.append(contentsOf: kept.diagnostics)
            return kept.theme
        }
        var own = Diagnostics()
        let theme = Theme.load(name: name, themesRoot: themes, languages: site.config.languages, display: themeDisplay,
                               compiled: !interpretedTemplates, &own)
        d.append(contentsOf: own)
        if let resident, let key, let theme { resident.theme = (key, theme, own) }
        return theme
    }

    /// The page of a content file (`cities/la/pakse.md` → `cities/pakse/index.html`) in the site's
    /// default language; nil for a file that has none of its own (a translation, site.yml, media).
    static func ownPage(of source: String) -> String? {
        guard let (kind, stem) = ContentLoader.kind(of: source), let slug = Slug(text: stem) else { return nil }
        switch kind {
        case .city: return CityPage.path(slug)
        case .project: return ProjectPage.path(slug)
        case .country: return CountryCode(text: stem.uppercased()).map(CountryPage.path)
        case .programme: return ProgrammePage.path(slug)
        case .page: return TextPage.path(slug)
        }
    }

    struct Decision {
        /// Routes to make again (by index), each with why.
        var stale: [(index: Int, reasons: [String])] = []
        /// The previous record of each route that is still what a clean build would write.
        var kept: [String: BuildState.PageRecord] = [:]
        /// The previous build's inputs whose fingerprint changed (by index), each with its fingerprint now (nil: gone).
        var changed: [(index: Int, fingerprint: Fingerprint?)] = []
        var links: [BuildState.StoredLink] = []
        /// Whether the site's outputs are not the previous build's (a page is new or gone).
        var outputsChanged = true
        /// Decided from the preview server's resident graph: `kept` and `links` are left empty,
        /// and the graph is changed in place.
        var fromResident = false
    }

    /// Decides which outputs are stale: new ones, those whose file was changed or removed, and those
    /// that read an input whose fingerprint changed. Every other output is kept as it is, and its
    /// Markdown links are checked again against the pages the site has now.
    /// `sameRoutes`: the routes are the last build's (a save that changed only bodies), so no page
    /// is new or gone, and the pages reached are found by path in their index.
    private func decide(_ routes: [Route], _ world: World, _ previous: BuildState?, sources: [String: BuildState.SourceStat],
                        changed changedSources: [String]?, fingerprintChanged: [String]? = nil, resident: Resident?, sameRoutes: Resident.RouteIndex? = nil,
                        frontMatterOnly: [String]? = nil, _ d: inout Diagnostics) -> Decision {
        var decision = Decision()
        guard let previous else {
            decision.stale = routes.indices.map { ($0, ["no build graph: a clean build"]) }
            return decision
        }
        // A new process finds the sources that changed by comparing its scan with the graph's.
        // (Only when the theme is the one it was built with: another theme's templates are other inputs.)
        // (The scan knows them when every file is one the graph has: those it fingerprinted again and found changed.)
        let changedKeys = changedSources ?? (resident == nil && previous.theme == (themeName ?? "")
            ? fingerprintChanged?.sorted() ?? Resident.differences(sources, previous.sources) : nil)
        let languages = world.site.config.languages
        if let changedKeys, let reachable = resident != nil
            ? resident?.reachableInputs(sources, changed: changedKeys, previous, theme: themeName ?? "", languages: languages, world.fingerprint)
            : Resident.reachableInputs(sources, changed: changedKeys, previous, languages: languages, world.fingerprint) {
            // Only these inputs can have changed: the others keep their fingerprints, unread.
            decision.changed = reachable.filter { previous.inputs[$0.index].fingerprint != $0.fingerprint }.sorted { $0.index < $1.index }
        } else {
            // Each input's fingerprint now, in slices on all cores (the preview server's graph has its inputs read already).
            let parsed = resident.flatMap { $0.parsedInputs.count == previous.inputs.count ? $0.parsedInputs : nil }
            // A save that changed only the front matter of a few files (`Resident.frontMatterSave`)
            // reaches those files' inputs and what the site derives from every file (listings,
            // counts, the pages the site has, the search shards, the data files' places); every
            // other file, site.yml, the theme and media are as they were.
            let edited = (frontMatterOnly ?? (resident == nil ? changedKeys.flatMap { Self.documentsOnly($0, sources, previous) } : nil))
                .map { Set($0.map { String($0.dropFirst("content/".count)) }) }
            // A save whose files are filed where they were (`Site.replacing`, the last site's
            // routes and search shards kept) reaches no more than the lists that hold them.
            let lastSite = sameRoutes != nil && frontMatterOnly != nil ? resident?.model?.world.site : nil
            // Most inputs are a file's front matter or body: those of files not edited are passed
            // over by their label, not read into an `Input` first.
            let editedLabels = edited.map { Set($0.flatMap { [Input.frontMatter($0).label, Input.body($0).label] }) }
            decision.changed = concurrentMap(slices(previous.inputs.count, of: 4096)) { slice in
                slice.compactMap { i -> (index: Int, fingerprint: Fingerprint?)? in
                    if let editedLabels, Input.namesADocument(previous.inputs[i].label), !editedLabels.contains(previous.inputs[i].label) { return nil }
                    guard let input = parsed.map({ $0[i] }) ?? Input(label: previous.inputs[i].label) else { return (i, nil) }
                    if let edited, !input.mayChange(editing: edited) { return nil }
                    if let lastSite, !input.mayChange(filedAsBefore: lastSite, now: world.site) { return nil }
                    let now = world.fingerprint(input)
                    return now == previous.inputs[i].fingerprint ? nil : (i, now)
                }
            }.flatMap { $0 }
        }
        // (Routes are looked at by index: a route is not copied to read its path.)
        decision.outputsChanged = sameRoutes == nil && (routes.count != previous.pages.count || routes.indices.contains { previous.pages[routes[$0].path] == nil })
        if let resident, resident.dependents.count == previous.inputs.count {
            // The pages a change reaches, from the inputs that changed: no page is looked at otherwise.
            decision.fromResident = true
            var reasons: [String: [String]] = [:]
            for page in resident.carried { reasons[page] = [Self.carriedReason] }
            for (i, _) in decision.changed {
                let why = reason(previous.inputs[i].label)
                for page in resident.dependents[i] { reasons[page, default: []].append(why) }
            }
            if let sameRoutes {
                // Only the pages reached, found by path among the routes (in the routes' order).
                let indexOf = sameRoutes.of(routes)
                for (page, why) in reasons { if let i = indexOf[page] { decision.stale.append((i, why)) } }
                decision.stale.sort { $0.index < $1.index }
            } else {
                for i in routes.indices {
                    if !decision.outputsChanged, reasons.count == decision.stale.count { break } // every page reached is found
                    let path = routes[i].path
                    if let why = reasons[path] {
                        decision.stale.append((i, why))
                    } else if decision.outputsChanged, previous.pages[path] == nil {
                        decision.stale.append((i, ["a new page"]))
                    }
                }
            }
            // A kept page's links lead where they did unless the site's pages changed.
            if decision.outputsChanged {
                for (page, links) in resident.links where reasons[page] == nil && world.outputs.contains(page) {
                    for link in links { world.check(link, &d) }
                }
            }
            return decision
        }
        let linksByPage = Dictionary(grouping: previous.links, by: \.page)
        let folder = outputFolder
        var changed = [Bool](repeating: false, count: previous.inputs.count)
        for (i, _) in decision.changed { changed[i] = true }
        // Each output's size as it is now, one `stat` each (`waitingMap`); none while the
        // stamp the last build left holds (`OutputStamp`): every output is then as the graph says,
        // as a build with nothing to do or one that changes only bodies takes it to be.
        let sizes = outputsStamped ? nil : waitingMap(slices(routes.count, of: 4096)) { slice in slice.map { FileStats.of(folder + routes[$0].path)?.size } }.flatMap { $0 }
        decision.kept.reserveCapacity(routes.count)
        for (i, route) in routes.enumerated() {
            guard let record = previous.pages[route.path] else { decision.stale.append((i, ["a new page"])); continue }
            let reached = record.inputs.filter { changed[Int($0)] }
            if !reached.isEmpty {
                decision.stale.append((i, reached.map { reason(previous.inputs[Int($0)].label) }))
            } else if let resident, resident.carried.contains(route.path) {
                decision.stale.append((i, [Self.carriedReason]))
            } else if let sizes, sizes[i] != record.size {
                decision.stale.append((i, ["its output file was changed or removed"]))
            } else {
                decision.kept[route.path] = record
                for link in linksByPage[route.path] ?? [] {
                    decision.links.append(link)
                    world.check(link, &d)
                }
            }
        }
        return decision
    }

    /// The sources (`content/<path>`), when each is a content file's Markdown that was there
    /// before and is there now, and none is a translation or site.yml: then only those files'
    /// own inputs and what the site derives from all files can have changed (`Input.mayChange`).
    static func documentsOnly(_ keys: [String], _ sources: [String: BuildState.SourceStat], _ previous: BuildState) -> [String]? {
        let all = keys.allSatisfy { key in
            guard previous.sources[key] != nil, sources[key] != nil, key.hasPrefix("content/"), key.hasSuffix(".md"),
                  !key.hasPrefix("content/media/"), !key.hasPrefix("content/" + SeriesLoader.folder) else { return false }
            let stem = key.split(separator: "/").last.map { String($0.dropLast(3)) } ?? ""
            return ContentLoader.translationName(stem) == nil
        }
        return all && !keys.isEmpty ? keys : nil
    }

    private static let carriedReason = "left by the last build: a newer save came before it was made"

    private func reason(_ label: String) -> String {
        switch Input(label: label) {
        case .frontMatter(let path): return "front matter of \(contentDisplay)/\(path) changed"
        case .body(let path): return "text of \(contentDisplay)/\(path) changed"
        case .list(let listing): return "the list \(listing.label) changed (an item was added, removed or reordered)"
        case .size(let listing): return "the number of items in the list \(listing.label) changed"
        case .listPage(let listing, let range): return "the items \(range.lowerBound + 1)–\(range.upperBound) of the list \(listing.label) changed"
        case .config: return "site.yml changed"
        case .catalogue(let language): return "the SDG catalogue (\(language)) changed"
        case .strings(let language): return "the interface strings (\(language)) changed"
        case .languageNames: return "the languages' names changed"
        case .template(let theme, let name): return "template \(theme)/\(name) changed"
        case .asset(let theme, let name): return "asset \(theme)/\(name) changed"
        case .routes: return "the site's pages changed"
        case .searchShards: return "the number of search index shards changed"
        case .searchShard(let shard): return "the items of search index shard \(shard) changed"
        case .media(let path): return "\(contentDisplay)/media/\(path) changed"
        case .translation(let language, let original): return "the \(language) translation of \(contentDisplay)/\(original) changed"
        case .series(let path): return "\(contentDisplay)/\(path) or its sidecar changed"
        case .dates: return "a city's or project's `updated:` date changed"
        case nil: return "\(label) changed"
        }
    }

    struct Made: Sendable {
        var path: String
        var size: Int64
        var staged: Bool
        var diagnostics: Diagnostics
        var links: [BuildState.StoredLink]
        var reads: [(label: String, fingerprint: Fingerprint)]
        /// The labels of `reads` hashed and summed (order does not count): the preview's graph
        /// compares it with the page's last, and leaves a page that read the same inputs as it was.
        var readsSignature = 0
        /// The stretches made from a body alone, by the body's input label (`Splice`).
        var splices: [(label: String, splice: Splice)] = []
        /// The pieces the output was joined from, where they are (`Piece.Claim`) and the fingerprint of their bytes.
        var pieces: [(claim: Piece.Claim, fingerprint: Fingerprint)] = []
        var problem: String?
        /// Not made: left to the next build (see `Resident.carried`).
        var skipped = false

        /// An output left to the next build.
        static func left(_ path: String) -> Made {
            Made(path: path, size: 0, staged: false, diagnostics: Diagnostics(), links: [], reads: [], skipped: true)
        }

        /// The pieces an output claims, each with the fingerprint of its bytes in `bytes` (a piece
        /// taken back has it already: its bytes are the ones checked against it).
        static func pieces(_ claims: [Piece.Claim], in bytes: Data) -> [(claim: Piece.Claim, fingerprint: Fingerprint)] {
            bytes.withUnsafeBytes { raw in
                claims.map { claim in
                    if case .kept(_, let known) = claim.reads { return (claim, known) }
                    return (claim, Fingerprint(UnsafeRawBufferPointer(rebasing: raw[claim.offset..<claim.offset + claim.length])))
                }
            }
        }

        /// Its pieces as its record keeps them, their inputs numbered by `index` (a piece made
        /// now: each is among the output's reads) or by the last graph's numbers (a piece taken back).
        func pieces(_ index: [String: UInt32]) -> [BuildState.PieceRecord] {
            pieces.map { piece, fingerprint in
                let inputs: [UInt32]
                switch piece.reads {
                case .made(let reads): inputs = reads.keys.compactMap { index[$0.label] }.sorted()
                case .kept(let ids, _): inputs = ids
                case .none: inputs = []
                }
                return BuildState.PieceRecord(key: piece.key, offset: Int64(piece.offset), length: Int64(piece.length), fingerprint: fingerprint, inputs: inputs)
            }
        }

        /// The inputs of the pieces taken back from the last build's file (by the last graph's numbers).
        var keptInputs: [UInt32] {
            pieces.flatMap { piece -> [UInt32] in if case .kept(let ids, _) = piece.claim.reads { return ids } else { return [] } }
        }

        /// Its stretches as its record keeps them, their inputs numbered by `index` (each is among its reads).
        func splices(_ index: [String: UInt32]) -> [Splice] {
            splices.compactMap { entry in index[entry.label].map { var splice = entry.splice; splice.input = $0; return splice } }
        }
    }

    /// Each output is made through its kind's descriptor, with a reader that records what it reads,
    /// and, if its bytes differ from the file in place, staged beside it at once, so no whole-site
    /// copy of the HTML is ever held; the staged files replace the old ones only when every page passed.
    /// `stopWhen`: asked before each output; once it says so, the outputs not begun are left
    /// unmade (`skipped`).
    private func render(_ routes: [Route], _ world: World, _ fragments: Fragments, writer: OutputWriter?,
                        stopWhen: (@Sendable () -> Bool)? = nil) -> [Made] {
        let counter = Counter()
        let total = routes.count
        let keepsSignatures = resident != nil // only the preview's graph compares them
        let slowest = StageClock.enabled ? SlowPages() : nil
        defer { slowest?.report() }
        return concurrentMap(routes) { [progress] route -> Made in
            if let stopWhen, stopWhen() {
                return Made.left(route.path)
            }
            let started = slowest.map { _ in ContinuousClock.now }
            let (bytes, context, reads) = Self.make(route, world, fragments)
            // Abandoned half made, or a large file made as a newer save came: left to the next
            // build rather than written now (writing tens of megabytes would keep the save waiting).
            if reads.abandoned || (bytes.count >= 1 << 22 && stopWhen?() == true) {
                return Made.left(route.path)
            }
            if let slowest, let started { slowest.add(route.path, ContinuousClock.now - started) }
            var made = Made(path: route.path, size: Int64(bytes.count), staged: false, diagnostics: context.diagnostics,
                            links: context.links, reads: reads.reads.map { ($0.key.label, $0.value) },
                            splices: Splice.locate(context.splices, in: bytes, uses: reads.bodyUses))
            if keepsSignatures { made.readsSignature = made.reads.reduce(0) { $0 &+ $1.label.hashValue } }
            if let writer, !context.diagnostics.hasErrors {
                do { made.staged = try writer.stage(bytes, for: route.path) } catch { made.problem = "\(error)" }
            }
            if fragments.recordsPieces, !context.pieces.isEmpty { made.pieces = Made.pieces(context.pieces, in: bytes) }
            if let progress {
                let done = counter.increment()
                if done % max(1, total / 100) == 0 || done == total { progress(done, total) }
            }
            return made
        }
    }

    /// Makes one output with a fresh recorder: its bytes, what was found on the way, and what it read.
    static func make(_ route: Route, _ world: World, _ fragments: Fragments) -> (Data, PageContext, Recorder) {
        let reads = Recorder()
        let reader = SiteReader(world, language: route.language, recordingIn: reads)
        var context = PageContext(read: reader, route: route, fragments: fragments)
        switch route.make(&context) {
        case .page(let template, let meta, let view):
            return (reader.render(Envelope(page: meta, t: reader.strings, view: view), template: template), context, reads)
        case .file(let data):
            return (data, context, reads)
        }
    }

    /// The new build graph: kept outputs keep their recorded inputs; made ones get what they read now.
    /// Inputs no output reads any more are dropped, and the rest numbered again, when the graph is
    /// made whole. A build that made few of the pages keeps the last graph's inputs as they are
    /// numbered (new ones after them), so its kept pages' records are the file's, and the file it
    /// writes is mostly copied from the last one (`reusing`); it lets inputs no page reads stay
    /// until they are an eighth of the graph's.
    private func graph(_ made: [Made], _ decision: Decision, _ previous: BuildState?) -> (state: BuildState, reusing: GraphFile?) {
        var state = BuildState()
        var inputs = previous?.inputs ?? []
        for (i, fingerprint) in decision.changed { inputs[i].fingerprint = fingerprint ?? .none }
        var index: [String: UInt32] = [:]
        index.reserveCapacity(inputs.count)
        for (i, input) in inputs.enumerated() { index[input.label] = UInt32(i) }
        var pages = decision.kept
        for page in made {
            let ids = page.reads.map { read -> UInt32 in
                if let id = index[read.label] { return id }
                inputs.append(read)
                index[read.label] = UInt32(inputs.count - 1)
                return UInt32(inputs.count - 1)
            }
            // Its own reads and its taken-back pieces' inputs, sorted, each once (a whole-site
            // file's pieces read a hundred thousand inputs, many of them the same).
            var all = ids + page.keptInputs
            all.sort()
            var once: [UInt32] = []
            once.reserveCapacity(all.count)
            for id in all where once.last != id { once.append(id) }
            pages[page.path] = BuildState.PageRecord(size: page.size, inputs: once,
                                                     splices: page.splices(index), pieces: page.pieces(index))
        }
        state.inputs = inputs
        state.pages = pages
        state.links = (decision.links + made.flatMap(\.links)).sorted { ($0.page, $0.location) < ($1.page, $1.location) }
        if let file = previous?.file, made.count * 4 <= pages.count {
            var used = [Bool](repeating: false, count: inputs.count)
            var count = 0
            for record in pages.values {
                for id in record.inputs where !used[Int(id)] { used[Int(id)] = true; count += 1 }
            }
            if (inputs.count - count) * 8 <= inputs.count { return (state, file) }
        }
        state.dropUnusedInputs()
        return (state, nil)
    }
}

/// How long each stage of a build took: printed to standard error when `CITYSDG_TIMINGS` is set
/// (for profiling; nothing else reads it).
struct StageClock {
    static let enabled = ProcessInfo.processInfo.environment["CITYSDG_TIMINGS"] != nil
    private var last = ContinuousClock.now
    private var laps: [(String, Duration)] = []

    /// A stage timed elsewhere (it does not move the clock).
    mutating func add(_ stage: String, _ time: Duration) {
        if Self.enabled { laps.append((stage, time)) }
    }

    mutating func lap(_ stage: @autoclosure () -> String) {
        guard Self.enabled else { return }
        let now = ContinuousClock.now
        laps.append((stage(), now - last))
        last = now
    }

    func report() {
        guard Self.enabled, !laps.isEmpty else { return }
        let text = laps.map { String(format: "%@ %.1f", $0.0, $0.1.milliseconds) }
        FileHandle.standardError.write(Data(("timings (ms): " + text.joined(separator: ", ") + "\n").utf8))
    }
}

extension Duration {
    /// In milliseconds, for the timings printed with `CITYSDG_TIMINGS`.
    public var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

/// The pages that took longest to make, printed with the stage timings.
private final class SlowPages: @unchecked Sendable {
    private var times: [(String, Duration)] = []
    private let lock = NSLock()

    func add(_ path: String, _ time: Duration) {
        lock.lock()
        times.append((path, time))
        lock.unlock()
    }

    func report() {
        let top = times.sorted { $0.1 > $1.1 }.prefix(12).map { String(format: "%@ %.1f", $0.0, $0.1.milliseconds) }
        guard !top.isEmpty else { return }
        FileHandle.standardError.write(Data(("slowest pages (ms): " + top.joined(separator: ", ") + "\n").utf8))
    }
}

/// `transform` applied to every element on all cores; results in the elements' order.
/// `0..<count` cut in slices of `size` (the last shorter), for work too small to spread item by item.
func slices(_ count: Int, of size: Int) -> [Range<Int>] {
    stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
}

/// `count` items in slices to share out on the cores: 32 or more slices (a small site's few files
/// still spread over every core), of at most 256 items (a large one's taken in few steps).
func sharedSlices(_ count: Int) -> [Range<Int>] { slices(count, of: max(1, min(256, count / 32))) }

/// A value made on another thread, waited for when it is asked for.
final class Pending<T: Sendable>: @unchecked Sendable {
    private var made: T?
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.made = make()
            self.done.signal()
        }
    }

    var value: T {
        done.wait()
        defer { done.signal() }
        return made!
    }
}

/// Two independent pieces of work at once, one on each core.
func inParallel<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    let first = Slot<A>(), second = Slot<B>()
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { first.value = a() } else { second.value = b() }
    }
    return (first.value!, second.value!)
}

/// When a condition asked from any thread was first found true (for the timings).
private final class FirstSeen: @unchecked Sendable {
    private(set) var at: ContinuousClock.Instant?
    private let lock = NSLock()

    func note(_ value: Bool) -> Bool {
        if value {
            lock.lock()
            if at == nil { at = .now }
            lock.unlock()
        }
        return value
    }
}

/// One result of `inParallel`, set by the thread that makes it.
private final class Slot<T>: @unchecked Sendable { var value: T? }

func concurrentMap<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    let results = UnsafeResults<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in results.set(i, transform(items[i])) }
    return results.values
}

/// `concurrentMap` for work that mostly waits for the disk: the `stat`s of files whose inodes the
/// kernel has let go of (minutes after the last build, or after another program's). On more
/// threads than cores, so that their reads are queued together rather than one after another:
/// at 10,000 cities, a build with nothing to do takes 0.53–0.55 s on sixteen threads, 0.54–0.71 s
/// on eight and 0.93–1.14 s on the two cores. With everything in memory, the threads cost nothing
/// that shows (0.21–0.27 s either way).
func waitingMap<T: Sendable, R>(_ items: [T], threads: Int = 16, _ transform: @Sendable (T) -> R) -> [R] {
    let results = UnsafeResults<R>(count: items.count)
    let taken = Counter()
    withoutActuallyEscaping(transform) { transform in
        let drain = { while case let i = taken.increment() - 1, i < items.count { results.set(i, transform(items[i])) } }
        // Threads of our own, joined: each has let go of the closure when the map returns.
        let started = (0..<min(threads, items.count)).compactMap { _ -> pthread_t? in
            let work = Unmanaged.passRetained(ThreadWork(drain))
            var thread = pthread_t()
            guard pthread_create(&thread, nil, { Unmanaged<ThreadWork>.fromOpaque($0!).takeRetainedValue().run(); return nil }, work.toOpaque()) == 0 else {
                work.release()
                return nil
            }
            return thread
        }
        // (No thread could be made: the calling thread does the work.)
        if started.isEmpty { drain() }
        for thread in started { pthread_join(thread, nil) }
    }
    return results.values
}

/// What a thread of `waitingMap` runs.
private final class ThreadWork: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
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

/// Slots filled in parallel, each by exactly one iteration, read after all of them finish. Each
/// slot is its own memory, written through a pointer: no lock, and no access to a shared array
/// (whose exclusivity would be checked on every write).
private final class UnsafeResults<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: T) { slots[index] = value }

    var values: [T] { slots.map { $0! } }
}
