import Foundation

/// Writes a content file back after the browser editor changed it, touching only what changed:
/// a field whose value is the same keeps its bytes (comments, key order, quoting, blank lines);
/// a changed scalar is replaced in place, in its own quoting; a list of items changes item by
/// item; a new field goes where the field list puts it; the body is kept unless it changed.
public enum FrontMatterWriter {
    public typealias Field = FrontMatterSchema.Field
    public typealias FieldType = FrontMatterSchema.FieldType

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The front matter and the body of a file's text, as the editor shows them.
    public static func read(_ text: String) throws(Problem) -> (frontMatter: EditValue, body: String) {
        let file = try Lines(text)
        return (file.tree.map(EditValue.init) ?? .map([]), file.body)
    }

    /// `original` with the front matter `frontMatter` and the body `body`.
    public static func write(original: String, frontMatter: EditValue, body: String, fields: [Field]) throws(Problem) -> String {
        let file = try Lines(original)
        var writer = Writer(lines: file.lines)
        let old = file.tree ?? .mapping([], SourceLocation(file: "", line: 2, column: 1))
        if case .mapping(let entries, _) = old, !entries.isEmpty {
            writer.editMapping(entries, limit: file.close, new: frontMatter, fields: fields, itemDash: nil)
        } else {
            // No field yet: the front matter is written whole, its comments kept after it.
            let fresh = Writer.emitFields(frontMatter, fields: fields, indent: 0)
            writer.edits.append(Edit(start: 1, end: 1, lines: fresh))
        }
        let lines = writer.applied()
        let close = lines.count - (file.lines.count - file.close)
        var text = lines[...close].joined(separator: "\n")
        let hadNewline = file.close + 1 < file.lines.count
        if body == file.body {
            if hadNewline { text += "\n" + file.lines[(file.close + 1)...].joined(separator: "\n") }
        } else if hadNewline || !body.isEmpty {
            text += "\n" + body
        }
        return file.crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
    }

    /// A new file with these fields, in the field list's order, and this body.
    public static func fresh(frontMatter: EditValue, body: String, fields: [Field]) -> String {
        (["---"] + Writer.emitFields(frontMatter, fields: fields, indent: 0) + ["---"]).joined(separator: "\n") + "\n" + body
    }

    /// The file split into lines, with its front matter parsed.
    struct Lines {
        var lines: [String]
        /// The index of the closing `---`.
        var close: Int
        var tree: YAMLValue?
        var crlf: Bool
        var body: String { close + 1 < lines.count ? lines[(close + 1)...].joined(separator: "\n") : "" }

        init(_ text: String) throws(Problem) {
            crlf = text.contains("\r\n")
            let plain = crlf ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
            let lines = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            self.lines = lines
            func fence(_ line: String, _ mark: String) -> Bool { line.hasPrefix(mark) && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" } }
            guard let first = lines.first, fence(first, "---"),
                  let close = lines.indices.dropFirst().first(where: { fence(lines[$0], "---") || fence(lines[$0], "...") }) else {
                throw Problem(description: "the file has no front matter between `---` lines")
            }
            self.close = close
            do {
                tree = try YAMLTree.parse(lines[1..<close].joined(separator: "\n"), file: "", firstLine: 2)
            } catch {
                throw Problem(description: "\(error.location.line):\(error.location.column): \(error.message)")
            }
        }
    }

    struct Edit {
        /// Lines `start..<end` (0-based) are replaced by `lines`; an insertion has `start == end`.
        var start: Int
        var end: Int
        var lines: [String]
    }

    struct Writer {
        let lines: [String]
        var edits: [Edit] = []

        init(lines: [String]) { self.lines = lines }

        func applied() -> [String] {
            var result = lines
            // From the bottom up, so earlier line numbers hold; at one place, in the order made.
            let ordered = edits.enumerated().sorted { ($0.element.start, $0.offset) > ($1.element.start, $1.offset) }
            for (_, edit) in ordered { result.replaceSubrange(edit.start..<edit.end, with: edit.lines) }
            return result
        }

        func isTrivia(_ i: Int) -> Bool {
            let t = lines[i].drop { $0 == " " }
            return t.isEmpty || t.hasPrefix("#")
        }

