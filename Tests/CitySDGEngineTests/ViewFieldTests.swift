import Testing
@testable import CitySDGEngine

/// Templates read view values through the field tables in ViewFields.swift; a property missing
/// there would silently render as empty. Mirror (fine in a test) lists what each type stores.
@Suite struct ViewFieldTests {
    func check<T: TemplateValue>(_ value: T) {
        let stored = Set(Mirror(reflecting: value).children.compactMap(\.label))
        #expect(stored == Set(T.fields.keys), "\(T.self): missing \(stored.subtracting(T.fields.keys))")
    }

    @Test func everyStoredPropertyIsListed() {
        let tile = GoalTile(number: "1", short: "s", title: "t", href: "h", cssClass: "c", isNational: false, count: nil)
        let card = ProjectCard(title: "t", href: "h", city: "c", cityHref: "h", country: "c", summary: nil, status: nil, statusClass: "",
                               period: nil, goals: [tile], hasGoals: true, targets: [], hasTargets: false, interpreted: false,
                               partners: nil, funding: nil, programme: nil, programmeHref: nil, textLang: nil)
        let city = CityCard(title: "t", href: "h", country: "c", countryHref: "h", summary: nil, goals: [], hasGoals: false,
                            goalsLabel: "", projectsLabel: "", expectationsLabel: "", programmes: "", textLang: nil)
        let row = ExpectationRow(target: "1.1", targetHref: "h", official: "o", text: nil, stage: nil, stageClass: "", indicator: nil,
                                 note: nil, sourceNumber: nil, paraphrased: false, city: "c", cityHref: "h", country: "c", textLang: nil)
        let map = MapView(width: 1, height: 1, shapes: [], dots: [], hasDots: false, unplaced: [], hasUnplaced: false)
        let meta = PageMeta(title: "t", heading: "h", description: "d", siteTitle: "s", lang: "en", root: "", langRoot: "", homeHref: "",
                            canonical: nil, nav: [], crumbs: [], hasCrumbs: false, licence: nil, kind: "k", alternates: [],
                            languages: [], hasLanguages: false, catalogueCredit: nil, textLang: nil, textNote: nil, jsonLD: nil)
        check(tile); check(card); check(city); check(row); check(map); check(meta)
        check(NavItem(label: "", href: "", current: false)); check(Crumb(label: "", href: ""))
        check(IndicatorRow(code: "", title: "", alsoUnder: nil)); check(SourceItem(number: 1, title: "", url: nil, publisher: nil, date: nil))
        check(TargetRow(code: "", title: "", href: "", isNational: false, indicators: [], hasIndicators: false, expectationsLabel: nil, projectsLabel: nil))
        check(TargetLink(code: "", href: "", title: "")); check(ExpectationGroup(goal: tile, expectations: []))
        check(LatinName(text: "", lang: "", source: nil))
        check(MapDot(x: "", y: "", labelX: "", labelY: "", title: "", href: "", anchor: "")); check(MapShape(d: "", cssClass: ""))
        check(Fact(label: "", value: "", href: nil)); check(Envelope(page: meta, t: [:], view: 0)); check(FragmentEnvelope(t: [:], item: 0)); check(Stat(value: "", label: "", href: ""))
        check(AlternateLink(language: "", href: "")); check(LanguageLink(language: "", label: "", href: "", current: false))
        let coverage = CoverageView(cities: "", cityRows: [], projects: "", projectRows: [])
        check(coverage); check(CoverageRow(value: "", label: ""))
        check(HomeView(tagline: nil, description: nil, stats: [], goals: [], map: map, latest: [], hasLatest: false, coverage: coverage))
        check(GoalsView(goals: [], framework: "")); check(GoalView(goal: tile, targets: [], cities: [], hasCities: false, projects: [], hasProjects: false, reviewedCities: [], hasReviewedCities: false, country: nil, sources: [], hasSources: false))
        check(TargetView(goal: tile, code: "", title: "", isNational: false, indicators: [], hasIndicators: false, expectations: [],
                         hasExpectations: false, projects: [], hasProjects: false, previous: nil, next: nil))
        check(CountryRow(name: "", code: "", href: "", summary: nil, citiesLabel: "", projectsLabel: "", memberSince: nil))
        check(CountriesView(countries: []))
        check(CountryView(name: "", code: "", summary: nil, memberSince: nil, bodyHTML: nil, cities: [], hasCities: false, priorities: [],
                          hasPriorities: false, projects: [], hasProjects: false, sources: [], hasSources: false, map: map))
        let pager = Pager(pages: [], previous: nil, next: nil, hasPages: false, label: "", previousLabel: "", nextLabel: "")
        check(CitiesView(groups: [], map: map, count: "", filters: [], pager: pager)); check(pager); check(PagerLink(label: "", href: "", current: false))
        check(ListGroup(heading: "", rows: [])); check(ListFilter(name: "", label: "", any: "", options: [])); check(FilterOption(value: "", label: ""))
        check(CityRow(title: "", href: "", country: "", countryCode: "", programmes: nil, programmeSlugs: "", goals: [], goalNumbers: "", counts: "", textLang: nil))
        check(ProjectRow(title: "", href: "", city: "", cityHref: "", countryCode: "", status: nil, statusClass: "", period: nil, programme: "", goals: [],
                         goalNumbers: "", textLang: nil)); check(LinkItem(label: "", href: ""))
        check(CityView(title: "", country: "", countryHref: "", summary: nil, facts: [], programmes: [], hasProgrammes: false, goals: [],
                       hasGoals: false, goalsHeading: "", priorityNote: nil, prioritySource: nil, groups: [], hasExpectations: false, projects: [],
                       hasProjects: false, bodyHTML: nil, sources: [], hasSources: false, updated: nil, gaps: [], hasGaps: false, dataHref: ""))
        check(ProjectsView(groups: [], count: "", filters: [], pager: pager)); check(ProjectView(card: card, bodyHTML: nil, sources: [], hasSources: false, updated: nil, dataHref: ""))
        check(ProgrammeRow(title: "", shortName: nil, href: "", summary: nil, period: nil, citiesLabel: "")); check(ProgrammesView(programmes: []))
        check(ProgrammeView(title: "", shortName: nil, summary: nil, facts: [], focusAreas: [], hasFocusAreas: false, goals: [], hasGoals: false,
                            bodyHTML: nil, cities: [], hasCities: false, projects: [], hasProjects: false, sources: [], hasSources: false, map: map))
        check(TextPageView(summary: nil, bodyHTML: nil)); check(ReportSection(goal: tile, projects: [], continued: false))
        check(ReportContentsEntry(label: "", href: ""))
        check(ReportView(sections: [], hasSections: false, contents: [], unlinked: [], hasUnlinked: false, unlinkedContinued: false,
                         projectsLabel: "", citiesLabel: "", pager: pager))
    }

