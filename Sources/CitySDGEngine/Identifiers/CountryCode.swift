/// An ISO 3166-1 alpha-2 country code, upper case: `LA`, `MY`.
public struct CountryCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    public init?(text: String) {
        guard text.count == 2, text.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return nil }
        value = text
    }

    public var description: String { value }
    /// Lower case, as in paths: `countries/la/`.
    public var slug: String { value.lowercased() }
    public static func < (a: CountryCode, b: CountryCode) -> Bool { a.value < b.value }
}
