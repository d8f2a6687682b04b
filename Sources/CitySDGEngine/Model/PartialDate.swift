/// A date as precise as the source gives it: a year, a month, or a day. Only dates that exist.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, let year = Int(parts[0]), parts[0].allSatisfy(\.isNumber) else { return nil }
        var numbers: [Int] = []
        for part in parts.dropFirst() {
            guard part.count == 2, part.allSatisfy(\.isNumber), let n = Int(part) else { return nil }
            numbers.append(n)
        }
        let month = numbers.first
        let day = numbers.count > 1 ? numbers[1] : nil
        if let month, !(1...12).contains(month) { return nil }
        if let month, let day, !(1...PartialDate.daysIn(month: month, year: year)).contains(day) { return nil }
        self.year = year
        self.month = month
        self.day = day
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
