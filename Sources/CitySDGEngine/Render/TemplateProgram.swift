import Foundation

/// Mustache templates compiled once per theme load against the views they render.
///
/// swift-mustache looks every `{{name}}` up at render time: for each object on the context stack
/// it asks, by dynamic casts, whether the object is a lambda, a custom representation, a parent,
/// and then reads the field by name, and it prints the value with `String(describing:)`. That was
/// about half of a clean build. Here each name is resolved when the theme is loaded, against the
/// field tables the views already have (`TemplateValue.fields`): which level of the stack holds
/// it, the key path that reads it, and what kind of value it is (text, a flag, a list, a group of
/// fields, a kept fragment). A name no view on the stack has is an error at theme load, with the
/// template's file, line and column, not an empty string on every page.
///
/// The output is byte for byte what swift-mustache renders (the standalone-line and indentation
/// rules are the same, see `TemplateParser`), which the golden pages and the benchmark sites check.

/// A value on the render stack, held by reference so that reading a field never copies the view.
final class TemplateBox<T> {
    let value: T
    init(_ value: T) { self.value = value }

    /// The boxed value's bytes, read in place.
    func withBytes<R>(_ body: (UnsafeRawPointer) -> R) -> R {
        withUnsafePointer(to: value) { body(UnsafeRawPointer($0)) }
    }
}

/// Lists and optionals, seen from their type when a template is compiled.
private protocol TemplateList { static var elementType: Any.Type { get } }
extension Array: TemplateList { fileprivate static var elementType: Any.Type { Element.self } }
private protocol TemplateOptional { static var wrappedType: Any.Type { get } }
extension Optional: TemplateOptional { fileprivate static var wrappedType: Any.Type { Wrapped.self } }

/// What a template can do with a value of a type.
private enum ReadShape {
    case text, scalar, bool, fragment, strings
    case record(any TemplateValue.Type)
    case list(element: Any.Type)
    case optional(wrapped: Any.Type)
    case unknown

    init(_ type: Any.Type) {
        if type == String.self { self = .text }
        else if type == Bool.self { self = .bool }
        else if type == Fragment.self { self = .fragment }
        else if type == [String: String].self { self = .strings }
        else if let record = type as? any TemplateValue.Type { self = .record(record) }
        else if let list = type as? any TemplateList.Type { self = .list(element: list.elementType) }
        else if let optional = type as? any TemplateOptional.Type { self = .optional(wrapped: optional.wrappedType) }
        else if type == Any.self { self = .unknown }
        else { self = .scalar }
    }
}

extension TemplateValue {
    /// Reads a field (or a chain of fields) of the value in a box of this type.
    fileprivate static func reader(_ path: AnyKeyPath) -> (AnyObject) -> Any { opened(path).boxedReader() }

    /// Reads a field of a value of this type held as `Any`.
    fileprivate static func anyReader(_ path: AnyKeyPath) -> (Any) -> Any { opened(path).anyReader() }

    /// Reads a text field (`String` or `String?`) of the value in a box of this type straight from
    /// where it is stored; nil when the path is not a stored field's or not text.
    fileprivate static func textReader(_ path: AnyKeyPath) -> ((AnyObject) -> String?)? { opened(path).textReader() }
}

/// The key path as its own type, found from its root and value types: a cast to a class, where a
/// cast to `any FieldPath` made the runtime look for the conformance of each key path type among
/// every conformance the program has (a third of loading a theme, once per field).
private func opened(_ path: AnyKeyPath) -> any FieldPath {
    func withRoot<Root>(_: Root.Type) -> any FieldPath {
        func withValue<Value>(_: Value.Type) -> any FieldPath { path as! KeyPath<Root, Value> }
        return _openExistential(type(of: path).valueType, do: withValue)
    }
    return _openExistential(type(of: path).rootType, do: withRoot)
}

/// A field table's key path, opened once when a template is compiled: its reader knows the field's
/// type, where reading through `PartialKeyPath` made the runtime look the type up again on every
/// read (`swift_getAtPartialKeyPath` and generic metadata: a tenth of a clean build in `perf`).
private protocol FieldPath {
    func boxedReader() -> (AnyObject) -> Any
    func anyReader() -> (Any) -> Any
    func textReader() -> ((AnyObject) -> String?)?
}

