/// A place in a content file: the path as the editor sees it, and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the content or the theme: where, what, and how to fix it.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    /// A problem in the content or theme (exit status 1), or with the command's folders and files
    /// themselves: a missing folder, an output that cannot be written (exit status 2).
    public enum Category: String, Sendable, Hashable, Codable {
        case content, io
    }

    public var severity: Severity
    public var category: Category
    public var location: SourceLocation
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, hint: String? = nil,
                category: Category = .content) {
        self.severity = severity
        self.category = category
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message`, and the hint on a line of its own.
    public var description: String {
        let head = "\(location): \(severity.rawValue): \(message)"
        guard let hint else { return head }
        return head + "\n    hint: " + hint
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.severity == .error ? 0 : 1, a.message) < (b.location, b.severity == .error ? 0 : 1, b.message)
    }
}

/// Something that is wrong only because of an error elsewhere: a link to the page of a file that
/// failed to load. It is shown folded under that file's first error and not counted on its own,
/// so one mistake reads as one problem.
public struct FollowOn: Sendable, Hashable, Comparable {
    /// The file (as shown) whose error it waits on.
    public var cause: String
    /// The address that waits (`/cities/pakse/`).
    public var address: String
    /// Where it is written.
    public var location: SourceLocation

    public init(cause: String, address: String, location: SourceLocation) {
        self.cause = cause
        self.address = address
        self.location = location
    }

    public static func < (a: FollowOn, b: FollowOn) -> Bool { (a.cause, a.address, a.location) < (b.cause, b.address, b.location) }

    /// The lines that fold `items` (all waiting on one error) under it: one per address, counted,
    /// with where each link is.
    public static func summaries(_ items: [FollowOn]) -> [String] {
        Dictionary(grouping: Set(items), by: \.address).sorted { $0.key < $1.key }.map { address, links in
            let places = links.map(\.location).sorted().map(\.description).joined(separator: ", ")
            return (links.count == 1 ? "1 link to `\(address)` waits" : "\(links.count) links to `\(address)` wait")
                + " on the error above (" + places + ")"
        }
    }

    /// The error it stands for when its cause has none to fold under (kept so nothing is lost).
    var asError: Diagnostic {
        Diagnostic(.error, location, "the link `\(address)` leads to a page of \(cause), which has errors",
                   hint: "fix the errors in \(cause)")
    }
}

/// The problems collected in one build: every stage adds to it and none stops at the first.
public struct Diagnostics: Sendable, Equatable {
    public private(set) var all: [Diagnostic] = []
    /// Problems that follow from an error elsewhere, shown under it (see `report`).
    public private(set) var followOns: [FollowOn] = []

    public init() {}

    public mutating func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.error, location, message, hint: hint))
    }

    /// A problem with the folders and files the command was given, not with what they contain.
    public mutating func ioError(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.error, location, message, hint: hint, category: .io))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.warning, location, message, hint: hint))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    public mutating func append(_ followOn: FollowOn) {
        followOns.append(followOn)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
        followOns.append(contentsOf: other.followOns)
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } || !followOns.isEmpty }
    public var hasIOErrors: Bool { all.contains { $0.category == .io } }
    /// Counted as printed: a problem reported twice is one problem, a follow-on is not one.
    public var errorCount: Int { sorted.filter { $0.severity == .error }.count }
    public var warningCount: Int { all.filter { $0.severity == .warning }.count }
    /// Sorted by file, line and column, each problem once; follow-ons are folded under their
    /// cause's first error (`report`), and stand on their own only if it has none.
    public var sorted: [Diagnostic] { report.map(\.diagnostic) }

    /// Each problem once, sorted, with the follow-ons folded under it (as lines to show beneath it).
    public var report: [(diagnostic: Diagnostic, folded: [String])] {
        let roots = Array(Set(all)).sorted()
        var firstError: [String: Int] = [:]
        for (i, d) in roots.enumerated() where d.severity == .error && firstError[d.location.file] == nil { firstError[d.location.file] = i }
        var folded: [Int: [FollowOn]] = [:]
        var orphans: [Diagnostic] = []
        for followOn in Set(followOns) {
            if let i = firstError[followOn.cause] { folded[i, default: []].append(followOn) } else { orphans.append(followOn.asError) }
        }
        let shown = roots.enumerated().map { i, d in (d, folded[i].map(FollowOn.summaries) ?? []) }
        guard !orphans.isEmpty else { return shown }
        return (shown + orphans.map { ($0, []) }).sorted { $0.0 < $1.0 }
    }

    /// What `report` shows, as text: each problem, its hint, and what waits on it.
    public var text: [String] {
        report.map { d, folded in ([d.description] + folded.map { "    " + $0 }).joined(separator: "\n") }
    }
}
