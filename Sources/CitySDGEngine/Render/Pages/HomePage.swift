/// The home page: the site's figures, the goals with their counts, the map, the latest projects.
enum HomePage {
    static let path = "index.html"

    static let kind = PageKind<Void>(name: "home", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let config = c.read.config
        let cities = c.read.cities(.cities)
        let projects = c.read.projects(.projects)
        var stats = [
            Stat(value: c.number(cities.count), label: c.t("stat_cities", count: cities.count), href: c.link.href(CitiesPage.path)),
            Stat(value: c.number(c.read.count(.countries)), label: c.t("stat_countries", count: c.read.count(.countries)), href: c.link.href(CountriesPage.path)),
            Stat(value: c.number(projects.count), label: c.t("stat_projects", count: projects.count), href: c.link.href(ProjectsPage.path)),
        ]
        // What the content holds, each number what it says: wordings in the city's own words, and
        // priority targets a source lists without a local wording.
        let expectations = cities.flatMap(\.expectations)
        let worded = expectations.filter { $0.text != nil }.count
        stats.append(Stat(value: c.number(worded), label: c.t("stat_worded", count: worded),
                          href: c.link.href(GoalsPage.path)))
        if expectations.count > worded {
            stats.append(Stat(value: c.number(expectations.count - worded), label: c.t("stat_unworded", count: expectations.count - worded), href: c.link.href(GoalsPage.path)))
        }
        let latest = projects.first(6) {
            ($0.updated ?? $0.start ?? PartialDate(text: "1900")!, $1.title) > ($1.updated ?? $1.start ?? PartialDate(text: "1900")!, $0.title)
        }.map(c.projectCard)
        let view = HomeView(
            tagline: config.tagline, description: config.description, stats: stats,
            goals: c.read.catalogue.goals.map(c.priorityTile), map: c.map(cities), latest: Array(latest), hasLatest: !latest.isEmpty,
            coverage: c.coverage())
        return .page(template: "home", meta: c.meta(title: config.title, description: config.description), view: view)
    }
}