    /// The indicator data's views (SeriesViewFields.swift).
    @Test func everyStoredPropertyOfTheDataViewsIsListed() {
        let tick = ChartTick(label: "", x: "", y: "", textY: ""), dot = ChartDot(x: "", y: "", label: "")
        let bar = ChartBar(x: "", y: "", width: "", height: "", label: "")
        let line = ChartLine(label: "", labelLang: nil, cssClass: "", points: nil, dots: [dot], bars: [bar])
        let chart = ChartView(id: "", title: "", titleLang: nil, description: "", width: 1, height: 1, unit: "", unitLang: nil, unitX: "", unitY: "", plotLeft: "", plotRight: "",
                              axisY: "", yTicks: [tick], xTicks: [], lines: [line], hasLegend: false, aim: nil)
        let row = SeriesTableRow(label: "", cells: []), table = SeriesTable(id: "", caption: "", captionLang: nil, columns: [SeriesColumn(label: "", labelLang: nil)], unit: "", unitLang: nil, rows: [row])
        let source = SeriesSource(title: "", url: nil, publisher: nil, date: nil), breakdown = Breakdown(label: "", chart: chart, table: table)
        check(tick); check(dot); check(bar); check(line); check(chart); check(row); check(table); check(SeriesColumn(label: "", labelLang: nil)); check(source); check(breakdown)
        check(SeriesBlock(id: "", heading: "", indicatorHref: "", measure: nil, unit: "", chart: chart, table: table, status: "", statusClass: "",
                          statusNote: nil, methodHref: nil, sources: [], notes: nil, breakdowns: [], hasBreakdowns: false, contentLang: nil))
        let tile = GoalTile(number: "1", short: "s", title: "t", href: "h", cssClass: "c", isNational: false, count: nil)
        check(IndicatorView(goal: tile, code: "", title: "", target: "", targetHref: "", charts: [], places: [], hasData: false, cut: nil,
                            contributeHref: nil, dataHref: nil, indicatorsHref: ""))
        check(IndicatorChart(unit: "", chart: chart, table: table))
        check(IndicatorPlace(label: "", href: "", lang: nil, measure: nil, latest: "", unit: nil, year: "", source: source, contentLang: nil))
        check(IndicatorsView(rows: [], hasRows: false, contributeHref: nil, csvHref: ""))
        check(IndicatorListRow(code: "", title: "", href: "", places: ""))
    }

    /// The search, translations, data and charts pages' views (PageViewFields.swift).
    @Test func everyStoredPropertyOfTheOtherPagesViewsIsListed() {
        check(SearchView(indexHref: "", shards: "", one: "", other: "", none: ""))
        let review = ReviewRow(key: "", original: "", text: "")
        let status = LanguageStatus(language: "", name: "", interface: "", missingStrings: "", hasMissingStrings: false, review: [review],
                                    reviewCount: "", hasReview: false, defaultLanguage: "", goals: "", targets: "", indicators: "",
                                    catalogueCredit: nil, content: "", translated: [], hasTranslated: false, stale: [], hasStale: false)
        check(TranslationsView(languages: [status], defaultName: "")); check(status); check(review)
        let file = DataFileRow(title: "", detail: "", href: "", format: "", schemaHref: nil)
        check(DataView(files: [file], licence: nil, feedURL: nil, citiesURL: "")); check(file)
        let cell = MatrixCell(x: "", cssClass: "", mark: ""), column = MatrixColumn(label: "", x: "")
        let matrixRow = MatrixRow(label: "", href: "", y: "", textY: "", cells: [cell])
        let matrix = MatrixChart(width: 1, height: 1, columns: [column], rows: [matrixRow], hasRows: true, cut: nil)
        let bar = Bar(label: "", value: "", y: "", textY: "", width: "", valueX: "", cssClass: "")
        let bars = BarChart(width: 1, height: 1, labelWidth: "", barX: "", bars: [bar])
        check(ChartsView(matrix: matrix, stages: bars, statuses: bars, projectsByGoal: bars, expectationCount: "", projectCount: ""))
        check(matrix); check(column); check(matrixRow); check(cell); check(bars); check(bar)
    }
}
