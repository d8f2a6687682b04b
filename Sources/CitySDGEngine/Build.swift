import Foundation

/// The build, stage by stage: load → resolve → theme → plan → render → write.
/// Every stage adds its problems to one list; nothing is written unless all of them pass.
public struct Build: Sendable {
    public var content: URL
    public var themes: URL
    public var output: URL
    /// Overrides `theme:` in site.yml.
    public var themeName: String?
    /// How the content and themes folders are named in messages (as the editor typed them).
    public var contentDisplay: String
    public var themesDisplay: String
    public var catalogue: Catalogue

    public init(content: URL, themes: URL, output: URL, themeName: String? = nil,
                contentDisplay: String? = nil, themesDisplay: String? = nil, catalogue: Catalogue = .bundled) {
        self.content = content
        self.themes = themes
        self.output = output
        self.themeName = themeName
        self.contentDisplay = contentDisplay ?? content.path
        self.themesDisplay = themesDisplay ?? themes.path
        self.catalogue = catalogue
    }

    public struct Result: Sendable {
        public var diagnostics: Diagnostics
        public var pages = 0
        public var written = OutputWriter.Summary()
        public var failed: Bool { diagnostics.hasErrors }
    }

    /// Runs every stage; with `write: false` it checks everything and writes nothing.
    public func run(write: Bool = true) -> Result {
        var d = Diagnostics()
        let loaded = ContentLoader(root: content, displayRoot: contentDisplay).load(&d)
        let site = Site.resolve(loaded, catalogue: catalogue, &d)
        let themeDisplay = { (path: String) in self.themesDisplay.isEmpty ? path : self.themesDisplay + "/" + path }
        guard let theme = Theme.load(name: themeName ?? site.config.theme, themesRoot: themes,
                                     language: site.config.language, display: themeDisplay, &d) else {
            return Result(diagnostics: d)
        }
        let routes = Planner.routes(for: site, assets: theme.assets.keys.sorted())
        let rendered = render(routes, site: site, theme: theme)
        for page in rendered { d.append(contentsOf: page.diagnostics) }
        var result = Result(diagnostics: d, pages: routes.count)
        guard write, !d.hasErrors else { return result }

        let writer = OutputWriter(root: output)
        do {
            try writer.checkSafe(content: content, themes: themes)
            for (route, page) in zip(routes, rendered) {
                if try writer.write(page.bytes, to: route.path) { result.written.written += 1 } else { result.written.unchanged += 1 }
            }
            result.written.removed = try writer.prune(keeping: Set(routes.map(\.path)))
        } catch {
            result.diagnostics.ioError(SourceLocation(file: output.path), "\(error)")
        }
        return result
    }

    /// Renders every route on all cores; the results come back in the routes' order.
    func render(_ routes: [Route], site: Site, theme: Theme) -> [(bytes: Data, diagnostics: Diagnostics)] {
        let renderer = PageRenderer(site: site, theme: theme, outputs: Set(routes.map(\.path)))
        let results = UnsafeResults<(bytes: Data, diagnostics: Diagnostics)>(count: routes.count)
        DispatchQueue.concurrentPerform(iterations: routes.count) { i in
            results.set(i, renderer.render(routes[i]))
        }
        return results.values
    }
}

/// Slots filled in parallel, each by exactly one iteration, read after all of them finish.
private final class UnsafeResults<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [T] { slots.map { $0! } }
}
