import Foundation

/// A content file's text, made ready for parsing: valid UTF-8, no byte-order mark, `\n` line ends,
/// and its YAML front matter split from its Markdown body.
struct SourceText {
    static let maxBytes = 4 * 1024 * 1024

    var frontMatter: String
    /// The file line on which the front matter's first line stands.
    var frontMatterFirstLine: Int
    var body: Body

    struct Problem: Error {
        var location: SourceLocation
        var message: String
        var hint: String?
    }

    /// Decodes and splits the bytes of the file shown to editors as `file`.
    static func read(_ data: Data, file: String) throws(Problem) -> SourceText {
        let text = try decode(data, file: file)
        return try split(text, file: file)
    }

    static func decode(_ data: Data, file: String) throws(Problem) -> String {
        guard data.count <= maxBytes else {
            throw Problem(location: SourceLocation(file: file),
                          message: "file is \(data.count / 1024) KiB; the limit is \(maxBytes / 1024 / 1024) MiB",
                          hint: "split the text, or move tables and data out of the page")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let offset = firstInvalidUTF8(bytes) {
            let before = bytes[..<offset]
            let line = before.filter { $0 == 0x0A }.count + 1
            let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            throw Problem(location: SourceLocation(file: file, line: line, column: column),
                          message: "the file is not valid UTF-8 (byte \(offset) is 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                          hint: "save the file as UTF-8 in your editor")
        }
        if bytes.contains(0) {
            throw Problem(location: SourceLocation(file: file), message: "the file contains a NUL byte; it looks like a binary file, not Markdown")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(13) ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
    }

    /// Splits `---` front matter from the body, reading lines only up to the closing `---`.
    static func split(_ text: String, file: String) throws(Problem) -> SourceText {
        // Found byte by byte: the fences are ASCII and the line ends `\n` (reading the text as
        // `Character`s, line after line, was a tenth of loading a clean build).
        enum Found { case noFence, unclosed, closed(frontMatter: String, body: String, fenceLine: Int) }
        var text = text
        let found = text.withUTF8 { bytes -> Found in
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            func lineEnd(_ from: Int) -> Int {
                var i = from
                while i < bytes.count, bytes[i] != 10 { i += 1 }
                return i
            }
            /// The line `start..<end` is `fence` three times, with nothing but spaces or tabs after it.
            func isFence(_ start: Int, _ end: Int, _ fence: UInt8) -> Bool {
                guard end - start >= 3, bytes[start] == fence, bytes[start + 1] == fence, bytes[start + 2] == fence else { return false }
                return bytes[(start + 3)..<end].allSatisfy { $0 == 32 || $0 == 9 }
            }
            let firstEnd = lineEnd(0)
            guard isFence(0, firstEnd, 0x2D) else { return .noFence }
            guard firstEnd < bytes.count else { return .unclosed }
            let frontMatterStart = firstEnd + 1
            var start = frontMatterStart, line = 1
            while true {
                line += 1
                let end = lineEnd(start)
                if isFence(start, end, 0x2D) || isFence(start, end, 0x2E) {
                    return .closed(frontMatter: text(frontMatterStart..<max(frontMatterStart, start - 1)),
                                   body: end < bytes.count ? text((end + 1)..<bytes.count) : "", fenceLine: line)
                }
                if end >= bytes.count { return .unclosed }
                start = end + 1
            }
        }
        switch found {
        case .noFence:
            let empty = text.allSatisfy(\.isWhitespace)
            throw Problem(location: SourceLocation(file: file),
                          message: empty ? "the file is empty" : "the file has no front matter",
                          hint: "start the file with a line `---`, then the fields (`title: …`), then another `---`")
        case .unclosed:
            throw Problem(location: SourceLocation(file: file),
                          message: "the front matter that starts on line 1 is never closed",
                          hint: "add a line with three dashes `---` after the last field")
        case let .closed(frontMatter, body, fenceLine):
            return SourceText(frontMatter: frontMatter, frontMatterFirstLine: 2, body: Body(markdown: body, firstLine: fenceLine + 1))
        }
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}
