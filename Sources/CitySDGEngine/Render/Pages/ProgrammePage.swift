/// One programme: its facts, focus areas and goals, member cities and projects.
enum ProgrammePage {
    static func path(_ slug: Slug) -> String { "programmes/\(slug)/index.html" }

    static let kind = PageKind<Slug>(name: "programme", listed: true, keys: { site, _ in site.programmes.map(\.slug) },
                                     path: path) { slug, c in
        let p = c.read.programme(slug)!
        var facts: [Fact] = []
        if let period = c.period(p.start, p.end) { facts.append(Fact(label: c.t("period"), value: period, href: nil)) }
        if !p.funders.isEmpty { facts.append(Fact(label: c.t("funders"), value: c.list(p.funders), href: nil)) }
        if !p.implementers.isEmpty { facts.append(Fact(label: c.t("implementers"), value: c.list(p.implementers), href: nil)) }
        if let website = p.website { facts.append(Fact(label: c.t("website"), value: website, href: website)) }
        let cities = c.firstPage(.citiesInProgramme(slug)), projects = c.firstPage(.projectsInProgramme(slug))
        let goals = c.tiles(p.focusGoals.map(\.value))
        let view = ProgrammeView(
            title: p.title, shortName: p.shortName, summary: p.summary, facts: facts, focusAreas: p.focusAreas,
            hasFocusAreas: !p.focusAreas.isEmpty, goals: goals, hasGoals: !goals.isEmpty, bodyHTML: c.bodyHTML(p.document),
            cities: cities.cities.map(c.cityCard), hasCities: !cities.cities.isEmpty, projects: projects.projects.map(c.projectCard),
            hasProjects: !projects.projects.isEmpty, sources: c.sources(p.sources), hasSources: !p.sources.isEmpty, map: c.map(cities.cities),
            citiesPager: cities.pager, projectsPager: projects.pager, focusLang: c.contentLang)
        return .page(template: "programme", meta: c.meta(title: p.title, description: p.summary,
                                                         crumbs: [(c.t("nav_programmes"), ProgrammesPage.path)], text: p.text),
                     view: view)
    }
}
