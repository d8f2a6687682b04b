import ArgumentParser
import CitySDGEngine
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Bring in work published elsewhere.",
        subcommands: [ImportTranslations.self])
}

struct ImportTranslations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "Write the theme's SDG titles and interface strings in other languages from a copy of Open SDG's sdg-translations.",
        discussion: """
            PATH is a clone of https://github.com/open-sdg/sdg-translations (or a folder with one subfolder per language). \
            For each language it writes <themes>/<theme>/i18n/catalogue/<lang>.yml (goal, target and indicator titles) and \
            merges the strings Open SDG shares with the theme into <themes>/<theme>/i18n/<lang>.yml, then reports what is \
            imported and what is still missing. Commit what it wrote; the site credits Open SDG (MIT licence).
            """)

    @Argument(help: "The copy of sdg-translations.")
    var path: String

    @Option(name: .customLong("language"), help: "A language to import (repeat it); by default the site's languages after the first.")
    var languages: [String] = []

    @Option(help: "The content folder (its site.yml names the languages and the theme).")
    var content = "Content"

    @Option(help: "The folder that holds the themes.")
    var themes = "Themes"

    @Option(help: "The theme to write into (default: `theme:` in site.yml).")
    var theme: String?

    func run() throws {
        var stderr = FileHandle.standardError
        var d = Diagnostics()
        let config = ContentLoader(root: url(content), displayRoot: content).loadConfig(&d)
        if d.hasErrors {
            report(d, format: .text)
            throw Status.contentErrors
        }
        let wanted = languages.isEmpty ? Array(config.languages.dropFirst()) : languages
        guard !wanted.isEmpty else {
            print("site.yml names one language; add the others to `languages:` or name them with --language.", to: &stderr)
            throw Status.usageOrIO
        }
        let themeFolder = url(themes).appendingPathComponent(theme ?? config.theme)
        let catalogue = Catalogue.bundled
        do {
            let importer = try TranslationImporter(source: url(path), theme: themeFolder, catalogue: catalogue, defaultLanguage: config.language)
            for language in wanted {
                let r = try importer.importLanguage(language)
                print("\(language): goals \(r.goals.0)/\(r.goals.1), targets \(r.targets.0)/\(r.targets.1), indicators \(r.indicators.0)/\(r.indicators.1); interface: \(r.interfaceImported) strings imported, \(r.interfaceMissing.count) still missing (shown in \(config.language) until translated)")
                for file in r.written { print("  wrote \(file)") }
            }
        } catch {
            print("\(error)", to: &stderr)
            throw Status.usageOrIO
        }
    }
}
