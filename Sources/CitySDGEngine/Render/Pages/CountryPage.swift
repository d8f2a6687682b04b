/// One country: its cities, their priorities, its projects (the "country report").
enum CountryPage {
    static func path(_ code: CountryCode) -> String { "countries/\(code.slug)/index.html" }

    static let kind = PageKind<CountryCode>(name: "country", listed: true, keys: { site, _ in site.countries.map(\.code) },
                                            path: path) { code, c in
        let country = c.read.country(code)!
        let cities = c.read.cities(.citiesIn(code))
        let first = c.firstPage(.citiesIn(code)), projects = c.firstPage(.projectsIn(code))
        var counts: [GoalNumber: Int] = [:]
        // Stated priorities only: the goals a review covers are not the city's priorities.
        for city in cities where city.priorityKind == .stated { for goal in Set(city.prioritySDGs.map(\.value)) { counts[goal, default: 0] += 1 } }
        let catalogue = c.read.catalogue
        let priorities = counts.keys.sorted().compactMap { n in catalogue.goal(n).map { c.tile($0, count: counts[n]) } }
        let view = CountryView(
            name: country.name, nameLang: country.nameInPageLanguage ? nil : c.textLang(country.text), code: code.value, summary: country.summary, memberSince: country.memberSince.map { c.t("member_since").replacingEvery("{date}", with: c.date($0)) },
            bodyHTML: c.bodyHTML(country.document), cities: first.cities.map(c.cityCard), hasCities: !cities.isEmpty,
            priorities: priorities, hasPriorities: !priorities.isEmpty, projects: projects.projects.map(c.projectCard),
            hasProjects: !projects.projects.isEmpty, sources: c.sources(country.sources), hasSources: !country.sources.isEmpty,
            map: c.map(cities, focus: code), citiesPager: first.pager, projectsPager: projects.pager)
        return .page(template: "country", meta: c.meta(title: country.name, description: country.summary,
                                                       crumbs: [(c.t("nav_countries"), CountriesPage.path)], text: country.text), view: view)
    }
}
