import Foundation

/// The site's content as typed values, one type per kind of file. Identifiers are already valid
/// (loading checked them); references to other files are checked when the site is resolved.

/// A value with the place it was written, so a later stage can point at it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation
}

/// A document a fact comes from.
public struct Source: Sendable, Hashable {
    public var title: String
    public var url: String?
    public var publisher: String?
    public var date: PartialDate?
    /// How a reader finds a document that has no web address: its number (a UN symbol, a report
    /// number), its ISBN, or the archive or library that keeps a copy.
    public var number: String? = nil
    public var isbn: String? = nil
    public var archive: String? = nil

    /// Whether a reader can follow it to the document: a web address or one of the locators.
    public var canBeFound: Bool { url != nil || number != nil || isbn != nil || archive != nil }
}

public struct Coordinates: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
}

/// A figure with its year and the (1-based) index of the source it comes from.
public struct Figure: Sendable, Hashable {
    public var value: Int
    public var year: Int?
    public var source: Int?
    public var note: String?
}

public struct Funding: Sendable, Hashable {
    public var amount: Double?
    public var currency: String?
    public var note: String?
}

public enum Stage: String, Sendable, Hashable, CaseIterable {
    case plan, `do`, check, act
}

public enum ProjectStatus: String, Sendable, Hashable, CaseIterable {
    case planned, ongoing, completed
}

/// How a project's SDG targets are known: a source names them, or an editor read them into it.
/// What a city's goals are: priorities a source states, or the goals a Voluntary Local Review covers.
public enum PriorityKind: String, Sendable, Hashable, CaseIterable {
    case stated, reviewed
}

public enum Alignment: String, Sendable, Hashable, CaseIterable {
    case stated, interpreted
}

/// Markdown body and where it starts in its file. A file decoded by an earlier build (kept in
/// the decode cache) has its body read from the file again only when a page shows it.
public struct Body: Sendable, Hashable {
    public let firstLine: Int
    private let storage: Storage

    private enum Storage: Sendable, Hashable {
        case text(String)
        /// The content file it is in, by absolute path.
        case file(String)
    }

    public init(markdown: String, firstLine: Int) {
        self.firstLine = firstLine
        storage = .text(markdown)
    }

    init(file: String, firstLine: Int) {
        self.firstLine = firstLine
        storage = .file(file)
    }

    public var markdown: String {
        switch storage {
        case .text(let text): return text
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path), let text = try? SourceText.read(data, file: path) else { return "" }
            return text.body.markdown
        }
    }

    public var isEmpty: Bool { text == nil }

    /// The Markdown when it has any text, read once (a body kept in the decode cache is read from its file).
    public var text: String? {
        let markdown = markdown
        return markdown.allSatisfy(\.isWhitespace) ? nil : markdown
    }
}

/// What every content file has. Its body can only be read by saying who reads it, so a page
/// that shows a body has it among its recorded inputs. It never changes once read, so the site's
/// entities and indexes share one copy (a class: copying a city copies one reference to it).
public final class Document: Sendable, Hashable {
    /// Path inside the content folder: `cities/la/luang-prabang.md`.
    public let path: String
    /// Path as the editor sees it, for messages.
    public let displayPath: String
    fileprivate let body: Body
    /// Fingerprints of the front matter and of the body, for the build graph.
    public let frontMatterFingerprint: Fingerprint
    public let bodyFingerprint: Fingerprint

    init(path: String, displayPath: String, body: Body, frontMatterFingerprint: Fingerprint, bodyFingerprint: Fingerprint) {
        self.path = path
        self.displayPath = displayPath
        self.body = body
        self.frontMatterFingerprint = frontMatterFingerprint
        self.bodyFingerprint = bodyFingerprint
    }

    public static func == (a: Document, b: Document) -> Bool {
        a === b || (a.path == b.path && a.displayPath == b.displayPath && a.body == b.body
                    && a.frontMatterFingerprint == b.frontMatterFingerprint && a.bodyFingerprint == b.bodyFingerprint)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(frontMatterFingerprint)
        hasher.combine(bodyFingerprint)
    }

    /// Whether the body has any text (read from its file when it is not in memory).
    var hasText: Bool { !body.isEmpty }

    /// The line the body starts on (for the decode cache, which keeps no bodies).
    var firstBodyLine: Int { body.firstLine }

    /// The body, recorded as an input of whatever `reads` is recording.
    func body(recordedIn reads: Recorder) -> Body {
        reads.record(.body(path), bodyFingerprint)
        return body
    }
}

