import CitySDGEngine
import Foundation

/// The site being previewed: rebuilds it when its sources change (one build at a time, the
/// latest change always included) and tells every open page, through server-sent events, to
/// reload, or what the problems are. A failed build writes nothing, so the last good site is
/// what keeps being served.
actor LiveSite {
    let build: Build
    private(set) var diagnostics = Diagnostics()
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]
    private var running = false
    private var pending = false
    private var closed = false
    private var builds = 0
    /// This server among others: a page that finds another one after reconnecting reloads.
    private let instance = UUID().uuidString
    private let log: @Sendable (String) -> Void

    init(build: Build, log: @escaping @Sendable (String) -> Void) {
        self.build = build
        self.log = log
    }

    /// Rebuilds now, or right after the build that is running.
    func sourcesChanged() async {
        guard !closed else { return } // the server is stopping: nothing is built any more
        if running {
            pending = true
            return
        }
        running = true
        repeat {
            pending = false
            let started = ContinuousClock.now
            // The open pages reload as soon as the new site is written, not after the graph is
            // brought up to date (no page subscribes or leaves while the build holds the actor).
            let streams = Array(listeners.values), problemsBefore = diagnostics.hasErrors
            let told = Told()
            let result = lockingStateFolder { build in
                var build = build
                build.afterWriting = { written, paths in
                    guard written.written + written.removed > 0 || problemsBefore else { return }
                    told.done = true
                    let data = Self.reloadData(paths, everything: written.removed > 0 || problemsBefore)
                    for continuation in streams { continuation.yield(Self.event("reload", data)) }
                }
                return build.run()
            }
            let elapsed = ContinuousClock.now - started
            let ms = elapsed.milliseconds
            let hadProblems = diagnostics.hasErrors
            diagnostics = result.diagnostics
            if result.failed {
                log("Build failed (\(result.diagnostics.errorCount) error\(result.diagnostics.errorCount == 1 ? "" : "s")); still serving the last good site.")
                for problem in result.diagnostics.text { log("  " + problem.replacingOccurrences(of: "\n", with: "\n  ")) }
                broadcast(event: "problems", data: problemsJSON())
            } else {
                log("Rebuilt in \(String(format: "%.1f", ms)) ms: \(result.rendered) rendered, \(result.written.written) written, \(result.written.removed) removed.")
                if !told.done, result.written.written + result.written.removed > 0 || hadProblems {
                    broadcast(event: "reload", data: "{}")
                }
            }
        } while pending
        running = false
        builds += 1
        let finished = builds
        // The graph goes to disk once the editor pauses, not on every save.
        Task {
            try? await Task.sleep(for: .seconds(2))
            await self.saveIfIdle(since: finished)
        }
    }

    /// Writes the graph if no build ran since build number `since`: taken here, encoded off the
    /// actor (at 10,000 cities that is about a second, which a save coming meanwhile would wait
    /// for), written here.
    private func saveIfIdle(since: Int) async {
        guard !running, builds == since, let resident = build.resident, let snapshot = resident.snapshot() else { return }
        let bytes = await Task.detached(priority: .utility) { snapshot.encoded() }.value
        guard builds == since else { resident.keepUnsaved(); return } // a build ran meanwhile: its graph goes next time
        write(bytes)
    }

    /// Writes the preview's graph to disk (if it changed), so a later `citysdg build` starts from it.
    func saveState() {
        guard let bytes = build.resident?.snapshot()?.encoded() else { return }
        write(bytes)
    }

    /// Not while a `citysdg build` of the same folder runs (that build writes its own).
    private func write(_ graph: [UInt8]) {
        guard let file = build.stateFile, let lock = try? StateLock.take(Self.lockFile(file), wait: false) else {
            build.resident?.keepUnsaved()
            return
        }
        defer { lock.release() }
        try? Resident.Snapshot.write(graph, to: file)
    }

    /// What a `reload` event says: the files written, so that a page reloads only when it is one of
    /// them (an edited city's own page is written before the listings that show it, and reloads
    /// once); `{}`, every page reloads, when pages were removed, problems were cleared, or the
    /// list would be long.
    static func reloadData(_ paths: [String], everything: Bool) -> String {
        guard !everything, paths.count <= 500,
              let json = try? JSONSerialization.data(withJSONObject: ["paths": paths], options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: json, as: UTF8.self)
    }

    /// Whether the open pages were told to reload while the build ran.
    private final class Told: @unchecked Sendable { var done = false }

    private static func lockFile(_ stateFile: URL) -> URL {
        stateFile.deletingLastPathComponent().appendingPathComponent("lock")
    }

    /// Runs a build that holds the state folder's lock (`.citysdg/lock`, as `citysdg build` does)
    /// from the moment it writes until it ends: a `citysdg build` started beside the preview
    /// waits for the preview's build, and the preview's waits for it.
    private func lockingStateFolder(_ run: (Build) -> Build.Result) -> Build.Result {
        guard let stateFile = build.stateFile else { return run(build) }
        final class Held: @unchecked Sendable { var lock: StateLock? }
        let held = Held()
        var locked = build
        let log = self.log
        locked.beforeWriting = {
            do {
                held.lock = try StateLock.take(Self.lockFile(stateFile), wait: true) { pid in
                    log("Waiting for a build of this folder\(pid.map { " (process \($0))" } ?? "") to finish …")
                }
            } catch {
                return Diagnostic(.error, SourceLocation(file: Self.lockFile(stateFile).path), "\(error)", category: .io)
            }
            return nil
        }
        defer { held.lock?.release() }
        return run(locked)
    }

    /// A stream of events for one open page. It starts by naming this server (a page that
    /// reconnects to another one, after a restart, reloads) and with the current problems, if any.
    /// Once the server stops, a new stream ends at once.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        guard !closed else {
            continuation.finish()
            return stream
        }
        listeners[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        continuation.yield("retry: 1000\n" + Self.event("server", "\"\(instance)\""))
        if diagnostics.hasErrors { continuation.yield(Self.event("problems", problemsJSON())) }
        return stream
    }

    private func unsubscribe(_ id: UUID) { listeners[id] = nil }

    /// How many pages are listening (for tests and the log).
    var listenerCount: Int { listeners.count }

    /// A comment line to every stream: a page closed without a word is noticed when this write fails.
    func heartbeat() {
        for continuation in listeners.values { continuation.yield(": heartbeat\n\n") }
    }

    /// Ends every stream, and every one opened later: the server is stopping.
    func close() {
        saveState()
        closed = true
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }

    private func broadcast(event: String, data: String) {
        for continuation in listeners.values { continuation.yield(Self.event(event, data)) }
    }

    static func event(_ name: String, _ data: String) -> String { "event: \(name)\ndata: \(data)\n\n" }

    func problemsJSON() -> String {
        let items = diagnostics.report.map { d, folded -> [String: Any] in
            ["severity": d.severity.rawValue, "file": d.location.file, "line": d.location.line, "column": d.location.column,
             "message": d.message, "hint": d.hint ?? "", "waiting": folded]
        }
        let data = (try? JSONSerialization.data(withJSONObject: items, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
