import Foundation
import Yams

/// The SDG titles in one language: goals (short name and title), targets and indicators, by code,
/// as `citysdg import translations` writes them into a theme (`i18n/catalogue/<lang>.yml`), with
/// where they came from. A title the file lacks stays in the catalogue's own language.
public struct CatalogueTranslation: Sendable, Hashable {
    public var goals: [GoalNumber: (short: String?, title: String?)] = [:]
    public var targets: [TargetCode: String] = [:]
    public var indicators: [IndicatorCode: String] = [:]
    /// Who made the translation and under which licence, shown on the site.
    public var attribution: String?
    public var licence: String?
    var fingerprint = Fingerprint("")

    public init() {}

    public static func == (a: Self, b: Self) -> Bool { a.fingerprint == b.fingerprint }
    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint.hex) }

    static func load(_ url: URL, shown: String, _ d: inout Diagnostics) -> CatalogueTranslation? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            d.error(SourceLocation(file: shown), "the file cannot be read")
            return nil
        }
        do {
            let text = try SourceText.decode(data, file: shown)
            guard let root = try Yams.load(yaml: text) as? [String: Any] else {
                d.error(SourceLocation(file: shown), "a catalogue translation holds `goals:`, `targets:` and `indicators:`")
                return nil
            }
            var translation = CatalogueTranslation()
            translation.fingerprint = Fingerprint(text)
            translation.attribution = root["attribution"].map { "\($0)" }
            translation.licence = root["licence"].map { "\($0)" }
            for (key, value) in root["goals"] as? [AnyHashable: Any] ?? [:] {
                guard let number = Int("\(key)").map(GoalNumber.init), let fields = value as? [String: Any] else {
                    d.error(SourceLocation(file: shown), "`goals:` has an entry `\(key)` that is not a goal number with `short:` and `title:`")
                    continue
                }
                translation.goals[number] = (fields["short"].map { "\($0)" }, fields["title"].map { "\($0)" })
            }
            for (key, value) in root["targets"] as? [AnyHashable: Any] ?? [:] {
                guard let code = TargetCode(text: "\(key)") else {
                    d.error(SourceLocation(file: shown), "`targets:` has an entry `\(key)` that is not a target code"); continue
                }
                translation.targets[code] = "\(value)"
            }
            for (key, value) in root["indicators"] as? [AnyHashable: Any] ?? [:] {
                guard let code = IndicatorCode(text: "\(key)") else {
                    d.error(SourceLocation(file: shown), "`indicators:` has an entry `\(key)` that is not an indicator code"); continue
                }
                translation.indicators[code] = "\(value)"
            }
            return translation
        } catch {
            d.error(SourceLocation(file: shown), "the catalogue translation does not parse: \(error)")
            return nil
        }
    }

    /// How much of `catalogue` this translates: goals, targets and indicators translated out of all.
    public func coverage(of catalogue: Catalogue) -> (goals: (Int, Int), targets: (Int, Int), indicators: (Int, Int)) {
        let targets = catalogue.targets
        let indicators = targets.flatMap(\.indicators)
        return ((catalogue.goals.filter { goals[$0.number]?.title != nil }.count, catalogue.goals.count),
                (targets.filter { self.targets[$0.code] != nil }.count, targets.count),
                (indicators.filter { self.indicators[$0.code] != nil }.count, indicators.count))
    }
}

extension Catalogue {
    /// The same catalogue with the titles `translation` has in place of its own.
    func translated(_ translation: CatalogueTranslation?) -> Catalogue {
        guard let translation else { return self }
        let goals = self.goals.map { goal -> Goal in
            var goal = goal
            if let names = translation.goals[goal.number] {
                goal.short = names.short ?? goal.short
                goal.title = names.title ?? goal.title
            }
            goal.targets = goal.targets.map { target in
                var target = target
                target.title = translation.targets[target.code] ?? target.title
                target.indicators = target.indicators.map { indicator in
                    var indicator = indicator
                    indicator.title = translation.indicators[indicator.code] ?? indicator.title
                    return indicator
                }
                return target
            }
            return goal
        }
        return Catalogue(framework: framework, goals: goals)
    }
}
