import Foundation
import Yams

/// `citysdg import translations PATH`: reads a copy of Open SDG's `sdg-translations` repository
/// and writes, for each language, the theme's own files: the SDG titles (`i18n/catalogue/<lang>.yml`)
/// and the interface strings whose meaning Open SDG's keys share (merged into `i18n/<lang>.yml`:
/// those keys are taken from Open SDG, every other string a translator wrote there stays).
public struct TranslationImporter {
    /// Open SDG's strings that say what one of the theme's keys says: theme key ← file and key.
    /// Only keys with the same meaning are taken; the rest stay for a translator.
    public static let interfaceKeys: [(key: String, file: String, source: String)] = [
        ("nav_goals", "general", "goals"),
        ("goal", "general", "goal"),
        ("target", "general", "target"),
        ("goal_targets", "general", "targets"),
        ("indicator", "general", "indicator"),
        ("indicators", "general", "indicators"),
        ("goals_title", "general", "sdg"),
        ("skip_to_content", "header", "skip_link"),
        ("main_navigation", "menu", "menu"),
        ("nav_search", "search", "search"),
        ("search_title", "search", "search"),
        ("search_button", "search", "search"),
        ("search_kind_page", "general", "page"),
        ("pager_page", "general", "page"),
    ]

    public struct Report: Sendable {
        public var language: String
        public var goals: (Int, Int)
        public var targets: (Int, Int)
        public var indicators: (Int, Int)
        public var interfaceImported: Int
        /// Theme keys the language still has no string for (shown in the default language).
        public var interfaceMissing: [String]
        public var written: [String]
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    let source: URL
    let theme: URL
    let catalogue: Catalogue
    /// The theme's strings in the default language: every key a language should have.
    let defaultStrings: [String: String]
    /// Their keys in the order the default language's file has them (a language's file keeps it).
    let defaultOrder: [String]

