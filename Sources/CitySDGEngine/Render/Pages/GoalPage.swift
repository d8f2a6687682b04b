/// One goal: its targets, the cities that made it a priority, the projects that serve it.
enum GoalPage {
    static func path(_ number: GoalNumber) -> String { "goals/\(number)/index.html" }

    static let kind = PageKind<GoalNumber>(name: "goal", listed: true, keys: { site, _ in site.catalogue.goals.map(\.number) },
                                           path: path) { number, c in
        let goal = c.read.catalogue.goal(number)!
        let cities = c.firstPage(.citiesWithPriority(number)), reviewed = c.firstPage(.citiesReviewing(number))
        let projects = c.firstPage(.projectsServingGoal(number))
        let view = GoalView(goal: c.tile(goal), targets: goal.targets.map(c.targetRow),
                            cities: cities.cities.map(c.cityCard), hasCities: !cities.cities.isEmpty,
                            projects: projects.projects.map(c.projectCard), hasProjects: !projects.projects.isEmpty,
                            reviewedCities: reviewed.cities.map(c.cityCard), hasReviewedCities: !reviewed.cities.isEmpty,
                            country: goal.country.map { c.phrase("national_goal_of", "{country}", link: LinkItem(label: c.countryName($0), href: c.link.href(CountryPage.path($0)))) },
                            sources: c.sources(goal.sources), hasSources: !goal.sources.isEmpty,
                            citiesPager: cities.pager, reviewedPager: reviewed.pager, projectsPager: projects.pager)
        return .page(template: "goal", meta: c.meta(title: "\(c.t("goal")) \(number): \(goal.short)", description: goal.title,
                                                    crumbs: [(c.t("nav_goals"), GoalsPage.path)]), view: view)
    }
}
