/// One city: its facts, priority goals, expectations beside the official targets, projects,
/// profile and sources.
enum CityPage {
    static func path(_ slug: Slug) -> String { "cities/\(slug)/index.html" }

    static let kind = PageKind<Slug>(name: "city", listed: true, keys: { site, _ in site.cities.map(\.slug) }, path: path) { slug, c in
        let city = c.read.city(slug)!
        let country = c.countryLink(city.country.value)
        var facts: [Fact] = [Fact(label: c.t("country"), value: country.label, href: c.link.href(country.path))]
        if let p = city.population {
            var value = c.number(p.value)
            if let year = p.year { value += " (\(year))" }
            if let source = p.source { value += " [\(source)]" }
            facts.append(Fact(label: c.t("population"), value: value, href: nil, note: p.note, noteLang: p.note == nil ? nil : c.contentLang))
        } else {
            facts.append(Fact(label: c.t("population"), value: c.t("unknown"), href: nil))
        }
        if let at = city.coordinates {
            facts.append(Fact(label: c.t("coordinates"), value: "\(Format.fixed(at.latitude, 3)), \(Format.fixed(at.longitude, 3))", href: nil))
        }
        let catalogue = c.read.catalogue
        // The city's figures: under the expectation that names their indicator, or among its other figures.
        let series = c.read.series(.seriesOf(slug.value))
        let named = Set(city.expectations.compactMap { $0.indicator?.value })
        let byGoal = Dictionary(grouping: city.expectations, by: { $0.target.value.goal })
        let groups = byGoal.keys.sorted().compactMap { number -> ExpectationGroup? in
            guard let goal = catalogue.goal(number) else { return nil }
            let rows = byGoal[number]!.sorted { $0.target.value < $1.target.value }.map { e in
                var row = c.expectationRow(e, city: city)
                row.series = e.indicator.flatMap { code in series.first { $0.indicator.value == code.value } }.map { c.seriesBlock($0, expectation: e) }
                return row
            }
            return ExpectationGroup(goal: c.tile(goal), expectations: rows)
        }
        let projects = c.read.projects(.projectsOf(slug))
        let goals = c.tiles(city.prioritySDGs.map(\.value))
        let programmes = city.programmes.compactMap { c.read.programme($0.value) }
            .map { LinkItem(label: $0.title, href: c.link.href(ProgrammePage.path($0.slug)), lang: c.textLang($0.text)) }
        var gaps: [String] = []
        if goals.isEmpty && groups.isEmpty { gaps.append(c.t("no_goals_or_expectations")) }
        else if goals.isEmpty { gaps.append(c.t("no_priority_goals")) }
        else if groups.isEmpty { gaps.append(c.t("no_expectations")) }
        if projects.isEmpty { gaps.append(c.t("no_projects")) }
        var view = CityView(
            title: city.title, country: country.label, countryHref: c.link.href(country.path),
            summary: city.summary, facts: facts, programmes: programmes, hasProgrammes: !programmes.isEmpty,
            goals: goals, hasGoals: !goals.isEmpty,
            goalsHeading: c.t(city.priorityKind == .reviewed ? "reviewed_goals" : "priority_goals"), priorityNote: city.priorityNote, prioritySource: city.prioritySource,
            groups: groups, hasExpectations: !groups.isEmpty, projects: projects.map(c.projectCard), hasProjects: !projects.isEmpty,
            bodyHTML: c.bodyHTML(city.document), sources: c.sources(city.sources), hasSources: !city.sources.isEmpty,
            updated: city.updated.map(c.date), gaps: gaps, hasGaps: !gaps.isEmpty, dataHref: c.link.href(OpenData.cityPath(slug)),
            titleLang: c.cityName(city, source: true).titleLang, latin: c.cityName(city, source: true).latin)
        view.figures = series.filter { !named.contains($0.indicator.value) }.map { c.seriesBlock($0) }
        view.hasFigures = !view.figures.isEmpty
        return .page(template: "city", meta: c.meta(title: city.title, description: city.summary ?? "\(city.title), \(country.label)",
                                                    crumbs: [(c.t("nav_countries"), CountriesPage.path), country], text: city.text,
                                                    about: OpenData.compact([
                                                        "@type": "Place", "name": city.title, "description": city.summary,
                                                        "geo": city.coordinates.map { ["@type": "GeoCoordinates", "latitude": $0.latitude, "longitude": $0.longitude] },
                                                        "containedInPlace": ["@type": "Country", "name": country.label],
                                                    ])),
                     view: view)
    }
}
