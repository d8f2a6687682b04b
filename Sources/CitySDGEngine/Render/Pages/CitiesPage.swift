/// Every city, on the map and as cards.
enum CitiesPage {
    static let path = "cities/index.html"

    static let kind = PageKind<Void>(name: "cities", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let cities = c.read.cities(.cities)
        return .page(template: "cities", meta: c.meta(title: c.t("cities_title"), description: c.t("cities_description")),
                     view: CitiesView(cities: cities.map(c.cityCard), map: c.map(cities), count: cities.count))
    }
}