extension KeyPath: FieldPath {
    fileprivate func boxedReader() -> (AnyObject) -> Any { { unsafeDowncast($0, to: TemplateBox<Root>.self).value[keyPath: self] } }
    fileprivate func anyReader() -> (Any) -> Any { { ($0 as! Root)[keyPath: self] } }

    /// Text is most of what a page prints: a stored text field is read at its offset in the view,
    /// with no key path applied, no `Any` made and no cast back (`MemoryLayout.offset(of:)` gives
    /// the offset of a stored property, joined ones included, and nil for anything else).
    fileprivate func textReader() -> ((AnyObject) -> String?)? {
        guard let offset = MemoryLayout<Root>.offset(of: self) else { return nil }
        if Value.self == String.self {
            return { unsafeDowncast($0, to: TemplateBox<Root>.self).withBytes { $0.load(fromByteOffset: offset, as: String.self) } }
        }
        if Value.self == String?.self {
            return { unsafeDowncast($0, to: TemplateBox<Root>.self).withBytes { $0.load(fromByteOffset: offset, as: String?.self) } }
        }
        return nil
    }
}

/// Boxes a value of a type known when compiling, and reads it back.
/// (The box's type is found once, here, not on every value boxed.)
private func boxer<T>(_: T.Type) -> (Any) -> AnyObject {
    let box = TemplateBox<T>.self
    return { box.init($0 as! T) }
}
private func unboxer<T>(_: T.Type) -> (AnyObject) -> Any { { unsafeDowncast($0, to: TemplateBox<T>.self).value } }
private func unwrapper<T>(_: T.Type) -> (Any) -> Any? { { $0 as? T } }
private func emptiness<E>(_: E.Type) -> (Any) -> Bool { { ($0 as! [E]).isEmpty } }
private func lister<E>(_: E.Type) -> (Any) -> [AnyObject] {
    let box = TemplateBox<E>.self
    return { ($0 as! [E]).map { box.init($0) } }
}

/// What the page being rendered is written into, with the context stack.
struct RenderBuffer {
    var out: [UInt8] = []
    var stack: [AnyObject] = []
    /// The indentation of the partials being rendered (a standalone `{{>name}}` after spaces).
    var indentation: [UInt8] = []

    /// `<`, `>`, `&`, `"` and `'` as entities, as swift-mustache's HTML content type escapes them
    /// (and `ByteEscapedHTML`, the interpreter's, through this).
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var from = 0
            for (i, byte) in bytes.enumerated() {
                let entity: StaticString
                switch byte {
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x26: entity = "&amp;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                out.append(contentsOf: bytes[from..<i])
                entity.withUTF8Buffer { out.append(contentsOf: $0) }
                from = i + 1
            }
            out.append(contentsOf: bytes[from...])
        }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }
}

typealias TemplateOp = (inout RenderBuffer) -> Void

/// The operations of one template body, and one operation that runs them all. Called one by
/// one from the list, each operation was copied out of it (a retain and a release around every
/// tag and text: 2.5 % of a clean build); `all` calls them from closures that hold them.
struct TemplateBody {
    let ops: [TemplateOp]
    let all: TemplateOp

    init(_ ops: [TemplateOp]) {
        self.ops = ops
        all = Self.sequence(ops[...])
    }

    private static func sequence(_ ops: ArraySlice<TemplateOp>) -> TemplateOp {
        let i = ops.startIndex
        switch ops.count {
        case 0: return { _ in }
        case 1: return ops[i]
        case 2:
            let a = ops[i], b = ops[i + 1]
            return { a(&$0); b(&$0) }
        case 3:
            let a = ops[i], b = ops[i + 1], c = ops[i + 2]
            return { a(&$0); b(&$0); c(&$0) }
        default:
            let first = sequence(ops[..<(i + ops.count / 2)]), second = sequence(ops[(i + ops.count / 2)...])
            return { first(&$0); second(&$0) }
        }
    }
}