public struct Country: Sendable, Hashable {
    public var code: CountryCode
    public var name: String
    public var summary: String?
    public var memberSince: PartialDate?
    public var sources: [Source]
    public var document: Document
    /// In which language its words are, on the page being made (set by the reader, never decoded).
    public var text: TextState = .original
    /// Whether `name` is in the page's language though the rest is not (CLDR's name of the country):
    /// set by the reader, never decoded.
    public var nameInPageLanguage = false
}

public struct Programme: Sendable, Hashable {
    public var slug: Slug
    public var title: String
    public var shortName: String?
    public var summary: String?
    public var start: PartialDate?
    public var end: PartialDate?
    public var funders: [String]
    public var implementers: [String]
    public var focusAreas: [String]
    public var focusGoals: [Located<GoalNumber>]
    public var website: String?
    public var sources: [Source]
    public var document: Document
    /// In which language its words are, on the page being made (set by the reader, never decoded).
    public var text: TextState = .original
}

public struct Expectation: Sendable, Hashable {
    public var target: Located<TargetCode>
    /// The local wording; nil when a source lists the target as a priority but not its wording.
    public var text: String?
    public var stage: Stage?
    public var indicator: Located<IndicatorCode>?
    public var note: String?
    public var source: Int?
    /// The wording is an editor's summary of the source's, not a quotation.
    public var paraphrased: Bool = false
    /// The language of the wording when it is not the page's (no translation gives it; set by the reader).
    public var textLang: String? = nil
    /// Where the indicator stood, and the value the city aims at by a year (for the progress status).
    public var baseline: Mark? = nil
    public var aim: Mark? = nil
}

public struct City: SharedItem, Sendable, Hashable {
    /// What the file says, shared by every copy (see `Shared`): `city.title` reads `fields.title`.
    public struct Fields: SharedItemFields, Sendable, Hashable {
        public var slug: Slug
        public var title: String
        public var country: Located<CountryCode>
        public var coordinates: Coordinates?
        public var population: Figure?
        public var programmes: [Located<Slug>]
        public var prioritySDGs: [Located<GoalNumber>]
        /// Whether `prioritySDGs` are stated priorities or the goals a review covers.
        public var priorityKind: PriorityKind = .stated
        /// Why these goals, and where that is written (1-based index into sources).
        public var priorityNote: String?
        public var prioritySource: Int?
        public var expectations: [Expectation]
        public var summary: String?
        public var sources: [Source]
        public var updated: PartialDate?
        public var document: Document
        /// The city's name in other scripts, by language code (`lo: ວຽງຈັນ`), and the source that gives them.
        public var names: [String: String] = [:]
        public var namesSource: Int?
        /// In which language its words are, on the page being made (set by the reader, never decoded).
        public var text: TextState = .original
        /// The original title, where the page shows the city by its name in the page's script (`names:`):
        /// set by the reader, never decoded.
        public var latinTitle: String?
    }

    var shared: Shared<Fields>

    public init(_ fields: Fields) { shared = Shared(fields) }
}

public struct Project: SharedItem, Sendable, Hashable {
    /// What the file says, shared by every copy (see `Shared`): `project.title` reads `fields.title`.
    public struct Fields: SharedItemFields, Sendable, Hashable {
        public var slug: Slug
        public var title: String
        public var city: Located<Slug>
        public var targets: [Located<TargetCode>]
        public var goals: [Located<GoalNumber>]
        public var alignment: Alignment?
        public var status: ProjectStatus?
        public var start: PartialDate?
        public var end: PartialDate?
        public var partners: [String]
        public var funding: Funding?
        public var programme: Located<Slug>?
        public var summary: String?
        public var sources: [Source]
        public var updated: PartialDate?
        public var document: Document
        /// In which language its words are, on the page being made (set by the reader, never decoded).
        public var text: TextState = .original
        /// `model: true`: the editor says a source calls it a model project, and `modelSource` is
        /// that source (1-based).
        public var model: Bool = false
        public var modelSource: Int? = nil
    }

    var shared: Shared<Fields>

    public init(_ fields: Fields) { shared = Shared(fields) }

    /// Whether the site calls it a model project: only when a source that does is named;
    /// everywhere else it is a project.
    public var isModel: Bool { shared.value.model && shared.value.modelSource != nil }
}

