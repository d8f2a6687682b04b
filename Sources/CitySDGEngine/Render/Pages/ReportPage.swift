/// The printable report: every model project, grouped by the goals it serves.
enum ReportPage {
    static let path = "report/index.html"

    static let kind = PageKind<Void>(name: "report", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let sections = c.read.catalogue.goals.compactMap { goal -> ReportSection? in
            let projects = c.read.projects(.projectsServingGoal(goal.number))
            guard !projects.isEmpty else { return nil }
            return ReportSection(goal: c.tile(goal), projects: projects.map(c.projectCardView))
        }
        let projects = c.read.projects(.projects)
        let unlinked = projects.filter { Site.goals(of: $0).isEmpty }.map(c.projectCardView)
        let view = ReportView(sections: sections, hasSections: !sections.isEmpty, unlinked: unlinked, hasUnlinked: !unlinked.isEmpty,
                              projectsLabel: c.counted(projects.count, "projects_count"),
                              citiesLabel: c.counted(Set(projects.map(\.city.value)).count, "cities_count"))
        return .page(template: "report", meta: c.meta(title: c.t("report_title"), description: c.t("report_description")),
                     view: view)
    }
}
