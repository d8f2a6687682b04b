import Foundation
import Yams

/// A theme: Mustache templates (one per kind of page, plus partials), interface strings for the
/// site's language, and static assets copied as they are.
public struct Theme: Sendable {
    public static let requiredTemplates = ["base", "home", "goals", "goal", "target", "countries", "country",
                                           "cities", "city", "projects", "project", "programmes", "programme",
                                           "page", "report", "404"] + fragmentTemplates
    /// Templates the engine renders once per item and page depth, and pages insert with `{{{.}}}`.
    public static let fragmentTemplates = ["city-card", "project-card"]
    public let name: String
    let engine: any TemplateEngine
    public let strings: [String: String]
    /// Asset file names (relative to the theme's assets/ folder) with their bytes.
    public let assets: [String: Data]
    /// For the build graph: each template's fingerprint, and for each template every partial and
    /// layout it uses, directly or not (worked out once; every page and card records them).
    let templateFingerprints: [String: Fingerprint]
    let templatesUsed: [String: [String]]
    let stringsFingerprint: Fingerprint
    let assetFingerprints: [String: Fingerprint]

    /// A template and every partial and layout it uses, directly or not.
    static func closure(of name: String, _ references: [String: Set<String>]) -> [String] {
        var seen: Set<String> = []
        var queue = [name]
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            queue += references[next] ?? []
        }
        return seen.sorted()
    }

    /// `{{>name}}` and `{{<name}}` in a template's text.
    static func references(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let trimmed = rest.drop { $0 == " " }
            guard let sigil = trimmed.first, sigil == ">" || sigil == "<",
                  let close = trimmed.range(of: "}}") else { continue }
            let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { names.insert(name) }
        }
        return names
    }

    /// Loads `themes/<name>`; every problem goes to `d` (and the result is nil if the theme is unusable).
    public static func load(name: String, themesRoot: URL, language: String, display: (String) -> String,
                            _ d: inout Diagnostics) -> Theme? {
        let root = themesRoot.appendingPathComponent(name)
        let fm = FileManager.default
        let errorsBefore = d.errorCount
        guard fm.fileExists(atPath: root.path) else {
            let available = (try? fm.contentsOfDirectory(atPath: themesRoot.path))?.sorted().joined(separator: ", ") ?? "none"
            d.ioError(SourceLocation(file: display(name)), "there is no theme `\(name)`", hint: "themes here: \(available)")
            return nil
        }
        var engine = MustacheEngine()
        var templateFingerprints: [String: Fingerprint] = [:]
        var templateReferences: [String: Set<String>] = [:]
        let templatesFolder = root.appendingPathComponent("templates")
        let names = ((try? fm.contentsOfDirectory(atPath: templatesFolder.path)) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
        for file in names {
            let shown = display("\(name)/templates/\(file)")
            guard let data = fm.contents(atPath: templatesFolder.appendingPathComponent(file).path) else {
                d.error(SourceLocation(file: shown), "the template cannot be read"); continue
            }
            do {
                let text = try SourceText.decode(data, file: shown)
                let name = String(file.dropLast(".mustache".count))
                try engine.register(text, named: name)
                templateFingerprints[name] = Fingerprint(text)
                templateReferences[name] = references(in: text)
            } catch let problem as SourceText.Problem {
                d.error(problem.location, problem.message, hint: problem.hint)
            } catch {
                d.error(SourceLocation(file: shown), "the template does not parse: \(error)",
                        hint: "check that every {{#section}} is closed by {{/section}} with the same name")
            }
        }
        for fragment in fragmentTemplates {
            engine.registerFragment(fragment)
        }
        for required in requiredTemplates where !engine.has(required) {
            d.error(SourceLocation(file: display("\(name)/templates/\(required).mustache")), "the theme has no `\(required)` template")
        }

        var strings: [String: String] = [:]
        var stringsFingerprint = Fingerprint("")
        let stringsFile = "\(name)/i18n/\(language).yml"
        if let data = fm.contents(atPath: themesRoot.appendingPathComponent(stringsFile).path) {
            do {
                let text = try SourceText.decode(data, file: display(stringsFile))
                stringsFingerprint = Fingerprint(text)
                if let loaded = try Yams.load(yaml: text) as? [String: Any] {
                    for (key, value) in loaded { strings[key] = "\(value)" }
                } else {
                    d.error(SourceLocation(file: display(stringsFile)), "interface strings must be `key: text` lines")
                }
            } catch {
                d.error(SourceLocation(file: display(stringsFile)), "the interface strings do not parse: \(error)")
            }
        } else {
            d.error(SourceLocation(file: display(stringsFile)), "the theme has no interface strings for language `\(language)`",
                    hint: "add \(stringsFile), or set `language:` in site.yml to one the theme has")
        }

        var assets: [String: Data] = [:]
        let assetsRoot = root.appendingPathComponent("assets")
        if let walker = fm.enumerator(atPath: assetsRoot.path) {
            for case let path as String in walker {
                let name = URL(fileURLWithPath: path).lastPathComponent
                var isFolder: ObjCBool = false
                let full = assetsRoot.appendingPathComponent(path).path
                guard !ContentFiles.isEditorLeftover(name), fm.fileExists(atPath: full, isDirectory: &isFolder),
                      !isFolder.boolValue, let data = fm.contents(atPath: full) else { continue }
                assets[path] = data
            }
        }
        guard d.errorCount == errorsBefore else { return nil }
        return Theme(name: name, engine: engine, strings: strings, assets: assets,
                     templateFingerprints: templateFingerprints,
                     templatesUsed: Dictionary(uniqueKeysWithValues: templateReferences.keys.map { ($0, closure(of: $0, templateReferences)) }),
                     stringsFingerprint: stringsFingerprint, assetFingerprints: assets.mapValues { Fingerprint($0) })
    }

    func render(_ view: Any, template: String) -> String {
        engine.render(view, template: template)
    }

    /// A fragment template rendered on its own, with the interface strings in reach as `t`.
    func renderFragment(_ item: Any, template: String) -> String {
        engine.renderFragment(item, strings: strings, template: template)
    }
}
