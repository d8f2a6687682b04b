import ArgumentParser
import CitySDGEngine
import Foundation

struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder.")
    var content = "Content"

    @Option(help: "The folder that holds the themes.")
    var themes = "Themes"

    @Option(help: "The theme to use (default: `theme:` in site.yml).")
    var theme: String?

    @Option(help: "How to print problems: text (file:line:column: …) or json.")
    var format: DiagnosticFormat = .text

    @Option(name: .customLong("base-url"), help: "Where the site is published, overriding base_url in site.yml.")
    var baseURL: String?

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must start with https:// or http://, not `\(baseURL)`")
        }
    }

    func build(output: String) -> Build {
        var build = Build(content: url(content), themes: url(themes), output: url(output), themeName: theme,
                          contentDisplay: content, themesDisplay: themes)
        build.baseURL = baseURL
        return build
    }
}

func url(_ path: String) -> URL {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
}

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Prints every problem (text: to standard error, then a count; json: one document on standard output).
func report(_ diagnostics: Diagnostics, format: DiagnosticFormat, summary: [String: Any] = [:]) {
    switch format {
    case .text:
        var stderr = FileHandle.standardError
        for problem in diagnostics.text { print(problem, to: &stderr) }
        if !diagnostics.all.isEmpty {
            let e = diagnostics.errorCount, w = diagnostics.warningCount
            print("\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")", to: &stderr)
        }
    case .json:
        var document = summary
        document["errors"] = diagnostics.errorCount
        document["warnings"] = diagnostics.warningCount
        document["diagnostics"] = diagnostics.report.map { d, folded -> [String: Any] in
            var item: [String: Any] = ["severity": d.severity.rawValue, "category": d.category.rawValue,
                                       "file": d.location.file, "line": d.location.line, "column": d.location.column,
                                       "message": d.message]
            if let hint = d.hint { item["hint"] = hint }
            if !folded.isEmpty { item["waiting"] = folded }
            return item
        }
        print(FrontMatterSchema.json(document), terminator: "")
    }
}
