import Foundation

/// How far a series has come towards its aim, the way Open SDG measures progress (sdg-build's
/// `ProgressMeasure`, after Statistics Canada and Eurostat): the compound annual growth rate
/// (CAGR) observed from the base year to the latest year, against the rate needed to reach the
/// aim on time (their ratio: 95 % or more is substantial progress, 60 % moderate, 0 limited,
/// below 0 deterioration); without an aim, the observed rate in the desirable direction against
/// fixed rates (1.5 % a year or more substantial, 0.5 % moderate, 0 limited, below deterioration).
public enum ProgressStatus: String, Sendable, CaseIterable {
    case targetAchieved = "target_achieved"
    case substantial = "substantial_progress"
    case moderate = "moderate_progress"
    case limited = "limited_progress"
    case deterioration
    case notEnoughData = "not_enough_data"
}

public struct Progress: Sendable, Equatable {
    public var status: ProgressStatus
    /// The base and latest years and values it compares (nil when there is not enough data).
    public var base: Mark?
    public var latest: Mark?
    /// The observed CAGR (in the desirable direction when there is no aim), the rate needed, and their ratio.
    public var observed: Double?
    public var required: Double?
    public var ratio: Double?

    /// Open SDG's defaults: the base year is 2015 (or the first year after it with data); the aim year 2030.
    public static let baseYear = 2015
    public static let thresholdsWithAim = (high: 0.95, medium: 0.6, low: 0.0)
    public static let thresholdsWithoutAim = (high: 0.015, medium: 0.005, low: 0.0)

    static let notEnough = Progress(status: .notEnoughData)

    init(status: ProgressStatus, base: Mark? = nil, latest: Mark? = nil, observed: Double? = nil, required: Double? = nil, ratio: Double? = nil) {
        self.status = status
        self.base = base
        self.latest = latest
        self.observed = observed
        self.required = required
        self.ratio = ratio
    }

    static func cagr(from start: Double, to end: Double, years: Double) -> Double {
        pow(end / start, 1 / years) - 1
    }

    /// The status of the headline values `points` (year, value), from the expectation's `baseline`
    /// (its year and value replace the data's base) towards its `aim`; `direction` is the series'
    /// own, used when no aim says which way is better.
    public static func measure(_ points: [Mark], baseline: Mark? = nil, aim: Mark? = nil, direction: Series.Direction? = nil) -> Progress {
        let data = points.sorted { $0.year < $1.year }
        guard let latest = data.last else { return .notEnough }
        // The base: the stated baseline, or the base year's value (or the first after it).
        let base: Mark
        if let baseline {
            base = baseline
        } else if let found = data.first(where: { $0.year >= baseYear }) {
            base = found
        } else {
            return .notEnough
        }
        guard latest.year - base.year >= 1, base.value > 0, latest.value > 0 else {
            return Progress(status: .notEnoughData, base: base, latest: latest)
        }
        let years = Double(latest.year - base.year)
        let observed = cagr(from: base.value, to: latest.value, years: years)
        guard let aim else {
            guard let direction else { return Progress(status: .notEnoughData, base: base, latest: latest, observed: observed) }
            let growth = direction == .increase ? observed : -observed
            let t = thresholdsWithoutAim
            let status: ProgressStatus = growth >= t.high ? .substantial : growth >= t.medium ? .moderate : growth >= t.low ? .limited : .deterioration
            return Progress(status: status, base: base, latest: latest, observed: growth)
        }
        // Which way is better: from the base towards the aim (the series' own when they are equal).
        let increase = aim.value == base.value ? direction != .decrease : aim.value > base.value
        if increase ? latest.value >= aim.value : latest.value <= aim.value {
            return Progress(status: .targetAchieved, base: base, latest: latest, observed: observed)
        }
        guard aim.year > base.year else { return Progress(status: .notEnoughData, base: base, latest: latest, observed: observed) }
        let target = aim.value == 0 ? 0.001 : aim.value // as sdg-build does, so the rate is defined
        let required = cagr(from: base.value, to: target, years: Double(aim.year - base.year))
        let sign = increase ? 1.0 : -1.0
        let ratio = required == 0 ? (sign * observed >= 0 ? 0 : -1) : sign * observed / abs(required)
        let t = thresholdsWithAim
        let status: ProgressStatus = ratio >= t.high ? .substantial : ratio >= t.medium ? .moderate : ratio >= t.low ? .limited : .deterioration
        return Progress(status: status, base: base, latest: latest, observed: observed, required: required, ratio: ratio)
    }
}
