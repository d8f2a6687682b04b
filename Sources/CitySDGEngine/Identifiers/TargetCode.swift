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
        // Exactly one dot, a goal number before it, a number or one lower-case letter after it.
        let bytes = text.utf8
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")),
              let goal = GoalNumber.digits(bytes[..<dot], count: 1...3, leadingZero: false) else { return nil }
        let tail = bytes[bytes.index(after: dot)...]
        if let number = GoalNumber.digits(tail, count: 1...3, leadingZero: false) {
            self.init(goal: GoalNumber(goal), part: .number(number))
        } else if tail.count == 1, let c = tail.first, c >= UInt8(ascii: "a"), c <= UInt8(ascii: "z") {
            self.init(goal: GoalNumber(goal), part: .letter(String(decoding: CollectionOfOne(c), as: UTF8.self)))
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
        let bytes = text.utf8
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")),
              let number = GoalNumber.digits(bytes[bytes.index(after: dot)...], count: 1...3, leadingZero: false),
              let target = TargetCode(text: String(text[..<dot])) else { return nil }
        self.target = target
        self.number = number
    }

    public var description: String { "\(target).\(number)" }
    /// The form used in paths and file names: `11-7-1`.
    public var slug: String { "\(target.slug)-\(number)" }
    public static func < (a: IndicatorCode, b: IndicatorCode) -> Bool { (a.target, a.number) < (b.target, b.number) }
}
