/// Every country, with its number of cities and projects.
enum CountriesPage {
    static let path = "countries/index.html"

    static let kind = PageKind<Void>(name: "countries", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let rows = c.read.countries.map { country in
            let cities = c.read.cities(.citiesIn(country.code))
            return CountryRow(name: country.name, code: country.code.value, href: c.link.href(CountryPage.path(country.code)),
                              summary: country.summary, citiesLabel: c.counted(cities.count, "cities_count"),
                              projectsLabel: c.counted(cities.reduce(0) { $0 + c.read.count(.projectsOf($1.slug)) }, "projects_count"),
                              memberSince: country.memberSince.map { c.t("member_since").replacingEvery("{date}", with: c.date($0)) },
                              textLang: c.textLang(country.text))
        }
        return .page(template: "countries", meta: c.meta(title: c.t("countries_title"), description: c.t("countries_description")), view: CountriesView(countries: rows))
    }
}
