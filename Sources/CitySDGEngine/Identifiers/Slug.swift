import Foundation

/// A page's name in its URL, taken from the file name: lower-case ASCII letters and digits in
/// words joined by single dashes (`luang-prabang`). Nothing else can reach an output path.
public struct Slug: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    public init?(text: String) {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 100, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-"),
              bytes.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }),
              !zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: "-") && $1 == UInt8(ascii: "-") })
        else { return nil }
        value = text
    }

    /// A suggestion for a name that is not a slug: `Luang Prabang.md` → `luang-prabang`,
    /// `Đà Nẵng` → `da-nang`, Thai and Burmese by ICU's transliteration (`Any-Latin; Latin-ASCII`).
    /// Nil when the name has letters ICU cannot write in Latin (Lao and Khmer have no transform),
    /// or nothing is left: then only the editor can choose a Latin name.
    public static func suggest(for text: String) -> String? {
        let latin = text.applyingTransform(StringTransform(rawValue: "Any-Latin; Latin-ASCII"), reverse: false) ?? text
        var result = ""
        for scalar in latin.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if !scalar.isASCII, scalar.properties.isAlphabetic {
                return nil // a letter left in its own script
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty || result.count > 100 ? nil : result
    }

    public var description: String { value }
    public static func < (a: Slug, b: Slug) -> Bool { a.value < b.value }
}
