/// A goal's number: 1–17 for the UN's goals, higher for a national goal a site declares (Lao PDR's 18).
public struct GoalNumber: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    /// Reads a goal number as written: digits only, no sign, no leading zero.
    public init?(text: String) {
        guard let value = Self.digits(text.utf8, count: 1...3, leadingZero: false) else { return nil }
        self.value = value
    }

    /// The number ASCII digits write, when there are `count` of them and nothing else (a leading
    /// zero only where `leadingZero` allows it). Byte by byte: `Character.isNumber` looks up
    /// Unicode properties, and the decode cache checks every identifier of the site again.
    static func digits<Bytes: Collection<UInt8>>(_ bytes: Bytes, count: ClosedRange<Int>, leadingZero: Bool) -> Int? {
        guard count.contains(bytes.count), leadingZero || bytes.first != UInt8(ascii: "0") else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    public var description: String { String(value) }
    public static func < (a: GoalNumber, b: GoalNumber) -> Bool { a.value < b.value }
}
