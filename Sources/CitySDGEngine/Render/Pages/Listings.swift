/// The long listings (every city, every model project) as compact rows, split into numbered pages
/// of `page_size` (site.yml, 100 by default) with rel prev/next, each page grouped by country, and
/// filtered in the browser by country, programme, goal and status (assets/filter.js); without
/// JavaScript each page is a static list grouped by country.
enum Listings {
    /// The path of page `number` of a listing at `first` (`cities/index.html` → `cities/page/2/index.html`).
    static func path(_ first: String, page number: Int) -> String {
        number == 1 ? first : first.replacingOccurrences(of: "index.html", with: "page/\(number)/index.html")
    }

    static func pageCount(_ items: Int, _ size: Int) -> Int { max(1, (items + size - 1) / size) }

    /// The numbered links to every page, the current one marked.
    static func pager(_ first: String, page: Int, of count: Int, _ c: PageContext) -> Pager {
        Pager(pages: (1...count).map { PagerLink(label: c.number($0), href: c.link.href(path(first, page: $0)), current: $0 == page) },
              previous: page > 1 ? c.link.href(path(first, page: page - 1)) : nil,
              next: page < count ? c.link.href(path(first, page: page + 1)) : nil, hasPages: count > 1,
              label: c.t("pager_label"), previousLabel: c.t("pager_previous"), nextLabel: c.t("pager_next"))
    }

    /// Items sorted by their country's name, keeping their order within a country.
    static func byCountry<T>(_ items: [(String, T)]) -> [(String, T)] {
        items.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
    }

    /// Rows grouped under their country's name, in the order given.
    static func groups(_ rows: [(country: String, html: Fragment)]) -> [ListGroup] {
        var groups: [ListGroup] = []
        for row in rows {
            if groups.last?.heading == row.country { groups[groups.count - 1].rows.append(row.html) }
            else { groups.append(ListGroup(heading: row.country, rows: [row.html])) }
        }
        return groups
    }

    static func filters(_ c: PageContext, status: Bool) -> [ListFilter] {
        var filters = [
            ListFilter(name: "country", label: c.t("country"), any: c.t("filter_any"),
                       options: c.read.countries.map { FilterOption(value: $0.code.value, label: $0.name) }),
            ListFilter(name: "programme", label: c.t("programme"), any: c.t("filter_any"),
                       options: c.read.programmes.map { FilterOption(value: $0.slug.value, label: $0.shortName ?? $0.title) }),
            ListFilter(name: "goal", label: c.t("goal"), any: c.t("filter_any"),
                       options: c.read.catalogue.goals.map { FilterOption(value: $0.number.description, label: "\($0.number). \($0.short)") }),
        ]
        if status {
            filters.append(ListFilter(name: "status", label: c.t("status_label"), any: c.t("filter_any"),
                                      options: ProjectStatus.allCases.map { FilterOption(value: $0.rawValue, label: c.t("status_\($0.rawValue)")) }))
        }
        return filters
    }
}

struct Pager { var pages: [PagerLink]; var previous: String?; var next: String?; var hasPages: Bool; var label: String; var previousLabel: String; var nextLabel: String }
struct PagerLink { var label: String; var href: String; var current: Bool }
struct ListGroup { var heading: String; var rows: [Fragment] }
struct ListFilter { var name: String; var label: String; var any: String; var options: [FilterOption] }
struct FilterOption { var value: String; var label: String }
