/// Every city: the map of the page's cities, filters, and compact rows, in numbered pages of
/// `page_size` in the order of their names, each page grouped by country.
enum CitiesPage {
    static let path = "cities/index.html"

    static let kind = PageKind<Int>(name: "cities", listed: true,
                                    keys: { site, _ in Array(1...Listings.pageCount(site.cities.count, site.config.pageSize)) },
                                    path: { Listings.path(path, page: $0) }) { number, c in
        let size = c.read.config.pageSize, total = c.read.count(.cities)
        let count = Listings.pageCount(total, size)
        // The page holds its share of the list in its order (by name); on the page, grouped by country.
        let slice = Listings.byCountry(c.read.cities(.cities, page: (number - 1) * size ..< number * size).map { (c.countryName($0.country.value), $0) })
        let groups = Listings.groups(slice.map { ($0.0, c.cityRow($0.1)) })
        let title = number == 1 ? c.t("cities_title") : "\(c.t("cities_title")) (\(c.t("pager_page")) \(c.number(number)))"
        return .page(template: "cities", meta: c.meta(title: title, description: c.t("cities_description")),
                     view: CitiesView(groups: groups, map: c.map(slice.map(\.1)), count: c.counted(total, "cities_count"),
                                      filters: Listings.filters(c, status: false), pager: Listings.pager(path, page: number, of: count, c)))
    }
}
