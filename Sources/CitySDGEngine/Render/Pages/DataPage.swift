import Foundation

/// `/data/`: the downloads, what each holds, its format and licence, and how to use them.
enum DataPage {
    static let path = "data/index.html"

    static let kind = PageKind<Void>(name: "data", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let config = c.read.config
        let cities = c.read.count(.cities), projects = c.read.count(.projects)
        let files: [DataFileRow] = [
            DataFileRow(title: c.t("data_cities"), detail: c.counted(cities, "cities_count"), href: c.link.href(OpenData.citiesPath), format: "JSON",
                        schemaHref: c.link.href("data/cities.schema.json")),
            DataFileRow(title: c.t("data_projects"), detail: c.counted(projects, "projects_count"), href: c.link.href(OpenData.projectsPath), format: "JSON",
                        schemaHref: c.link.href("data/projects.schema.json")),
            DataFileRow(title: c.t("data_expectations_csv"), detail: c.t("data_csv_note"), href: c.link.href(OpenData.expectationsCSV), format: "CSV", schemaHref: nil),
            DataFileRow(title: c.t("data_projects_csv"), detail: c.t("data_csv_note"), href: c.link.href(OpenData.projectsCSV), format: "CSV", schemaHref: nil),
            DataFileRow(title: c.t("data_indicators_csv"), detail: c.t("data_indicators_note"), href: c.link.href(OpenData.indicatorsCSV), format: "CSV",
                        schemaHref: c.link.href(IndicatorData.schemaPath)),
            DataFileRow(title: c.t("data_feed"), detail: c.t("data_feed_note"), href: c.link.href(FeedFile.path), format: "Atom", schemaHref: nil),
        ]
        let base = SitemapFile.baseURL(config)
        return .page(template: "data", meta: c.meta(title: c.t("data_title"), description: c.t("data_description")),
                     view: DataView(files: files, licence: config.licence, licenceLang: c.contentLang, feedURL: config.baseURL.isEmpty ? nil : base + FeedFile.path,
                                    citiesURL: base + OpenData.citiesPath))
    }
}

struct DataView {
    var files: [DataFileRow]
    var licence: String?
    /// The default language on a page in another: site.yml's licence is no translation's.
    var licenceLang: String? = nil
    var feedURL: String?
    var citiesURL: String
}

struct DataFileRow {
    var title: String
    var detail: String
    var href: String
    var format: String
    var schemaHref: String?
}

/// `feed.xml`: an Atom feed (RFC 4287) of the cities and projects, the last updated first. An item
/// whose front matter has no `updated:` date is not in it (a feed entry needs one).
enum FeedFile {
    static let path = "feed.xml"

    static let kind = PageKind<Void>(name: "feed", listed: false, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let config = c.read.config
        let base = SitemapFile.baseURL(config)
        let x = SitemapFile.xmlEscape
        // Each entry is a kept piece (`PageContext.piece`), made from its item alone: `item` reads
        // what the entry shows through the piece's own context.
        var entries: [(updated: PartialDate, path: String, entry: () -> Piece)] = []
        let page = c
        func add(_ piece: String, _ slug: Slug, _ path: String, _ updated: PartialDate?, kind: String,
                 _ item: @escaping (PageContext) -> (title: String, updated: PartialDate?, summary: String?)) {
            guard let updated else { return }
            entries.append((updated, path, {
                page.piece(piece, slug.value) { c in
                    let shown = item(c)
                    return entry(shown.title, path, shown.updated ?? updated, shown.summary, c.t(kind), SitemapFile.baseURL(c.read.config))
                }
            }))
        }
        for city in c.read.cities(.cities) {
            let slug = city.slug
            add("feed-city", slug, CityPage.path(slug), city.updated, kind: "city") { c in c.read.city(slug).map { ($0.title, $0.updated, $0.summary) }! }
        }
        for project in c.read.projects(.projects) {
            let slug = project.slug
            add("feed-project", slug, ProjectPage.path(slug), project.updated, kind: "feed_project") { c in
                c.read.project(slug).map { ($0.title, $0.updated, $0.summary) }!
            }
        }
        entries.sort { ($1.updated, $0.path) < ($0.updated, $1.path) }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(x(config.language))\">\n"
        xml += "  <title>\(x(config.title))</title>\n"
        if let tagline = config.tagline { xml += "  <subtitle>\(x(tagline))</subtitle>\n" }
        xml += "  <id>\(x(base))</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(x(base + path))\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(x(base))\"/>\n"
        xml += "  <updated>\(entries.first.map { stamp($0.updated) } ?? "1970-01-01T00:00:00Z")</updated>\n"
        xml += "  <author><name>\(x(config.title))</name></author>\n"
        if let licence = config.licence { xml += "  <rights>\(x(licence))</rights>\n" }
        xml += "  <generator>CitySDG</generator>\n"
        return .file(c.joined([.text(xml)] + entries.map { .piece($0.entry()) } + [.text("</feed>\n")]))
    }

    /// An item's entry in the feed.
    static func entry(_ title: String, _ path: String, _ updated: PartialDate, _ summary: String?, _ kind: String, _ base: String) -> String {
        let x = SitemapFile.xmlEscape, url = base + Route.pretty(path)
        var xml = "  <entry>\n    <title>\(x(title))</title>\n    <id>\(x(url))</id>\n"
        xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(x(url))\"/>\n    <updated>\(stamp(updated))</updated>\n"
        xml += "    <category term=\"\(x(kind))\"/>\n"
        if let summary { xml += "    <summary>\(x(summary))</summary>\n" }
        return xml + "  </entry>\n"
    }

    /// A date as the feed's time stamp (a month or day the date leaves out is the first).
    static func stamp(_ date: PartialDate) -> String {
        func two(_ n: Int?) -> String { let n = n ?? 1; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(date.year)-\(two(date.month))-\(two(date.day))T00:00:00Z"
    }
}
