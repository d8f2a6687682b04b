/// What the content holds, counted when the site is built: how many cities have a project, priority goals a
/// source states, goals a review covers, local expectations in their own words, priority targets a
/// source lists with no local wording (not counted as expectations); how many projects a source calls
/// model projects, and how their goals and targets are known. The home page and any page with
/// `coverage: true` (the about page) show it, so what the site says about itself cannot run ahead
/// of its data. Only the sizes of listings are read (each recorded as a size), so a page that
/// shows it is made again when a count changes, not when an item's words do.
struct CoverageView {
    var cities: String
    var cityRows: [CoverageRow]
    var projects: String
    var projectRows: [CoverageRow]
}

struct CoverageRow { var value: String; var label: String }

extension PageContext {
    func coverage() -> CoverageView {
        func row(_ listing: Listing, _ key: String) -> CoverageRow {
            let count = read.count(listing)
            return CoverageRow(value: number(count), label: t(key, count: count))
        }
        return CoverageView(
            cities: counted(read.count(.cities), "cities_count"),
            cityRows: [row(.citiesWithProjects, "coverage_with_projects"), row(.citiesWithStatedGoals, "coverage_stated_goals"), row(.citiesWithReviewedGoals, "coverage_reviewed_goals"),
                       row(.citiesWithExpectations, "coverage_expectations"), row(.citiesWithUnwordedTargets, "coverage_unworded_targets")],
            projects: counted(read.count(.projects), "projects_count"),
            projectRows: [row(.modelProjects, "coverage_model"), row(.projectsWithStatedTargets, "coverage_stated_targets"),
                          row(.projectsWithInterpretedTargets, "coverage_interpreted_targets"), row(.projectsWithGoalsOnly, "coverage_goals_only"),
                          row(.projectsWithoutGoal, "coverage_unlinked")])
    }
}
