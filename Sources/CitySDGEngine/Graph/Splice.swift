import Foundation
import Markdown

/// A stretch of an output's bytes made from one document's body and nothing else: the body's HTML
/// on its page, the opening of its words in a search entry. The build graph keeps where each
/// stretch is, a fingerprint of its bytes and how to make it again, so a build whose only change
/// is the text of some bodies (`Build.spliceBodies`) puts the new stretches in the files in place
/// without reading the rest of the site.
public struct Splice: Sendable, Equatable {
    /// How the stretch is made from the body's Markdown.
    public enum Recipe: Sendable, Equatable {
        /// The body as HTML on the page at the output's path: its links relative to that page
        /// (`folder`: the page's language folder), wrapped in `<div lang="wrap">` when it is not
        /// in the page's language (`wrap` empty otherwise).
        case html(folder: String, wrap: String, rawHTML: Bool)
        /// The opening of the body's words, a search entry's snippet (JSON-escaped).
        case snippet
        /// The body's words folded for search (JSON-escaped).
        case words
    }

    /// An index into the graph's inputs: `body:<path>`.
    public var input: UInt32
    public var offset: Int64
    public var length: Int64
    /// Of the stretch's bytes as they were written.
    public var fingerprint: Fingerprint
    public var recipe: Recipe

    /// The stretch made from `markdown` for the output at `page`, with the links its HTML holds.
    /// (A page's maker and a search entry's make theirs here too: there is one way to make each.)
    static func make(_ recipe: Recipe, markdown: String, page: String) -> (text: String, links: [Markdown.Link]) {
        switch recipe {
        case .html(let folder, let wrap, let rawHTML):
            let linker = Linker(from: page, folder: folder)
            let rendered = Markdown.render(markdown, options: .init(allowRawHTML: rawHTML, rewriteURL: { linker.internalLink($0)?.href }))
            return (wrap.isEmpty ? rendered.html : "<div lang=\"\(wrap)\">\n\(rendered.html)</div>\n", rendered.links)
        case .snippet, .words: return (searchText(recipe, Search.bodyText(markdown)), [])
        }
    }

    /// A search entry's stretch made from the opening of a body's words (`Search.bodyText`).
    static func searchText(_ recipe: Recipe, _ words: String) -> String {
        JSONText.escaped(recipe == .snippet ? Search.snippet(of: words) : Search.folded(words))
    }

    /// The internal links of a body's HTML on the page at `page` (in `folder`, its language's), as
    /// the graph keeps them to check them again: where each leads and where it is written in `file`.
    static func links(_ found: [Markdown.Link], page: String, folder: String, file: String, firstLine: Int) -> [BuildState.StoredLink] {
        let linker = Linker(from: page, folder: folder)
        return found.compactMap { link in
            guard let target = linker.internalLink(link.url)?.path ?? linker.relativeTarget(link.url) else { return nil }
            return BuildState.StoredLink(page: page, location: SourceLocation(file: file, line: firstLine + link.line - 1, column: link.column),
                                         url: link.url, target: target)
        }
    }

    /// The recipe as the graph keeps it: a letter, then its fields.
    var code: String { Self.code(recipe) }

    static func code(_ recipe: Recipe) -> String {
        switch recipe {
        case .html(let folder, let wrap, let rawHTML): return "h" + (rawHTML ? "1" : "0") + wrap + "\u{1}" + folder
        case .snippet: return "s"
        case .words: return "w"
        }
    }

    static func recipe(code: String) -> Recipe? {
        switch code.first {
        case "s": return code == "s" ? .snippet : nil
        case "w": return code == "w" ? .words : nil
        case "h":
            let rest = code.dropFirst()
            guard let flag = rest.first, flag == "0" || flag == "1", let separator = rest.firstIndex(of: "\u{1}") else { return nil }
            return .html(folder: String(rest[rest.index(after: separator)...]), wrap: String(rest[rest.index(after: rest.startIndex)..<separator]), rawHTML: flag == "1")
        default: return nil
        }
    }

    /// What a page's maker says it put in the output: the text (found in the bytes afterwards) or,
    /// for a file joined from marked pieces, where it is.
    struct Claim {
        var path: String
        var recipe: Recipe
        var text: String?
        var offset = 0
        var length = 0
    }

    /// The claims found in an output's bytes, each once, as the graph keeps them (by input label).
    /// A body the output read more often than it claimed a stretch of (`uses`) has none: some of
    /// what the output says of it is not a stretch that can be made again alone.
    static func locate(_ claims: [Claim], in bytes: Data, uses: [String: Int]) -> [(label: String, splice: Splice)] {
        guard !claims.isEmpty else { return [] }
        var found: [(label: String, splice: Splice)] = []
        var claimed: [String: Int] = [:]
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for claim in claims {
                var offset = claim.offset, length = claim.length
                if let text = claim.text {
                    claimed[claim.path, default: 0] += 1
                    var text = text
                    guard let at = text.withUTF8({ once($0, in: raw) }) else { claimed[claim.path] = Int.max; continue }
                    (offset, length) = (at, text.utf8.count)
                }
                let print = Fingerprint(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length]))
                found.append((Input.body(claim.path).label, Splice(input: 0, offset: Int64(offset), length: Int64(length), fingerprint: print, recipe: claim.recipe)))
            }
        }
        // (Pieces joined with marks are claimed where they are made; a page's text claims count its reads.)
        return found.filter { entry in
            let path = String(entry.label.dropFirst("body:".count))
            guard let count = claimed[path] else { return true }
            return count == uses[path]
        }
    }

    /// Where `needle` is in `haystack`, when it is there exactly once (and not empty).
    private static func once(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let at = find(needle, in: haystack, from: 0), find(needle, in: haystack, from: at + 1) == nil else { return nil }
        return at
    }

    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            guard let hit = memchr(base + i, Int32(first), haystack.count - needle.count - i + 1) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    // MARK: marked pieces

    /// A stretch inside a piece of text that is joined into a file later (a search entry): the
    /// marks (control characters, which JSON text never holds) say which body and recipe made it.
    static func marked(_ recipe: Recipe, _ path: String, _ text: String) -> String {
        precondition(recipe == .snippet || recipe == .words, "a page's HTML is found in its bytes, not marked")
        return "\u{0}" + code(recipe) + path + "\u{1}" + text + "\u{0}"
    }

    /// The text with its marks taken out, and a claim for each marked stretch where it now is.
    static func unmark(_ text: String) -> (Data, [Claim]) {
        var bytes: [UInt8] = []
        var claims: [Claim] = []
        var text = text
        text.withUTF8 { source in
            bytes.reserveCapacity(source.count)
            var i = 0
            while i < source.count {
                let byte = source[i]
                guard byte == 0 else { bytes.append(byte); i += 1; continue }
                // \0 letter path \1 text \0
                let letter = source[i + 1]
                var j = i + 2
                while source[j] != 1 { j += 1 }
                let path = String(decoding: UnsafeBufferPointer(rebasing: source[(i + 2)..<j]), as: UTF8.self)
                var k = j + 1
                while source[k] != 0 { k += 1 }
                let start = bytes.count
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[(j + 1)..<k]))
                claims.append(Claim(path: path, recipe: recipe(code: String(UnicodeScalar(letter))) ?? .words, text: nil, offset: start, length: k - j - 1))
                i = k + 1
            }
        }
        return (Data(bytes), claims)
    }
}
