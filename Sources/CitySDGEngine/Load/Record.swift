import Foundation

/// A YAML map being read field by field into typed values. Every problem goes to `diagnostics`
/// with the field's position; a value that cannot be read is left out, never guessed.
struct Record {
    let location: SourceLocation
    private let entries: [String: YAMLEntry]
    private let order: [String]
    private var used: Set<String> = []

    init(_ entries: [YAMLEntry], at location: SourceLocation) {
        self.location = location
        var map: [String: YAMLEntry] = [:]
        var order: [String] = []
        for entry in entries where map[entry.key] == nil {
            map[entry.key] = entry
            order.append(entry.key)
        }
        self.entries = map
        self.order = order
    }

    /// Reads `value` as a map, or reports what was there instead.
    init?(_ value: YAMLValue, field: String, _ diagnostics: inout Diagnostics) {
        guard case .mapping(let entries, let location) = value else {
            diagnostics.error(value.location, "`\(field)` must be a map of `name: value` fields, not \(value.kindDescription)")
            return nil
        }
        self.init(entries, at: location)
    }

    /// The raw value of a field, marking it as read. A null value counts as absent.
    mutating func take(_ key: String) -> YAMLValue? {
        used.insert(key)
        guard let value = entries[key]?.value else { return nil }
        if case .scalar(let s) = value, s.isNull { return nil }
        return value
    }

    func keyLocation(_ key: String) -> SourceLocation { entries[key]?.keyLocation ?? location }

    /// Whether the field is written at all (even with an empty value).
    func has(_ key: String) -> Bool { entries[key] != nil }

    /// Reports every field that no reader asked for, with the closest known name.
    func reportUnknownFields(known: [String], in kind: String, _ diagnostics: inout Diagnostics) {
        for key in order where !used.contains(key) {
            let hint = closestMatch(to: key, in: known).map { "did you mean `\($0)`?" }
                ?? "the fields of \(kind) are: " + known.joined(separator: ", ")
            diagnostics.error(entries[key]!.keyLocation, "unknown field `\(key)` in \(kind)", hint: hint)
        }
    }

    // MARK: typed fields

    mutating func string(_ key: String, required: Bool = false, _ d: inout Diagnostics) -> String? {
        guard let value = take(key) else {
            if required { d.error(location, "missing required field `\(key)`", hint: "add a line `\(key): …`") }
            return nil
        }
        guard let text = value.text(field: key, &d) else { return nil }
        if required, text.allSatisfy(\.isWhitespace) {
            d.error(value.location, "`\(key)` is empty", hint: "a page needs its \(key): readers see it as the heading and in every link to the page")
            return nil
        }
        return text
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>? = nil, _ d: inout Diagnostics) -> Int? {
        take(key).flatMap { $0.int(field: key, in: range, &d) }
    }

    mutating func number(_ key: String, _ d: inout Diagnostics) -> Double? {
        guard let value = take(key), let text = value.text(field: key, &d) else { return nil }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let number = Double(cleaned), number.isFinite, number >= 0,
              cleaned.allSatisfy({ $0.isNumber || $0 == "." }) else {
            d.error(value.location, "`\(key)` must be a number written with digits, like 45000000, not `\(text)`")
            return nil
        }
        return number
    }

    mutating func bool(_ key: String, _ d: inout Diagnostics) -> Bool? {
        guard let value = take(key), let text = value.text(field: key, &d) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            d.error(value.location, "`\(key)` must be `true` or `false`, not `\(text)`")
            return nil
        }
    }

    mutating func date(_ key: String, _ d: inout Diagnostics) -> PartialDate? {
        take(key).flatMap { $0.date(field: key, &d) }
    }

    /// A list of values, each read by `read`; a single value where a list belongs is an error.
    mutating func list<T>(_ key: String, _ d: inout Diagnostics, _ read: (YAMLValue, inout Diagnostics) -> T?) -> [T] {
        guard let value = take(key) else { return [] }
        guard case .sequence(let items, _) = value else {
            d.error(value.location, "`\(key)` must be a list, not \(value.kindDescription)",
                    hint: "write it as [a, b] or as lines starting with `- `")
            return []
        }
        return items.compactMap { read($0, &d) }
    }

    mutating func strings(_ key: String, _ d: inout Diagnostics) -> [String] {
        list(key, &d) { value, d in value.text(field: key, &d) }
    }

    mutating func record(_ key: String, _ d: inout Diagnostics) -> Record? {
        guard let value = take(key) else { return nil }
        return Record(value, field: key, &d)
    }
}

extension YAMLValue {
    /// The scalar's text as written, or an error naming what was there instead.
    func text(field: String, _ d: inout Diagnostics) -> String? {
        guard case .scalar(let s) = self else {
            d.error(location, "`\(field)` must be a single value, not \(kindDescription)")
            return nil
        }
        return s.isNull ? nil : s.text
    }

    func int(field: String, in range: ClosedRange<Int>?, _ d: inout Diagnostics) -> Int? {
        guard let text = text(field: field, &d) else { return nil }
        let digits = text.contains(where: { $0 == "_" || $0 == "," }) ? text.filter { $0 != "_" && $0 != "," } : text
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits),
              digits == "0" || digits.first != "0" else {
            d.error(location, "`\(field)` must be a whole number, not `\(text)`",
                    hint: text.first == "0" ? "leave out the leading zero (YAML reads 011 as an octal number)" : nil)
            return nil
        }
        if let range, !range.contains(value) {
            d.error(location, "`\(field)` must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    func date(field: String, _ d: inout Diagnostics) -> PartialDate? {
        guard let text = text(field: field, &d) else { return nil }
        guard let date = PartialDate(text: text) else {
            d.error(location, "`\(field)` is not a date that exists: `\(text)`",
                    hint: "write YYYY-MM-DD (2025-06-30), YYYY-MM (2025-06) or a year (2025)")
            return nil
        }
        return date
    }
}
