/// A Mustache template as a tree, read with the same rules as swift-mustache's parser (standalone
/// lines, indentation of partials, inheritance blocks), so that a compiled template renders
/// byte for byte what swift-mustache renders. swift-mustache parses every template first and
/// reports its errors (`TemplateProblem`); this parser reads only templates it accepted, and
/// refuses what the compiler does not do (transforms, dynamic partials, changed delimiters).
indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(name: String, escaped: Bool, at: TemplateSpot)
    case section(name: String, body: [TemplateNode], inverted: Bool, at: TemplateSpot)
    /// `{{>name}}` (no overrides) or `{{<name}}…{{/name}}` (with the blocks it overrides).
    case partial(name: String, indentation: String?, overrides: [String: [TemplateNode]]?, at: TemplateSpot)
    /// `{{$name}}default{{/name}}`: replaced by an override from a template that inherits this one.
    case block(name: String, body: [TemplateNode], indentation: String)
    case blockDefinition(name: String, body: [TemplateNode])
}

/// Where a tag is: the template's name, its line and column (counted as the author wrote the file).
struct TemplateSpot: Sendable {
    var template: String
    var line: Int
    var column: Int
}

struct TemplateParseError: Error {
    var spot: TemplateSpot
    var message: String
    var hint: String? = nil
}

struct TemplateParser {
    private let chars: [Character]
    private var pos = 0
    private let template: String
    /// Characters the engine put before the author's text on the first line.
    private let prefixLength: Int
    /// Where each line starts, for spots.
    private let lineStarts: [Int]

    init(_ text: String, template: String, prefixLength: Int) {
        chars = Array(text)
        self.template = template
        self.prefixLength = prefixLength
        var starts = [0]
        for (i, c) in chars.enumerated() where c.isNewline { starts.append(i + 1) }
        lineStarts = starts
    }

    static func parse(_ text: String, template: String, prefixLength: Int) throws -> [TemplateNode] {
        var parser = TemplateParser(text, template: template, prefixLength: prefixLength)
        return try parser.parse(State())
    }

    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: String?

        func withSection(_ name: String, newLine: Bool) -> State {
            var s = self
            s.sectionName = name
            s.isPartialDefinitionTopLevel = false
            if !newLine { s.newLine = false }
            return s
        }

