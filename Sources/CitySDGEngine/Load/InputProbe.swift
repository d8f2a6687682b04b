import Foundation
import Markdown

/// Drives arbitrary bytes through everything an editor's file passes: splitting, YAML, decoding
/// into each kind of file, and Markdown rendering in safe mode. Used by the fuzz target and by the
/// seeded random-input test; both fail if it crashes, hangs, or lets script through.
public enum InputProbe {
    static let paths = ["cities/la/probe.md", "projects/probe.md", "countries/la.md", "programmes/probe.md", "pages/probe.md"]

    public struct Outcome: Sendable {
        public var diagnostics: Diagnostics
        /// Rendered HTML of the body, when the file got that far.
        public var html: String?
        /// An unsafe construct reached the HTML (a script, an event handler, a javascript: link).
        public var leaked: Bool
    }

    /// The first byte picks the kind of file; the rest are the file's bytes.
    public static func run(_ input: [UInt8]) -> Outcome {
        guard let first = input.first else { return Outcome(diagnostics: Diagnostics(), html: nil, leaked: false) }
        let path = paths[Int(first) % paths.count]
        let bytes = Data(input.dropFirst())
        var d = Diagnostics()
        var content = ContentLoader.emptyContent()
        ContentLoader(root: URL(fileURLWithPath: "/nonexistent"), displayRoot: "Content").decode(bytes, path: path, into: &content, &d)
        for diagnostic in d.all where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
            preconditionFailure("a diagnostic without a position: \(diagnostic)")
        }
        var html: String? = nil
        if let text = try? SourceText.read(bytes, file: path) {
            html = Markdown.render(text.body.markdown).html
        }
        return Outcome(diagnostics: d, html: html, leaked: html.map(isUnsafe) ?? false)
    }

    /// Markup that would run or embed something: a script or frame element, an event-handler
    /// attribute, or a link or source with a script or data URL. (Escaped text is harmless.)
    static func isUnsafe(_ html: String) -> Bool {
        html.range(of: unsafePattern, options: [.regularExpression, .caseInsensitive]) != nil
    }

    static let unsafePattern = #"<(script|iframe|object|embed)\b|<[a-z][^>]*\son[a-z]+\s*=|(href|src)\s*=\s*["']?\s*(javascript|vbscript|data|file):"#
}
