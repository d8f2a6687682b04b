import Yams

/// Front matter as a tree that remembers, for every value, where it was written and how:
/// scalars keep their text exactly as written, so `8.10` stays `8.10` and `NO` stays `NO`.
indirect enum YAMLValue: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLValue], SourceLocation)
    case mapping([YAMLEntry], SourceLocation)

    var location: SourceLocation {
        switch self {
        case .scalar(let s): return s.location
        case .sequence(_, let l), .mapping(_, let l): return l
        }
    }

    /// What the editor wrote, for messages: "a list", "a map", "the text `x`".
    var kindDescription: String {
        switch self {
        case .scalar(let s): return s.isNull ? "nothing" : "`\(s.text)`"
        case .sequence: return "a list"
        case .mapping: return "a map"
        }
    }
}

struct YAMLScalar: Sendable {
    var text: String
    /// Written without quotes (so YAML would have typed it: `NO`, `8.10`, `011`).
    var isPlain: Bool
    var location: SourceLocation

    /// `~`, `null` or nothing at all, written without quotes.
    var isNull: Bool { isPlain && ["", "~", "null", "Null", "NULL"].contains(text) }
}

struct YAMLEntry: Sendable {
    var key: String
    var keyLocation: SourceLocation
    var value: YAMLValue
}

enum YAMLTree {
    /// The most values and the deepest nesting front matter may have: enough for any real profile,
    /// and a bound on what an alias bomb (`&a [*b, *b, …]`) or a deeply nested list can cost.
    static let maxValues = 20_000
    static let maxDepth = 24

    struct Problem: Error {
        var location: SourceLocation
        var message: String
        var hint: String?
    }

