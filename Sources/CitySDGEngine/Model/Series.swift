import Foundation

/// One indicator's figures for one place (a city, or a country's national series), from
/// `data/<place>/<indicator>.csv` and the sidecar `.yml` beside it that says what they measure and
/// where they come from.
public struct Series: Sendable, Hashable {
    /// The folder it is in: a city's slug, or a country's code in lower case.
    public var place: String
    public var indicator: Located<IndicatorCode>
    /// `data/<place>/<indicator>.csv` inside the content folder, and as the editor sees it.
    public var path: String
    public var displayPath: String
    public var unit: String
    /// What the series measures when it is narrower than the indicator.
    public var title: String?
    public var notes: String?
    /// Which way the figures should go (`increase` or `decrease`), when the sidecar says.
    public var direction: Direction?
    public var sources: [Source]
    /// The disaggregation columns (`Sex`, `Area`, …) in the order of the header.
    public var dimensions: [String]
    /// Every value, in the file's order.
    public var points: [Point]
    /// The CSV and its sidecar, as written.
    public var fingerprint: Fingerprint

    public enum Direction: String, Sendable, Hashable, CaseIterable {
        case increase, decrease
    }

    public struct Point: Sendable, Hashable {
        public var year: Int
        public var value: Double
        /// One value per dimension (empty: the total over that dimension).
        public var categories: [String]
        /// The (1-based) source it comes from.
        public var source: Int
    }

    /// The total (headline) line: the points with no disaggregation.
    public var headline: [Point] { points.filter { $0.categories.allSatisfy(\.isEmpty) }.sorted { $0.year < $1.year } }

    /// Each disaggregated line: its categories as `Sex: Female, Area: Urban`, and its points by year.
    public var breakdowns: [(label: String, points: [Point])] {
        var order: [[String]] = []
        var lines: [[String]: [Point]] = [:]
        for point in points where !point.categories.allSatisfy(\.isEmpty) {
            if lines[point.categories] == nil { order.append(point.categories) }
            lines[point.categories, default: []].append(point)
        }
        return order.map { key in
            let label = zip(dimensions, key).filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
            return (label, lines[key]!.sorted { $0.year < $1.year })
        }
    }
}

/// A figure an expectation starts from or aims at: a value in a year.
public struct Mark: Sendable, Hashable {
    public var year: Int
    public var value: Double
}
