import ArgumentParser
import CitySDGEngine
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder.")

    @OptionGroup var site: SiteOptions

    @Option(help: "The output folder.")
    var output = "site"

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let result = site.build(output: output).run()
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let w = result.written
        report(result.diagnostics, format: site.format, summary: [
            "files": result.pages, "written": w.written, "unchanged": w.unchanged, "removed": w.removed,
            "seconds": (seconds * 1000).rounded() / 1000, "ok": !result.failed,
        ])
        if let status = Status.of(result.diagnostics) {
            if site.format == .text {
                var stderr = FileHandle.standardError
                print("Build failed: nothing was written to \(output)/.", to: &stderr)
            }
            throw status
        }
        if site.format == .text {
            print("Built \(result.pages) files into \(output)/: \(w.written) written, \(w.unchanged) unchanged, \(w.removed) removed in \(String(format: "%.2f", seconds)) s")
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the content and the theme without writing anything.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let result = site.build(output: "site").run(write: false)
        report(result.diagnostics, format: site.format, summary: ["files": result.pages, "ok": !result.failed])
        if let status = Status.of(result.diagnostics) { throw status }
        if site.format == .text { print("No problems found; the site would have \(result.pages) files.") }
    }
}