    /// Parses `yaml`, which starts at `firstLine` of `file`, into a tree.
    static func parse(_ yaml: String, file: String, firstLine: Int) throws(Problem) -> YAMLValue? {
        func at(_ line: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: file, line: line + firstLine - 1, column: column)
        }
        if let (line, column) = nestingOverflow(yaml, limit: maxDepth) {
            throw Problem(location: at(line, column), message: "front matter is nested more than \(maxDepth) levels deep",
                          hint: "front matter holds fields, lists and small maps; flatten the structure")
        }
        let node: Node?
        do {
            // Scalars are read as written, so YAML's implicit typing (its regular expressions) is not needed.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            // YAML's own message about a tab ("found character that cannot start any token") names no tab.
            if let (line, column) = indentingTab(yaml) {
                throw Problem(location: at(line, column), message: "a tab indents this line, and YAML indents with spaces only",
                              hint: "replace the tab with spaces (two per level, as in the lines around it)")
            }
            throw describe(error, yaml: yaml, at: at)
        } catch {
            throw Problem(location: at(1, 1), message: "front matter could not be read: \(error)")
        }
        guard let node else { return nil }
        var budget = maxValues
        return try convert(node, depth: 0, budget: &budget, at: at)
    }

    private static func convert(
        _ node: Node, depth: Int, budget: inout Int, at: (Int, Int) -> SourceLocation
    ) throws(Problem) -> YAMLValue {
        let location = node.mark.map { at($0.line, $0.column) } ?? at(1, 1)
        budget -= 1
        guard budget >= 0 else {
            throw Problem(location: location, message: "front matter holds more than \(maxValues) values",
                          hint: "YAML aliases (`*name`) multiply what they repeat; write the values out, or move long text into the Markdown body")
        }
        guard depth <= maxDepth else {
            throw Problem(location: location, message: "front matter is nested more than \(maxDepth) levels deep",
                          hint: "front matter holds fields, lists and small maps; flatten the structure")
        }
        switch node {
        case .scalar(let scalar):
            return .scalar(YAMLScalar(text: scalar.string, isPlain: scalar.style == .plain, location: location))
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence { items.append(try convert(item, depth: depth + 1, budget: &budget, at: at)) }
            return .sequence(items, location)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            for (key, value) in mapping {
                let keyLocation = key.mark.map { at($0.line, $0.column) } ?? location
                guard case .scalar(let keyScalar) = key else {
                    throw Problem(location: keyLocation, message: "a field name must be plain text, not a list or a map")
                }
                let converted = try convert(value, depth: depth + 1, budget: &budget, at: at)
                entries.append(YAMLEntry(key: keyScalar.string, keyLocation: keyLocation, value: converted))
            }
            return .mapping(entries, location)
        case .alias:
            throw Problem(location: location, message: "YAML aliases are not supported in front matter",
                          hint: "write the value out where it is used")
        }
    }

    /// Where the front matter nests deeper than `limit`, found before the parser recurses into it:
    /// flow collections (`[`, `{`), indentation levels, and `- ` items opened on one line.
    private static func nestingOverflow(_ yaml: String, limit: Int) -> (Int, Int)? {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        for c in yaml.utf8 {
            if c & 0xC0 != 0x80 { column += 1 } // count characters' first bytes only
            if c == 10 { line += 1; column = 0 }
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            switch c {
            case 39, 34: quote = c                  // ' "
            case 91, 123:                           // [ {
                depth += 1
                if depth > limit { return (line, column) }
            case 93, 125: depth = max(0, depth - 1) // ] }
            default: break
            }
        }
        // Each line's indentation and the `- ` items it opens, read byte by byte (spaces and `-`
        // are single bytes; the text's line ends are already `\n`).
        var indents: [Int] = []
        var yaml = yaml
        return yaml.withUTF8 { bytes -> (Int, Int)? in
            var start = 0, index = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                defer { start = end + 1; index += 1 }
                var i = start
                while i < end, bytes[i] == 32 { i += 1 }
                if i == end || bytes[i] == 35 { continue } // blank, or a comment
                let indent = i - start
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
                var items = 0
                while i < end, bytes[i] == 45, i + 1 == end || bytes[i + 1] == 32 { // `- ` or a lone `-`
                    items += 1
                    i += 1
                    while i < end, bytes[i] == 32 { i += 1 }
                }
                if indents.count + items > limit { return (index + 1, indent + 1) }
            }
            return nil
        }
    }

    /// The line and column where `key:` is written for the second time, from `line` on.
    private static func secondOccurrence(of key: String, in yaml: String, after line: Int) -> (Int, Int)? {
        var seen = 0
        for (index, text) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= line {
            let trimmed = text.drop { $0 == " " || $0 == "-" }
            guard trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" else { continue }
            seen += 1
            if seen == 2 { return (index + 1, text.count - trimmed.count + 1) }
        }
        return nil
    }

    /// The first line whose indentation holds a tab, and the tab's column.
    static func indentingTab(_ yaml: String) -> (Int, Int)? {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            if let tab = indentation.firstIndex(of: "\t") { return (index + 1, line.distance(from: line.startIndex, to: tab) + 1) }
        }
        return nil
    }

    private static func describe(_ error: YamlError, yaml: String, at: (Int, Int) -> SourceLocation) -> Problem {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + at(1, 1).line - 1))" }
            // YAML reads on past an unclosed quote and stops lines later: name the quote instead.
            if let open = unclosedQuote(in: yaml, before: mark.line) {
                return Problem(location: at(open.line, open.column), message: "the quote \(open.quote) opened here is never closed",
                               hint: "end the value with \(open.quote) on the same line (YAML stopped at line \(at(mark.line, 1).line): \(problem))")
            }
            return Problem(location: at(mark.line, mark.column), message: message, hint: yamlHint(for: problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            let (line, column) = secondOccurrence(of: duplicates.first ?? "", in: yaml, after: context.mark.line)
                ?? (context.mark.line, context.mark.column)
            return Problem(location: at(line, column),
                           message: "the field \(names) is written twice in the same map",
                           hint: "keep one of them; YAML would silently use only one")
        case .reader(let problem, let offset, _, _):
            return Problem(location: at(1, 1), message: "front matter is not readable text: \(problem)"
                           + (offset.map { " at byte \($0)" } ?? ""))
        default:
            return Problem(location: at(1, 1), message: "front matter could not be read: \(error)")
        }
    }

    /// The first value up to line `last` (1-based in `yaml`) that opens a quote no later line up
    /// to `last` closes: the usual cause of an error that YAML reports lines further on.
    static func unclosedQuote(in yaml: String, before last: Int) -> (line: Int, column: Int, quote: String)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).prefix(max(0, last)).map { Array($0) }
        /// Where `quote` closes in `text` from `start` (a doubled ' and an escaped " do not close).
        func closes(_ text: [Character], from start: Int, _ quote: Character) -> Bool {
            var i = start
            while i < text.count {
                if quote == "\"" && text[i] == "\\" { i += 2; continue }
                if text[i] == quote {
                    if quote == "'" && i + 1 < text.count && text[i + 1] == "'" { i += 2; continue }
                    return true
                }
                i += 1
            }
            return false
        }
        for (index, line) in lines.enumerated() {
            var start = line.firstIndex { $0 != " " } ?? line.count
            if start + 1 < line.count, line[start] == "-", line[start + 1] == " " { start += 2 }
            if let colon = (start..<max(start, line.count - 1)).first(where: { line[$0] == ":" && line[$0 + 1] == " " }) {
                start = colon + 2
            }
            while start < line.count, line[start] == " " { start += 1 }
            guard start < line.count, line[start] == "\"" || line[start] == "'" else { continue }
            let quote = line[start]
            if closes(line, from: start + 1, quote) { continue }
            // A quoted value may go on over lines; one that runs into the next field was never closed.
            let indent = line.firstIndex { $0 != " " } ?? 0
            for next in lines[(index + 1)...] {
                let nextIndent = next.firstIndex { $0 != " " } ?? next.count
                let field = nextIndent <= indent && nextIndent < next.count && (next[nextIndent].isLetter || next[nextIndent] == "_")
                    && next[nextIndent...].prefix { $0 != " " }.last == ":"
                if field { return (index + 1, start + 1, "`\(quote)`") }
                if closes(next, from: 0, quote) { break }
            }
        }
        return nil
    }

    private static func yamlHint(for problem: String) -> String? {
        if problem.contains("tab") {
            return "YAML indents with spaces only; replace the tab characters with spaces"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value that contains `: ` must be quoted, e.g. title: \"Phase 2: waste\""
        }
        if problem.contains("could not find expected ':'") {
            return "each field is `name: value` on a line of its own; check the line above for a missing colon or a stray line break"
        }
        if problem.contains("did not find expected") {
            return "check the indentation and that every `[`, `{` and quote is closed"
        }
        return nil
    }
}
