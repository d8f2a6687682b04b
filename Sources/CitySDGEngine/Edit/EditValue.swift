import Foundation

/// A front-matter value as the browser editor sees it: every scalar is its text as written
/// (`"11.7"`, `"90313"`, `"true"`), so a value the form did not touch compares equal to the file's
/// and the writer leaves its bytes alone. Lists and maps keep their order.
public indirect enum EditValue: Sendable, Equatable {
    case null
    case scalar(String)
    case list([EditValue])
    case map([(key: String, value: EditValue)])

    /// Nothing, an empty text, an empty list or map: a field the file can leave out.
    public var isEmpty: Bool {
        switch self {
        case .null: return true
        case .scalar(let text): return text.isEmpty
        case .list(let items): return items.allSatisfy(\.isEmpty)
        case .map(let entries): return entries.allSatisfy(\.value.isEmpty)
        }
    }

    /// The same value for a reader of the file: order of a map's keys and empty fields aside.
    public static func == (a: EditValue, b: EditValue) -> Bool {
        if a.isEmpty && b.isEmpty { return true }
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return x == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 }
        case (.map(let x), .map(let y)):
            let keys = Set(x.map(\.key) + y.map(\.key))
            return keys.allSatisfy { key in (x.first { $0.key == key }?.value ?? .null) == (y.first { $0.key == key }?.value ?? .null) }
        default: return false
        }
    }

    public subscript(key: String) -> EditValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var entries: [(key: String, value: EditValue)] {
        if case .map(let entries) = self { return entries }
        return []
    }

    /// From the located YAML tree.
    init(_ yaml: YAMLValue) {
        switch yaml {
        case .scalar(let s): self = s.isNull ? .null : .scalar(s.text)
        case .sequence(let items, _): self = .list(items.map(EditValue.init))
        case .mapping(let entries, _): self = .map(entries.map { ($0.key, EditValue($0.value)) })
        }
    }

    /// From JSON as the browser sends it: strings, numbers and booleans become their text.
    public init(json: Any?) {
        switch json {
        case nil, is NSNull: self = .null
        case let text as String: self = .scalar(text)
        case let flag as Bool where !(json is NSNumber) || "\(type(of: json!))".contains("Bool"): self = .scalar(flag ? "true" : "false")
        case let number as NSNumber: self = .scalar(number.stringValue)
        case let items as [Any]: self = .list(items.map { EditValue(json: $0) })
        case let object as [String: Any]:
            self = .map(object.keys.sorted().map { ($0, EditValue(json: object[$0])) })
        default: self = .scalar("\(json!)")
        }
    }

    /// As JSON for the browser (maps as objects, whose order the field list gives).
    public var json: Any {
        switch self {
        case .null: return NSNull()
        case .scalar(let text): return text
        case .list(let items): return items.map(\.json)
        case .map(let entries): return Dictionary(entries.map { ($0.key, $0.value.json) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
