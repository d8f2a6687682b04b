import Foundation

/// What the browser editor is told about a site, all from the one field list and the content:
/// each kind's fields (type, help, choices, required), and the site's lists to pick from.
public enum EditorSite {
    /// The field list as JSON: the editor builds every form from it, so a field added to the
    /// contract appears in the form.
    public static func fieldsJSON(_ fields: [FrontMatterSchema.Field]) -> [[String: Any]] {
        fields.map { field in
            var item: [String: Any] = ["name": field.name, "required": field.required, "help": field.help]
            item["type"] = typeJSON(field.type)
            return item
        }
    }

    static func typeJSON(_ type: FrontMatterSchema.FieldType) -> [String: Any] {
        switch type {
        case .text: return ["kind": "text"]
        case .integer: return ["kind": "integer"]
        case .number: return ["kind": "number"]
        case .decimal: return ["kind": "decimal"]
        case .boolean: return ["kind": "boolean"]
        case .date: return ["kind": "date"]
        case .url: return ["kind": "url"]
        case .countryCode: return ["kind": "country"]
        case .slug: return ["kind": "slug"]
        case .goal: return ["kind": "goal"]
        case .targetCode: return ["kind": "target"]
        case .indicatorCode: return ["kind": "indicator"]
        case .year: return ["kind": "year"]
        case .sourceNumber: return ["kind": "source"]
        case .choice(let values): return ["kind": "choice", "choices": values]
        case .list(let item): return ["kind": "list", "item": typeJSON(item)]
        case .object(let fields): return ["kind": "object", "fields": fieldsJSON(fields)]
        case .coordinates: return ["kind": "coordinates"]
        case .names: return ["kind": "names"]
        }
    }

    /// The fields of each kind, the site's languages, countries, programmes, cities, goals (with
    /// their colours), targets and indicators (to pick by code or by words), and every file the
    /// editor can open.
    public static func json(content: URL) -> [String: Any] {
        var d = Diagnostics()
        let loaded = ContentLoader(root: content).load(&d)
        let catalogue = Catalogue.bundled.adding(loaded.config.nationalGoals)
        var kinds: [String: Any] = [:]
        for kind in FrontMatterSchema.kinds { kinds[kind.name] = fieldsJSON(kind.fields) }
        func file(_ document: Document, _ title: String, _ kind: String) -> [String: Any] {
            ["path": document.path, "title": title, "kind": kind]
        }
        let files = loaded.cities.map { file($0.document, $0.title, "city") } + loaded.projects.map { file($0.document, $0.title, "project") }
            + loaded.countries.map { file($0.document, $0.name, "country") } + loaded.programmes.map { file($0.document, $0.title, "programme") }
            + loaded.pages.map { file($0.document, $0.title, "page") }
            + loaded.translations.map { ["path": $0.document.path, "title": $0.document.path, "kind": "translation"] }
        return [
            "kinds": kinds,
            "languages": loaded.config.languages,
            "countries": loaded.countries.sorted { $0.code.description < $1.code.description }
                .map { ["code": $0.code.description, "title": $0.name] },
            "programmes": loaded.programmes.map { ["slug": $0.slug.description, "title": $0.title] }.sorted { "\($0["slug"]!)" < "\($1["slug"]!)" },
            "cities": loaded.cities.map { ["slug": $0.slug.description, "title": $0.title, "country": $0.country.value.description, "path": $0.document.path] }
                .sorted { "\($0["slug"]!)" < "\($1["slug"]!)" },
            "goals": catalogue.goals.map { ["number": $0.number.value, "short": $0.short, "title": $0.title, "colour": $0.colour] },
            "targets": catalogue.targets.map { ["code": $0.code.description, "title": $0.title] },
            "indicators": catalogue.targets.flatMap(\.indicators).map { ["code": $0.code.description, "title": $0.title] },
            "files": files.sorted { "\($0["path"]!)" < "\($1["path"]!)" },
            "outlines": outlines,
        ]
    }

    /// The countries' outlines the site's maps draw, as one SVG path in degrees (x: longitude,
    /// y: minus latitude), for the small map that shows where a city's coordinates put it.
    static var outlines: [String: Any] { ["region": MapOutlines.bundled.region, "path": outlinePath] }

    static let outlinePath: String = {
        let map = MapOutlines.bundled
        let path = map.countries.flatMap(\.rings).map { ring -> String in
            var points: [String] = []
            var i = 0
            while i + 1 < ring.count {
                points.append(String(format: "%.2f %.2f", ring[i], -ring[i + 1]))
                i += 2
            }
            return "M" + points.joined(separator: "L") + "z"
        }.joined()
        return path
    }()

