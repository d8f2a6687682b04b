import Foundation

/// What one file decodes to: its one document, or nothing (a file with errors, or one the site
/// does not read). The decode cache keeps this, not a `LoadedContent` of its own per file: a
/// load takes a hundred thousand entries, and copying a whole site's lists for each was most of
/// its time (in retains and releases).
enum Decoded: Sendable {
    case none
    case country(Country), programme(Programme), city(City), project(Project), page(Page), translation(Translation), series(Series)

    /// The document `part` holds (a file's content holds one at most).
    init(_ part: LoadedContent) {
        if let c = part.countries.first { self = .country(c) }
        else if let p = part.programmes.first { self = .programme(p) }
        else if let c = part.cities.first { self = .city(c) }
        else if let p = part.projects.first { self = .project(p) }
        else if let p = part.pages.first { self = .page(p) }
        else if let t = part.translations.first { self = .translation(t) }
        else if let s = part.series.first { self = .series(s) }
        else { self = .none }
    }

    /// Puts the document in `content`'s list of its kind.
    func add(to content: inout LoadedContent) {
        switch self {
        case .none: break
        case .country(let c): content.countries.append(c)
        case .programme(let p): content.programmes.append(p)
        case .city(let c): content.cities.append(c)
        case .project(let p): content.projects.append(p)
        case .page(let p): content.pages.append(p)
        case .translation(let t): content.translations.append(t)
        case .series(let s): content.series.append(s)
        }
    }

    /// Whether it is a document of the content folder (not nothing, not a data file).
    var isDocument: Bool {
        switch self {
        case .none, .series: return false
        default: return true
        }
    }

    var series: Series? { if case .series(let s) = self { s } else { nil } }
}

/// Decoded files, each under its path and the fingerprint of its bytes: a file with the same
/// fingerprint is not parsed again. The preview server keeps one in memory between rebuilds;
/// `build` keeps it in `.citysdg/decoded`, so a new process parses only the files that changed.
/// The bodies are not kept: a page that shows one reads it from its file.
public final class DecodeCache: @unchecked Sendable {
    /// Each entry with the round of loading that last looked it up or set it (`seen`).
    private var entries: [String: Entry] = [:]
    private typealias Entry = (Fingerprint, Decoded, Diagnostics, seen: Int)
    /// The round of loading (one per `settle`), and how many entries it has looked up or set: when
    /// that is all of them, every entry is a file the load found, and none is to be dropped.
    private var round = 0, seenThisRound = 0
    private let lock = NSLock()
    /// Whether entries were added or dropped since it was read.
    private(set) var changed = false
    /// The paths whose entry was set or dropped since the cache was read from its file (or last
    /// written to it): what `write` appends to the file. Nil when the file must be written whole
    /// (a new cache, other settings, a damaged file).
    private var journal: Set<String>?
    /// How many entries the file holds, superseded ones included: once they would be more than an
    /// eighth above the entries in use (each is read by every build), the file is written whole again.
    private var sectionsInFile = 0
    /// The file the journal's entries are appended to: the one the cache was read from.
    private var file: URL?
    /// How many files were parsed (not found here) since `startCounting`.
    private(set) var parsed = 0

    /// What decoding depended on besides each file (whether raw HTML is allowed): entries decoded
    /// under other settings are dropped.
    private var settings = ""

    func settle(_ settings: String) {
        lock.lock()
        if settings != self.settings {
            if !entries.isEmpty { changed = true }
            entries = [:]
            journal = nil
            self.settings = settings
        }
        round += 1
        seenThisRound = 0
        lock.unlock()
    }

    func startCounting() {
        lock.lock()
        parsed = 0
        lock.unlock()
    }

    public init() {}

    func get(_ path: String, _ fingerprint: Fingerprint) -> (Decoded, Diagnostics)? {
        lock.lock()
        defer { lock.unlock() }
        return entry(path, fingerprint)
    }

    /// Many files' entries, looked up under one lock: a load's threads would otherwise take it
    /// from each other for every file. Nil for a file without a fingerprint or entry.
    func get(_ keys: some Sequence<(path: String, fingerprint: Fingerprint?)>) -> [(Decoded, Diagnostics)?] {
        lock.lock()
        defer { lock.unlock() }
        return keys.map { key in key.fingerprint.flatMap { entry(key.path, $0) } }
    }

    /// A path's entry when it has that fingerprint, noted as seen by this round (the lock held).
    private func entry(_ path: String, _ fingerprint: Fingerprint) -> (Decoded, Diagnostics)? {
        guard let i = entries.index(forKey: path), entries.values[i].0 == fingerprint else { return nil }
        if entries.values[i].seen != round {
            entries.values[i].seen = round
            seenThisRound += 1
        }
        return (entries.values[i].1, entries.values[i].2)
    }