/// Runs the operations of one template body. With an indentation (inside an indented partial),
/// whatever a tag or text adds at the start of a line of this body is indented, as swift-mustache does.
private func run(_ body: TemplateBody, _ s: inout RenderBuffer) {
    if s.indentation.isEmpty {
        body.all(&s)
        return
    }
    let start = s.out.count
    for op in body.ops {
        let before = s.out.count
        let atLineStart = before > start && s.out[before - 1] == 0x0A && !(before - 2 >= start && s.out[before - 2] == 0x0D)
        op(&s)
        if atLineStart && s.out.count > before { s.out.insert(contentsOf: s.indentation, at: before) }
    }
}

/// A template's text between tags, kept where appending it copies no reference.
private final class TemplateText {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    init(_ text: [UInt8]) {
        bytes = .allocate(capacity: text.count)
        _ = bytes.initialize(from: text)
    }
    deinit { bytes.deallocate() }
}

/// A template compiled for one type of view.
final class TemplateProgram: @unchecked Sendable {
    private let ops: TemplateBody
    private let box: (Any) -> AnyObject

    fileprivate init(ops: TemplateBody, box: @escaping (Any) -> AnyObject) {
        self.ops = ops
        self.box = box
    }

    func render(_ value: Any) -> String { String(decoding: bytes(value), as: UTF8.self) }

    func renderFile(_ value: Any) -> Data { Data(bytes(value)) }

    private func bytes(_ value: Any) -> [UInt8] {
        var buffer = RenderBuffer()
        buffer.out.reserveCapacity(16_384)
        buffer.stack.append(box(value))
        run(ops, &buffer)
        return buffer.out
    }
}

/// The result of looking a name up from one level of the stack.
private enum Probe {
    /// The first name is not there (or is nil): the next level down is asked.
    case absent
    /// Found, and nil after the first name (nothing is rendered, no other level is asked).
    case none
    case value(Any)
}

/// Compiles templates against view types. One compiler per theme load.
struct TemplateCompiler {
    /// Every template of the theme, parsed.
    let templates: [String: [TemplateNode]]
    /// The interface strings a template may read as `t.<key>`; nil reads any key.
    let strings: Set<String>?

    /// A name looked up on one level of the stack: how to read it and what type it has.
    private struct Candidate {
        var depth: Int
        var probe: (AnyObject) -> Probe
        var type: Any.Type
        /// For a text field read in one step from a stored field: the text, or nil for none.
        var text: ((AnyObject) -> String?)? = nil
    }

    /// Compiles `template` for a root value of type `root`, whose fields of type `Any` hold the
    /// types in `bindings` (a page's `view`, a card's `item`).
    func compile(_ template: String, root: any TemplateValue.Type, bindings: [String: Any.Type]) throws -> TemplateProgram {
        guard let nodes = templates[template] else {
            throw TemplateParseError(spot: TemplateSpot(template: template, line: 1, column: 1), message: "the theme has no `\(template)` template")
        }
        var context = Context(bindings: bindings, overrides: [:], partials: [])
        let ops = try compile(nodes, frames: [root], &context)
        return TemplateProgram(ops: ops, box: boxer(root))
    }

    private struct Context {
        var bindings: [String: Any.Type]
        var overrides: [String: [TemplateNode]]
        /// The partials being compiled, innermost last (a partial that includes itself is an error).
        var partials: [String]
    }

