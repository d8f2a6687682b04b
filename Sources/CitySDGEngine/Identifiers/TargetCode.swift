/// A target code as the UN writes it: `11.7`, `8.10`, `11.a`. Always text, never a decimal:
/// `8.10` and `8.1` are different targets, and codes sort as (goal, number-or-letter) tuples.
public struct TargetCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Part: Sendable, Hashable, Comparable {
        case number(Int)   // outcome targets: 11.1 … 11.7
        case letter(String) // means of implementation: 11.a … 11.c
    }

    public let goal: GoalNumber
    public let part: Part

    public init(goal: GoalNumber, part: Part) {
        self.goal = goal
        self.part = part
    }

    public init?(text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 2, let goal = GoalNumber(text: String(pieces[0])) else { return nil }
        let tail = String(pieces[1])
        if let number = GoalNumber(text: tail) {
            self.init(goal: goal, part: .number(number.value))
        } else if tail.count == 1, let c = tail.first, c.isASCII, c.isLowercase {
            self.init(goal: goal, part: .letter(tail))
        } else {
            return nil
        }
    }

    public var description: String {
        switch part {
        case .number(let n): return "\(goal).\(n)"
        case .letter(let l): return "\(goal).\(l)"
        }
    }

    /// The form used in paths and file names: `11-7`.
    public var slug: String {
        switch part {
        case .number(let n): return "\(goal)-\(n)"
        case .letter(let l): return "\(goal)-\(l)"
        }
    }

    public static func < (a: TargetCode, b: TargetCode) -> Bool { (a.goal, a.part) < (b.goal, b.part) }
}

/// An indicator code: a target code and a number, `11.7.1`, `16.10.2`, `11.a.1`.
public struct IndicatorCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let target: TargetCode
    public let number: Int

    public init?(text: String) {
        guard let dot = text.lastIndex(of: "."),
              let target = TargetCode(text: String(text[..<dot])),
              let number = GoalNumber(text: String(text[text.index(after: dot)...])) else { return nil }
        self.target = target
        self.number = number.value
    }

    public var description: String { "\(target).\(number)" }
    /// The form used in paths and file names: `11-7-1`.
    public var slug: String { "\(target.slug)-\(number)" }
    public static func < (a: IndicatorCode, b: IndicatorCode) -> Bool { (a.target, a.number) < (b.target, b.number) }
}