    func set(_ path: String, _ fingerprint: Fingerprint, _ part: LoadedContent, _ diagnostics: Diagnostics) {
        set(path, fingerprint, Decoded(part), diagnostics)
    }

    func set(_ path: String, _ fingerprint: Fingerprint, _ part: Decoded, _ diagnostics: Diagnostics) {
        lock.lock()
        if entries.updateValue((fingerprint, part, diagnostics, round), forKey: path)?.seen != round { seenThisRound += 1 }
        changed = true
        journal?.insert(path)
        parsed += 1
        lock.unlock()
    }

    /// Forgets the files that are gone: called at the end of a load with the files it found. (Most
    /// often none is: every entry was looked up or set by this load, and the paths are not asked for.)
    func keep(_ paths: () -> [String]) {
        lock.lock()
        if seenThisRound == entries.count {
            lock.unlock()
            return
        }
        let kept = Set(paths())
        let gone = entries.keys.filter { !kept.contains($0) }
        for path in gone { entries[path] = nil }
        if !gone.isEmpty {
            changed = true
            journal?.formUnion(gone)
        }
        lock.unlock()
    }

    static let magic = "citysdg-decoded"
    static let version: UInt32 = 11
    /// The kind of an entry appended to say that a path's entry is dropped.
    private static let dropped: UInt8 = 255

    /// Reads a cache written for the same content folder shown the same way; nil if there is none
    /// this version can read. Each entry carries its own checksum: a damaged one is left out (its
    /// file is parsed again), and a damaged file is reported to `damage` once.
    public static func read(_ url: URL, content: URL, display: String) -> DecodeCache? { read(url, content: content, display: display, damage: nil) }

    static func read(_ url: URL, content: URL, display: String, damage: StateDamage?) -> DecodeCache? {
        guard let bytes = FileBytes.read(url.path) else { return nil }
        var r = ByteReader(bytes)
        switch r.header(magic, version) {
        case .current: break
        case .otherVersion: return nil
        case .damaged: damage?.report(url); return nil
        }
        guard var head = r.section() else { damage?.report(url); return nil }
        guard head.string() == content.path, head.string() == display else { return nil }
        let cache = DecodeCache()
        cache.settings = head.string()
        guard head.atEnd, !head.failed else { damage?.report(url); return nil }
        cache.journal = []
        cache.file = url
        let root = content.path.hasSuffix("/") ? content.path : content.path + "/"
        // The frames are checked one after another, their entries decoded on all cores, then
        // taken in the file's order (a later entry for a path stands in for an earlier one).
        var sections: [ByteReader] = []
        while !r.atEnd {
            guard let e = r.section() else {
                // A damaged entry is left out; a damaged frame leaves out the rest.
                damage?.report(url)
                cache.changed = true
                cache.journal = nil
                if r.failed { break } else { continue }
            }
            sections.append(e)
        }
        let frames = sections
        let decoded = concurrentMap(slices(frames.count, of: 2048)) { slice in
            frames[slice].map { section -> (path: String, entry: Entry?, kind: UInt8)? in
                var e = section
                let path = e.string()
                let fingerprint = e.fingerprint()
                let file = root + path
                let kind = e.u8()
                let part: Decoded
                switch kind {
                case 1: part = .country(e.country(file, path))
                case 2: part = .programme(e.programme(file, path))
                case 3: part = .city(e.city(file, path))
                case 4: part = .project(e.project(file, path))
                case 5: part = .page(e.page(file, path))
                case 6: part = .translation(e.translation(file, path))
                case 7: part = .series(e.series())
                default: part = .none
                }
                var diagnostics = Diagnostics()
                for _ in 0..<e.count() { diagnostics.append(e.diagnostic()) }
                guard !e.failed, e.atEnd else { return nil }
                return (path, (fingerprint, part, diagnostics, 0), kind)
            }
        }
        cache.sectionsInFile = sections.count
        cache.entries.reserveCapacity(sections.count)
        for slice in decoded {
            for found in slice {
                guard let (path, entry, kind) = found else {
                    damage?.report(url)
                    cache.changed = true
                    cache.journal = nil
                    continue
                }
                cache.entries[path] = kind == dropped ? nil : entry
            }
        }
        return cache
    }

