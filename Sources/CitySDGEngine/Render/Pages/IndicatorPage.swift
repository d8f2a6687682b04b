/// One indicator: every city (and country) that reports it, a chart with a line per place for each
/// unit they report in, a table of the same numbers, and each place's latest value and source;
/// "no data yet", with how to add some, where nobody reports it.
enum IndicatorPage {
    static func path(_ code: IndicatorCode) -> String { "indicators/\(code.slug)/index.html" }

    static let kind = PageKind<IndicatorCode>(name: "indicator", listed: true,
                                              keys: { site, _ in site.catalogue.targets.flatMap(\.indicators).map(\.code) },
                                              path: path) { code, c in
        let catalogue = c.read.catalogue
        let indicator = catalogue.indicator(code)!
        let goal = catalogue.goal(code.target.goal)!
        // A large site's page shows the first `page_size` places (by name); the data files hold every one.
        let (series, total) = c.read.series(.seriesFor(code), first: c.read.config.pageSize)
        func place(_ s: Series) -> (label: String, href: String, lang: String?) {
            if let slug = Slug(text: s.place), let city = c.read.city(slug) {
                return (city.title, c.link.href(CityPage.path(slug)), c.cityName(city).titleLang)
            }
            let country = CountryCode(text: s.place.uppercased())!
            return (c.countryName(country) + " (" + c.t("national_series") + ")", c.link.href(CountryPage.path(country)), nil)
        }
        let units = Array(Set(series.map(\.unit))).sorted()
        let groups = units.enumerated().map { i, unit -> IndicatorChart in
            let members = series.filter { $0.unit == unit }
            let lines = members.map { s in SeriesChart.Line(label: place(s).label, points: s.headline.map { Mark(year: $0.year, value: $0.value) }, lang: place(s).lang) }
            let title = "\(c.t("indicator")) \(code): \(unit)"
            return IndicatorChart(unit: unit, chart: c.chart(id: "compare-\(i + 1)", title: title, unit: unit, lines: lines),
                                  table: c.seriesTable(id: "compare-\(i + 1)", caption: title, captionLang: nil, lines: lines, unit: unit))
        }
        let rows = series.map { s -> IndicatorPlace in
            let p = place(s)
            let latest = s.headline.last
            let source = s.sources[(latest?.source ?? 1) - 1]
            return IndicatorPlace(label: p.label, href: p.href, lang: p.lang, measure: s.title,
                                  latest: latest.map { c.decimal($0.value) } ?? c.t("data_disaggregated_only"), unit: latest == nil ? nil : s.unit,
                                  year: latest.map { c.year($0.year) } ?? "",
                                  source: SeriesSource(title: source.title, url: source.url, publisher: source.publisher, date: source.date.map(c.date)),
                                  contentLang: c.contentLang)
        }
        let contribute = Slug(text: "contribute").flatMap { c.read.page($0) }.map { c.link.href(TextPage.path($0.slug), fragment: "data-files") }
        let view = IndicatorView(
            goal: c.tile(goal), code: code.description, title: indicator.title, target: code.target.description,
            targetHref: c.link.href(TargetPage.path(code.target)), charts: groups, places: rows, hasData: !series.isEmpty,
            cut: total > series.count ? c.t("indicator_cut").replacingEvery("{n}", with: c.number(series.count))
                .replacingEvery("{total}", with: c.number(total)) : nil,
            contributeHref: contribute, dataHref: series.isEmpty ? nil : c.link.href(OpenData.indicatorPath(code)),
            indicatorsHref: c.link.href(IndicatorsPage.path))
        return .page(template: "indicator", meta: c.meta(title: "\(c.t("indicator")) \(code)", description: indicator.title,
                                                         crumbs: [(c.t("nav_goals"), GoalsPage.path), ("\(c.t("goal")) \(goal.number)", GoalPage.path(goal.number)),
                                                                  ("\(c.t("target")) \(code.target)", TargetPage.path(code.target))]), view: view)
    }
}

/// `/indicators/`: the indicators some city or country reports, with how many places report each.
enum IndicatorsPage {
    static let path = "indicators/index.html"

    static let kind = PageKind<Void>(name: "indicators", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let catalogue = c.read.catalogue
        let rows = catalogue.targets.flatMap(\.indicators).compactMap { indicator -> IndicatorListRow? in
            let count = c.read.count(.seriesFor(indicator.code))
            guard count > 0 else { return nil }
            return IndicatorListRow(code: indicator.code.description, title: indicator.title, href: c.link.href(IndicatorPage.path(indicator.code)),
                                    places: c.counted(count, "places_count"))
        }
        let contribute = Slug(text: "contribute").flatMap { c.read.page($0) }.map { c.link.href(TextPage.path($0.slug), fragment: "data-files") }
        return .page(template: "indicators", meta: c.meta(title: c.t("indicators_title"), description: c.t("indicators_description")),
                     view: IndicatorsView(rows: rows, hasRows: !rows.isEmpty, contributeHref: contribute,
                                          csvHref: c.link.href(OpenData.indicatorsCSV)))
    }
}

struct IndicatorView {
    var goal: GoalTile
    var code: String
    var title: String
    var target: String
    var targetHref: String
    var charts: [IndicatorChart]
    var places: [IndicatorPlace]
    var hasData: Bool
    /// On a large site: that the page shows the first places only.
    var cut: String?
    var contributeHref: String?
    var dataHref: String?
    var indicatorsHref: String
}
struct IndicatorChart { var unit: String; var chart: ChartView; var table: SeriesTable }
/// `latest`: the value in the page's numbers, `unit` beside it; `contentLang`: the language of the
/// data file's words (measure, unit, source) on a page in another.
struct IndicatorPlace {
    var label: String; var href: String; var lang: String?; var measure: String?; var latest: String; var unit: String?; var year: String
    var source: SeriesSource; var contentLang: String?
}
struct IndicatorsView { var rows: [IndicatorListRow]; var hasRows: Bool; var contributeHref: String?; var csvHref: String }
struct IndicatorListRow { var code: String; var title: String; var href: String; var places: String }
