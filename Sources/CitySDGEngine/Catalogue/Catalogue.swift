import Foundation

/// The SDG framework every site validates against: goals with their official colours, targets and
/// indicators, from the data file that ships with the generator, plus any national goals a site adds.
public struct Catalogue: Sendable {
    public struct Goal: Sendable, Hashable {
        public var number: GoalNumber
        public var short: String
        public var title: String
        public var colour: String
        public var targets: [Target]
        /// Declared by the site (a national goal such as Lao PDR's 18), not by the UN.
        public var isNational: Bool
        /// For a national goal: the country that declared it, and the documents that say so.
        public var country: CountryCode? = nil
        public var sources: [Source] = []
    }

    public struct Target: Sendable, Hashable {
        public var code: TargetCode
        public var title: String
        public var indicators: [Indicator]
        public var isNational: Bool
    }

    public struct Indicator: Sendable, Hashable {
        public var code: IndicatorCode
        public var title: String
        /// The UNSD code of the indicator itself (`C010501`): the same under every target it repeats under.
        public var unsd: String?
        /// The other targets' codes this indicator repeats under (1.5.1 is also 11.5.1 and 13.1.1).
        public var alsoUnder: [IndicatorCode] = []
    }

    /// Indicators counted once, however many targets they repeat under.
    public var uniqueIndicatorCount: Int {
        let all = goals.flatMap(\.targets).flatMap(\.indicators)
        return Set(all.map { $0.unsd ?? $0.code.description }).count
    }

    public let framework: String
    public let goals: [Goal]
    private let goalIndex: [GoalNumber: Int]
    private let targetIndex: [TargetCode: (goal: Int, target: Int)]

    public init(framework: String, goals: [Goal]) {
        self.framework = framework
        var goals = goals.sorted { $0.number < $1.number }
        var byUNSD: [String: [IndicatorCode]] = [:]
        for goal in goals { for target in goal.targets { for i in target.indicators { if let unsd = i.unsd { byUNSD[unsd, default: []].append(i.code) } } } }
        for g in goals.indices {
            for t in goals[g].targets.indices {
                for i in goals[g].targets[t].indicators.indices {
                    let indicator = goals[g].targets[t].indicators[i]
                    goals[g].targets[t].indicators[i].alsoUnder = indicator.unsd.map { byUNSD[$0]!.filter { $0 != indicator.code } } ?? []
                }
            }
        }
        self.goals = goals
        var goalIndex: [GoalNumber: Int] = [:]
        var targetIndex: [TargetCode: (goal: Int, target: Int)] = [:]
        for (g, goal) in self.goals.enumerated() {
            goalIndex[goal.number] = g
            for (t, target) in goal.targets.enumerated() { targetIndex[target.code] = (g, t) }
        }
        self.goalIndex = goalIndex
        self.targetIndex = targetIndex
    }

    public func goal(_ number: GoalNumber) -> Goal? { goalIndex[number].map { goals[$0] } }

    public func target(_ code: TargetCode) -> Target? {
        targetIndex[code].map { goals[$0.goal].targets[$0.target] }
    }

    public func indicator(_ code: IndicatorCode) -> Indicator? {
        target(code.target)?.indicators.first { $0.code == code }
    }

    public var targets: [Target] { goals.flatMap(\.targets) }

    /// "goal 11 has 11.1–11.7 and 11.a–11.c": the codes that do exist, for an error's hint.
    public func targetRange(of number: GoalNumber) -> String? {
        guard let goal = goal(number), let first = goal.targets.first else { return nil }
        var groups: [[TargetCode]] = [[first.code]]
        for target in goal.targets.dropFirst() {
            let sameKind: Bool
            switch (groups[groups.count - 1].last!.part, target.code.part) {
            case (.number, .number), (.letter, .letter): sameKind = true
            default: sameKind = false
            }
            if sameKind { groups[groups.count - 1].append(target.code) } else { groups.append([target.code]) }
        }
        let ranges = groups.map { $0.count == 1 ? "\($0[0])" : "\($0.first!)–\($0.last!)" }
        return "goal \(number) has " + ranges.joined(separator: " and ")
    }

    /// Everything a page could show of the catalogue, fingerprinted (an input of every page that reads it).
    var fingerprint: Fingerprint {
        var f = Fingerprint.Builder()
        f.add(framework)
        for goal in goals {
            f.add("\(goal.number)\u{0}\(goal.short)\u{0}\(goal.title)\u{0}\(goal.colour)\u{0}\(goal.isNational)\u{0}\(String(describing: goal.country))\u{0}\(goal.sources)")
            for target in goal.targets {
                f.add("\(target.code)\u{0}\(target.title)\u{0}\(target.isNational)")
                for indicator in target.indicators { f.add("\(indicator.code)\u{0}\(indicator.title)\u{0}\(indicator.alsoUnder)") }
            }
        }
        return f.fingerprint
    }

    /// The same catalogue with more goals (and targets) added; an existing goal gains the new targets.
    public func adding(_ extra: [Goal]) -> Catalogue {
        var merged = goals
        for goal in extra {
            if let i = merged.firstIndex(where: { $0.number == goal.number }) {
                merged[i].targets = (merged[i].targets + goal.targets).sorted { $0.code < $1.code }
            } else {
                merged.append(goal)
            }
        }
        return Catalogue(framework: framework, goals: merged)
    }
}

extension Catalogue {
    /// The catalogue that ships with the generator (`sdg-catalogue.json`).
    public static let bundled: Catalogue = {
        guard let url = Bundle.module.url(forResource: "sdg-catalogue", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            fatalError("the SDG catalogue is missing from the generator's resources; reinstall citysdg")
        }
        do {
            return try decode(data)
        } catch {
            fatalError("the SDG catalogue that ships with citysdg is damaged: \(error)")
        }
    }()

    /// Decodes the catalogue's own file format.
    static func decode(_ data: Data) throws -> Catalogue {
        struct File: Decodable {
            struct Goal: Decodable { var number: Int; var short, title, colour: String; var targets: [Target] }
            struct Target: Decodable { var code, title: String; var indicators: [Indicator] }
            struct Indicator: Decodable { var code, title: String; var unsd: String? }
            var framework: String
            var goals: [Goal]
        }
        struct BadCode: Error, CustomStringConvertible { var description: String }
        let file = try JSONDecoder().decode(File.self, from: data)
        let goals = try file.goals.map { goal in
            Goal(
                number: GoalNumber(goal.number), short: goal.short, title: goal.title, colour: goal.colour,
                targets: try goal.targets.map { target in
                    guard let code = TargetCode(text: target.code) else { throw BadCode(description: target.code) }
                    return Target(code: code, title: target.title, indicators: try target.indicators.map {
                        guard let code = IndicatorCode(text: $0.code) else { throw BadCode(description: $0.code) }
                        return Indicator(code: code, title: $0.title, unsd: $0.unsd)
                    }, isNational: false)
                },
                isNational: false
            )
        }
        return Catalogue(framework: file.framework, goals: goals)
    }
}
