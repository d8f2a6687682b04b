/// One goal: its targets, the cities that made it a priority, the projects that serve it.
enum GoalPage {
    static func path(_ number: GoalNumber) -> String { "goals/\(number)/index.html" }

    static let kind = PageKind<GoalNumber>(name: "goal", listed: true, keys: { site, _ in site.catalogue.goals.map(\.number) },
                                           path: path) { number, c in
        let goal = c.read.catalogue.goal(number)!
        let cities = c.read.cities(.citiesWithPriority(number))
        let reviewed = c.read.cities(.citiesReviewing(number))
        let projects = c.read.projects(.projectsServingGoal(number))
        let view = GoalView(goal: c.tile(goal), targets: goal.targets.map(c.targetRow),
                            cities: cities.map(c.cityCard), hasCities: !cities.isEmpty,
                            projects: projects.map(c.projectCard), hasProjects: !projects.isEmpty,
                            reviewedCities: reviewed.map(c.cityCard), hasReviewedCities: !reviewed.isEmpty,
                            country: goal.country.map { LinkItem(label: c.countryName($0), href: c.link.href(CountryPage.path($0))) },
                            sources: c.sources(goal.sources), hasSources: !goal.sources.isEmpty)
        return .page(template: "goal", meta: c.meta(title: "\(c.t("goal")) \(number): \(goal.short)", description: goal.title,
                                                    crumbs: [(c.t("nav_goals"), GoalsPage.path)]), view: view)
    }
}
