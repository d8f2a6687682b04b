import Mustache

/// How the engine renders with a theme: a page from a template, a fragment (card) from a
/// fragment template. Mustache is the theme language; this is the only file that knows it.
protocol TemplateEngine: Sendable {
    func has(_ template: String) -> Bool
    func render(_ view: Any, template: String) -> String
    /// A fragment template rendered on its own, with the interface strings in reach as `t`.
    func renderFragment(_ item: Any, strings: [String: String], template: String) -> String
}

/// swift-mustache, with the engine's own HTML escaping: every template is parsed with a
/// content type whose escaper works on UTF-8 bytes and returns a string with nothing to escape
/// as it is (swift-mustache's own looks each character up in a dictionary and copies every string).
struct MustacheEngine: TemplateEngine {
    private var library = MustacheLibrary()

    private static let contentType = "CITYSDGHTML"
    private static let registered: Void = MustacheContentTypes.register(ByteEscapedHTML(), named: contentType)

    /// What goes before every template's text (on its first line): the content type that escapes it.
    static let prefix = "{{% CONTENT_TYPE: \(contentType)}}"

    init() { _ = Self.registered }

    /// Parses and adds a template; throws swift-mustache's parse error.
    mutating func register(_ text: String, named name: String) throws {
        library.register(try MustacheTemplate(string: Self.prefix + text), named: name)
    }

    /// Adds the wrapper that renders a fragment template with `t` in reach.
    mutating func registerFragment(_ template: String) {
        try! register("{{#item}}{{>\(template)}}{{/item}}", named: Self.wrapper(template))
    }

    private static func wrapper(_ template: String) -> String { "citysdg-fragment " + template }

    func has(_ template: String) -> Bool { library.getTemplate(named: template) != nil }

    func render(_ view: Any, template: String) -> String {
        library.render(view, withTemplate: template) ?? ""
    }

    func renderFragment(_ item: Any, strings: [String: String], template: String) -> String {
        library.render(FragmentEnvelope(t: strings, item: item), withTemplate: Self.wrapper(template)) ?? ""
    }
}

/// `<`, `>`, `&`, `"` and `'` escaped byte by byte, as swift-mustache's HTML content type does.
struct ByteEscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }
}
