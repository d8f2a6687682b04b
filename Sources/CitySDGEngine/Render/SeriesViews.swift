import Foundation

/// A data file as a page shows it: a chart, the same numbers as a table, the progress status
/// towards the expectation's aim, the source and notes, and one small chart per disaggregation.
struct SeriesBlock {
    var id: String
    var heading: String
    var indicatorHref: String
    var measure: String?
    var unit: String
    var chart: ChartView
    var table: SeriesTable
    var status: String
    var statusClass: String
    var statusNote: String?
    /// The methodology page's section on the progress status, when the site has the page.
    var methodHref: String?
    var sources: [SeriesSource]
    var notes: String?
    var breakdowns: [Breakdown]
    var hasBreakdowns: Bool
    /// The language of the words from the content (title, notes) on a page in another language.
    var contentLang: String?
}
/// `captionLang`, a column's `labelLang`, `unitLang`: the language of those words where it is not the page's.
struct SeriesTable {
    var id: String
    var caption: String
    var captionLang: String?
    var columns: [SeriesColumn]
    var unit: String
    var unitLang: String?
    var rows: [SeriesTableRow]
}
struct SeriesColumn { var label: String; var labelLang: String? }
struct SeriesTableRow { var label: String; var cells: [String] }
struct SeriesSource { var title: String; var url: String?; var publisher: String?; var date: String? }
struct Breakdown { var label: String; var chart: ChartView; var table: SeriesTable }

extension PageContext {
    func decimal(_ value: Double) -> String { LocalFormat.decimal(value, read.language) }
    func year(_ value: Int) -> String { LocalFormat.year(value, read.language) }

    /// Years down, one column per line: the numbers a chart draws.
    func seriesTable(id: String, caption: String, captionLang: String?, lines: [SeriesChart.Line], unit: String) -> SeriesTable {
        let years = Array(Set(lines.flatMap(\.points).map(\.year))).sorted()
        let columns = lines.count == 1 ? [SeriesColumn(label: t("data_value"), labelLang: nil)] : lines.map { SeriesColumn(label: $0.label, labelLang: $0.lang) }
        let byLine = lines.map { Dictionary($0.points.map { ($0.year, $0.value) }, uniquingKeysWith: { a, _ in a }) }
        return SeriesTable(id: id + "-table", caption: caption, captionLang: captionLang, columns: columns, unit: unit, unitLang: contentLang, rows: years.map { y in
            SeriesTableRow(label: year(y), cells: byLine.map { $0[y].map(decimal) ?? "–" })
        })
    }

    func chart(id: String, title: String, titleLang: String? = nil, unit: String, lines: [SeriesChart.Line], aim: Mark? = nil) -> ChartView {
        let years = lines.flatMap(\.points).map(\.year)
        let description = t(years.count == 0 ? "chart_no_values" : "chart_description")
            .replacingEvery("{start}", with: years.min().map(year) ?? "")
            .replacingEvery("{end}", with: years.max().map(year) ?? "")
            .replacingEvery("{unit}", with: unit)
        return SeriesChart.make(id: id, title: title, description: description, unit: unit, lines: lines, aim: aim,
                                titleLang: titleLang, unitLang: contentLang, number: { decimal($0) }, year: { year($0) })
    }

    func percent(_ rate: Double) -> String { decimal((rate * 1000).rounded() / 10) + " %" }

    /// The progress status in the page's words, with how it was reached.
    func progressText(_ progress: Progress, aim: Mark?) -> (label: String, note: String?) {
        let label = t("progress_" + progress.status.rawValue)
        guard let base = progress.base, let latest = progress.latest, let observed = progress.observed else {
            return (label, t("progress_note_not_enough"))
        }
        func fill(_ key: String) -> String {
            t(key).replacingEvery("{start}", with: year(base.year)).replacingEvery("{end}", with: year(latest.year))
                .replacingEvery("{observed}", with: percent(observed))
                .replacingEvery("{required}", with: progress.required.map(percent) ?? "")
                .replacingEvery("{aim}", with: aim.map { decimal($0.value) } ?? "")
                .replacingEvery("{year}", with: aim.map { year($0.year) } ?? "")
        }
        switch progress.status {
        case .targetAchieved: return (label, fill("progress_note_achieved"))
        case .notEnoughData: return (label, t("progress_note_no_direction"))
        default: return (label, fill(progress.required == nil ? "progress_note_direction" : "progress_note_aim"))
        }
    }

    /// One data file as a block of a page, measured against `expectation`'s baseline and aim when it has them.
    func seriesBlock(_ series: Series, expectation: Expectation? = nil) -> SeriesBlock {
        let catalogue = read.catalogue
        let code = series.indicator.value
        let id = "data-" + code.slug
        let headline = series.headline.map { Mark(year: $0.year, value: $0.value) }
        let breakdowns = series.breakdowns
        let name = t("indicator") + " " + code.description
        // A data file's own words (its title, its disaggregations) are in the default language.
        let titleLang = series.title == nil ? nil : contentLang
        let lines: [SeriesChart.Line] = !headline.isEmpty ? [SeriesChart.Line(label: series.title ?? name, points: headline, lang: titleLang)]
            : breakdowns.prefix(8).map { SeriesChart.Line(label: $0.label, points: $0.points.map { Mark(year: $0.year, value: $0.value) }, lang: contentLang) }
        let aim = expectation?.aim
        let progress = Progress.measure(headline, baseline: expectation?.baseline, aim: aim, direction: series.direction)
        let (status, note) = progressText(progress, aim: aim)
        let title = (series.title ?? catalogue.indicator(code)?.title ?? name)
        return SeriesBlock(
            id: id, heading: "\(code) — " + (catalogue.indicator(code)?.title ?? ""), indicatorHref: link.href(IndicatorPage.path(code)),
            measure: series.title, unit: series.unit,
            chart: chart(id: id, title: title, titleLang: titleLang, unit: series.unit, lines: lines, aim: aim),
            table: seriesTable(id: id, caption: title, captionLang: titleLang, lines: lines, unit: series.unit),
            status: status, statusClass: progress.status.rawValue.replacingEvery("_", with: "-"), statusNote: note,
            methodHref: Slug(text: "methodology").flatMap { read.page($0) }.map { link.href(TextPage.path($0.slug), fragment: "progress") },
            sources: series.sources.map { SeriesSource(title: $0.title, url: $0.url, publisher: $0.publisher, date: $0.date.map(date)) },
            notes: series.notes,
            breakdowns: headline.isEmpty ? [] : breakdowns.enumerated().map { i, b in
                let line = [SeriesChart.Line(label: b.label, points: b.points.map { Mark(year: $0.year, value: $0.value) }, lang: contentLang)]
                return Breakdown(label: b.label, chart: chart(id: "\(id)-\(i + 1)", title: "\(title): \(b.label)", titleLang: contentLang, unit: series.unit, lines: line),
                                 table: seriesTable(id: "\(id)-\(i + 1)", caption: b.label, captionLang: contentLang, lines: line, unit: series.unit))
            },
            hasBreakdowns: !headline.isEmpty && !breakdowns.isEmpty, contentLang: contentLang)
    }
}
