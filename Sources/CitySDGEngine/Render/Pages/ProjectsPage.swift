/// Every model project, as cards.
enum ProjectsPage {
    static let path = "projects/index.html"

    static let kind = PageKind<Void>(name: "projects", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let projects = c.read.projects(.projects)
        return .page(template: "projects", meta: c.meta(title: c.t("projects_title"), description: c.t("projects_description")),
                     view: ProjectsView(projects: projects.map(c.projectCard), count: projects.count))
    }
}
