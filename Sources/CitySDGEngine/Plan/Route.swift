/// Every kind of output the site has, and the path it is written to.
public enum Route: Sendable, Hashable, Comparable {
    case home, goals, goal(GoalNumber), target(TargetCode)
    case countries, country(CountryCode), cities, city(Slug), projects, project(Slug)
    case programmes, programme(Slug), page(Slug), report
    case notFound, sitemap, robots, goalStyles, asset(String)

    /// Path inside the output folder, always to a file, so links work from `file://` too.
    public var path: String {
        switch self {
        case .home: return "index.html"
        case .goals: return "goals/index.html"
        case .goal(let n): return "goals/\(n)/index.html"
        case .target(let code): return "targets/\(code.slug)/index.html"
        case .countries: return "countries/index.html"
        case .country(let code): return "countries/\(code.slug)/index.html"
        case .cities: return "cities/index.html"
        case .city(let slug): return "cities/\(slug)/index.html"
        case .projects: return "projects/index.html"
        case .project(let slug): return "projects/\(slug)/index.html"
        case .programmes: return "programmes/index.html"
        case .programme(let slug): return "programmes/\(slug)/index.html"
        case .page(let slug): return "\(slug)/index.html"
        case .report: return "report/index.html"
        case .notFound: return "404.html"
        case .sitemap: return "sitemap.xml"
        case .robots: return "robots.txt"
        case .goalStyles: return "assets/goals.css"
        case .asset(let name): return "assets/\(name)"
        }
    }

    /// Whether the route is an HTML page a reader navigates to (and the sitemap lists).
    public var isListedPage: Bool {
        switch self {
        case .notFound, .sitemap, .robots, .goalStyles, .asset: return false
        default: return true
        }
    }

    /// The address a reader shares: the folder, not its `index.html`.
    public var prettyPath: String {
        path == "index.html" ? "" : (path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path)
    }

    public static func < (a: Route, b: Route) -> Bool { a.path < b.path }
}

/// Relative links between output files, so the site works under any sub-path and from `file://`.
public struct Linker: Sendable {
    /// The path of the page the links are written into.
    public let from: String

    public init(from: String) { self.from = from }

    /// `../../` for `goals/11/index.html`; empty at the top.
    public var root: String { String(repeating: "../", count: from.split(separator: "/").count - 1) }

    public func href(_ route: Route, fragment: String? = nil) -> String {
        href(path: route.path) + (fragment.map { "#" + $0 } ?? "")
    }

    public func href(path: String) -> String { root + path }

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
        var path = String(rest)
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        else if !path.split(separator: "/").last!.contains(".") { path += "/index.html" }
        return (href(path: path) + fragment, path)
    }
}