    private func compile(_ nodes: [TemplateNode], frames: [Any.Type], _ context: inout Context) throws -> TemplateBody {
        var ops: [TemplateOp] = []
        for node in nodes {
            switch node {
            case .text(let bytes):
                let text = TemplateText(bytes)
                ops.append { $0.out.append(contentsOf: text.bytes) }
            case .variable(let name, let escaped, let spot):
                ops.append(try variable(name, escaped: escaped, frames: frames, spot, context))
            case .section(let name, let body, let inverted, let spot):
                ops.append(try section(name, body: body, inverted: inverted, frames: frames, spot, &context))
            case .partial(let name, let indentation, let overrides, let spot):
                guard let partial = templates[name] else {
                    throw TemplateParseError(spot: spot, message: "the theme has no template `\(name)` for `{{\(overrides == nil ? ">" : "<")\(name)}}`")
                }
                guard !context.partials.contains(name), context.partials.count < 32 else {
                    throw TemplateParseError(spot: spot, message: "`\(name)` includes itself (\((context.partials + [name]).joined(separator: " → ")))")
                }
                var inner = context
                inner.partials.append(name)
                if let overrides { inner.overrides = context.overrides.merging(overrides) { outer, _ in outer } }
                ops.append(scoped(try compile(partial, frames: frames, &inner), indentation: indentation))
            case .block(let name, let body, let indentation):
                ops.append(scoped(try compile(context.overrides[name] ?? body, frames: frames, &context), indentation: indentation))
            case .blockDefinition:
                continue
            }
        }
        return TemplateBody(ops)
    }

    /// A body rendered on its own (a partial, a block), indented further when its tag was.
    private func scoped(_ ops: TemplateBody, indentation: String?) -> TemplateOp {
        let extra = Array((indentation ?? "").utf8)
        if extra.isEmpty { return { run(ops, &$0) } }
        return { s in
            let saved = s.indentation
            s.indentation += extra
            run(ops, &s)
            s.indentation = saved
        }
    }

    // MARK: names

    private func describe(_ type: Any.Type) -> String {
        String(describing: type)
    }

    /// The type a field has, with a page's `view` and a card's `item` as the types bound to them.
    private func fieldType(_ record: any TemplateValue.Type, _ name: String, _ context: Context) -> (AnyKeyPath, Any.Type)? {
        guard let path = record.anyFields[name] else { return nil }
        let type = Swift.type(of: path).valueType
        return (path, type == Any.self ? context.bindings[name] ?? Any.self : type)
    }

    /// The levels of the stack that may hold `name`, top first, each with how to read it.
    private func lookup(_ name: String, frames: [Any.Type], _ spot: TemplateSpot, _ context: Context) throws -> [Candidate] {
        let top = frames.count - 1
        if name == "." {
            let type = frames[top]
            let read = unboxer(type)
            return [Candidate(depth: 0, probe: { .value(read($0)) }, type: type)]
        }
        let onlyTop = name.hasPrefix(".")
        let parts = name.split(separator: ".").map(String.init)
        guard !parts.isEmpty else { throw TemplateParseError(spot: spot, message: "`{{\(name)}}` names nothing") }
        var found: [Candidate] = []
        for index in stride(from: top, through: onlyTop ? top : 0, by: -1) {
            let frame = frames[index]
            switch ReadShape(frame) {
            case .record(let record):
                guard let (firstPath, firstType) = fieldType(record, parts[0], context) else { continue }
                // Fields of groups that are always there are read with one key path, copying nothing on the way.
                var (path, type, rest) = (firstPath, firstType, parts.dropFirst())
                while let part = rest.first, case .record(let inner) = ReadShape(type), let (next, nextType) = fieldType(inner, part, context),
                      let joined = path.appending(path: next) {
                    (path, type, rest) = (joined, nextType, rest.dropFirst())
                }
                let (probe, finalType) = try chain(record.reader(path), type, rest, composed: rest.count < parts.count - 1,
                                                   name, spot, context)
                found.append(Candidate(depth: top - index, probe: probe, type: finalType, text: rest.isEmpty ? record.textReader(path) : nil))
                if case .optional = ReadShape(firstType) { continue }
                return found
            case .strings:
                let key = parts[0]
                let read: (AnyObject) -> Any = unboxer([String: String].self)
                let first: (AnyObject) -> Any = { (read($0) as! [String: String])[key] as Any }
                let (probe, finalType) = try chain(first, String?.self, parts.dropFirst(), composed: false, name, spot, context)
                found.append(Candidate(depth: top - index, probe: probe, type: finalType))
            default:
                continue
            }
        }
        guard !found.isEmpty else {
            let fields = frames.reversed().compactMap { frame -> [String]? in
                if case .record(let record) = ReadShape(frame) { return record.anyFields.keys.sorted() }
                return nil
            }
            // The nearest view's fields first: a typo is most likely of a field of the view it sits in.
            let near = fields.lazy.compactMap { closestMatch(to: parts[0], in: $0) }.first
            let views = frames.reversed().map(describe).joined(separator: " in ")
            throw TemplateParseError(spot: spot, message: "`{{\(name)}}`: no field `\(parts[0])` here (\(views))"
                                     + (near.map { "; did you mean `\($0)`?" } ?? ""))
        }
        return found
    }

