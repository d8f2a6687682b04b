/// A date as precise as the source gives it: a year, a month, or a day. Only dates that exist.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public init?(text: String) {
        var text = text
        guard let (year, month, day) = text.withUTF8(Self.parts) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let month, let day, !(1...PartialDate.daysIn(month: month, year: year)).contains(day) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in ASCII digits, read byte by byte.
    private static func parts(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int?, Int?)? {
        guard b.count == 4 || b.count == 7 || b.count == 10, let year = GoalNumber.digits(b[0..<4], count: 4...4, leadingZero: true) else { return nil }
        var month: Int?, day: Int?
        if b.count >= 7 {
            guard b[4] == UInt8(ascii: "-"), let m = GoalNumber.digits(b[5..<7], count: 2...2, leadingZero: true) else { return nil }
            month = m
        }
        if b.count == 10 {
            guard b[7] == UInt8(ascii: "-"), let d = GoalNumber.digits(b[8..<10], count: 2...2, leadingZero: true) else { return nil }
            day = d
        }
        return (year, month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// As written in front matter and in machine-readable output: `2025-06-30`, `2025-06`, `2025`.
    public var description: String {
        var s = String(year)
        if let month { s += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day { s += "-" + (day < 10 ? "0" : "") + String(day) }
        return s
    }

    /// For readers: `30 June 2025`, `June 2025`, `2025`.
    public var readable: String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December"]
        guard let month else { return String(year) }
        let name = months[month - 1]
        guard let day else { return "\(name) \(year)" }
        return "\(day) \(name) \(year)"
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }
}
