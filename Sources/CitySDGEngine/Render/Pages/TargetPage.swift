/// One target: the official text and indicators, every city's expectation for it side by side,
/// and the projects that serve it.
enum TargetPage {
    static func path(_ code: TargetCode) -> String { "targets/\(code.slug)/index.html" }

    static let kind = PageKind<TargetCode>(name: "target", listed: true, keys: { site, _ in site.catalogue.targets.map(\.code) },
                                           path: path) { code, c in
        let catalogue = c.read.catalogue
        let target = catalogue.target(code)!
        let goal = catalogue.goal(code.goal)!
        let rows = c.read.expectations(for: code).map { c.expectationRow($0.expectation, city: $0.city) }
        let projects = c.firstPage(.projectsServing(code))
        let all = goal.targets
        let index = all.firstIndex { $0.code == code }!
        func targetLink(_ t: Catalogue.Target) -> TargetLink {
            TargetLink(code: t.code.description, href: c.link.href(path(t.code)), title: t.title)
        }
        let view = TargetView(
            goal: c.tile(goal), code: code.description, title: target.title, isNational: target.isNational,
            indicators: target.indicators.map(c.indicatorRow), hasIndicators: !target.indicators.isEmpty,
            expectations: rows, hasExpectations: !rows.isEmpty,
            projects: projects.projects.map(c.projectCard), hasProjects: !projects.projects.isEmpty,
            previous: index > 0 ? targetLink(all[index - 1]) : nil,
            next: index + 1 < all.count ? targetLink(all[index + 1]) : nil, projectsPager: projects.pager)
        return .page(template: "target", meta: c.meta(title: "\(c.t("target")) \(code)", description: target.title,
                                                      crumbs: [(c.t("nav_goals"), GoalsPage.path),
                                                               ("\(c.t("goal")) \(goal.number)", GoalPage.path(goal.number))]), view: view)
    }
}