        /// `end`, moved up past the blank and comment lines that close a span (they stay where they are).
        func trimmed(_ start: Int, _ end: Int) -> Int {
            var end = end
            while end > start + 1, isTrivia(end - 1) { end -= 1 }
            return end
        }

        func scalars(_ i: Int) -> [Unicode.Scalar] { Array(lines[i].unicodeScalars) }

        // MARK: mappings

        /// Edits a block mapping whose entries end before line `limit`. `itemDash`: the mapping is a
        /// list item (its first key stands on the `- ` line). False when it cannot be edited in place.
        @discardableResult
        mutating func editMapping(_ entries: [YAMLEntry], limit: Int, new: EditValue, fields: [Field]?, itemDash: Int?) -> Bool {
            guard let first = entries.first else { return false }
            let indent = first.keyLocation.column - 1
            var spans: [(start: Int, end: Int)] = []
            for (i, entry) in entries.enumerated() {
                let start = entry.keyLocation.line - 1
                let next = i + 1 < entries.count ? entries[i + 1].keyLocation.line - 1 : limit
                spans.append((start, trimmed(start, max(next, start + 1))))
            }
            let saved = edits
            for (i, entry) in entries.enumerated() {
                let value = new[entry.key] ?? .null
                if EditValue(entry.value) == value { continue }
                if value.isEmpty {
                    if itemDash != nil && i == 0 { edits = saved; return false }
                    edits.append(Edit(start: spans[i].start, end: spans[i].end, lines: []))
                    continue
                }
                let type = Self.type(of: entry.key, in: fields)
                if !editEntry(entry, spans[i], value, type, indent: indent) {
                    let prefix = String(String.UnicodeScalarView(scalars(spans[i].start).prefix(indent)))
                    var emitted = Self.emitEntry(entry.key, value, type, indent: indent)
                    emitted[0] = prefix + emitted[0]
                    edits.append(Edit(start: spans[i].start, end: spans[i].end, lines: emitted))
                }
            }
            // New fields: after the field before them in the field list, or first.
            let known = Set(entries.map(\.key))
            let order = fields?.map(\.name) ?? []
            var inserts: [Int: [String]] = [:]
            for (key, value) in Self.ordered(new.entries, by: order) where !known.contains(key) && !value.isEmpty {
                let place = order.firstIndex(of: key) ?? order.count
                let before = entries.indices.last { (order.firstIndex(of: entries[$0].key) ?? order.count) <= place }
                let at: Int
                if let before { at = spans[before].end } else if itemDash != nil { at = spans[spans.count - 1].end } else { at = spans[0].start }
                let emitted = Self.emitEntry(key, value, Self.type(of: key, in: fields), indent: indent)
                inserts[at, default: []] += [String(repeating: " ", count: indent) + emitted[0]] + emitted.dropFirst()
            }
            for (at, lines) in inserts { edits.append(Edit(start: at, end: at, lines: lines)) }
            return true
        }

        /// Edits one entry's value in place where its shape allows; false: write it again whole.
        mutating func editEntry(_ entry: YAMLEntry, _ span: (start: Int, end: Int), _ value: EditValue, _ type: FieldType, indent: Int) -> Bool {
            let old = entry.value
            let line = old.location.line - 1
            let column = old.location.column - 1
            switch (old, value) {
            case (.scalar(let s), .scalar(let text)):
                guard !s.isNull, line == span.start, span.end == span.start + 1,
                      let range = scalarRange(line, column), let style = scalars(line)[safe: column] else { return false }
                guard !"|>".unicodeScalars.contains(style) else { return false }
                replace(line, range, with: Self.format(text, type, style: style, flow: false))
                return true
            case (.sequence(let items, _), .list(let new)):
                if isFlow(line, column) {
                    guard line == span.start, span.end == span.start + 1, let range = flowRange(line, column),
                          new.allSatisfy({ if case .scalar = $0 { return true }; return $0.isEmpty }) else { return false }
                    replace(line, range, with: flowList(new, old: items, type: Self.itemType(type)))
                    return true
                }
                return editSequence(items, limit: span.end, new: new, type: Self.itemType(type))
            case (.mapping(let entries, _), .map):
                if isFlow(line, column) {
                    guard line == span.start, span.end == span.start + 1, let range = flowRange(line, column),
                          value.entries.allSatisfy({ if case .scalar = $0.value { return true }; return $0.value.isEmpty }) else { return false }
                    replace(line, range, with: flowMap(value, old: entries, fields: Self.subfields(type)))
                    return true
                }
                guard line > span.start else { return false }
                return editMapping(entries, limit: span.end, new: value, fields: Self.subfields(type), itemDash: nil)
            default:
                return false
            }
        }