    /// The rest of a dotted name, read from the value the first name found (an optional on the
    /// way is unwrapped, and nil renders nothing). `composed` says the first reader already reads
    /// more than the first name (key paths joined): then a nil it gives ends the name with nothing.
    private func chain(_ first: @escaping (AnyObject) -> Any, _ firstType: Any.Type, _ rest: ArraySlice<String>, composed: Bool,
                       _ name: String, _ spot: TemplateSpot, _ context: Context) throws -> ((AnyObject) -> Probe, Any.Type) {
        var type = firstType
        var firstUnwrap: ((Any) -> Any?)? = nil
        if case .optional(let wrapped) = ReadShape(type) {
            firstUnwrap = unwrapper(wrapped)
            type = wrapped
        }
        var steps: [(Any) -> Any?] = []
        for part in rest {
            switch ReadShape(type) {
            case .record(let record):
                guard let (path, fieldType) = self.fieldType(record, part, context) else {
                    let near = closestMatch(to: part, in: record.anyFields.keys.sorted())
                    throw TemplateParseError(spot: spot, message: "`{{\(name)}}`: \(describe(type)) has no field `\(part)`"
                                             + (near.map { "; did you mean `\($0)`?" } ?? ""))
                }
                let read = record.anyReader(path)
                steps.append { read($0) }
                type = fieldType
            case .strings:
                if let strings, !strings.contains(part) {
                    let near = closestMatch(to: part, in: strings.sorted())
                    throw TemplateParseError(spot: spot, message: "`{{\(name)}}`: the theme has no interface string `\(part)`"
                                             + (near.map { "; did you mean `\($0)`?" } ?? ""))
                }
                steps.append { ($0 as! [String: String])[part] }
                type = String.self
            default:
                throw TemplateParseError(spot: spot, message: "`{{\(name)}}`: \(describe(type)) has no fields to read `\(part)` from")
            }
            if case .optional(let wrapped) = ReadShape(type) {
                steps.append(unwrapper(wrapped))
                type = wrapped
            }
        }
        if steps.isEmpty, firstUnwrap == nil {
            return ({ .value(first($0)) }, type)
        }
        let missing: Probe = composed ? .none : .absent
        let probe: (AnyObject) -> Probe = { object in
            var value = first(object)
            if let firstUnwrap {
                guard let unwrapped = firstUnwrap(value) else { return missing }
                value = unwrapped
            }
            for step in steps {
                guard let next = step(value) else { return .none }
                value = next
            }
            return .value(value)
        }
        return (probe, type)
    }

    /// Tries the candidates top first; `use` gets the first value found and its candidate's index.
    private static func resolve(_ candidates: [Candidate], _ s: inout RenderBuffer) -> (Int, Any)? {
        let count = s.stack.count
        for (index, candidate) in candidates.enumerated() {
            switch candidate.probe(s.stack[count - 1 - candidate.depth]) {
            case .absent: continue
            case .none: return nil
            case .value(let value): return (index, value)
            }
        }
        return nil
    }

    // MARK: tags

