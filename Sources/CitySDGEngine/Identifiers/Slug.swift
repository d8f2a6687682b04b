import Foundation

/// A page's name in its address, taken from the file name: words of lower-case letters (in any
/// script), their marks and digits, joined by single dashes (`luang-prabang`, `ຫຼວງພະບາງ`,
/// `đà-nẵng`), in Unicode's composed form (NFC) whatever form the file system wrote the name in.
/// No slash, dot, space or other punctuation: nothing else can reach an output path. Its address
/// is written percent-encoded in links (`Route.encoded`) and its folder in UTF-8 on disk.
public struct Slug: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    /// The longest slug in bytes: a folder name must stay under most file systems' 255.
    static let maximumBytes = 200

    public init?(text: String) {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return nil }
        // One pass over the bytes: no two dashes in a row, and whether all are ASCII slug characters
        // (the decode cache checks every slug of the site again as it reads them back).
        var previous: UInt8 = 0, plain = true
        for byte in bytes {
            if byte == UInt8(ascii: "-") && previous == byte { return nil }
            if !((0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")) { plain = false }
            previous = byte
        }
        if plain {
            guard bytes.count <= Self.maximumBytes else { return nil }
            value = text
            return
        }
        // A byte of ASCII that is not a slug's is refused below (`belongs`), as before.
        let composed = text.precomposedStringWithCanonicalMapping
        guard composed.utf8.count <= Self.maximumBytes, composed.unicodeScalars.allSatisfy(Self.belongs) else { return nil }
        value = composed
    }

    /// A character a slug may hold: a dash, an ASCII lower-case letter or digit, or, beyond ASCII,
    /// a letter without upper case (lower-case, or of a script that has no case), a mark (the
    /// vowel signs and tone marks of Lao, Khmer, Burmese, Thai; Vietnamese accents) or a digit.
    private static func belongs(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
        }
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .decimalNumber: return true
        default: return false
        }
    }

    /// The slug a name would have in its own script: `Luang Prabang` → `luang-prabang`,
    /// `Đà Nẵng` → `đà-nẵng`, `ຫຼວງພະບາງ` → itself; nil when nothing is left.
    public static func suggest(for text: String) -> String? {
        var result = ""
        for scalar in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar != "-", belongs(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return Slug(text: result)?.value
    }

    /// The slug in Latin letters, for an editor who wants an ASCII address: `Đà Nẵng` → `da-nang`,
    /// Thai and Burmese by ICU's transliteration (`Any-Latin; Latin-ASCII`). Nil when the name has
    /// letters ICU cannot write in Latin (Lao and Khmer have no transform), or nothing is left.
    public static func latin(for text: String) -> String? {
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
        return Slug(text: result)?.value
    }

    /// A pattern for slugs in JSON Schemas (whose regular expressions need not know Unicode's
    /// categories): words of anything but dashes, spaces, slashes, dots and ASCII capitals.
    public static let schemaPattern = "^[^-\\s/.A-Z]+(-[^-\\s/.A-Z]+)*$"

    public var description: String { value }
    public static func < (a: Slug, b: Slug) -> Bool { a.value < b.value }
}
