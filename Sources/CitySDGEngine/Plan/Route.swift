import Foundation

/// One output file of the site: where it is written, which kind of page makes it, and how.
public struct Route: Sendable {
    /// Path inside the output folder, always to a file, so links work from `file://` too.
    public let path: String
    /// The page kind's name (`city`, `sitemap`); a page's layout gets it as its CSS class.
    public let kind: String
    /// Served at any address the site does not have (the 404 page): its links start at the site's root.
    let servedAnywhere: Bool
    /// Whether it is a page a reader navigates to, which the sitemap lists.
    public let isListedPage: Bool
    /// The language it is in, and the same page in every language (itself included); a file
    /// that is the same in every language (a stylesheet, the sitemap) has no alternates.
    public let language: String
    public let alternates: [Alternate]
    /// The folder of its language (`lo/`), where its links to other pages stay.
    public let folder: String
    /// Makes the output; everything it reads goes through the context's recording reader.
    let make: @Sendable (inout PageContext) -> Output

    public struct Alternate: Sendable, Hashable {
        public let language: String
        public let path: String
    }

    /// The folder a language's pages are in: none for the default language, `lo/` for Lao.
    static func folder(_ language: String, of languages: [String]) -> String {
        language == languages.first ? "" : language + "/"
    }

    /// The address a reader shares: the folder, not its `index.html`, percent-encoded.
    static func pretty(_ path: String) -> String {
        encoded(path == "index.html" ? "" : (path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path))
    }

    /// An output path as it is written in a link: each byte that is not an ASCII letter, digit or
    /// one of `-._~/` percent-encoded (`cities/ຫຼວງພະບາງ/` → `cities/%E0%BA%AB…/`), as a web
    /// address must be; the file on disk keeps its name in UTF-8, which servers and `file://` find.
    public static func encoded(_ path: String) -> String {
        guard !path.utf8.allSatisfy(isPlain) else { return path }
        var result = ""
        result.reserveCapacity(path.utf8.count * 3)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in path.utf8 {
            if isPlain(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result.unicodeScalars.append(contentsOf: [Unicode.Scalar(UInt8(ascii: "%")), Unicode.Scalar(digits[Int(byte >> 4)]),
                                                          Unicode.Scalar(digits[Int(byte & 15)])])
            }
        }
        return result
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): return true
        default: return false
        }
    }

    /// A path written in a link as the page it names: percent-decoded and in composed Unicode
    /// (NFC), so `/cities/ຫຼວງພະບາງ/`, its percent-encoded spelling and an NFD spelling are one page.
    static func decoded(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "%") }) else { return path }
        return (path.removingPercentEncoding ?? path).precomposedStringWithCanonicalMapping
    }
}

/// What a page kind makes for one route: an HTML page from a theme template, or a file's bytes.
enum Output {
    case page(template: String, meta: PageMeta, view: Any)
    case file(Data)
}

/// A kind of output, described once: which routes it has, the path of each, whether the sitemap
/// lists them, and how one is made. `PageKinds.all` lists every kind the generator has.
struct PageKind<Key: Sendable>: Sendable {
    let name: String
    let listed: Bool
    /// Served at any depth: its links start at the site's root instead of being relative.
    var servedAnywhere = false
    /// A file made once per language (in each language's folder) though no reader navigates to it.
    var perLanguage = false
    /// The keys of its routes, from the resolved site and the theme's asset names.
    let keys: @Sendable (Site, _ assets: [String]) -> [Key]
    let path: @Sendable (Key) -> String
    let make: @Sendable (Key, inout PageContext) -> Output

    /// A page a reader navigates to exists in every language of the site; a file is written once,
    /// unless it is made per language.
    var localized: Bool { listed || perLanguage }

    func routes(_ site: Site, assets: [String]) -> [Route] {
        let languages = site.config.languages
        return keys(site, assets).flatMap { key -> [Route] in
            let path = path(key)
            guard localized else {
                return [Route(path: path, kind: name, servedAnywhere: servedAnywhere, isListedPage: listed, language: languages[0],
                              alternates: [], folder: "", make: { make(key, &$0) })]
            }
            let alternates = languages.map { Route.Alternate(language: $0, path: Route.folder($0, of: languages) + path) }
            return alternates.map { here in
                Route(path: here.path, kind: name, servedAnywhere: servedAnywhere, isListedPage: listed, language: here.language,
                      alternates: alternates, folder: Route.folder(here.language, of: languages), make: { make(key, &$0) })
            }
        }
    }
}

/// A page kind with its key type forgotten, for the registry.
protocol RouteSource: Sendable {
    func routes(_ site: Site, assets: [String]) -> [Route]
}

extension PageKind: RouteSource {}

/// Relative links between output files, so the site works under any sub-path and from `file://`.
public struct Linker: Sendable {
    /// The path of the page the links are written into.
    public let from: String

    /// `../../` for `goals/11/index.html`; empty at the top.
    public let root: String
    /// The folder of the page's language (`lo/`; empty for the default language): links to pages
    /// stay in it, links to files (stylesheets, media) do not.
    public let folder: String

    public init(from: String, folder: String = "") {
        self.from = from
        self.folder = folder
        root = String(repeating: "../", count: from.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) })
    }

    /// A link to a page (in the page's language) or to a file.
    public func href(_ path: String, fragment: String? = nil) -> String {
        root + Route.encoded(localized(path)) + (fragment.map { "#" + $0 } ?? "")
    }

    /// The output path of `path` in the page's language: pages (`…/index.html`) are in every
    /// language, other files once for all.
    public func localized(_ path: String) -> String {
        folder.isEmpty || !(path == "index.html" || path.hasSuffix("/index.html")) ? path : folder + path
    }

    /// A site-absolute link written in Markdown (`/cities/xamneua/`) as a relative link to the file,
    /// with the output path it points to (nil for links that leave the site).
    public func internalLink(_ url: String) -> (href: String, path: String)? {
        guard url.hasPrefix("/"), !url.hasPrefix("//") else { return nil }
        var rest = Substring(url.dropFirst())
        var fragment = ""
        if let hash = rest.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            fragment = String(rest[hash...])
            rest = rest[..<hash]
        }
        var path = Route.decoded(String(rest))
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        else if !path.split(separator: "/").last!.contains(".") { path += "/index.html" }
        return (href(path) + fragment, localized(path))
    }

    /// The output path a relative link written in Markdown (`../vientiane/`) leads to from this
    /// page; nil for links with a scheme, fragments alone, and links that climb above the site.
    public func relativeTarget(_ url: String) -> String? {
        guard !url.isEmpty, !url.hasPrefix("/"), !url.hasPrefix("#"), !url.hasPrefix("?") else { return nil }
        let beforePath = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !beforePath.contains(":") else { return nil }
        let address = url.prefix { $0 != "?" && $0 != "#" }
        var parts = from.split(separator: "/").dropLast().map(String.init)
        for piece in address.split(separator: "/", omittingEmptySubsequences: true) {
            switch piece {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(piece))
            }
        }
        var path = parts.joined(separator: "/")
        if address.hasSuffix("/") || address == "." || address == ".." || address.hasSuffix("/.") || address.hasSuffix("/..") || path.isEmpty {
            path += path.isEmpty ? "index.html" : "/index.html"
        } else if !(parts.last?.contains(".") ?? false) {
            path += "/index.html"
        }
        return path
    }
}
