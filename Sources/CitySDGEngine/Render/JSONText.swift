/// JSON text of plain values (dictionaries with string keys, arrays, strings, numbers, booleans),
/// keys in sorted order so the same value is always the same bytes. Foundation's writer sorts
/// keys through `AnyHashable` and took a third of a clean build's time for the open data.
enum JSONText {
    /// JSON text written earlier, put in as it is (written at the depth it is put at).
    struct Raw {
        let text: String
    }

    /// `indent`: the depth the value sits at, for a pretty value to be put inside another (a `Raw`).
    /// `reserving`: the bytes of the `Raw` texts the value holds, when the caller knows them (a
    /// whole-site file is tens of megabytes of them, which growing the string step by step would
    /// copy again and again).
    static func write(_ value: Any, pretty: Bool = false, indent: Int = 0, reserving: Int = 0) -> String {
        var out = ""
        out.reserveCapacity(256 + reserving)
        write(value, into: &out, pretty: pretty, indent: indent)
        return out
    }

    private static func write(_ value: Any, into out: inout String, pretty: Bool, indent: Int) {
        switch value {
        case let text as String: string(text, into: &out)
        case let raw as Raw: out += raw.text
        case let flag as Bool: out += flag ? "true" : "false"
        case let number as Int: out += String(number)
        case let number as Double:
            out += number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
        case let dictionary as [String: Any]:
            guard !dictionary.isEmpty else { out += "{}"; return }
            out += "{"
            // Sorted once with their values (no lookup of each key again).
            for (i, entry) in dictionary.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out += "," }
                newline(&out, pretty, indent + 1)
                string(entry.key, into: &out)
                out += pretty ? ": " : ":"
                write(entry.value, into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty, indent)
            out += "}"
        case let array as [Any]:
            guard !array.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in array.enumerated() {
                if i > 0 { out += "," }
                newline(&out, pretty, indent + 1)
                write(item, into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty, indent)
            out += "]"
        default: out += "null"
        }
    }

    /// A string as JSON writes it, in quotes (a YAML double-quoted scalar too: JSON's escapes are YAML's).
    static func quoted(_ text: String) -> String {
        var out = ""
        string(text, into: &out)
        return out
    }

    /// A string as JSON writes it inside its quotes.
    static func escaped(_ text: String) -> String {
        var out = ""
        escape(text, into: &out)
        return out
    }

    private static func newline(_ out: inout String, _ pretty: Bool, _ indent: Int) {
        guard pretty else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    private static func string(_ text: String, into out: inout String) {
        out += "\""
        escape(text, into: &out)
        out += "\""
    }

    private static func escape(_ text: String, into out: inout String) {
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are appended whole (every byte of a multi-byte
            // character is 0x80 or more, so UTF-8 is cut only between characters).
            var from = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                if from < i { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<i]), as: UTF8.self) }
                switch byte {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = String(byte, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                from = i + 1
            }
            if from < bytes.count { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[from...]), as: UTF8.self) }
        }
    }
}
