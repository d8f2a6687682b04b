import Foundation

/// An SVG chart of one or more series, drawn by the build: a line for three years or more, bars
/// otherwise, with the value axis labelled in the page's numbers and its unit, and a title and
/// description for screen readers (the table beside it holds the same numbers).
enum SeriesChart {
    struct Line {
        var label: String
        var points: [Mark]
        /// The language of `label` where it is not the page's (a series' title, a place's Latin name).
        var lang: String? = nil
    }

    static let width = 480.0, height = 280.0
    static let left = 58.0, right = 22.0, top = 30.0, bottom = 38.0

    /// Round steps for the value axis: 1, 2 or 5 times a power of ten.
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        let span = max(high - low, abs(high) * 0.1, 1e-9)
        let raw = span / Double(count)
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
        let first = floor(low / step) * step
        var values: [Double] = []
        var v = first
        while v <= high + step * 0.999 && values.count < 12 {
            values.append((v / step).rounded() * step)
            v += step
        }
        return values
    }

    /// `titleLang`, `unitLang`: the language of the title and of the unit where it is not the page's.
    static func make(id: String, title: String, description: String, unit: String, lines: [Line], aim: Mark? = nil,
                     titleLang: String? = nil, unitLang: String? = nil,
                     number: (Double) -> String, year: (Int) -> String) -> ChartView {
        let all = lines.flatMap(\.points) + (aim.map { [$0] } ?? [])
        let years = Array(Set(lines.flatMap(\.points).map(\.year) + (aim.map { [$0.year] } ?? []))).sorted()
        let values = all.map(\.value)
        let low = min(0, values.min() ?? 0), high = max(values.max() ?? 1, low + 1e-9)
        let yTicks = ticks(low, high)
        let yMin = yTicks.first ?? low, yMax = max(yTicks.last ?? high, yMin + 1e-9)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - yMin) / (yMax - yMin)) }
        let asBars = Set(lines.flatMap(\.points).map(\.year)).count < 3
        let firstYear = years.first ?? 0, lastYear = years.last ?? 0
        let slot = plotWidth / Double(max(years.count, 1))
        func x(_ year: Int) -> Double {
            if asBars { return left + slot * (Double(years.firstIndex(of: year) ?? 0) + 0.5) }
            return lastYear == firstYear ? left + plotWidth / 2 : left + plotWidth * Double(year - firstYear) / Double(lastYear - firstYear)
        }
        let shownYears: [Int] = asBars ? years : {
            let span = lastYear - firstYear
            let step = span < 10 ? 1 : span <= 20 ? 2 : 5
            return (firstYear...max(firstYear, lastYear)).filter { ($0 - firstYear) % step == 0 }
        }()
        let chartLines = lines.enumerated().map { i, line -> ChartLine in
            let sorted = line.points.sorted { $0.year < $1.year }
            // Eight colours; past them, the same colours dashed, so no two lines look alike up to sixteen.
            let cssClass = "series-\(i % 8 + 1)" + (i / 8 % 2 == 1 ? " dashed" : "")
            let barWidth = slot * 0.8 / Double(max(lines.count, 1))
            return ChartLine(
                label: line.label, labelLang: line.lang, cssClass: cssClass,
                points: asBars ? nil : sorted.map { Format.fixed(x($0.year)) + "," + Format.fixed(y($0.value)) }.joined(separator: " "),
                dots: asBars ? [] : sorted.map { ChartDot(x: Format.fixed(x($0.year)), y: Format.fixed(y($0.value)), label: "\(line.label): \(year($0.year)), \(number($0.value))") },
                bars: asBars ? sorted.map { p in
                    let top = y(max(p.value, 0)), base = y(min(p.value, 0))
                    return ChartBar(x: Format.fixed(x(p.year) - slot * 0.4 + barWidth * Double(i)), y: Format.fixed(top), width: Format.fixed(barWidth),
                                    height: Format.fixed(max(base - top, 1)), label: "\(line.label): \(year(p.year)), \(number(p.value))")
                } : [])
        }
        return ChartView(
            id: id, title: title, titleLang: titleLang, description: description, width: Int(width), height: Int(height),
            unit: unit, unitLang: unitLang, unitX: Format.fixed(left), unitY: Format.fixed(top - 12),
            plotLeft: Format.fixed(left), plotRight: Format.fixed(width - right), axisY: Format.fixed(y(max(yMin, 0))),
            yTicks: yTicks.map { ChartTick(label: number($0), x: Format.fixed(left - 8), y: Format.fixed(y($0)), textY: Format.fixed(y($0) + 5)) },
            xTicks: shownYears.map { ChartTick(label: year($0), x: Format.fixed(x($0)), y: Format.fixed(height - bottom), textY: Format.fixed(height - bottom + 20)) },
            lines: chartLines, hasLegend: lines.count > 1,
            aim: aim.map { ChartDot(x: Format.fixed(x($0.year)), y: Format.fixed(y($0.value)), label: number($0.value)) })
    }
}

struct ChartView {
    var id: String
    var title: String
    /// The language of the title and of the unit where it is not the page's (they come from a data file).
    var titleLang: String?
    var description: String
    var width: Int
    var height: Int
    var unit: String
    var unitLang: String?
    var unitX: String
    var unitY: String
    var plotLeft: String
    var plotRight: String
    var axisY: String
    var yTicks: [ChartTick]
    var xTicks: [ChartTick]
    var lines: [ChartLine]
    var hasLegend: Bool
    var aim: ChartDot?
}
struct ChartTick { var label: String; var x: String; var y: String; var textY: String }
struct ChartLine { var label: String; var labelLang: String?; var cssClass: String; var points: String?; var dots: [ChartDot]; var bars: [ChartBar] }
struct ChartDot { var x: String; var y: String; var label: String }
struct ChartBar { var x: String; var y: String; var width: String; var height: String; var label: String }