    private func variable(_ name: String, escaped: Bool, frames: [Any.Type], _ spot: TemplateSpot, _ context: Context) throws -> TemplateOp {
        let candidates = try lookup(name, frames: frames, spot, context)
        let writers: [(Any, inout RenderBuffer) -> Void] = try candidates.map { candidate in
            switch ReadShape(candidate.type) {
            case .text:
                return escaped ? { $1.appendEscaped($0 as! String) } : { $1.append($0 as! String) }
            case .fragment:
                return escaped ? { $1.appendEscaped(($0 as! Fragment).html) } : { $1.append(($0 as! Fragment).html) }
            case .bool:
                return { $1.append(($0 as! Bool) ? "true" : "false") }
            case .scalar:
                return escaped ? { $1.appendEscaped(String(describing: $0)) } : { $1.append(String(describing: $0)) }
            case .record, .list, .strings, .optional, .unknown:
                throw TemplateParseError(spot: spot, message: "`{{\(name)}}` is \(describe(candidate.type)), not text: open it as a section, `{{#\(name)}}…{{/\(name)}}`")
            }
        }
        if candidates.count == 1, candidates[0].depth == 0, let read = candidates[0].text {
            // (A nil text is a missing field: nothing, as the probe's `absent` or `none` is.)
            return escaped ? { s in if let text = read(s.stack[s.stack.count - 1]) { s.appendEscaped(text) } }
                           : { s in if let text = read(s.stack[s.stack.count - 1]) { s.append(text) } }
        }
        if candidates.count == 1, let probe = candidates.first?.probe, let write = writers.first, candidates[0].depth == 0 {
            return { s in
                if case .value(let value) = probe(s.stack[s.stack.count - 1]) { write(value, &s) }
            }
        }
        return { s in
            if let (index, value) = Self.resolve(candidates, &s) { writers[index](value, &s) }
        }
    }

    private func section(_ name: String, body: [TemplateNode], inverted: Bool, frames: [Any.Type], _ spot: TemplateSpot,
                         _ context: inout Context) throws -> TemplateOp {
        let candidates = try lookup(name, frames: frames, spot, context)
        if inverted {
            let ops = try compile(body, frames: frames, &context)
            let empties: [(Any) -> Bool] = candidates.map { candidate in
                switch ReadShape(candidate.type) {
                case .bool: return { !($0 as! Bool) }
                case .list(let element): return emptiness(element)
                default: return { _ in false }
                }
            }
            return { s in
                if let (index, value) = Self.resolve(candidates, &s), !empties[index](value) { return }
                run(ops, &s)
            }
        }
        // Each candidate has its body compiled for the type it pushes. A body that does not fit
        // a level further down is a section that falls through to a field of the same name when
        // the nearer one is empty: said as such, with the way to read only the nearer one.
        var renderers: [(Any, inout RenderBuffer) -> Void] = []
        for (index, candidate) in candidates.enumerated() {
            do {
                switch ReadShape(candidate.type) {
                case .bool:
                    let ops = try compile(body, frames: frames, &context)
                    renderers.append { value, s in if value as! Bool { run(ops, &s) } }
                case .list(let element):
                    let ops = try compile(body, frames: frames + [element], &context)
                    let list = lister(element)
                    renderers.append { value, s in
                        for item in list(value) {
                            s.stack.append(item)
                            run(ops, &s)
                            s.stack.removeLast()
                        }
                    }
                case .unknown:
                    throw TemplateParseError(spot: spot, message: "`{{#\(name)}}` holds a value whose type is not known when the theme is loaded")
                default:
                    let ops = try compile(body, frames: frames + [candidate.type], &context)
                    let box = boxer(candidate.type)
                    renderers.append { value, s in
                        s.stack.append(box(value))
                        run(ops, &s)
                        s.stack.removeLast()
                    }
                }
            } catch let problem as TemplateParseError where index > 0 {
                let nearer = frames[frames.count - 1 - candidates[0].depth]
                throw TemplateParseError(spot: spot, message: "`{{#\(name)}}`: when \(describe(nearer))'s `\(name)` is empty, it falls through to "
                                         + "\(describe(frames[frames.count - 1 - candidate.depth]))'s `\(name)` (\(describe(candidate.type))), "
                                         + "and then \(problem.message)",
                                         hint: "write `{{#.\(name)}}…{{/.\(name)}}` to read only \(describe(nearer))'s")
            }
        }
        return { s in
            if let (index, value) = Self.resolve(candidates, &s) { renderers[index](value, &s) }
        }
    }
}

extension TemplateValue {
    /// The field table as key paths of any root, for the compiler.
    static var anyFields: [String: AnyKeyPath] { fields.mapValues { $0 as AnyKeyPath } }
}
