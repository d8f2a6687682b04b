/// A value behind one reference that its copies share: copying it costs one retain, whatever the
/// value holds, and the value itself is copied only when a copy that shares it is changed.
/// A city or a project sits in a dozen of the resolved site's indexes and in every listing a page
/// reads; as plain structs, each of those copies retained each of their twenty fields.
struct Shared<Value: Sendable & Hashable>: @unchecked Sendable, Hashable {
    // Unchecked: the box is changed only through `value`, which copies it first when it is shared.
    private final class Box {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    /// Whether both are the same value because they share it (unchanged since one was copied from the other).
    func isIdentical(to other: Shared) -> Bool { box === other.box }

    static func == (a: Shared, b: Shared) -> Bool { a.box === b.box || a.box.value == b.box.value }

    func hash(into hasher: inout Hasher) { box.value.hash(into: &hasher) }
}

/// A city or a project: its fields behind one `Shared` reference. `item.title` reads and writes
/// `fields.title` (any field, by dynamic member), and a copy costs one retain.
@dynamicMemberLookup
protocol SharedItem: Sendable, Hashable {
    associatedtype Fields: SharedItemFields
    var shared: Shared<Fields> { get set }
    subscript<T>(dynamicMember field: WritableKeyPath<Fields, T>) -> T { get set }
}

/// What every shared item's fields have: the ones read most often, named for `Translatable`.
protocol SharedItemFields: Sendable, Hashable {
    var slug: Slug { get }
    var title: String { get set }
    var document: Document { get }
    var text: TextState { get set }
}

extension SharedItem {
    /// Whether this is the very value `other` is (a copy of it, neither changed since): then it
    /// is the same file's, as it was.
    func isShared(with other: Self) -> Bool { shared.isIdentical(to: other.shared) }

    subscript<T>(dynamicMember field: WritableKeyPath<Fields, T>) -> T {
        get { shared.value[keyPath: field] }
        _modify { yield &shared.value[keyPath: field] }
    }

    var slug: Slug { shared.value.slug }
    var title: String {
        get { shared.value.title }
        set { shared.value.title = newValue }
    }
    var document: Document { shared.value.document }
    var text: TextState {
        get { shared.value.text }
        set { shared.value.text = newValue }
    }
}
