import ArgumentParser
import CitySDGEngine
import Foundation

@main
struct CitySDG: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "citysdg",
        abstract: "Build a website of city SDG profiles from Markdown files.",
        subcommands: [BuildCommand.self, CheckCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}

struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder.")
    var content = "Content"

    @Option(help: "The folder that holds the themes.")
    var themes = "Themes"

    @Option(help: "The theme to use (default: `theme:` in site.yml).")
    var theme: String?

    func build(output: String) -> Build {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func url(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL }
        return Build(content: url(content), themes: url(themes), output: url(output), themeName: theme,
                     contentDisplay: content, themesDisplay: themes)
    }
}

/// Prints every problem to standard error, then a count.
func report(_ diagnostics: Diagnostics) {
    var stderr = FileHandle.standardError
    for diagnostic in diagnostics.sorted { print(diagnostic, to: &stderr) }
    if !diagnostics.all.isEmpty {
        print("\(diagnostics.errorCount) error\(diagnostics.errorCount == 1 ? "" : "s"), \(diagnostics.warningCount) warning\(diagnostics.warningCount == 1 ? "" : "s")", to: &stderr)
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder.")

    @OptionGroup var site: SiteOptions

    @Option(help: "The output folder.")
    var output = "site"

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let result = site.build(output: output).run()
        report(result.diagnostics)
        if result.failed {
            var stderr = FileHandle.standardError
            print("Build failed: nothing was written to \(output)/.", to: &stderr)
            throw ExitCode(1)
        }
        let seconds = Double((clock.now - started).components.attoseconds) / 1e18 + Double((clock.now - started).components.seconds)
        let w = result.written
        print("Built \(result.pages) files into \(output)/: \(w.written) written, \(w.unchanged) unchanged, \(w.removed) removed in \(String(format: "%.2f", seconds)) s")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check the content and the theme without writing anything.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let result = site.build(output: "site").run(write: false)
        report(result.diagnostics)
        if result.failed { throw ExitCode(1) }
        print("No problems found in \(result.pages) files.")
    }
}