    /// The kind of file at `path` (inside the content folder) and its field list; nil for a path
    /// the editor does not open.
    public static func kind(of path: String) -> (name: String, fields: [FrontMatterSchema.Field])? {
        guard let (kind, stem) = ContentLoader.kind(of: path) else { return nil }
        if ContentLoader.translationName(stem) != nil { return ("translation", FrontMatterSchema.translation) }
        guard Slug(text: stem) != nil else { return nil }
        switch kind {
        case .city: return ("city", FrontMatterSchema.city)
        case .project: return ("project", FrontMatterSchema.project)
        case .country: return ("country", FrontMatterSchema.country)
        case .programme: return ("programme", FrontMatterSchema.programme)
        case .page: return ("page", FrontMatterSchema.page)
        }
    }

    /// The page a content file makes (`/cities/luang-prabang/`, `/lo/cities/luang-prabang/`).
    public static func page(of path: String) -> String? {
        guard let (kind, stem) = ContentLoader.kind(of: path) else { return nil }
        var slug = stem, language = ""
        if let (base, lang) = ContentLoader.translationName(stem) { slug = base; language = lang + "/" }
        switch kind {
        case .city: return "/\(language)cities/\(slug)/"
        case .project: return "/\(language)projects/\(slug)/"
        case .country: return "/\(language)countries/\(slug)/"
        case .programme: return "/\(language)programmes/\(slug)/"
        case .page: return "/\(language)\(slug)/"
        }
    }

    /// The original a translation (`cities/la/luang-prabang.lo.md`) translates.
    public static func original(of path: String) -> String? {
        guard let (_, stem) = ContentLoader.kind(of: path), let (base, _) = ContentLoader.translationName(stem) else { return nil }
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        return folder + "/" + base + ".md"
    }

    public enum Refusal: Error, CustomStringConvertible {
        case notContent(String)
        public var description: String {
            switch self {
            case .notContent(let path): return "`\(path)` is not a content file the editor may write (a city, project, country, programme, page or translation inside the content folder)"
            }
        }
    }

    /// The file `path` names inside `content`, checked: a content file's path (no `..`, no hidden
    /// part, a kind the site reads), and, where it or a folder on the way exists, no link that
    /// leads out of the content folder.
    public static func file(_ path: String, in content: URL) throws(Refusal) -> URL {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\"),
              parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !ContentFiles.isEditorLeftover($0) }),
              kind(of: path) != nil else { throw .notContent(path) }
        let root = content.resolvingSymlinksInPath().standardizedFileURL.path
        var url = URL(fileURLWithPath: root)
        for part in parts {
            url.appendPathComponent(part)
            var info = stat()
            if lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw .notContent(path) }
        }
        let real = url.resolvingSymlinksInPath().standardizedFileURL.path
        guard real.hasPrefix(root + "/") else { throw .notContent(path) }
        return url
    }

    /// Where each field of a file's front matter is written: its path (`expectations/0/stage`)
    /// with the line and column of its key (of the item, for a list item), for putting a
    /// problem at `line:column` beside its field.
    public static func fieldPlaces(_ text: String) -> [(path: String, line: Int, column: Int)] {
        guard let file = try? FrontMatterWriter.Lines(text), let tree = file.tree else { return [] }
        var places: [(String, Int, Int)] = []
        func walk(_ value: YAMLValue, _ path: String) {
            switch value {
            case .scalar: break
            case .sequence(let items, _):
                for (i, item) in items.enumerated() {
                    let here = path + "/" + String(i)
                    places.append((here, item.location.line, item.location.column))
                    walk(item, here)
                }
            case .mapping(let entries, _):
                for entry in entries {
                    let here = path.isEmpty ? entry.key : path + "/" + entry.key
                    places.append((here, entry.keyLocation.line, entry.keyLocation.column))
                    walk(entry.value, here)
                }
            }
        }
        walk(tree, "")
        return places
    }

    /// The field a problem at `line:column` belongs to: the last place at or before it (on a
    /// line with several, the one at or before its column; a list item before its first field).
    public static func field(at line: Int, _ column: Int, in places: [(path: String, line: Int, column: Int)]) -> String? {
        let before = places.filter { $0.line < line || ($0.line == line && $0.column <= column) }
        guard let last = before.max(by: { ($0.line, $0.column) < ($1.line, $1.column) }) else { return nil }
        // An item and its first field share a place: a problem at it is the item's (`needs a
        // target`); one further on, in the field's value, the field's.
        let tied = before.filter { $0.line == last.line && $0.column == last.column }
        return (column > last.column ? tied.max { $0.path.count < $1.path.count } : tied.min { $0.path.count < $1.path.count })?.path
    }
}
