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

    /// A suggestion for a name that is not a slug: `Luang Prabang.md` → `luang-prabang`.
    public static func suggest(for text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var result = ""
        for c in folded {
            if c.isASCII && (c.isLetter || c.isNumber) {
                result.append(contentsOf: c.lowercased())
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    public var description: String { value }
    public static func < (a: Slug, b: Slug) -> Bool { a.value < b.value }
}