        // MARK: lists

        /// Edits a block list item by item: items kept as they are, changed, removed, or added.
        mutating func editSequence(_ items: [YAMLValue], limit: Int, new: [EditValue], type: FieldType) -> Bool {
            guard !items.isEmpty else { return false }
            var starts: [Int] = []
            for item in items {
                let line = item.location.line - 1
                guard lines[line].drop(while: { $0 == " " }).hasPrefix("-") else { return false }
                starts.append(line)
            }
            let dash = scalars(starts[0]).prefix { $0 == " " }.count
            var spans: [(start: Int, end: Int)] = []
            for (i, start) in starts.enumerated() {
                spans.append((start, trimmed(start, i + 1 < starts.count ? starts[i + 1] : limit)))
            }
            let old = items.map(EditValue.init)
            // The longest run of items kept, in order; what lies between is changed, removed or added.
            let kept = Self.commonItems(old, new)
            var i = 0, j = 0
            for (keptOld, keptNew) in kept + [(old.count, new.count)] {
                let removed = Array(i..<keptOld), added = Array(j..<keptNew)
                let changed = min(removed.count, added.count)
                for k in 0..<changed where !changeItem(items[removed[k]], spans[removed[k]], new[added[k]], type, dash: dash) {
                    edits.append(Edit(start: spans[removed[k]].start, end: spans[removed[k]].end,
                                      lines: Self.emitItem(new[added[k]], type, dash: dash)))
                }
                for k in removed.dropFirst(changed) { edits.append(Edit(start: spans[k].start, end: spans[k].end, lines: [])) }
                let extra = added.dropFirst(changed)
                if !extra.isEmpty {
                    // After the item changed last, or the item kept before, or before the first item.
                    let at = changed > 0 ? spans[removed[changed - 1]].end : (i > 0 ? spans[i - 1].end : spans[0].start)
                    edits.append(Edit(start: at, end: at, lines: extra.flatMap { Self.emitItem(new[$0], type, dash: dash) }))
                }
                i = keptOld + 1
                j = keptNew + 1
            }
            return true
        }

        /// Changes one item in place: a block map field by field; false: write it again whole.
        mutating func changeItem(_ item: YAMLValue, _ span: (start: Int, end: Int), _ value: EditValue, _ type: FieldType, dash: Int) -> Bool {
            guard case .mapping(let entries, _) = item, case .map = value,
                  !isFlow(item.location.line - 1, item.location.column - 1) else { return false }
            return editMapping(entries, limit: span.end, new: value, fields: Self.subfields(type), itemDash: dash)
        }

        /// Indices of items in both lists, in order (the longest common run).
        static func commonItems(_ a: [EditValue], _ b: [EditValue]) -> [(Int, Int)] {
            var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            var pairs: [(Int, Int)] = []
            var i = 0, j = 0
            while i < a.count && j < b.count {
                if a[i] == b[j] { pairs.append((i, j)); i += 1; j += 1 } else if table[i + 1][j] >= table[i][j + 1] { i += 1 } else { j += 1 }
            }
            return pairs
        }

        // MARK: text on one line

        mutating func replace(_ line: Int, _ range: Range<Int>, with text: String) {
            var chars = scalars(line)
            chars.replaceSubrange(range, with: Array(text.unicodeScalars))
            edits.append(Edit(start: line, end: line + 1, lines: [String(String.UnicodeScalarView(chars))]))
        }

        func isFlow(_ line: Int, _ column: Int) -> Bool {
            let c = scalars(line)[safe: column]
            return c == "[" || c == "{"
        }

