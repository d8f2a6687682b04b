import Foundation
import Mustache

/// A template that does not parse, said as a content error is: the file, the line and column of
/// the tag at fault, and what is wrong in words. swift-mustache says where its parser stopped and
/// which rule failed; which section is left open (or closed by the wrong tag) is found again here
/// by following the template's section tags.
enum TemplateProblem {
    /// A section tag of a template: `{{#name}}`, `{{^name}}`, `{{$name}}`, `{{<name}}` open one, `{{/name}}` closes it.
    struct Tag {
        var sigil: Character
        var name: String
        var line: Int
        var column: Int
        var opens: Bool { sigil != "/" }
        var written: String { "{{\(sigil)\(name)}}" }
    }

    /// The error a parse failure of `text` (the template as written in `file`) is reported as.
    /// `prefix` is what the engine put before the text on its first line.
    static func diagnostic(for error: Error, text: String, file: String, prefix: Int) -> Diagnostic {
        // What swift-mustache accepts and the compiler does not (transforms, dynamic partials, delimiters).
        if let refused = error as? TemplateParseError {
            return Diagnostic(.error, SourceLocation(file: file, line: refused.spot.line, column: refused.spot.column), refused.message, hint: refused.hint)
        }
        let parsed = error as? MustacheTemplate.ParserError
        var stopped = SourceLocation(file: file)
        if let context = parsed?.context {
            stopped.line = max(1, context.lineNumber)
            stopped.column = max(1, context.columnNumber - (context.lineNumber <= 1 ? prefix : 0))
        }
        let (tags, unfinished) = scan(text)
        switch parsed?.error as? MustacheTemplate.Error {
        case .expectedSectionEnd?:
            if let open = unclosed(tags) {
                return Diagnostic(.error, SourceLocation(file: file, line: open.line, column: open.column),
                                  "`\(open.written)` opened at line \(open.line) is never closed",
                                  hint: "end the section with `{{/\(open.name)}}` where it should stop")
            }
            return Diagnostic(.error, stopped, "the template ends inside a section that is never closed",
                              hint: "every {{#section}} is closed by {{/section}} with the same name")
        case .sectionCloseNameIncorrect?:
            if let (close, open) = misclosed(tags) {
                let message = open.map { "`\(close.written)` at line \(close.line) closes `\($0.written)` opened at line \($0.line)" }
                    ?? "`\(close.written)` at line \(close.line) closes a section that was never opened"
                let hint = open.map { "sections close in the reverse order they open: `{{/\($0.name)}}` comes first" }
                    ?? "remove it, or open the section with `{{#\(close.name)}}` before it"
                return Diagnostic(.error, SourceLocation(file: file, line: close.line, column: close.column), message, hint: hint)
            }
            return Diagnostic(.error, stopped, "a section is closed with another name than it was opened with",
                              hint: "every {{#section}} is closed by {{/section}} with the same name")
        case .unfinishedName?:
            return Diagnostic(.error, stopped, "a tag is not finished here",
                              hint: "a tag is a name between `{{` and `}}` (or `{{{` and `}}}`), on one line")
        case .invalidSetDelimiter?:
            return Diagnostic(.error, stopped, "the delimiter change is not written as `{{=<% %>=}}`")
        case .transformAppliedToInheritanceSection?, .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            return Diagnostic(.error, stopped, "a `{{<layout}}` section holds something other than `{{$block}}` sections",
                              hint: "inside `{{<layout}}` … `{{/layout}}` only `{{$name}}` … `{{/name}}` blocks (and spaces) are allowed")
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?:
            return Diagnostic(.error, stopped, "a `{{% … }}` setting is not one the template engine knows",
                              hint: "remove it; CitySDG sets the content type itself")
        case nil:
            // The parser ran off the end of the text: a tag left open.
            if let (line, column) = unfinished {
                return Diagnostic(.error, SourceLocation(file: file, line: line, column: column), "a tag opened here is never finished with `}}`",
                                  hint: "a tag is a name between `{{` and `}}` (or `{{{` and `}}}`)")
            }
            return Diagnostic(.error, stopped, "the template does not parse", hint: "check its tags near this place")
        }
    }

    /// The section tags of `text`, in order (nil if the template changes its delimiters: then
    /// only the parser's own position is trusted), and where a `{{` with no `}}` after it is.
    static func scan(_ text: String) -> (sections: [Tag]?, unfinished: (line: Int, column: Int)?) {
        var tags: [Tag] = []
        var line = 1, column = 1
        var rest = Substring(text)
        func advance(over part: Substring) {
            for c in part {
                if c == "\n" { line += 1; column = 1 } else { column += 1 }
            }
        }
        while let open = rest.range(of: "{{") {
            advance(over: rest[..<open.lowerBound])
            let (tagLine, tagColumn) = (line, column)
            let inner = rest[open.upperBound...]
            guard let close = inner.range(of: inner.hasPrefix("{") ? "}}}" : "}}") else { return (tags, (tagLine, tagColumn)) }
            let body = inner[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if body.hasPrefix("=") { return (nil, nil) }
            if let sigil = body.first, "#^$</".contains(sigil) {
                tags.append(Tag(sigil: sigil, name: body.dropFirst().trimmingCharacters(in: .whitespaces), line: tagLine, column: tagColumn))
            }
            advance(over: rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return (tags, nil)
    }

    /// The innermost section still open at the end.
    static func unclosed(_ tags: [Tag]?) -> Tag? {
        guard let tags else { return nil }
        var stack: [Tag] = []
        for tag in tags {
            if tag.opens { stack.append(tag) } else if stack.last?.name == tag.name { stack.removeLast() } else { return nil }
        }
        return stack.last
    }

    /// The first closing tag that does not close the innermost open section, and that section.
    static func misclosed(_ tags: [Tag]?) -> (close: Tag, open: Tag?)? {
        guard let tags else { return nil }
        var stack: [Tag] = []
        for tag in tags {
            if tag.opens { stack.append(tag); continue }
            guard stack.last?.name == tag.name else { return (tag, stack.last) }
            stack.removeLast()
        }
        return nil
    }
}