    /// Writes the cache to `url`: the entries set or dropped since it was read from there are
    /// appended (a later entry for a path stands in for an earlier one), or, for a new cache or
    /// once superseded entries outnumber the rest, the whole cache is written anew.
    public func write(_ url: URL, content: URL, display: String) throws {
        lock.lock()
        let settings = self.settings
        let appending = journal.flatMap { journal in
            url != file ? nil :
            sectionsInFile + journal.count <= entries.count + entries.count / 8 + 64 ? journal.sorted().map { ($0, entries[$0]) } : nil
        }
        let sorted = appending == nil ? entries.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) } : []
        lock.unlock()
        var w = ByteWriter()
        if appending == nil {
            w.header(Self.magic, Self.version)
            w.section { w in
                w.string(content.path)
                w.string(display)
                w.string(settings)
            }
        }
        for (path, entry) in appending ?? sorted {
            w.section { w in
                w.string(path)
                guard let (fingerprint, part, diagnostics, _) = entry else {
                    w.fingerprint(.none); w.u8(Self.dropped); w.count(0)
                    return
                }
                w.fingerprint(fingerprint)
                switch part {
                case .country(let c): w.u8(1); w.country(c)
                case .programme(let p): w.u8(2); w.programme(p)
                case .city(let c): w.u8(3); w.city(c)
                case .project(let p): w.u8(4); w.project(p)
                case .page(let p): w.u8(5); w.page(p)
                case .translation(let t): w.u8(6); w.translation(t)
                case .series(let s): w.u8(7); w.series(s)
                case .none: w.u8(0)
                }
                w.count(diagnostics.all.count)
                diagnostics.all.forEach { w.diagnostic($0) }
            }
        }
        if let appending {
            // Added at the end of the file read (an append cut short is a damaged last entry:
            // the next build reads what came before it and parses that file again).
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: w.bytes)
            lock.lock()
            sectionsInFile += appending.count
        } else {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try OutputWriter.replace(url, with: w.bytes)
            lock.lock()
            sectionsInFile = sorted.count
            file = url
        }
        journal = []
        changed = false
        lock.unlock()
    }
}

// MARK: the model, field by field, in a fixed order (the version above changes when it does)

extension ByteWriter {
    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        if let value { u8(1); write(&self, value) } else { u8(0) }
    }
    mutating func list<T>(_ values: [T], _ write: (inout ByteWriter, T) -> Void) {
        count(values.count)
        for value in values { write(&self, value) }
    }
    mutating func int(_ v: Int) { i64(Int64(v)) }
    mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    mutating func text(_ v: String?) { optional(v) { $0.string($1) } }
    mutating func date(_ v: PartialDate?) { optional(v) { $0.string($1.description) } }
    mutating func located<T: TextIdentifier>(_ v: Located<T>) { string(v.value.description); location(v.location) }
    mutating func sources(_ list: [Source]) {
        self.list(list) { w, s in w.string(s.title); w.text(s.url); w.text(s.publisher); w.date(s.date); w.text(s.number); w.text(s.isbn); w.text(s.archive) }
    }
    mutating func document(_ d: Document) {
        string(d.displayPath); int(d.firstBodyLine); fingerprint(d.frontMatterFingerprint); fingerprint(d.bodyFingerprint)
    }
    mutating func diagnostic(_ d: Diagnostic) {
        u8(d.severity == .error ? 0 : 1); u8(d.category == .content ? 0 : 1); location(d.location); string(d.message); text(d.hint)
    }
    mutating func country(_ c: Country) {
        string(c.code.value); string(c.name); text(c.summary); date(c.memberSince); sources(c.sources); document(c.document)
    }
    mutating func programme(_ p: Programme) {
        string(p.slug.value); string(p.title); text(p.shortName); text(p.summary); date(p.start); date(p.end)
        list(p.funders) { $0.string($1) }; list(p.implementers) { $0.string($1) }; list(p.focusAreas) { $0.string($1) }
        list(p.focusGoals) { $0.located($1) }; text(p.website); sources(p.sources); document(p.document)
    }
    mutating func city(_ c: City) {
        string(c.slug.value); string(c.title); located(c.country)
        optional(c.coordinates) { w, at in w.i64(Int64(bitPattern: at.latitude.bitPattern)); w.i64(Int64(bitPattern: at.longitude.bitPattern)) }
        optional(c.population) { w, f in w.int(f.value); w.optional(f.year) { $0.int($1) }; w.optional(f.source) { $0.int($1) }; w.text(f.note) }
        list(c.programmes) { $0.located($1) }; list(c.prioritySDGs) { $0.located($1) }; string(c.priorityKind.rawValue)
        text(c.priorityNote); optional(c.prioritySource) { $0.int($1) }
        list(c.expectations) { w, e in
            w.located(e.target); w.text(e.text); w.text(e.stage?.rawValue); w.optional(e.indicator) { $0.located($1) }
            w.text(e.note); w.optional(e.source) { $0.int($1) }; w.bool(e.paraphrased)
            for mark in [e.baseline, e.aim] { w.optional(mark) { w, m in w.int(m.year); w.i64(Int64(bitPattern: m.value.bitPattern)) } }
        }
        text(c.summary); sources(c.sources); date(c.updated); document(c.document)
        list(c.names.sorted { $0.key < $1.key }) { w, pair in w.string(pair.key); w.string(pair.value) }; optional(c.namesSource) { $0.int($1) }
    }
    mutating func series(_ s: Series) {
        string(s.place); located(s.indicator); string(s.path); string(s.displayPath); string(s.unit); text(s.title); text(s.notes)
        text(s.direction?.rawValue); sources(s.sources); list(s.dimensions) { $0.string($1) }
        list(s.points) { w, p in w.int(p.year); w.i64(Int64(bitPattern: p.value.bitPattern)); w.list(p.categories) { $0.string($1) }; w.int(p.source) }
        fingerprint(s.fingerprint)
    }
    mutating func project(_ p: Project) {
        string(p.slug.value); string(p.title); located(p.city); list(p.targets) { $0.located($1) }; list(p.goals) { $0.located($1) }
        text(p.alignment?.rawValue); text(p.status?.rawValue); date(p.start); date(p.end); list(p.partners) { $0.string($1) }
        optional(p.funding) { w, f in w.optional(f.amount) { $0.i64(Int64(bitPattern: $1.bitPattern)) }; w.text(f.currency); w.text(f.note) }
        optional(p.programme) { $0.located($1) }; text(p.summary); sources(p.sources); date(p.updated); document(p.document)
        bool(p.model); optional(p.modelSource) { $0.int($1) }
    }
    mutating func page(_ p: Page) {
        string(p.slug.value); string(p.title); text(p.summary); optional(p.order) { $0.int($1) }; document(p.document); bool(p.showsCoverage)
    }
    mutating func translation(_ t: Translation) {
        string(t.language); string(t.original); text(t.title); text(t.summary)
        list(t.expectations) { w, e in w.located(e.target); w.string(e.text) }
        text(t.translatedBy); date(t.originalUpdated); text(t.originalFingerprint); document(t.document)
    }
}

