import ArgumentParser
import CitySDGEngine
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder.")

    @OptionGroup var site: SiteOptions

    @Option(help: "The output folder.")
    var output = "site"

    @Option(help: "Where the build graph is kept between builds.")
    var state = ".citysdg/build-graph"

    @Flag(help: "Ignore the build graph and render every page.")
    var clean = false

    @Flag(help: "Say, for each page rendered, which of its inputs changed.")
    var explain = false

    @Flag(name: .customLong("no-wait"), help: "When another build of the same state folder is running, fail at once (exit 2) instead of waiting for it.")
    var noWait = false

    func run() throws {
        // One build at a time per state folder. A folder that is already there is locked at once;
        // one that is not is made (and locked) only once every check has passed, so a build
        // refused for its arguments or its content leaves the disk as it was.
        let lock = Held()
        defer { lock.value?.release() }
        let stateFolder = url(state).deletingLastPathComponent()
        let lazily = !FileManager.default.fileExists(atPath: stateFolder.path)
        if !lazily {
            do { lock.value = try takeLock() } catch {
                var stderr = FileHandle.standardError
                print(error.description, to: &stderr)
                throw Status.usageOrIO
            }
        }
        let clock = ContinuousClock()
        let started = clock.now
        var build = site.build(output: output)
        if lazily {
            build.beforeWriting = { [self] in
                do throws(Diagnostic) { lock.value = try takeLock() } catch { return error }
                return nil
            }
        }
        build.stateFile = url(state)
        build.clean = clean
        build.keepsMemory = true
        // On a terminal (not in CI logs), a build that takes more than a second shows its progress.
        if isatty(STDERR_FILENO) != 0 && site.format == .text {
            let start = ContinuousClock.now
            build.progress = { done, total in
                guard ContinuousClock.now - start > .seconds(1) else { return }
                FileHandle.standardError.write(Data("\rRendering pages: \(done) of \(total)\u{1B}[K".utf8))
                if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            }
        }
        let result = build.run()
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let w = result.written
        if explain && site.format == .text {
            for (path, reasons) in result.explanations { print("\(path): \(reasons.joined(separator: "; "))") }
        }
        var summary: [String: Any] = [
            "files": result.pages, "rendered": result.rendered, "written": w.written, "unchanged": w.unchanged, "removed": w.removed,
            "seconds": (seconds * 1000).rounded() / 1000, "ok": !result.failed,
        ]
        if let parsed = result.parsed { summary["parsed"] = parsed }
        // Cards and pieces of whole-site files made, and pieces taken back from the last build's files.
        summary["pieces_made"] = result.piecesMade
        summary["pieces_taken_back"] = result.piecesTakenBack
        report(result.diagnostics, format: site.format, summary: summary)
        if let status = Status.of(result.diagnostics) {
            if site.format == .text {
                var stderr = FileHandle.standardError
                print("Build failed: nothing was written to \(output)/.", to: &stderr)
            }
            throw status
        }
        if site.format == .text {
            let parsed = result.parsed.map { "\($0) sources parsed, " } ?? ""
            print("Built \(output)/ (\(result.pages) files): \(parsed)\(result.rendered) rendered, \(w.written) written, \(w.unchanged) unchanged, \(w.removed) removed in \(String(format: "%.2f", seconds)) s")
        }
    }
}

extension BuildCommand {
    /// A lock taken now or later, released when the build ends.
    final class Held: @unchecked Sendable { var value: StateLock? }

    /// One build at a time per state folder (`.citysdg/lock`): waits for another build that holds
    /// it, saying so, or with `--no-wait` is refused.
    func takeLock() throws(Diagnostic) -> StateLock {
        let file = url(state).deletingLastPathComponent().appendingPathComponent("lock")
        let folder = (state as NSString).deletingLastPathComponent
        let shown = folder.isEmpty ? "lock" : folder + "/lock"
        func process(_ pid: Int32?) -> String { pid.map { " (process \($0))" } ?? "" }
        do {
            if let lock = try StateLock.take(file, wait: !noWait, waiting: { pid in
                var stderr = FileHandle.standardError
                print("Waiting for another build of this folder\(process(pid)) to finish: it holds \(shown) …", to: &stderr)
            }) {
                return lock
            }
        } catch {
            throw Diagnostic(.error, SourceLocation(file: shown), "\(error)", category: .io)
        }
        throw Diagnostic(.error, SourceLocation(file: shown),
                         "another build of this folder\(process(StateLock.holder(file))) is running, and --no-wait was given", category: .io)
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the content and the theme without writing anything.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Also ask the web whether every source's address still answers (uses the network; reports, never fails).")
    var sources = false

    @Flag(help: "List, for each language, the interface strings it has not translated yet.")
    var verbose = false

    func run() async throws {
        let result = site.build(output: "site").run(write: false)
        let answers = sources ? try SourceCheck.run(SourceLinks.all(content: url(site.content), display: site.content)) : nil
        var summary: [String: Any] = ["files": result.pages, "ok": !result.failed]
        if let answers { summary["sources"] = answers.json }
        summary["untranslated_strings"] = Dictionary(uniqueKeysWithValues: result.missingStrings.map { ($0.language, $0.keys) })
        report(result.diagnostics, format: site.format, summary: summary)
        if let answers, site.format == .text { answers.printText() }
        if site.format == .text {
            // Not a problem: the page shows the default language's string until a translator writes one.
            // One line per language; the keys themselves only when asked for.
            for (language, keys) in result.missingStrings where !keys.isEmpty {
                let count = "\(language): \(keys.count) interface string\(keys.count == 1 ? "" : "s") untranslated"
                print(verbose ? "\(count) (shown in the default language): \(keys.joined(separator: ", "))"
                              : "\(count); `citysdg check --verbose` lists them")
            }
        }
        if let status = Status.of(result.diagnostics) { throw status }
        if site.format == .text { print("No problems found; the site would have \(result.pages) files.") }
    }
}
