import Foundation
import Mustache

/// How the engine renders with a theme: a page from a template, a fragment (card) from a
/// fragment template. Mustache is the theme language; this is the only file that knows it.
protocol TemplateEngine: Sendable {
    func has(_ template: String) -> Bool
    /// A page, as the bytes of its file.
    func render(_ view: Any, template: String) -> Data
    /// A fragment template rendered on its own, with the interface strings in reach as `t`.
    func renderFragment(_ item: Any, strings: [String: String], template: String) -> String
}

/// The theme's Mustache templates. swift-mustache parses each template first and says what is
/// wrong with one that does not parse (`TemplateProblem`); each template is then compiled against
/// the view type it renders (`TemplateProgram`), once per theme load, and pages and cards are
/// rendered by the compiled programs.
struct MustacheEngine: TemplateEngine {
    private let library = Library()
    private var parsed: [String: [TemplateNode]] = [:]
    private var programs: [Key: TemplateProgram] = [:]

    /// A template compiled for one type of view.
    private struct Key: Hashable {
        var template: String
        var type: ObjectIdentifier
        init(_ template: String, _ type: Any.Type) { (self.template, self.type) = (template, ObjectIdentifier(type)) }
    }

    private static let contentType = "CITYSDGHTML"
    private static let registered: Void = MustacheContentTypes.register(ByteEscapedHTML(), named: contentType)

    /// What goes before every template's text (on its first line): the content type that escapes it.
    static let prefix = "{{% CONTENT_TYPE: \(contentType)}}"

    init() { _ = Self.registered }

    /// Parses and adds a template; throws swift-mustache's parse error, or what the compiler refuses.
    /// `checked`: swift-mustache accepted this very text before (a build of this generator
    /// recorded its fingerprint as the template's input), so it parses it only if a page is ever
    /// rendered by its interpreter: a new process's theme load parsed every template twice, a third of it.
    mutating func register(_ text: String, named name: String, checked: Bool = false) throws {
        if checked { library.later(text, named: name) } else { try library.register(text, named: name) }
        parsed[name] = try TemplateParser.parse(Self.prefix + text, template: name, prefixLength: Self.prefix.count)
    }

    /// Adds the wrapper that renders a fragment template with `t` in reach (the engine's own text).
    mutating func registerFragment(_ template: String) {
        try! register("{{#item}}{{>\(template)}}{{/item}}", named: Self.wrapper(template), checked: true)
    }

    /// swift-mustache's templates, for the pages its interpreter renders (none of the engine's own
    /// when the templates are compiled): those known to parse are parsed when first needed.
    private final class Library: @unchecked Sendable { // (changed only under its lock)
        private var library = MustacheLibrary()
        private var waiting: [String: String] = [:]
        private let lock = NSLock()

        func register(_ text: String, named name: String) throws {
            let template = try MustacheTemplate(string: MustacheEngine.prefix + text)
            lock.withLock { library.register(template, named: name) }
        }

        func later(_ text: String, named name: String) { lock.withLock { waiting[name] = text } }

        /// The library with every template in it.
        var all: MustacheLibrary {
            lock.withLock {
                for (name, text) in waiting {
                    if let template = try? MustacheTemplate(string: MustacheEngine.prefix + text) { library.register(template, named: name) }
                }
                waiting = [:]
                return library
            }
        }
    }

    private static func wrapper(_ template: String) -> String { "citysdg-fragment " + template }

    /// Compiles each page template for its view type and each fragment template for its item type;
    /// returns what cannot be compiled (a field no view has, an interface string the theme lacks).
    mutating func compile(pages: [String: Any.Type], fragments: [String: Any.Type], strings: Set<String>) -> [TemplateParseError] {
        let compiler = TemplateCompiler(templates: parsed, strings: strings)
        var problems: [TemplateParseError] = []
        for (template, view) in pages.sorted(by: { $0.key < $1.key }) where parsed[template] != nil {
            do { programs[Key(template, view)] = try compiler.compile(template, root: Envelope.self, bindings: ["view": view]) } catch {
                problems.append(error as! TemplateParseError)
            }
        }
        for (template, item) in fragments.sorted(by: { $0.key < $1.key }) where parsed[template] != nil {
            do {
                programs[Key(Self.wrapper(template), item)] = try compiler.compile(Self.wrapper(template), root: FragmentEnvelope.self,
                                                                                       bindings: ["item": item])
            } catch {
                problems.append(error as! TemplateParseError)
            }
        }
        return problems
    }

    func has(_ template: String) -> Bool { parsed[template] != nil }

    /// A page by its compiled template, its bytes written into the file as they are (not made a
    /// `String`, which checks them again, first); a pairing of template and view that was not
    /// compiled (none in the engine's own pages) goes through swift-mustache.
    func render(_ view: Any, template: String) -> Data {
        if let envelope = view as? Envelope, let program = programs[Key(template, type(of: envelope.view))] {
            return program.renderFile(envelope)
        }
        return Data((library.all.render(view, withTemplate: template) ?? "").utf8)
    }

    func renderFragment(_ item: Any, strings: [String: String], template: String) -> String {
        let envelope = FragmentEnvelope(t: strings, item: item)
        if let program = programs[Key(Self.wrapper(template), type(of: item))] {
            return program.render(envelope)
        }
        return library.all.render(envelope, withTemplate: Self.wrapper(template)) ?? ""
    }
}

/// `<`, `>`, `&`, `"` and `'` escaped byte by byte, as swift-mustache's HTML content type does.
struct ByteEscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var buffer = RenderBuffer()
        buffer.appendEscaped(text)
        return String(decoding: buffer.out, as: UTF8.self)
    }
}
