/// `/charts/`: the content counted, each chart an SVG drawn by the build with a table of the same
/// numbers beside it: which goals each city has (as a priority, or covered by its review), the
/// local expectations by Plan-Do-Check-Act stage, and the projects by status and by goal.
enum ChartsPage {
    static let path = "charts/index.html"
    static let barHeight = 24.0, labelWidth = 210.0, chartWidth = 640.0

    static let kind = PageKind<Void>(name: "charts", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let catalogue = c.read.catalogue
        let cities = c.read.cities(.cities)
        let projects = c.read.projects(.projects)

        // Cities × goals, for the cities that have goals recorded.
        let goals = catalogue.goals
        let cell = 24.0, left = 190.0
        // A large site shows the first `page_size` of them; the data files hold every one.
        let allWithGoals = cities.filter { !$0.prioritySDGs.isEmpty }
        let withGoals = Array(allWithGoals.prefix(c.read.config.pageSize))
        let matrixRows = withGoals.enumerated().map { i, city in
            let own = Set(city.prioritySDGs.map(\.value))
            let kind = city.priorityKind == .reviewed ? "reviewed" : "priority"
            return MatrixRow(label: city.title, href: c.link.href(CityPage.path(city.slug)), y: Format.fixed(Double(i) * cell + 30),
                             textY: Format.fixed(Double(i) * cell + 30 + cell * 0.68),
                             cells: goals.enumerated().map { j, goal in
                                 MatrixCell(x: Format.fixed(left + Double(j) * cell), cssClass: own.contains(goal.number) ? "\(kind) goal-\(goal.number)" : "none",
                                            mark: own.contains(goal.number) ? (kind == "reviewed" ? "○" : "●") : "")
                             }, lang: c.cityName(city).titleLang)
        }
        let matrix = MatrixChart(width: Int(left + Double(goals.count) * cell + 4), height: Int(Double(withGoals.count) * cell + 34),
                                 columns: goals.enumerated().map { j, goal in MatrixColumn(label: goal.number.description, x: Format.fixed(left + Double(j) * cell + cell / 2)) },
                                 rows: matrixRows, hasRows: !matrixRows.isEmpty,
                                 cut: allWithGoals.count > withGoals.count ? c.t("chart_matrix_cut").replacingEvery("{n}", with: c.number(withGoals.count))
                                     .replacingEvery("{total}", with: c.number(allWithGoals.count)) : nil)

        func bars(_ items: [(label: String, value: Int, cssClass: String)], labelWidth: Double = labelWidth) -> BarChart {
            let most = max(items.map(\.value).max() ?? 1, 1)
            let room = chartWidth - labelWidth - 60
            let rows = items.enumerated().map { i, item in
                Bar(label: item.label, value: c.number(item.value), y: Format.fixed(Double(i) * (barHeight + 6)),
                    textY: Format.fixed(Double(i) * (barHeight + 6) + barHeight * 0.7),
                    width: Format.fixed(room * Double(item.value) / Double(most)),
                    valueX: Format.fixed(labelWidth + room * Double(item.value) / Double(most) + 6), cssClass: item.cssClass)
            }
            return BarChart(width: Int(chartWidth), height: Int(Double(items.count) * (barHeight + 6)), labelWidth: Format.fixed(labelWidth - 8),
                            barX: Format.fixed(labelWidth), bars: rows)
        }
        // Counted in one pass over the expectations and one over the projects (a large site has
        // tens of thousands of each, and copying them out to count was most of this page's time).
        var perStage: [Stage?: Int] = [:], expectationCount = 0
        for city in cities {
            for expectation in city.expectations { perStage[expectation.stage, default: 0] += 1 }
            expectationCount += city.expectations.count
        }
        let stages = bars(Stage.allCases.map { stage in (c.t("stage_\(stage.rawValue)"), perStage[stage] ?? 0, "stage-\(stage.rawValue)") }
                          + [(c.t("chart_no_stage"), perStage[nil] ?? 0, "none")])
        // Each project's status counted; its goals are the site's lists of projects by goal.
        var perStatus: [ProjectStatus?: Int] = [:]
        for project in projects { perStatus[project.status, default: 0] += 1 }
        let statuses = bars(ProjectStatus.allCases.map { status in (c.t("status_\(status.rawValue)"), perStatus[status] ?? 0, "status-\(status.rawValue)") }
                            + [(c.t("chart_no_status"), perStatus[nil] ?? 0, "none")])
        var byGoal = bars(goals.map { goal in ("\(goal.number). \(goal.short)", c.read.count(.projectsServingGoal(goal.number)), "goal-\(goal.number)") }
                          + [(c.t("chart_no_goal"), c.read.count(.projectsWithoutGoal), "none")], labelWidth: 330)
        // A national goal's title is site.yml's, in the default language.
        for (i, goal) in goals.enumerated() where goal.isNational { byGoal.bars[i].lang = c.contentLang }
        return .page(template: "charts", meta: c.meta(title: c.t("charts_title"), description: c.t("charts_description")),
                     view: ChartsView(matrix: matrix, stages: stages, statuses: statuses, projectsByGoal: byGoal,
                                      expectationCount: c.counted(expectationCount, "expectations_count"), projectCount: c.counted(projects.count, "projects_count")))
    }
}

struct ChartsView {
    var matrix: MatrixChart
    var stages: BarChart
    var statuses: BarChart
    var projectsByGoal: BarChart
    var expectationCount: String
    var projectCount: String
}

struct MatrixChart { var width: Int; var height: Int; var columns: [MatrixColumn]; var rows: [MatrixRow]; var hasRows: Bool; var cut: String? }
struct MatrixColumn { var label: String; var x: String }
/// `lang`, a bar's too: the label's language where it is not the page's (a city's Latin name, a national goal's title).
struct MatrixRow { var label: String; var href: String; var y: String; var textY: String; var cells: [MatrixCell]; var lang: String? = nil }
struct MatrixCell { var x: String; var cssClass: String; var mark: String }
struct BarChart { var width: Int; var height: Int; var labelWidth: String; var barX: String; var bars: [Bar] }
struct Bar { var label: String; var value: String; var y: String; var textY: String; var width: String; var valueX: String; var cssClass: String; var lang: String? = nil }