extension ByteReader {
    mutating func optional<T>(_ read: (inout ByteReader) -> T) -> T? { u8() == 1 ? read(&self) : nil }
    mutating func list<T>(_ read: (inout ByteReader) -> T) -> [T] { (0..<count()).map { _ in read(&self) } }
    mutating func int() -> Int { Int(i64()) }
    mutating func text() -> String? { optional { $0.string() } }
    mutating func date() -> PartialDate? { text().flatMap(PartialDate.init(text:)) }
    /// A value written by `located`; one that no longer parses marks the cache damaged.
    mutating func located<T: TextIdentifier>(_: T.Type) -> Located<T> {
        let value = identifier(T.self)
        return Located(value: value, location: location())
    }
    mutating func identifier<T: TextIdentifier>(_: T.Type) -> T {
        guard let value = T(text: string()) else { fail(); return T.placeholder }
        return value
    }
    mutating func slug() -> Slug { identifier(Slug.self) }
    mutating func sources() -> [Source] {
        list { r in Source(title: r.string(), url: r.text(), publisher: r.text(), date: r.date(), number: r.text(), isbn: r.text(), archive: r.text()) }
    }
    mutating func document(_ file: String, path: String) -> Document {
        let display = string()
        let firstLine = int()
        return Document(path: path, displayPath: display, body: Body(file: file, firstLine: firstLine),
                        frontMatterFingerprint: fingerprint(), bodyFingerprint: fingerprint())
    }
    mutating func diagnostic() -> Diagnostic {
        let severity: Diagnostic.Severity = u8() == 0 ? .error : .warning
        let category: Diagnostic.Category = u8() == 0 ? .content : .io
        let location = location()
        let message = string()
        return Diagnostic(severity, location, message, hint: text(), category: category)
    }
    mutating func country(_ file: String, _ path: String) -> Country {
        Country(code: identifier(CountryCode.self), name: string(), summary: text(),
                memberSince: date(), sources: sources(), document: document(file, path: path))
    }
    mutating func programme(_ file: String, _ path: String) -> Programme {
        Programme(slug: slug(), title: string(), shortName: text(), summary: text(), start: date(), end: date(),
                  funders: list { $0.string() }, implementers: list { $0.string() }, focusAreas: list { $0.string() },
                  focusGoals: list { $0.located(GoalNumber.self) }, website: text(), sources: sources(),
                  document: document(file, path: path))
    }
    mutating func city(_ file: String, _ path: String) -> City {
        City(.init(slug: slug(), title: string(), country: located(CountryCode.self),
             coordinates: optional { r in
                 Coordinates(latitude: Double(bitPattern: UInt64(bitPattern: r.i64())), longitude: Double(bitPattern: UInt64(bitPattern: r.i64())))
             },
             population: optional { r in Figure(value: r.int(), year: r.optional { $0.int() }, source: r.optional { $0.int() }, note: r.text()) },
             programmes: list { $0.located(Slug.self) }, prioritySDGs: list { $0.located(GoalNumber.self) },
             priorityKind: PriorityKind(rawValue: string()) ?? { fail(); return .stated }(),
             priorityNote: text(), prioritySource: optional { $0.int() },
             expectations: list { r in
                 Expectation(target: r.located(TargetCode.self), text: r.text(), stage: r.text().flatMap(Stage.init(rawValue:)),
                             indicator: r.optional { $0.located(IndicatorCode.self) }, note: r.text(), source: r.optional { $0.int() },
                             paraphrased: r.u8() == 1,
                             baseline: r.optional { Mark(year: $0.int(), value: Double(bitPattern: UInt64(bitPattern: $0.i64()))) },
                             aim: r.optional { Mark(year: $0.int(), value: Double(bitPattern: UInt64(bitPattern: $0.i64()))) })
             },
             summary: text(), sources: sources(), updated: date(), document: document(file, path: path),
             names: Dictionary(list { r in (r.string(), r.string()) }) { first, _ in first }, namesSource: optional { $0.int() }))
    }
    mutating func series() -> Series {
        Series(place: string(), indicator: located(IndicatorCode.self), path: string(), displayPath: string(), unit: string(), title: text(),
               notes: text(), direction: text().flatMap(Series.Direction.init(rawValue:)), sources: sources(), dimensions: list { $0.string() },
               points: list { r in
                   Series.Point(year: r.int(), value: Double(bitPattern: UInt64(bitPattern: r.i64())), categories: r.list { $0.string() }, source: r.int())
               },
               fingerprint: fingerprint())
    }
    mutating func project(_ file: String, _ path: String) -> Project {
        Project(.init(slug: slug(), title: string(), city: located(Slug.self), targets: list { $0.located(TargetCode.self) },
                goals: list { $0.located(GoalNumber.self) }, alignment: text().flatMap(Alignment.init(rawValue:)),
                status: text().flatMap(ProjectStatus.init(rawValue:)), start: date(), end: date(), partners: list { $0.string() },
                funding: optional { r in
                    Funding(amount: r.optional { Double(bitPattern: UInt64(bitPattern: $0.i64())) }, currency: r.text(), note: r.text())
                },
                programme: optional { $0.located(Slug.self) }, summary: text(), sources: sources(), updated: date(),
                document: document(file, path: path), model: u8() == 1, modelSource: optional { $0.int() }))
    }
    mutating func page(_ file: String, _ path: String) -> Page {
        Page(slug: slug(), title: string(), summary: text(), order: optional { $0.int() }, document: document(file, path: path), showsCoverage: u8() == 1)
    }
    mutating func translation(_ file: String, _ path: String) -> Translation {
        Translation(language: string(), original: string(), title: text(), summary: text(),
                    expectations: list { r in (r.located(TargetCode.self), r.string()) },
                    translatedBy: text(), originalUpdated: date(), originalFingerprint: text(), document: document(file, path: path))
    }
}

/// An identifier written as its text and read back by parsing it.
protocol TextIdentifier: CustomStringConvertible, Sendable, Hashable {
    init?(text: String)
    /// Stands in for a value that no longer parses, in a cache that is then thrown away.
    static var placeholder: Self { get }
}

extension GoalNumber: TextIdentifier { static var placeholder: GoalNumber { GoalNumber(1) } }
extension Slug: TextIdentifier { static var placeholder: Slug { Slug(text: "a")! } }
extension CountryCode: TextIdentifier { static var placeholder: CountryCode { CountryCode(text: "AA")! } }
extension TargetCode: TextIdentifier { static var placeholder: TargetCode { TargetCode(goal: GoalNumber(1), part: .number(1)) } }
extension IndicatorCode: TextIdentifier { static var placeholder: IndicatorCode { IndicatorCode(text: "1.1.1")! } }
