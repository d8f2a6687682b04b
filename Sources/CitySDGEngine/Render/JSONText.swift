import Foundation

/// JSON text of plain values (dictionaries with string keys, arrays, strings, numbers, booleans),
/// keys in sorted order so the same value is always the same bytes. Foundation's writer sorts
/// keys through `AnyHashable` and took a third of a clean build's time for the open data.
enum JSONText {
    /// JSON text written earlier, put in as it is (written at the depth it is put at).
    struct Raw {
        let text: String
        /// The piece the text is, when it is one (its place is claimed: `PageContext.json`).
        var piece: Piece? = nil

        init(text: String) { self.text = text }
        init(_ piece: Piece) { (text, self.piece) = (piece.text, piece) }
    }

    /// An object whose fields are sorted by name once, when it is made: a record of the open data
    /// is not hashed into a dictionary, filtered and sorted again each time it is written.
    struct Object {
        fileprivate let fields: [(key: String, value: Any)]

        /// The fields that have a value: a nil one is left out, as a field the content leaves empty.
        init(_ fields: KeyValuePairs<String, Any?>) {
            self.fields = fields.compactMap { field in field.value.map { (field.key, $0) } }.sorted { $0.key < $1.key }
        }
    }

    /// `indent`: the depth the value sits at, for a pretty value to be put inside another (a `Raw`).
    static func write(_ value: Any, pretty: Bool = false, indent: Int = 0) -> String {
        String(decoding: bytes(value, pretty: pretty, indent: indent, reserving: 0), as: UTF8.self)
    }

    /// A file of JSON: the value's text and a line end, as bytes (a whole-site file is not made a
    /// `String` of tens of megabytes only to be turned back into bytes). `reserving`: the bytes of
    /// the `Raw` texts the value holds, when the caller knows them (a whole-site file is tens of
    /// megabytes of them, which growing the buffer step by step would copy again and again).
    static func file(_ value: Any, pretty: Bool = true, reserving: Int = 0) -> Data {
        var pieces: [Piece.Claim] = []
        return file(value, pretty: pretty, reserving: reserving, pieces: &pieces)
    }

    /// A file of JSON, with where each `Raw` that is a kept piece was put added to `pieces`.
    static func file(_ value: Any, pretty: Bool = true, reserving: Int = 0, pieces: inout [Piece.Claim]) -> Data {
        var out = Bytes()
        out.bytes.reserveCapacity(256 + reserving + 1)
        out.write(value, pretty: pretty, indent: 0)
        out.bytes.append(0x0A)
        pieces += out.pieces
        return Data(out.bytes)
    }

    private static func bytes(_ value: Any, pretty: Bool, indent: Int, reserving: Int) -> [UInt8] {
        var out = Bytes()
        out.bytes.reserveCapacity(256 + reserving)
        out.write(value, pretty: pretty, indent: indent)
        return out.bytes
    }

    /// JSON text as UTF-8 bytes: appending to an array of bytes, not to a `String` piece by piece
    /// (in `perf`, `String`'s append was a quarter of writing the open data).
    private struct Bytes {
        var bytes: [UInt8] = []
        /// Where the `Raw` values that are kept pieces were written.
        var pieces: [Piece.Claim] = []

        mutating func append(_ text: StaticString) { text.withUTF8Buffer { bytes.append(contentsOf: $0) } }
        mutating func append(text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func write(_ value: Any, pretty: Bool, indent: Int) {
            // The kinds of value the open data holds most come first; a list of texts is written
            // as it is, not converted to a list of `Any` first.
            switch value {
            case let text as String: string(text)
            case let object as Object: fields(object.fields, pretty, indent)
            case let dictionary as [String: Any]:
                // Sorted once with their values (no lookup of each key again).
                fields(dictionary.sorted(by: { $0.key < $1.key }), pretty, indent)
            case let number as Int: append(text: String(number))
            case let texts as [String]: list(texts, pretty, indent) { $0.string($1) }
            case let numbers as [Int]: list(numbers, pretty, indent) { $0.append(text: String($1)) }
            case let objects as [Object]: list(objects, pretty, indent) { $0.fields($1.fields, pretty, indent + 1) }
            case let raw as Raw:
                if let piece = raw.piece, piece.isRecorded { pieces.append(Piece.Claim(key: piece.key, reads: piece.reads, offset: bytes.count, length: raw.text.utf8.count)) }
                append(text: raw.text)
            case let flag as Bool: flag ? append("true") : append("false")
            case let number as Double:
                append(text: number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)")
            case let array as [Any]: list(array, pretty, indent) { $0.write($1, pretty: pretty, indent: indent + 1) }
            default: append("null")
            }
        }

        private mutating func fields(_ fields: [(key: String, value: Any)], _ pretty: Bool, _ indent: Int) {
            guard !fields.isEmpty else { append("{}"); return }
            append("{")
            for (i, field) in fields.enumerated() {
                if i > 0 { append(",") }
                newline(pretty, indent + 1)
                string(field.key)
                pretty ? append(": ") : append(":")
                write(field.value, pretty: pretty, indent: indent + 1)
            }
            newline(pretty, indent)
            append("}")
        }

        private mutating func list<T>(_ items: [T], _ pretty: Bool, _ indent: Int, _ item: (inout Bytes, T) -> Void) {
            guard !items.isEmpty else { append("[]"); return }
            append("[")
            for (i, element) in items.enumerated() {
                if i > 0 { append(",") }
                newline(pretty, indent + 1)
                item(&self, element)
            }
            newline(pretty, indent)
            append("]")
        }

        private mutating func newline(_ pretty: Bool, _ indent: Int) {
            guard pretty else { return }
            bytes.append(0x0A)
            bytes.append(contentsOf: repeatElement(0x20, count: 2 * indent))
        }

        mutating func string(_ text: String) {
            bytes.append(0x22)
            escape(text)
            bytes.append(0x22)
        }

        mutating func escape(_ text: String) {
            var text = text
            text.withUTF8 { source in
                // Runs of bytes that need no escape are appended whole (every byte of a multi-byte
                // character is 0x80 or more, so UTF-8 is cut only between characters).
                var from = 0
                for (i, byte) in source.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[from..<i]))
                    switch byte {
                    case 0x22: append("\\\"")
                    case 0x5C: append("\\\\")
                    case 0x0A: append("\\n")
                    case 0x0D: append("\\r")
                    case 0x09: append("\\t")
                    default:
                        let hex = String(byte, radix: 16)
                        append(text: "\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                    }
                    from = i + 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[from...]))
            }
        }
    }

    /// A string as JSON writes it, in quotes (a YAML double-quoted scalar too: JSON's escapes are YAML's).
    static func quoted(_ text: String) -> String {
        var out = Bytes()
        out.string(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// A string as JSON writes it inside its quotes.
    static func escaped(_ text: String) -> String {
        var out = Bytes()
        out.escape(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
