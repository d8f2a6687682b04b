import Ccmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Markdown to HTML through libcmark. This file is the only Swift code that touches C: every
/// allocation it makes is released in the function that made it.
public enum Markdown {
    /// Renders `text` (CommonMark) to HTML.
    ///
    /// - Raw HTML is omitted and `javascript:`, `vbscript:`, `file:` and `data:` links are
    ///   dropped unless `options.allowRawHTML` is set (cmark's safe mode).
    /// - Every heading gets a stable `id` made from its text, unique within the document.
    /// - Every link and image destination passes through `options.rewriteURL`.
    public static func render(_ text: String, options: Options = Options()) -> Rendered {
        var cmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        if options.allowRawHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        guard let document = parse(text, cmarkOptions) else { return Rendered(html: "", headings: [], links: []) }
        defer { cmark_node_free(document) }

        var headings: [Heading] = []
        var links: [Link] = []
        var usedIDs: [String: Int] = [:]
        var headingNodes: [OpaquePointer] = []

        forEachNode(in: document) { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                links.append(Link(
                    url: url,
                    isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                    line: Int(cmark_node_get_start_line(node)),
                    column: Int(cmark_node_get_start_column(node))
                ))
                if !options.allowRawHTML && isUnsafe(url) {
                    cmark_node_set_url(node, "")
                } else if let rewritten = options.rewriteURL(url), rewritten != url {
                    cmark_node_set_url(node, rewritten)
                }
            case CMARK_NODE_HEADING:
                headingNodes.append(node)
            default:
                break
            }
        }

        // A heading becomes a custom block that prints its own opening tag with an id; its
        // inline children move into it unchanged, so they still render (and escape) as before.
        for node in headingNodes {
            let level = Int(cmark_node_get_heading_level(node))
            let title = plainText(of: node)
            let base = slug(title).isEmpty ? "section" : slug(title)
            let count = usedIDs[base, default: 0]
            usedIDs[base] = count + 1
            let id = count == 0 ? base : "\(base)-\(count)"
            headings.append(Heading(level: level, text: title, id: id))

            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
            cmark_node_set_on_exit(block, "</h\(level)>")
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_append_child(block, child)
            }
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }

        guard let rendered = cmark_render_html(document, cmarkOptions) else {
            return Rendered(html: "", headings: headings, links: links)
        }
        defer { free(rendered) }
        return Rendered(html: String(cString: rendered), headings: headings, links: links)
    }

    /// What safe mode leaves out of `text` (raw HTML, links whose scheme runs code or embeds
    /// content) and images without alt text, each with its position (1-based), so the editor can
    /// be told. Parses, renders nothing.
    public static func omissions(in text: String) -> [Omission] {
        guard let document = parse(text, CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_node_free(document) }
        var found: [Omission] = []
        forEachNode(in: document) { node in
            let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                let firstLine = literal.drop(while: \.isWhitespace).prefix { !$0.isNewline }
                found.append(Omission(kind: .rawHTML(String(firstLine)), line: line, column: column))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if isUnsafe(url) { found.append(Omission(kind: .unsafeLink(url), line: line, column: column)) }
                if cmark_node_get_type(node) == CMARK_NODE_IMAGE, plainText(of: node).allSatisfy(\.isWhitespace) {
                    found.append(Omission(kind: .imageWithoutAlt(url), line: line, column: column))
                }
            default:
                break
            }
        }
        return found
    }

    /// The document tree of `text`; the caller frees it.
    private static func parse(_ text: String, _ options: Int32) -> OpaquePointer? {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parse_document($0, buffer.count, options) }
            } ?? cmark_parse_document("", 0, options)
        }
    }

    /// Calls `visit` for every node under `root`, root included, as each is entered.
    private static func forEachNode(in root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    /// A URL whose scheme runs code or embeds content: never written in safe mode. (cmark drops
    /// most of these itself but lets `data:image/…` through.)
    static func isUnsafe(_ url: String) -> Bool {
        let scheme = url.drop { $0.isWhitespace || $0.isNewline }.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        guard scheme.count < url.count else { return false }
        let name = scheme.lowercased().filter { !$0.isWhitespace && $0 != "\0" }
        return ["javascript", "vbscript", "data", "file"].contains(name)
    }

    /// The text of a node's descendants, without markup.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        forEachNode(in: node) { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// A heading id: lower-case letters and digits (any script), words joined by dashes.
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else if character.isWhitespace || character == "-" || character == "_" {
                pendingDash = true
            }
        }
        return result
    }
}

extension Markdown {
    public struct Options: Sendable {
        public var allowRawHTML: Bool
        /// Returns the URL to write for a link or image destination, or nil to keep it.
        public var rewriteURL: @Sendable (String) -> String?

        public init(allowRawHTML: Bool = false, rewriteURL: @escaping @Sendable (String) -> String? = { _ in nil }) {
            self.allowRawHTML = allowRawHTML
            self.rewriteURL = rewriteURL
        }
    }

    public struct Rendered: Sendable, Equatable {
        public var html: String
        public var headings: [Heading]
        public var links: [Link]
    }

    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        public var id: String
    }

    /// A link or image destination as written, with its position in the Markdown (1-based).
    public struct Link: Sendable, Equatable {
        public var url: String
        public var isImage: Bool
        public var line: Int
        public var column: Int
    }
}

extension Markdown {
    /// Something safe mode does not write.
    public struct Omission: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case rawHTML(String)
            case unsafeLink(String)
            /// Not left out, but read to no one: an image with no text alternative.
            case imageWithoutAlt(String)
        }
        public var kind: Kind
        public var line: Int
        public var column: Int
    }
}
