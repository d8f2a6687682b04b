/// The long listings (every city, every project) as compact rows, split into numbered pages
/// of `page_size` (site.yml, 100 by default) with rel prev/next, each page grouped by country, and
/// filtered in the browser by country, programme, goal and status (assets/filter.js); without
/// JavaScript each page is a static list grouped by country.
enum Listings {
    /// The path of page `number` of a listing at `first` (`cities/index.html` → `cities/page/2/index.html`).
    static func path(_ first: String, page number: Int) -> String {
        number == 1 ? first : first.replacingEvery("index.html", with: "page/\(number)/index.html")
    }

    static func pageCount(_ items: Int, _ size: Int) -> Int { max(1, (items + size - 1) / size) }

    /// The numbered links to every page, the current one marked.
    static func pager(_ first: String, page: Int, of count: Int, _ c: PageContext) -> Pager {
        pager({ path(first, page: $0) }, page: page, of: count, c)
    }

    static func pager(_ path: (Int) -> String, page: Int, of count: Int, _ c: PageContext) -> Pager {
        Pager(pages: (1...count).map { PagerLink(label: c.number($0), href: c.link.href(path($0)), current: $0 == page) },
              previous: page > 1 ? c.link.href(path(page - 1)) : nil,
              next: page < count ? c.link.href(path(page + 1)) : nil, hasPages: count > 1,
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
                       options: c.read.programmes.map { FilterOption(value: $0.slug.value, label: $0.shortName ?? $0.title,
                                                                      lang: $0.shortName == nil ? c.textLang($0.text) : c.contentLang) }),
            ListFilter(name: "goal", label: c.t("goal"), any: c.t("filter_any"),
                       options: c.read.catalogue.goals.map { FilterOption(value: $0.number.description, label: "\($0.number). \($0.short)",
                                                                                  lang: $0.isNational ? c.contentLang : nil) }),
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
/// `lang`: the label's language where it is not the page's (a programme's short name, a national goal's title).
struct FilterOption { var value: String; var label: String; var lang: String? = nil }

/// The lists on a goal's, target's, country's and programme's page past `page_size` items: the
/// page shows the first `page_size`, and numbered pages beside it (`goals/11/cities/page/2/`)
/// show the rest as compact rows, with rel prev/next.
enum ListPages {
    struct Part: Sendable, Hashable { var listing: Listing; var page: Int }

    /// The lists that continue on pages of their own: where the pages go, the page that starts
    /// the list, and the list's heading (an interface string).
    static func place(_ listing: Listing) -> (folder: String, owner: String, heading: String)? {
        switch listing {
        case .citiesWithPriority(let g): return ("goals/\(g)/cities/", GoalPage.path(g), "goal_cities")
        case .citiesReviewing(let g): return ("goals/\(g)/reviewed/", GoalPage.path(g), "goal_reviewed_cities")
        case .projectsServingGoal(let g): return ("goals/\(g)/projects/", GoalPage.path(g), "goal_projects")
        case .projectsServing(let t): return ("targets/\(t.slug)/projects/", TargetPage.path(t), "target_projects")
        case .citiesIn(let c): return ("countries/\(c.slug)/cities/", CountryPage.path(c), "country_cities")
        case .projectsIn(let c): return ("countries/\(c.slug)/projects/", CountryPage.path(c), "country_projects")
        case .citiesInProgramme(let s): return ("programmes/\(s)/cities/", ProgrammePage.path(s), "programme_cities")
        case .projectsInProgramme(let s): return ("programmes/\(s)/projects/", ProgrammePage.path(s), "programme_projects")
        default: return nil
        }
    }

    /// Page `number` of a list: its owner's page for the first.
    static func path(_ listing: Listing, page number: Int) -> String {
        let place = place(listing)!
        return number == 1 ? place.owner : place.folder + "page/\(number)/index.html"
    }

    static func listings(_ site: Site) -> [Listing] {
        site.catalogue.goals.flatMap { [Listing.citiesWithPriority($0.number), .citiesReviewing($0.number), .projectsServingGoal($0.number)] }
            + site.catalogue.targets.map { .projectsServing($0.code) }
            + site.countries.flatMap { [Listing.citiesIn($0.code), .projectsIn($0.code)] }
            + site.programmes.flatMap { [Listing.citiesInProgramme($0.slug), .projectsInProgramme($0.slug)] }
    }

    static let kind = PageKind<Part>(name: "list", listed: true, keys: { site, _ in
        listings(site).flatMap { listing -> [Part] in
            let count = Listings.pageCount(site.members(listing).count, site.config.pageSize)
            return count < 2 ? [] : (2...count).map { Part(listing: listing, page: $0) }
        }
    }, path: { path($0.listing, page: $0.page) }) { part, c in
        let size = c.read.config.pageSize, total = c.read.count(part.listing)
        let range = (part.page - 1) * size ..< part.page * size
        let place = place(part.listing)!
        let rows = part.listing.isCities ? c.read.cities(part.listing, page: range).map(c.cityRow)
            : c.read.projects(part.listing, page: range).map(c.projectRow)
        let title = "\(c.t(place.heading)) (\(c.t("pager_page")) \(c.number(part.page)))"
        return .page(template: "list", meta: c.meta(title: title, description: nil, crumbs: [(c.t("pager_first"), place.owner)]),
                     view: ListView(rows: rows, count: c.counted(total, part.listing.isCities ? "cities_count" : "projects_count"),
                                    pager: c.pager(part.listing, page: part.page)!))
    }
}

extension Listing {
    var isCities: Bool {
        switch self {
        case .cities, .citiesWithPriority, .citiesReviewing, .citiesIn, .citiesInProgramme, .citiesWithProjects,
             .citiesWithStatedGoals, .citiesWithReviewedGoals, .citiesWithExpectations, .citiesWithUnwordedTargets: return true
        default: return false
        }
    }
}

struct ListView { var rows: [Fragment]; var count: String; var pager: Pager }

extension PageContext {
    /// The first page of a list on its owner's page, and the pager to the rest (nil when it fits on one).
    func firstPage(_ listing: Listing) -> (cities: [City], projects: [Project], pager: Pager?) {
        let size = read.config.pageSize
        if listing.isCities { return (read.cities(listing, page: 0..<size), [], pager(listing, page: 1)) }
        return ([], read.projects(listing, page: 0..<size), pager(listing, page: 1))
    }

    func pager(_ listing: Listing, page: Int) -> Pager? {
        let count = Listings.pageCount(read.count(listing), read.config.pageSize)
        guard count > 1 else { return nil }
        return Listings.pager({ ListPages.path(listing, page: $0) }, page: page, of: count, self)
    }
}