        func withInheritance(_ name: String) -> State {
            var s = self
            s.sectionName = name
            s.newLine = true
            s.isPartialDefinition = true
            s.isPartialDefinitionTopLevel = true
            return s
        }
    }

    private func spot(_ position: Int) -> TemplateSpot {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= position { low = mid } else { high = mid - 1 }
        }
        let column = position - lineStarts[low] + 1 - (low == 0 ? prefixLength : 0)
        return TemplateSpot(template: template, line: low + 1, column: max(1, column))
    }

    private var atEnd: Bool { pos >= chars.count }
    private var current: Character { atEnd ? "\0" : chars[pos] }

    private mutating func read(while set: Set<Character>) -> String {
        var s = ""
        while !atEnd, set.contains(chars[pos]) { s.append(chars[pos]); pos += 1 }
        return s
    }

    private mutating func skipWhitespace() {
        while !atEnd, chars[pos].isWhitespace { pos += 1 }
    }

    private mutating func read(_ string: String) -> Bool {
        let wanted = Array(string)
        guard pos + wanted.count <= chars.count, Array(chars[pos..<pos + wanted.count]) == wanted else { return false }
        pos += wanted.count
        return true
    }

    private mutating func parse(_ initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore = ""
        func flush() {
            if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore.utf8))); whiteSpaceBefore = "" }
        }
        while !atEnd {
            if state.newLine {
                let whiteSpace = read(while: [" ", "\t"])
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = String(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = readUntilTagOrNewline()
            if current.isNewline {
                nodes.append(.text(Array((whiteSpaceBefore + text + String(current)).utf8)))
                state.newLine = true
                pos += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array((whiteSpaceBefore + text).utf8)))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if atEnd { break }
            let tagStart = spot(pos - 2)
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                pos += 1
                let name = try parseName()
                if isStandalone(state) { setNewLine = true } else { flush() }
                let body = try parse(state.withSection(name, newLine: setNewLine))
                nodes.append(.section(name: name, body: body, inverted: inverted, at: tagStart))
            case "/":
                pos += 1
                let name = try parseName()
                guard name == state.sectionName else { throw TemplateParseError(spot: tagStart, message: "`{{/\(name)}}` closes no open section") }
                if !isStandalone(state) { flush() }
                return nodes
            case "!":
                pos += 1
                while !atEnd, !read("}}") { pos += 1 }
                setNewLine = isStandalone(state)
            case "{":
                flush()
                pos += 1
                let name = try parseName()
                guard read("}") else { throw TemplateParseError(spot: tagStart, message: "`{{{` is not closed by `}}}`") }
                nodes.append(.variable(name: name, escaped: false, at: tagStart))
            case "&":
                flush()
                pos += 1
                nodes.append(.variable(name: try parseName(), escaped: false, at: tagStart))
            case ">":
                pos += 1
                skipWhitespace()
                let name = try parsePartialName(tagStart)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore.utf8))) }
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name: name, indentation: whiteSpaceBefore, overrides: nil, at: tagStart))
                } else {
                    nodes.append(.partial(name: name, indentation: nil, overrides: nil, at: tagStart))
                }
                whiteSpaceBefore = ""
            case "<":
                pos += 1
                skipWhitespace()
                let name = try parsePartialName(tagStart)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore.utf8))) }
                if isStandalone(state) { setNewLine = true }
                let body = try parse(state.withInheritance(name))
                var overrides: [String: [TemplateNode]] = [:]
                for node in body {
                    if case .blockDefinition(let block, let blockBody) = node { overrides[block] = blockBody }
                }
                nodes.append(.partial(name: name, indentation: whiteSpaceBefore, overrides: overrides, at: tagStart))
                whiteSpaceBefore = ""
            case "$":
                pos += 1
                let name = try parseName()
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    nodes.append(.blockDefinition(name: name, body: try parse(state.withSection(name, newLine: setNewLine))))
                } else {
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore.utf8))) }
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.withSection(name, newLine: setNewLine))
                    nodes.append(.block(name: name, body: body, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
            case "%":
                // `{{% CONTENT_TYPE: … }}`: the engine escapes every template the same way.
                while !atEnd, !read("}}") { pos += 1 }
                setNewLine = isStandalone(state)
            case "=":
                throw TemplateParseError(spot: tagStart, message: "changing the delimiters (`{{=`) is not supported")
            default:
                flush()
                nodes.append(.variable(name: try parseName(), escaped: true, at: tagStart))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            throw TemplateParseError(spot: spot(pos), message: "`\(open)` is never closed")
        }
        return nodes
    }

    private mutating func readUntilTagOrNewline() -> String {
        var text = ""
        while !atEnd {
            let c = chars[pos]
            if c == "\n" || c == "\r\n" { break }
            if c == "{" {
                if read("{{") { break }
                text.append(c)
                pos += 1
                continue
            }
            text.append(c)
            pos += 1
        }
        return text
    }

    private static let nameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*()")
    private static let partialNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private mutating func parseName() throws -> String {
        let start = spot(pos)
        skipWhitespace()
        let name = read(while: Self.nameChars)
        skipWhitespace()
        guard read("}}") else { throw TemplateParseError(spot: start, message: "a tag is not closed by `}}`") }
        if name.contains("(") {
            throw TemplateParseError(spot: start, message: "`\(name)`: transforms are not supported in this theme's templates")
        }
        return name
    }

    private mutating func parsePartialName(_ tag: TemplateSpot) throws -> String {
        skipWhitespace()
        let name = read(while: Self.partialNameChars)
        skipWhitespace()
        guard read("}}") else { throw TemplateParseError(spot: tag, message: "a tag is not closed by `}}`") }
        if name.hasPrefix("*") { throw TemplateParseError(spot: tag, message: "dynamic partials (`{{>*name}}`) are not supported") }
        return name
    }

    /// The tag is alone on its line (only spaces around it): the rest of the line, its newline
    /// included, is skipped.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var look = pos
        while look < chars.count, chars[look] == " " || chars[look] == "\t" { look += 1 }
        if look < chars.count, chars[look].isNewline {
            pos = look + 1
            return true
        }
        return false
    }
}