        /// Where the scalar that starts at `column` ends on its line (quotes included; a plain one
        /// before a comment, trailing spaces left out); nil if it goes on to the next line.
        func scalarRange(_ line: Int, _ column: Int, flow: Bool = false) -> Range<Int>? {
            let c = scalars(line)
            guard column < c.count else { return nil }
            if c[column] == "\"" || c[column] == "'" {
                var i = column + 1
                while i < c.count {
                    if c[column] == "\"" && c[i] == "\\" { i += 2; continue }
                    if c[i] == c[column] {
                        if c[column] == "'" && i + 1 < c.count && c[i + 1] == "'" { i += 2; continue }
                        return column..<(i + 1)
                    }
                    i += 1
                }
                return nil
            }
            var end = column
            while end < c.count {
                if c[end] == "#" && end > 0 && c[end - 1] == " " { break }
                if flow && (c[end] == "," || c[end] == "]" || c[end] == "}") { break }
                if flow && c[end] == ":" && (end + 1 == c.count || c[end + 1] == " ") { break }
                end += 1
            }
            while end > column && c[end - 1] == " " { end -= 1 }
            return column..<end
        }

        /// The `[…]` or `{…}` that opens at `column`, if it closes on the same line.
        func flowRange(_ line: Int, _ column: Int) -> Range<Int>? {
            let c = scalars(line)
            var depth = 0, i = column
            var quote: Unicode.Scalar? = nil
            while i < c.count {
                if let q = quote {
                    if q == "\"" && c[i] == "\\" { i += 2; continue }
                    if c[i] == q { quote = nil }
                } else if c[i] == "\"" || c[i] == "'" {
                    quote = c[i]
                } else if c[i] == "[" || c[i] == "{" {
                    depth += 1
                } else if c[i] == "]" || c[i] == "}" {
                    depth -= 1
                    if depth == 0 { return column..<(i + 1) }
                }
                i += 1
            }
            return nil
        }

        /// A scalar's text as written in the file (its quotes included).
        func raw(_ value: YAMLValue) -> String? {
            guard case .scalar(let s) = value, let range = scalarRange(s.location.line - 1, s.location.column - 1, flow: true) else { return nil }
            return String(String.UnicodeScalarView(scalars(s.location.line - 1)[range]))
        }

        func flowList(_ new: [EditValue], old: [YAMLValue], type: FieldType) -> String {
            let quoted = old.compactMap(raw).contains { $0.hasPrefix("\"") }
            let items = new.enumerated().compactMap { index, value -> String? in
                guard case .scalar(let text) = value, !text.isEmpty else { return nil }
                if let same = old.first(where: { EditValue($0) == value }), let written = raw(same) { return written }
                return Writer.format(text, type, style: quoted ? "\"" : nil, flow: true)
            }
            return "[" + items.joined(separator: ", ") + "]"
        }

        func flowMap(_ new: EditValue, old: [YAMLEntry], fields: [Field]?) -> String {
            let byKey = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            let keys = old.map(\.key).filter { new[$0].map { !$0.isEmpty } ?? false }
                + Self.ordered(new.entries, by: fields?.map(\.name) ?? []).map(\.key).filter { byKey[$0] == nil && !(new[$0]?.isEmpty ?? true) }
            let parts = keys.map { key -> String in
                let value = new[key]!
                if let entry = byKey[key], EditValue(entry.value) == value, let written = raw(entry.value) { return key + ": " + written }
                guard case .scalar(let text) = value else { return key + ": \"\"" }
                let style = byKey[key].flatMap { raw($0.value) }?.unicodeScalars.first
                return key + ": " + Writer.format(text, Self.type(of: key, in: fields), style: style, flow: true)
            }
            return "{" + parts.joined(separator: ", ") + "}"
        }

        // MARK: the field list

        static func type(of key: String, in fields: [Field]?) -> FieldType {
            if fields == nil { return key == "source" ? .sourceNumber : .text } // names: a name per language, and a source number
            return fields?.first { $0.name == key }?.type ?? .text
        }

        static func subfields(_ type: FieldType) -> [Field]? {
            switch type {
            case .object(let fields): return fields
            case .list(let item): return subfields(item)
            case .names: return nil
            default: return []
            }
        }

        static func itemType(_ type: FieldType) -> FieldType {
            switch type {
            case .list(let item): return item
            case .coordinates: return .number
            default: return .text
            }
        }

        /// Entries in the field list's order; names it does not have after them, `source` last.
        static func ordered(_ entries: [(key: String, value: EditValue)], by order: [String]) -> [(key: String, value: EditValue)] {
            entries.enumerated().sorted { a, b in
                func rank(_ key: String) -> Int { order.firstIndex(of: key) ?? (key == "source" ? Int.max : order.count) }
                return (rank(a.element.key), a.offset) < (rank(b.element.key), b.offset)
            }.map(\.element)
        }

