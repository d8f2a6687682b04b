import Foundation

/// The render stage for one route: the bytes of the output file, and the problems found on the way.
struct PageRenderer {
    let site: Site
    let theme: Theme
    let outputs: Set<String>

    struct Rendered: Sendable {
        var bytes: Data
        var diagnostics: Diagnostics
        var links: [BuildState.StoredLink]
    }

    func render(_ route: Route) -> Rendered {
        var b = ViewBuilder(site: site, theme: theme, route: route, outputs: outputs)
        let bytes: Data
        switch route {
        case .sitemap: bytes = Data(sitemap().utf8)
        case .robots: bytes = Data(robots().utf8)
        case .goalStyles: bytes = Data(goalStyles().utf8)
        case .asset(let name): bytes = theme.assets[name] ?? Data()
        default:
            let (template, meta, view) = page(route, &b)
            let envelope = Envelope(page: meta, t: theme.strings, view: view)
            bytes = Data(theme.render(envelope, template: template).utf8)
        }
        return Rendered(bytes: bytes, diagnostics: b.diagnostics, links: b.links)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func page(_ route: Route, _ b: inout ViewBuilder) -> (String, PageMeta, Any) {
        switch route {
        case .home:
            let stats = [
                Stat(value: Format.grouped(site.cities.count), label: b.t("stat_cities"), href: b.link.href(.cities)),
                Stat(value: Format.grouped(site.countries.count), label: b.t("stat_countries"), href: b.link.href(.countries)),
                Stat(value: Format.grouped(site.projects.count), label: b.t("stat_projects"), href: b.link.href(.projects)),
                Stat(value: Format.grouped(site.cities.reduce(0) { $0 + $1.expectations.count }), label: b.t("stat_expectations"), href: b.link.href(.goals)),
            ]
            let latest = site.projects.sorted {
                ($0.updated ?? $0.start ?? PartialDate(text: "1900")!, $1.title) > ($1.updated ?? $1.start ?? PartialDate(text: "1900")!, $0.title)
            }.prefix(6).map(b.projectCard)
            let view = HomeView(
                tagline: site.config.tagline, description: site.config.description, stats: stats,
                goals: site.catalogue.goals.map { b.tile($0, count: site.citiesByPriority[$0.number]?.count ?? 0) },
                map: b.map(site.cities), latest: Array(latest), hasLatest: !latest.isEmpty)
            return ("home", b.meta(title: site.config.title, description: site.config.description, kind: "home"), view)

        case .goals:
            let view = GoalsView(goals: site.catalogue.goals.map { b.tile($0, count: site.citiesByPriority[$0.number]?.count ?? 0) },
                                 framework: site.catalogue.framework)
            return ("goals", b.meta(title: b.t("goals_title"), description: b.t("goals_description"), kind: "goals"), view)

        case .goal(let number):
            let goal = site.catalogue.goal(number)!
            let cities = site.citiesByPriority[number] ?? []
            let projects = site.projectsByGoal[number] ?? []
            let view = GoalView(goal: b.tile(goal), targets: goal.targets.map(b.targetRow),
                                cities: cities.map(b.cityCard), hasCities: !cities.isEmpty,
                                projects: projects.map(b.projectCard), hasProjects: !projects.isEmpty)
            return ("goal", b.meta(title: "\(b.t("goal")) \(number): \(goal.short)", description: goal.title,
                                   crumbs: [(b.t("nav_goals"), .goals)], kind: "goal"), view)

        case .target(let code):
            let target = site.catalogue.target(code)!
            let goal = site.catalogue.goal(code.goal)!
            let rows = (site.expectationsByTarget[code] ?? []).map { b.expectationRow($0.expectation, city: $0.city) }
            let projects = site.projectsByTarget[code] ?? []
            let all = goal.targets
            let index = all.firstIndex { $0.code == code }!
            func targetLink(_ t: Catalogue.Target) -> TargetLink {
                TargetLink(code: t.code.description, href: b.link.href(.target(t.code)), title: t.title)
            }
            let view = TargetView(
                goal: b.tile(goal), code: code.description, title: target.title, isNational: target.isNational,
                indicators: target.indicators.map { IndicatorRow(code: $0.code.description, title: $0.title) },
                hasIndicators: !target.indicators.isEmpty, expectations: rows, hasExpectations: !rows.isEmpty,
                projects: projects.map(b.projectCard), hasProjects: !projects.isEmpty,
                previous: index > 0 ? targetLink(all[index - 1]) : nil,
                next: index + 1 < all.count ? targetLink(all[index + 1]) : nil)
            return ("target", b.meta(title: "\(b.t("target")) \(code)", description: target.title,
                                     crumbs: [(b.t("nav_goals"), .goals), ("\(b.t("goal")) \(goal.number)", .goal(goal.number))],
                                     kind: "target"), view)

        case .countries:
            let rows = site.countries.map { c in
                CountryRow(name: c.name, code: c.code.value, href: b.link.href(.country(c.code)), summary: c.summary,
                           cityCount: site.citiesByCountry[c.code]?.count ?? 0,
                           projectCount: (site.citiesByCountry[c.code] ?? []).reduce(0) { $0 + (site.projectsByCity[$1.slug]?.count ?? 0) },
                           memberSince: c.memberSince?.readable)
            }
            return ("countries", b.meta(title: b.t("countries_title"), description: b.t("countries_description"), kind: "countries"),
                    CountriesView(countries: rows))

        case .country(let code):
            let country = site.countryByCode[code]!
            let cities = site.citiesByCountry[code] ?? []
            let projects = cities.flatMap { site.projectsByCity[$0.slug] ?? [] }.sorted { $0.title < $1.title }
            var counts: [GoalNumber: Int] = [:]
            for city in cities { for goal in Set(city.prioritySDGs.map(\.value)) { counts[goal, default: 0] += 1 } }
            let priorities = counts.keys.sorted().compactMap { n in site.catalogue.goal(n).map { b.tile($0, count: counts[n]) } }
            let view = CountryView(
                name: country.name, code: code.value, summary: country.summary, memberSince: country.memberSince?.readable,
                bodyHTML: b.bodyHTML(country.document), cities: cities.map(b.cityCard), hasCities: !cities.isEmpty,
                priorities: priorities, hasPriorities: !priorities.isEmpty, projects: projects.map(b.projectCard),
                hasProjects: !projects.isEmpty, sources: b.sources(country.sources), hasSources: !country.sources.isEmpty,
                map: b.map(cities))
            return ("country", b.meta(title: country.name, description: country.summary, crumbs: [(b.t("nav_countries"), .countries)],
                                      kind: "country"), view)

        case .cities:
            return ("cities", b.meta(title: b.t("cities_title"), description: b.t("cities_description"), kind: "cities"),
                    CitiesView(cities: site.cities.map(b.cityCard), map: b.map(site.cities), count: site.cities.count))

        case .city(let slug):
            let city = site.cityBySlug[slug]!
            var facts: [Fact] = [Fact(label: b.t("country"), value: b.countryName(city.country.value),
                                      href: b.link.href(.country(city.country.value)))]
            if let p = city.population {
                var value = Format.grouped(p.value)
                if let year = p.year { value += " (\(year))" }
                if let source = p.source { value += " [\(source)]" }
                if let note = p.note { value += " — \(note)" }
                facts.append(Fact(label: b.t("population"), value: value, href: nil))
            } else {
                facts.append(Fact(label: b.t("population"), value: b.t("unknown"), href: nil))
            }
            if let at = city.coordinates {
                facts.append(Fact(label: b.t("coordinates"), value: "\(Format.fixed(at.latitude, 3)), \(Format.fixed(at.longitude, 3))", href: nil))
            }
            let byGoal = Dictionary(grouping: city.expectations, by: { $0.target.value.goal })
            let groups = byGoal.keys.sorted().compactMap { number -> ExpectationGroup? in
                guard let goal = site.catalogue.goal(number) else { return nil }
                let rows = byGoal[number]!.sorted { $0.target.value < $1.target.value }.map { b.expectationRow($0, city: city) }
                return ExpectationGroup(goal: b.tile(goal), expectations: rows)
            }
            let projects = site.projectsByCity[slug] ?? []
            let goals = b.tiles(city.prioritySDGs.map(\.value))
            let programmes = city.programmes.compactMap { site.programmeBySlug[$0.value] }
                .map { LinkItem(label: $0.title, href: b.link.href(.programme($0.slug))) }
            let view = CityView(
                title: city.title, country: b.countryName(city.country.value), countryHref: b.link.href(.country(city.country.value)),
                summary: city.summary, facts: facts, programmes: programmes, hasProgrammes: !programmes.isEmpty,
                goals: goals, hasGoals: !goals.isEmpty, priorityNote: city.priorityNote, prioritySource: city.prioritySource,
                groups: groups, hasExpectations: !groups.isEmpty, projects: projects.map(b.projectCard), hasProjects: !projects.isEmpty,
                bodyHTML: b.bodyHTML(city.document), sources: b.sources(city.sources), hasSources: !city.sources.isEmpty,
                updated: city.updated?.readable)
            return ("city", b.meta(title: city.title, description: city.summary ?? "\(city.title), \(b.countryName(city.country.value))",
                                   crumbs: [(b.t("nav_countries"), .countries), (b.countryName(city.country.value), .country(city.country.value))],
                                   kind: "city"), view)

        case .projects:
            return ("projects", b.meta(title: b.t("projects_title"), description: b.t("projects_description"), kind: "projects"),
                    ProjectsView(projects: site.projects.map(b.projectCard), count: site.projects.count))

        case .project(let slug):
            let project = site.projectBySlug[slug]!
            let city = site.cityBySlug[project.city.value]!
            let view = ProjectView(card: b.projectCard(project), bodyHTML: b.bodyHTML(project.document),
                                   sources: b.sources(project.sources), hasSources: !project.sources.isEmpty,
                                   updated: project.updated?.readable)
            return ("project", b.meta(title: project.title, description: project.summary,
                                      crumbs: [(b.t("nav_projects"), .projects), (city.title, .city(city.slug))], kind: "project"), view)

        case .programmes:
            let rows = site.programmes.map { p in
                ProgrammeRow(title: p.title, shortName: p.shortName, href: b.link.href(.programme(p.slug)), summary: p.summary,
                             period: Format.period(p.start, p.end), cityCount: site.citiesByProgramme[p.slug]?.count ?? 0)
            }
            return ("programmes", b.meta(title: b.t("programmes_title"), description: b.t("programmes_description"), kind: "programmes"),
                    ProgrammesView(programmes: rows))

        case .programme(let slug):
            let p = site.programmeBySlug[slug]!
            var facts: [Fact] = []
            if let period = Format.period(p.start, p.end) { facts.append(Fact(label: b.t("period"), value: period, href: nil)) }
            if !p.funders.isEmpty { facts.append(Fact(label: b.t("funders"), value: p.funders.joined(separator: ", "), href: nil)) }
            if !p.implementers.isEmpty { facts.append(Fact(label: b.t("implementers"), value: p.implementers.joined(separator: ", "), href: nil)) }
            if let website = p.website { facts.append(Fact(label: b.t("website"), value: website, href: website)) }
            let cities = site.citiesByProgramme[slug] ?? []
            let projects = site.projectsByProgramme[slug] ?? []
            let goals = b.tiles(p.focusGoals.map(\.value))
            let view = ProgrammeView(
                title: p.title, shortName: p.shortName, summary: p.summary, facts: facts, focusAreas: p.focusAreas,
                hasFocusAreas: !p.focusAreas.isEmpty, goals: goals, hasGoals: !goals.isEmpty, bodyHTML: b.bodyHTML(p.document),
                cities: cities.map(b.cityCard), hasCities: !cities.isEmpty, projects: projects.map(b.projectCard),
                hasProjects: !projects.isEmpty, sources: b.sources(p.sources), hasSources: !p.sources.isEmpty, map: b.map(cities))
            return ("programme", b.meta(title: p.title, description: p.summary, crumbs: [(b.t("nav_programmes"), .programmes)],
                                        kind: "programme"), view)

        case .page(let slug):
            let page = site.pageBySlug[slug]!
            return ("page", b.meta(title: page.title, description: page.summary, kind: "page"),
                    TextPageView(summary: page.summary, bodyHTML: b.bodyHTML(page.document)))

        case .report:
            let sections = site.catalogue.goals.compactMap { goal -> ReportSection? in
                guard let projects = site.projectsByGoal[goal.number], !projects.isEmpty else { return nil }
                return ReportSection(goal: b.tile(goal), projects: projects.map(b.projectCard))
            }
            let view = ReportView(sections: sections, hasSections: !sections.isEmpty, projectCount: site.projects.count,
                                  cityCount: Set(site.projects.map(\.city.value)).count)
            return ("report", b.meta(title: b.t("report_title"), description: b.t("report_description"), kind: "report"), view)

        default: // .notFound; the other routes are not pages
            return ("404", b.meta(title: b.t("not_found_title"), description: nil, kind: "not-found"), TextPageView(summary: nil, bodyHTML: nil))
        }
    }

    // MARK: files that are not pages

    private func sitemap() -> String {
        let base = site.config.baseURL.hasSuffix("/") ? site.config.baseURL : site.config.baseURL + "/"
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for route in Planner.routes(for: site, assets: []) where route.isListedPage {
            xml += "  <url><loc>\(xmlEscape(base + route.prettyPath))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    private func robots() -> String {
        let base = site.config.baseURL.hasSuffix("/") ? site.config.baseURL : site.config.baseURL + "/"
        return "User-agent: *\nAllow: /\n" + (site.config.baseURL.isEmpty ? "" : "Sitemap: \(base)sitemap.xml\n")
    }

    /// One class per goal with its official colour and a text colour that reads on it (WCAG AA).
    private func goalStyles() -> String {
        var css = "/* Generated from the SDG catalogue: official goal colours, text colour chosen for contrast. */\n"
        for goal in site.catalogue.goals {
            let text = Colour.text(on: goal.colour)
            css += ".goal-\(goal.number){--goal:\(goal.colour);--goal-text:\(text);background:\(goal.colour);color:\(text)}\n"
            css += ".goal-line-\(goal.number){border-color:\(goal.colour)}\n"
        }
        return css
    }

    private func xmlEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
