import Foundation

/// One indicator's figures for one place (a city, or a country's national series), from
/// `data/<place>/<indicator>.csv` and the sidecar `.yml` beside it that says what they measure and
/// where they come from. It never changes once read, so the site's indexes share one copy.
public final class Series: Sendable, Hashable {
    /// The folder it is in: a city's slug, or a country's code in lower case.
    public let place: String
    public let indicator: Located<IndicatorCode>
    /// `data/<place>/<indicator>.csv` inside the content folder, and as the editor sees it.
    public let path: String
    public let displayPath: String
    public let unit: String
    /// What the series measures when it is narrower than the indicator.
    public let title: String?
    public let notes: String?
    /// Which way the figures should go (`increase` or `decrease`), when the sidecar says.
    public let direction: Direction?
    public let sources: [Source]
    /// The disaggregation columns (`Sex`, `Area`, …) in the order of the header.
    public let dimensions: [String]
    /// Every value, in the file's order.
    public let points: [Point]
    /// The CSV and its sidecar, as written.
    public let fingerprint: Fingerprint

    public init(place: String, indicator: Located<IndicatorCode>, path: String, displayPath: String, unit: String, title: String?,
                notes: String?, direction: Direction?, sources: [Source], dimensions: [String], points: [Point], fingerprint: Fingerprint) {
        self.place = place
        self.indicator = indicator
        self.path = path
        self.displayPath = displayPath
        self.unit = unit
        self.title = title
        self.notes = notes
        self.direction = direction
        self.sources = sources
        self.dimensions = dimensions
        self.points = points
        self.fingerprint = fingerprint
    }

    /// Two series are the same when they are read from the same bytes at the same path.
    public static func == (a: Series, b: Series) -> Bool {
        a === b || (a.path == b.path && a.displayPath == b.displayPath && a.fingerprint == b.fingerprint)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(fingerprint)
    }

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