        // MARK: writing values anew

        static func emitFields(_ value: EditValue, fields: [Field], indent: Int) -> [String] {
            ordered(value.entries, by: fields.map(\.name)).filter { !$0.value.isEmpty }.flatMap { key, value -> [String] in
                let lines = emitEntry(key, value, type(of: key, in: fields), indent: indent)
                return [String(repeating: " ", count: indent) + lines[0]] + lines.dropFirst()
            }
        }

        /// `key: value`, the first line without its indentation, the others with theirs.
        static func emitEntry(_ key: String, _ value: EditValue, _ type: FieldType, indent: Int) -> [String] {
            switch value {
            case .null: return [key + ":"]
            case .scalar(let text): return [key + ": " + format(text, type, style: nil, flow: false)]
            case .list(let items):
                let item = itemType(type)
                if items.allSatisfy({ if case .scalar = $0 { return true }; return $0.isEmpty }) {
                    let texts = items.compactMap { v -> String? in
                        guard case .scalar(let t) = v, !t.isEmpty else { return nil }
                        return format(t, item, style: nil, flow: true)
                    }
                    return [key + ": [" + texts.joined(separator: ", ") + "]"]
                }
                return [key + ":"] + items.filter { !$0.isEmpty }.flatMap { emitItem($0, item, dash: indent + 2) }
            case .map(let entries):
                let fields = subfields(type)
                if entries.allSatisfy({ if case .scalar = $0.value { return true }; return $0.value.isEmpty }) {
                    let parts = ordered(entries, by: fields?.map(\.name) ?? []).compactMap { k, v -> String? in
                        guard case .scalar(let t) = v, !t.isEmpty else { return nil }
                        return k + ": " + format(t, Self.type(of: k, in: fields), style: nil, flow: true)
                    }
                    return [key + ": {" + parts.joined(separator: ", ") + "}"]
                }
                return [key + ":"] + emitFields(value, fields: fields ?? [], indent: indent + 2)
            }
        }

        /// `- ` and an item, at `dash` spaces.
        static func emitItem(_ value: EditValue, _ type: FieldType, dash: Int) -> [String] {
            let pad = String(repeating: " ", count: dash)
            if case .map = value {
                let lines = emitFields(value, fields: subfields(type) ?? [], indent: dash + 2)
                guard let first = lines.first else { return [pad + "- {}"] }
                return [pad + "- " + first.dropFirst(dash + 2)] + lines.dropFirst()
            }
            if case .scalar(let text) = value { return [pad + "- " + format(text, type, style: nil, flow: false)] }
            return [pad + "- " + emitEntry("x", value, type, indent: dash + 2)[0].dropFirst(3)]
        }

        /// A scalar in the quoting it had (`style`: its first character), or, new, in the one its
        /// type wants: codes and words in double quotes, numbers, dates and names of things plain.
        static func format(_ text: String, _ type: FieldType, style: Unicode.Scalar?, flow: Bool) -> String {
            if style == "'" && !text.contains("\n") { return "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
            if style == "\"" { return doubleQuoted(text) }
            let wantsQuotes: Bool
            switch type {
            case .text, .targetCode, .indicatorCode: wantsQuotes = style == nil
            default: wantsQuotes = false
            }
            return !wantsQuotes && isPlainSafe(text, flow: flow) ? text : doubleQuoted(text)
        }

        static func doubleQuoted(_ text: String) -> String {
            var out = "\""
            for c in text.unicodeScalars {
                switch c {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default:
                    if c.value < 0x20 { out += String(format: "\\x%02X", c.value) } else { out.unicodeScalars.append(c) }
                }
            }
            return out + "\""
        }

        /// Text YAML reads back as the same text when written without quotes.
        static func isPlainSafe(_ text: String, flow: Bool) -> Bool {
            guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
                  first != " ", last != " ", last != ":" else { return false }
            if "?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
            if first == "-" && !(text.dropFirst().first?.isNumber ?? false) { return false }
            if text.contains(": ") || text.contains(" #") || text.unicodeScalars.contains(where: { $0.value < 0x20 }) { return false }
            if flow && text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
            return true
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
