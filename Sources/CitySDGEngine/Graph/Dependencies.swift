/// What each output is made from, as labelled fingerprints. A page's key is the fingerprint of
/// this list: it changes exactly when one of its inputs changes, or an input joins or leaves it.
///
/// A city page depends on its own file, the front matter (not the bodies) of the projects it
/// lists and of its country and programmes; a goal, target or country page on the front matter of
/// what it lists; every page on the site configuration, the navigation, the interface strings, the
/// templates it uses, and the generator's version.
struct Dependencies {
    let site: Site
    let theme: Theme
    let config: Fingerprint
    let routes: Fingerprint

    typealias Input = (label: String, fingerprint: Fingerprint)

    func key(of route: Route) -> Fingerprint {
        Fingerprint.combine(inputs(of: route).flatMap { [$0.label, $0.fingerprint.hex] })
    }

    func inputs(of route: Route) -> [Input] {
        var inputs: [Input] = [("generator", Fingerprint(generatorVersion)), ("site.yml", config)]
        switch route {
        case .sitemap: return inputs + [("routes", routes)]
        case .robots: return inputs
        case .goalStyles: return inputs
        case .asset(let name): return inputs + [("asset:\(name)", theme.assetFingerprints[name] ?? Fingerprint(""))]
        default: break
        }
        inputs.append(("strings", theme.stringsFingerprint))
        inputs += site.pages.map(frontMatter)   // the navigation lists every page
        for name in theme.templatesUsed(by: route.template).sorted() {
            inputs.append(("template:\(name)", theme.templateFingerprints[name] ?? Fingerprint("")))
        }
        switch route {
        case .home:
            inputs += site.countries.map(frontMatter) + site.programmes.map(frontMatter)
            inputs += site.cities.map(frontMatter) + site.projects.map(frontMatter)
        case .goals, .programmes:
            inputs += site.programmes.map(frontMatter) + site.cities.map(frontMatter)
        case .goal(let number):
            inputs += (site.citiesByPriority[number] ?? []).flatMap(cityCard)
            inputs += (site.projectsByGoal[number] ?? []).flatMap(projectCard)
            // each target's row counts the expectations written for it
            for target in site.catalogue.goal(number)?.targets ?? [] {
                inputs += (site.expectationsByTarget[target.code] ?? []).map { frontMatter($0.city) }
            }
        case .target(let code):
            inputs += (site.expectationsByTarget[code] ?? []).flatMap { cityCard($0.city) }
            inputs += (site.projectsByTarget[code] ?? []).flatMap(projectCard)
        case .countries:
            inputs += site.countries.map(frontMatter) + site.cities.map(frontMatter) + site.projects.map(frontMatter)
        case .country(let code):
            if let country = site.countryByCode[code] { inputs += whole(country.document) }
            let cities = site.citiesByCountry[code] ?? []
            inputs += cities.flatMap(cityCard) + cities.flatMap { site.projectsByCity[$0.slug] ?? [] }.flatMap(projectCard)
        case .cities:
            inputs += site.cities.flatMap(cityCard)
        case .city(let slug):
            if let city = site.cityBySlug[slug] {
                inputs += whole(city.document) + cityCard(city)
                inputs += (site.projectsByCity[slug] ?? []).flatMap(projectCard)
            }
        case .projects, .report:
            inputs += site.projects.flatMap(projectCard)
        case .project(let slug):
            if let project = site.projectBySlug[slug] { inputs += whole(project.document) + projectCard(project) }
        case .programme(let slug):
            if let programme = site.programmeBySlug[slug] { inputs += whole(programme.document) }
            inputs += (site.citiesByProgramme[slug] ?? []).flatMap(cityCard)
            inputs += (site.projectsByProgramme[slug] ?? []).flatMap(projectCard)
        case .page(let slug):
            if let page = site.pageBySlug[slug] { inputs += whole(page.document) }
        case .notFound, .sitemap, .robots, .goalStyles, .asset:
            break
        }
        return inputs
    }

    private func frontMatter(_ document: Document) -> Input { ("fm:" + document.path, document.frontMatterFingerprint) }
    private func frontMatter(_ c: Country) -> Input { frontMatter(c.document) }
    private func frontMatter(_ p: Programme) -> Input { frontMatter(p.document) }
    private func frontMatter(_ c: City) -> Input { frontMatter(c.document) }
    private func frontMatter(_ p: Project) -> Input { frontMatter(p.document) }
    private func frontMatter(_ p: Page) -> Input { frontMatter(p.document) }

    private func whole(_ document: Document) -> [Input] {
        [frontMatter(document), ("body:" + document.path, document.bodyFingerprint)]
    }

    /// What a city card shows: the city, its country's name, its programmes' names, how many projects it has.
    private func cityCard(_ city: City) -> [Input] {
        var inputs = [frontMatter(city)] + (site.projectsByCity[city.slug] ?? []).map { ("project-of:" + $0.document.path, Fingerprint("")) }
        if let country = site.countryByCode[city.country.value] { inputs.append(frontMatter(country)) }
        inputs += city.programmes.compactMap { site.programmeBySlug[$0.value] }.map(frontMatter)
        return inputs
    }

    /// What a project card shows: the project, its city and country, its programme.
    private func projectCard(_ project: Project) -> [Input] {
        var inputs = [frontMatter(project)]
        if let city = site.cityBySlug[project.city.value] {
            inputs.append(frontMatter(city))
            if let country = site.countryByCode[city.country.value] { inputs.append(frontMatter(country)) }
        }
        if let programme = project.programme.flatMap({ site.programmeBySlug[$0.value] }) { inputs.append(frontMatter(programme)) }
        return inputs
    }
}

extension Route {
    /// The theme template a page is rendered with (nil for files that are not pages).
    var template: String? {
        switch self {
        case .home: return "home"
        case .goals: return "goals"
        case .goal: return "goal"
        case .target: return "target"
        case .countries: return "countries"
        case .country: return "country"
        case .cities: return "cities"
        case .city: return "city"
        case .projects: return "projects"
        case .project: return "project"
        case .programmes: return "programmes"
        case .programme: return "programme"
        case .page: return "page"
        case .report: return "report"
        case .notFound: return "404"
        case .sitemap, .robots, .goalStyles, .asset: return nil
        }
    }
}
