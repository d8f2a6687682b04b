/// Every goal of the catalogue, with how many cities made each a priority.
enum GoalsPage {
    static let path = "goals/index.html"

    static let kind = PageKind<Void>(name: "goals", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let catalogue = c.read.catalogue
        let view = GoalsView(goals: catalogue.goals.map(c.priorityTile), framework: catalogue.framework, frameworkLang: c.read.language == "en" ? nil : "en")
        return .page(template: "goals", meta: c.meta(title: c.t("goals_title"), description: c.t("goals_description")),
                     view: view)
    }
}
