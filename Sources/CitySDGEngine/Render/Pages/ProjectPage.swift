/// One project (a model project only where a source calls it one): its facts, the goals and targets it serves, its text and sources.
enum ProjectPage {
    static func path(_ slug: Slug) -> String { "projects/\(slug)/index.html" }

    static let kind = PageKind<Slug>(name: "project", listed: true, keys: { site, _ in site.projects.map(\.slug) },
                                     path: path) { slug, c in
        let project = c.read.project(slug)!
        let city = c.read.city(project.city.value)!
        let view = ProjectView(card: c.projectCardView(project), bodyHTML: c.bodyHTML(project.document),
                               sources: c.sources(project.sources), hasSources: !project.sources.isEmpty,
                               updated: project.updated.map(c.date), dataHref: c.link.href(OpenData.projectPath(slug)))
        return .page(template: "project", meta: c.meta(title: project.title, description: project.summary,
                                                       crumbs: [(c.t("nav_projects"), ProjectsPage.path), (city.title, CityPage.path(city.slug))],
                                                       lastCrumbLang: c.cityName(city).titleLang, text: project.text,
                                                       about: OpenData.compact([
                                                           "@type": "Project", "name": project.title, "description": project.summary,
                                                           "areaServed": ["@type": "City", "name": city.title],
                                                       ])), view: view)
    }
}
