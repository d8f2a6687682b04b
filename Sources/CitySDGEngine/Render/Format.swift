import Foundation

/// Numbers and money for readers, the same on every machine (no locale).
enum Format {
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude).utf8)
        guard digits.count > 3 else { return value < 0 ? "-" + String(value.magnitude) : String(value) }
        var out: [UInt8] = value < 0 ? [0x2D] : []
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(0x2C) }
            out.append(digit)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func amount(_ value: Double) -> String {
        if value == value.rounded(), value < 1e15 { return grouped(Int(value)) }
        // Round to whole cents first, so 0.999 is 1.00, not 0 and a hundred cents.
        let allCents = Int((value * 100).rounded())
        let cents = abs(allCents % 100)
        if cents == 0 { return grouped(allCents / 100) }
        return (allCents < 0 && allCents / 100 == 0 ? "-" : "") + grouped(allCents / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }


    /// A measured value for readers: grouped, with at most `decimals` decimals and no trailing zeros (35.2, 1,234, 0.125).
    static func decimal(_ value: Double, _ decimals: Int = 3) -> String {
        let scale = Double([1, 10, 100, 1000][min(decimals, 3)])
        let rounded = (value * scale).rounded() / scale
        guard rounded.magnitude < 1e15 else { return String(rounded) }
        let whole = Int(rounded.magnitude)
        // The fraction's digits, padded to `decimals` and without the zeros at their end.
        let digits = Int(((rounded.magnitude - Double(whole)) * scale).rounded())
        var fraction = ""
        if digits != 0 {
            var kept = digits
            while kept % 10 == 0 { kept /= 10 }
            let shown = String(digits)
            fraction = "." + String(repeating: "0", count: max(0, decimals - shown.utf8.count)) + String(kept)
        }
        return (rounded < 0 ? "-" : "") + grouped(whole) + fraction
    }

    /// A number with a fixed count of decimals, for SVG coordinates.
    static func fixed(_ value: Double, _ decimals: Int = 1) -> String {
        let scale = Double([1, 10, 100, 1000][min(decimals, 3)])
        let rounded = (value * scale).rounded() / scale
        let whole = Int(rounded.magnitude)
        let fraction = Int(((rounded.magnitude - Double(whole)) * scale).rounded())
        var text = String(whole)
        if decimals > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - f.count)) + f
        }
        return (rounded < 0 ? "-" : "") + text
    }
}

/// Numbers and dates in a page's language, from the platform's locale data (ICU's CLDR): Burmese
/// digits in Burmese, Lao month names in Lao, the Gregorian calendar everywhere. English keeps
/// `Format`'s own spelling (`30 June 2025`, `1,234`), the same on every machine.
enum LocalFormat {
    private final class Formatters: @unchecked Sendable {
        let lock = NSLock()
        var numbers: [String: NumberFormatter] = [:]
        var dates: [String: DateFormatter] = [:]
    }
    private static let formatters = Formatters()

    static func number(_ value: Int, _ language: String) -> String {
        guard language != "en" else { return Format.grouped(value) }
        let f = formatters
        f.lock.lock()
        defer { f.lock.unlock() }
        let formatter = f.numbers[language] ?? {
            let formatter = NumberFormatter()
            formatter.locale = Locale(identifier: language)
            formatter.numberStyle = .decimal
            f.numbers[language] = formatter
            return formatter
        }()
        return formatter.string(from: NSNumber(value: value)) ?? Format.grouped(value)
    }

    /// A measured value in the page's language (at most three decimals, none trailing).
    static func decimal(_ value: Double, _ language: String) -> String {
        guard language != "en" else { return Format.decimal(value) }
        return formatted(language + " decimal", NSNumber(value: value)) { formatter in
            formatter.locale = Locale(identifier: language)
            formatter.numberStyle = .decimal
            formatter.maximumFractionDigits = 3
        } ?? Format.decimal(value)
    }

    /// A year in the page's digits, without grouping (2019, not 2,019).
    static func year(_ value: Int, _ language: String) -> String {
        guard language != "en" else { return String(value) }
        return formatted(language + " year", NSNumber(value: value)) { formatter in
            formatter.locale = Locale(identifier: language)
            formatter.numberStyle = .none
            formatter.usesGroupingSeparator = false
        } ?? String(value)
    }

    private static func formatted(_ key: String, _ number: NSNumber, _ setUp: (NumberFormatter) -> Void) -> String? {
        let f = formatters
        f.lock.lock()
        defer { f.lock.unlock() }
        let formatter = f.numbers[key] ?? {
            let formatter = NumberFormatter()
            setUp(formatter)
            f.numbers[key] = formatter
            return formatter
        }()
        return formatter.string(from: number)
    }

    static func date(_ date: PartialDate, _ language: String) -> String {
        guard language != "en" else { return date.readable }
        let template = date.day != nil ? "dMMMMy" : (date.month != nil ? "MMMMy" : "y")
        var components = DateComponents()
        components.year = date.year
        components.month = date.month ?? 1
        components.day = date.day ?? 1
        components.hour = 12
        let f = formatters
        f.lock.lock()
        defer { f.lock.unlock() }
        let key = language + " " + template
        let formatter = f.dates[key] ?? {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: language)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            formatter.calendar = calendar
            formatter.timeZone = calendar.timeZone
            formatter.setLocalizedDateFormatFromTemplate(template)
            f.dates[key] = formatter
            return formatter
        }()
        guard let day = formatter.calendar.date(from: components) else { return date.readable }
        return formatter.string(from: day)
    }
}

extension Array {
    /// The first `count` elements `sorted(by:)` would give (ties in their order here), found in one
    /// pass that keeps only those: a home page's few latest projects out of thousands.
    func first(_ count: Int, by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        guard count > 0 else { return [] }
        var best: [Element] = []
        best.reserveCapacity(count + 1)
        for element in self {
            guard best.count < count || areInIncreasingOrder(element, best[best.count - 1]) else { continue }
            // After every element it does not come before: an earlier equal one stays first.
            let at = best.firstIndex { areInIncreasingOrder(element, $0) } ?? best.count
            best.insert(element, at: at)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
