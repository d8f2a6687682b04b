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
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
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

/// The problems collected in one build: every stage adds to it and none stops at the first.
public struct Diagnostics: Sendable, Equatable {
    public private(set) var all: [Diagnostic] = []

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

    public mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var hasIOErrors: Bool { all.contains { $0.category == .io } }
    /// Counted as printed: a problem reported twice is one problem.
    public var errorCount: Int { sorted.filter { $0.severity == .error }.count }
    public var warningCount: Int { all.filter { $0.severity == .warning }.count }
    /// Sorted by file, line and column, each problem once.
    public var sorted: [Diagnostic] { Array(Set(all)).sorted() }
}