public struct Page: Sendable, Hashable {
    public var slug: Slug
    public var title: String
    public var summary: String?
    public var order: Int?
    public var document: Document
    /// Whether the page shows what the content holds (the coverage the home page shows too), after its text.
    public var showsCoverage: Bool = false
    /// In which language its words are, on the page being made (set by the reader, never decoded).
    public var text: TextState = .original
}

/// The words of a content file in another language, from the file beside it (`luang-prabang.lo.md`):
/// title, summary, body and the wording of expectations. Facts are the original's alone.
public struct Translation: Sendable, Hashable {
    public var language: String
    /// The original's path inside the content folder (`cities/la/luang-prabang.md`).
    public var original: String
    public var title: String?
    public var summary: String?
    public var expectations: [(target: Located<TargetCode>, text: String)]
    public var translatedBy: String?
    public var originalUpdated: PartialDate?
    public var originalFingerprint: String?
    public var document: Document
    /// Why it is out of date, when it is (set when the site is resolved).
    public var stale: String?

    public static func == (a: Self, b: Self) -> Bool { a.document == b.document && a.stale == b.stale }
    public func hash(into hasher: inout Hasher) { hasher.combine(document) }
}

/// In which language a page's words are: the page's own, or the original's (with why).
public enum TextState: Sendable, Hashable {
    /// The original, on a page in the site's default language.
    case original
    /// Translated (by whom, if the translation says), and why it is out of date if it is.
    case translated(by: String?, stale: String?)
    /// Not translated: the words are the original's, in `language`.
    case untranslated(language: String)
}

/// `Content/site.yml`.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var tagline: String?
    public var description: String?
    public var baseURL: String
    /// The languages the site is published in; the first is the default, at the site's root, and
    /// every other one lives under its code (`lo/cities/luang-prabang/`).
    public var languages: [String]
    public var language: String { languages[0] }
    public var theme: String
    public var allowRawHTML: Bool
    /// How many items a listing page holds before it is split into numbered pages.
    public var pageSize: Int = 100
    public var licence: String?
    public var nationalGoals: [Catalogue.Goal]
    public var location: SourceLocation
}

/// A kind of content whose words a translation can give in another language.
protocol Translatable {
    var document: Document { get }
    var text: TextState { get set }
    /// Takes the translation's words where it has them.
    mutating func apply(_ translation: Translation)
    /// Marks the words that come in pieces (a city's expectations) as the original's, before a translation replaces some.
    mutating func markOriginal(_ language: String)
    /// Names it in the page's script where a translation has not: a city by its `names:`, a country
    /// by CLDR's name of it (`countryNames`, by code).
    mutating func nameIn(_ language: String, original: Self, countryNames: [String: String])
}

extension Translatable {
    mutating func markOriginal(_ language: String) {}
    mutating func nameIn(_ language: String, original: Self, countryNames: [String: String]) {}
}

extension City: Translatable {
    /// The name in the page's script first (where no translation gives a title); the original
    /// (Latin) title beside it.
    mutating func nameIn(_ language: String, original: City, countryNames: [String: String]) {
        guard title == original.title, let local = self.names[language], local != title else { return }
        title = local
        self.latinTitle = original.title
    }

    mutating func markOriginal(_ language: String) {
        for i in self.expectations.indices where self.expectations[i].text != nil { self.expectations[i].textLang = language }
    }

    mutating func apply(_ translation: Translation) {
        title = translation.title ?? title
        self.summary = translation.summary ?? self.summary
        for (target, text) in translation.expectations {
            if let i = self.expectations.firstIndex(where: { $0.target.value == target.value }) {
                self.expectations[i].text = text
                self.expectations[i].textLang = nil
            }
        }
    }
}

extension Project: Translatable {
    mutating func apply(_ translation: Translation) {
        title = translation.title ?? title
        self.summary = translation.summary ?? self.summary
    }
}

extension Country: Translatable {
    mutating func apply(_ translation: Translation) {
        name = translation.title ?? name
        summary = translation.summary ?? summary
    }

    mutating func nameIn(_ language: String, original: Country, countryNames: [String: String]) {
        if name == original.name, let cldr = countryNames[code.value] {
            name = cldr
            nameInPageLanguage = true
        }
    }
}

extension Programme: Translatable {
    mutating func apply(_ translation: Translation) {
        title = translation.title ?? title
        summary = translation.summary ?? summary
    }
}

extension Page: Translatable {
    mutating func apply(_ translation: Translation) {
        title = translation.title ?? title
        summary = translation.summary ?? summary
    }
}
