import Foundation

/// Every web address the content cites as a source, with the file that cites it: what
/// `citysdg check --sources` asks the web about. Loading only; no network here.
public enum SourceLinks {
    public struct Link: Sendable, Hashable {
        public var file: String
        public var title: String
        public var url: String
    }

    public static func all(content: URL, display: String) -> [Link] {
        var d = Diagnostics()
        let loaded = ContentLoader(root: content, displayRoot: display).load(&d)
        var links: [Link] = []
        func add(_ sources: [Source], _ file: String) {
            for source in sources { if let url = source.url { links.append(Link(file: file, title: source.title, url: url)) } }
        }
        loaded.countries.forEach { add($0.sources, $0.document.displayPath) }
        loaded.programmes.forEach { add($0.sources, $0.document.displayPath) }
        loaded.cities.forEach { add($0.sources, $0.document.displayPath) }
        loaded.projects.forEach { add($0.sources, $0.document.displayPath) }
        let siteFile = display.isEmpty ? "site.yml" : display + "/site.yml"
        loaded.config.nationalGoals.forEach { add($0.sources, siteFile) }
        return links.sorted { ($0.file, $0.url) < ($1.file, $1.url) }
    }
}