    public init(source: URL, theme: URL, catalogue: Catalogue, defaultLanguage: String) throws {
        self.source = source
        self.theme = theme
        self.catalogue = catalogue
        let file = theme.appendingPathComponent("i18n/\(defaultLanguage).yml")
        guard let text = try? String(contentsOf: file, encoding: .utf8), let strings = try? Yams.load(yaml: text) as? [String: Any] else {
            throw Failure(description: "\(file.path): the theme has no interface strings for the default language `\(defaultLanguage)`")
        }
        defaultStrings = strings.mapValues { "\($0)" }
        defaultOrder = text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.hasPrefix(" "), let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon])
        }.filter { strings[$0] != nil }
    }

    /// The folder of one language in the copy: `translations/<lang>/` in the repository, or `<lang>/`.
    public func folder(_ language: String) -> URL? {
        for candidate in ["translations/\(language)", language] {
            let url = source.appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("global_goals.yml").path) { return url }
        }
        return nil
    }

    /// Where the copy came from: its SOURCE.txt, or the commit its `.git/HEAD` names.
    var provenance: String {
        if let text = try? String(contentsOf: source.appendingPathComponent("SOURCE.txt"), encoding: .utf8),
           let line = text.split(separator: "\n").first {
            return line.replacingOccurrences(of: "source: ", with: "")
        }
        let git = source.appendingPathComponent(".git")
        if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) {
            if head.hasPrefix("ref: "), let commit = try? String(contentsOf: git.appendingPathComponent(String(head.dropFirst(5))), encoding: .utf8) {
                return "github.com/open-sdg/sdg-translations @ " + commit.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return "github.com/open-sdg/sdg-translations @ " + head
        }
        return "github.com/open-sdg/sdg-translations"
    }

    private func load(_ folder: URL, _ name: String) throws -> [String: String] {
        let url = folder.appendingPathComponent(name + ".yml")
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let values = try Yams.load(yaml: text) as? [String: Any] else { return [:] }
        return values.reduce(into: [:]) { result, pair in
            let text = "\(pair.value)".trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { result[pair.key] = text }
        }
    }

    /// Imports one language; writes its two files and says what it found and what is missing.
    public func importLanguage(_ language: String) throws -> Report {
        guard let folder = folder(language) else {
            throw Failure(description: "\(source.path) has no translations for `\(language)` (looked for translations/\(language)/global_goals.yml and \(language)/global_goals.yml)")
        }
        let goalsFile = try load(folder, "global_goals")
        let targetsFile = try load(folder, "global_targets")
        let indicatorsFile = try load(folder, "global_indicators")
        // Open SDG names a target `1-a-title` and an indicator `1-a-1-title`.
        func key(_ code: String) -> String { code.replacingOccurrences(of: ".", with: "-") + "-title" }

        var translation = "# The SDG titles in `\(language)`, written by `citysdg import translations` from Open SDG's\n"
            + "# sdg-translations (\(provenance)), MIT licence, (c) the Open SDG contributors.\n"
            + "# Import again to update; a title missing here is shown in English.\n"
        translation += "attribution: " + JSONText.quoted("Goal, target and indicator titles in this language: Open SDG sdg-translations (MIT licence).") + "\n"
        translation += "licence: MIT\n"
        translation += "source: " + JSONText.quoted(provenance) + "\n"
        let goals = catalogue.goals.filter { !$0.isNational }
        var goalCount = 0
        translation += "goals:\n"
        for goal in goals {
            let short = goalsFile["\(goal.number)-short"], title = goalsFile["\(goal.number)-title"]
            guard short != nil || title != nil else { continue }
            goalCount += title == nil ? 0 : 1
            translation += "  \(goal.number):\n"
            if let short { translation += "    short: " + JSONText.quoted(short) + "\n" }
            if let title { translation += "    title: " + JSONText.quoted(title) + "\n" }
        }
        // Targets and indicators: `code: title` under their heading, for the codes Open SDG has a title of.
        func section(_ name: String, _ codes: [String], _ file: [String: String]) -> Int {
            translation += name + ":\n"
            let found = codes.compactMap { code in file[key(code)].map { (code, $0) } }
            for (code, title) in found { translation += "  " + JSONText.quoted(code) + ": " + JSONText.quoted(title) + "\n" }
            return found.count
        }
        let targets = goals.flatMap(\.targets)
        let indicators = targets.flatMap(\.indicators)
        let targetCount = section("targets", targets.map(\.code.description), targetsFile)
        let indicatorCount = section("indicators", indicators.map(\.code.description), indicatorsFile)

        // The interface: what a translator wrote stays; what Open SDG says is taken in.
        let stringsURL = theme.appendingPathComponent("i18n/\(language).yml")
        var strings: [String: String] = [:]
        // Each string's provenance, the comment at the end of its line, stays with it.
        var marks: [String: String] = [:]
        // A comment on a line of its own among the strings (`# issue 20: indicators`) stays before the key it precedes.
        var sections: [String: [String]] = [:]
        if let text = try? String(contentsOf: stringsURL, encoding: .utf8), let existing = try Yams.load(yaml: text) as? [String: Any] {
            strings = existing.mapValues { "\($0)" }
            marks = Theme.provenance(in: text)
            var pending: [String] = [], afterFirstKey = false
            for line in text.split(separator: "\n") {
                if line.hasPrefix("#") {
                    if afterFirstKey { pending.append(String(line)) }
                } else if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") {
                    afterFirstKey = true
                    if !pending.isEmpty { sections[String(line[..<colon]), default: []] += pending }
                    pending = []
                }
            }
        }
        var imported: Set<String> = []
        var files: [String: [String: String]] = [:]
        for (ourKey, file, sourceKey) in Self.interfaceKeys {
            if files[file] == nil { files[file] = try load(folder, file) }
            guard let text = files[file]?[sourceKey] else { continue }
            strings[ourKey] = text
            imported.insert(ourKey)
        }
        if let name = try load(folder, "languages")[language] {
            strings["language_name"] = name
            imported.insert("language_name")
        }
        for key in imported { marks[key] = "sdg-translations" }
        var interface = "# Interface strings of the default theme in `\(language)`, in the order of the default language's file.\n"
            + "# Each line ends with where its string comes from:\n"
            + "#   # sdg-translations                  Open SDG's sdg-translations (\(provenance), MIT licence),\n"
            + "#                                       written by `citysdg import translations`\n"
            + "#   # CLDR                              the Unicode CLDR, through Babel: written by scripts/make-cldr-strings.py\n"
            + "#   # \(Theme.reviewWantedMark)   translated for this theme; /translations/ lists them for a reviewer\n"
            + "#   # reviewed: <name or organisation>, <date>   checked by a native speaker (replaces the mark above)\n"
            + "# A key missing here is shown in the default language.\n"
        let ordered = defaultOrder.filter { strings[$0] != nil } + strings.keys.filter { defaultStrings[$0] == nil }.sorted()
        for key in ordered {
            for comment in sections[key] ?? [] { interface += comment + "\n" }
            interface += key + ": " + JSONText.quoted(strings[key]!) + (marks[key].map { " # " + $0 } ?? "") + "\n"
        }

        let catalogueURL = theme.appendingPathComponent("i18n/catalogue/\(language).yml")
        try FileManager.default.createDirectory(at: catalogueURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(translation.utf8).write(to: catalogueURL)
        try Data(interface.utf8).write(to: stringsURL)
        // A plural form the language does not have (`_one` in Lao) is not missing.
        let forms = Set(PluralRules.bundled.categories(of: language))
        let missing = defaultStrings.keys.filter { key in
            guard strings[key] == nil, !key.hasPrefix("language_name") else { return false }
            guard let underscore = key.lastIndex(of: "_"), PluralRules.categories.contains(String(key[key.index(after: underscore)...])) else { return true }
            return forms.contains(String(key[key.index(after: underscore)...]))
        }.sorted()
        return Report(language: language, goals: (goalCount, goals.count), targets: (targetCount, targets.count),
                      indicators: (indicatorCount, indicators.count), interfaceImported: imported.count, interfaceMissing: missing,
                      written: [catalogueURL.path, stringsURL.path])
    }

}
