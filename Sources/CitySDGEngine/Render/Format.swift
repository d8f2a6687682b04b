/// Numbers and money for readers, the same on every machine (no locale).
enum Format {
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func amount(_ value: Double) -> String {
        if value == value.rounded(), value < 1e15 { return grouped(Int(value)) }
        // Round to whole cents first, so 0.999 is 1.00, not 0 and a hundred cents.
        let allCents = Int((value * 100).rounded())
        let cents = abs(allCents % 100)
        if cents == 0 { return grouped(allCents / 100) }
        return (allCents < 0 && allCents / 100 == 0 ? "-" : "") + grouped(allCents / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    static func period(_ start: PartialDate?, _ end: PartialDate?) -> String? {
        switch (start, end) {
        case let (s?, e?): return "\(s.readable) – \(e.readable)"
        case let (s?, nil): return "from \(s.readable)"
        case let (nil, e?): return "until \(e.readable)"
        default: return nil
        }
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
