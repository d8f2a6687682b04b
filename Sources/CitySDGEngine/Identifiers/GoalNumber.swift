/// A goal's number: 1–17 for the UN's goals, higher for a national goal a site declares (Lao PDR's 18).
public struct GoalNumber: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    /// Reads a goal number as written: digits only, no sign, no leading zero.
    public init?(text: String) {
        guard let first = text.first, first != "0", text.count <= 3,
              text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else { return nil }
        self.value = value
    }

    public var description: String { String(value) }
    public static func < (a: GoalNumber, b: GoalNumber) -> Bool { a.value < b.value }
}
