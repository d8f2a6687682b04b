/// Every city: the map of the page's cities, filters, and compact rows grouped by country, in
/// numbered pages of `page_size`.
enum CitiesPage {
    static let path = "cities/index.html"

    static let kind = PageKind<Int>(name: "cities", listed: true,
                                    keys: { site, _ in Array(1...Listings.pageCount(site.cities.count, site.config.pageSize)) },
                                    path: { Listings.path(path, page: $0) }) { number, c in
        let size = c.read.config.pageSize
        let all = c.read.cities(.cities).map { (c.countryName($0.country.value), $0) }
            .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        let count = Listings.pageCount(all.count, size)
        let slice = Array(all.dropFirst((number - 1) * size).prefix(size))
        let groups = Listings.groups(slice.map { ($0.0, c.cityRow($0.1)) })
        let title = number == 1 ? c.t("cities_title") : "\(c.t("cities_title")) (\(c.t("pager_page")) \(c.number(number)))"
        return .page(template: "cities", meta: c.meta(title: title, description: c.t("cities_description")),
                     view: CitiesView(groups: groups, map: c.map(slice.map(\.1)), count: c.counted(all.count, "cities_count"),
                                      filters: Listings.filters(c, status: false), pager: Listings.pager(path, page: number, of: count, c)))
    }
}
