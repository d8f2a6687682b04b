import Foundation
import Mustache

/// A piece of HTML the engine rendered from one of the theme's fragment templates (a city or
/// project card). Templates insert it as it is: `{{#cities}}{{{.}}}{{/cities}}`.
struct Fragment: MustacheCustomRenderable {
    let html: String
    var renderText: String { html }
    var isNull: Bool { false }
}

/// A piece of a file joined from pieces (a dataset's entry, a table's rows): which piece (the
/// fingerprint of its key, `Fragments.key`), its text, and what it read. What joins it says where
/// it put it (`Claim`), and the build graph keeps that (`BuildState.PieceRecord`), so a later
/// build takes the piece back from the file when nothing it read changed (`KeptPieces`).
struct Piece {
    enum Reads: Sendable {
        /// Kept by the preview like a card (its reads are the card's).
        case none
        /// Made by this build, through a reader of its own.
        case made([Input: Fingerprint])
        /// Taken back from the last build's file: its inputs, by their number in the last graph,
        /// and the fingerprint of its bytes (checked as it was taken back).
        case kept([UInt32], bytes: Fingerprint)
    }
    let key: Fingerprint
    let text: String
    let reads: Reads

    /// Whether the build graph keeps where it is (not a piece the preview keeps in memory).
    var isRecorded: Bool {
        if case .none = reads { return false }
        return true
    }

    /// Where a piece's text is in the output it was joined into (bytes from the start).
    struct Claim: Sendable {
        var key: Fingerprint
        var reads: Reads
        var offset: Int
        var length: Int
    }
}

/// What a file joined from pieces is made of, in order (`PageContext.joined`).
enum JoinedPart {
    case text(String)
    case piece(Piece)
}

/// The pieces of the last build's whole-site files, as its graph keeps them (`BuildState.PieceRecord`),
/// for a build in a new process: a piece none of whose inputs changed is its bytes in the file
/// the last build wrote, while they are still those bytes. Each file is read once, by the core
/// that makes its output again.
final class KeptPieces: @unchecked Sendable {
    private let pages: [String: BuildState.PageRecord]
    /// Whether each input of the last graph changed (by its number).
    private let changed: [Bool]
    private let output: String
    private var files: [String: (bytes: Data?, index: [Fingerprint: Int])] = [:]
    private let lock = NSLock()

    init(_ previous: BuildState, changed: [Int], output: String) {
        pages = previous.pages
        var flags = [Bool](repeating: false, count: previous.inputs.count)
        for i in changed { flags[i] = true }
        self.changed = flags
        self.output = output
    }

    /// The piece `key` of the output at `path`, when it is there as it was written and none of its inputs changed.
    func piece(_ key: Fingerprint, in path: String) -> (text: String, inputs: [UInt32], fingerprint: Fingerprint)? {
        guard let record = pages[path], !record.pieces.isEmpty else { return nil }
        lock.lock()
        let file = files[path] ?? {
            let made = (bytes: try? Data(contentsOf: URL(fileURLWithPath: output + path), options: .alwaysMapped),
                        index: Dictionary(record.pieces.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a }))
            files[path] = made
            return made
        }()
        lock.unlock()
        guard let bytes = file.bytes, let i = file.index[key] else { return nil }
        let piece = record.pieces[i]
        guard !piece.inputs.contains(where: { changed[Int($0)] }), Int(piece.offset + piece.length) <= bytes.count,
              let text = bytes.withUnsafeBytes({ raw -> String? in
                  let stretch = UnsafeRawBufferPointer(rebasing: raw[Int(piece.offset)..<Int(piece.offset + piece.length)])
                  return Fingerprint(stretch) == piece.fingerprint ? String(decoding: stretch, as: UTF8.self) : nil
              })
        else { return nil }
        return (text, piece.inputs, piece.fingerprint)
    }
}

/// Cards rendered once per distinct context and reused: a card depends only on its item, on
/// the depth of the page it sits on (its links are relative) and on the page's language. Each card keeps what it read, and
/// every page that shows it records those reads as its own. With a build graph, the cards are kept
/// in `.citysdg/` (a `FragmentStore`) and a later build reuses every card whose reads have the fingerprints
/// they had, so an edit renders again only the cards that show what changed. The pieces of the
/// whole-site files are kept like cards by the preview; a new process keeps them in the build
/// graph instead (`KeptPieces`).
final class Fragments: @unchecked Sendable {
    typealias Entry = (html: String, reads: [(input: Input, fingerprint: Fingerprint)])
    private let world: World
    /// The cards of this build: those rendered (also in `fresh`) and those reused.
    private var cache: [String: Entry] = [:]
    private var fresh: Set<String> = []
    /// Kept cards found out of date in this build.
    private var dropped: Set<String> = []
    private let lock = NSLock()
    private let reuse: Bool
    /// Where the cards are kept between builds; nil keeps them for this build only.
    private let file: URL?
    private var store: FragmentStore?

    /// The preview server's cards, kept in memory between its rebuilds instead of in a file.
    private let memory: FragmentCache?

    /// Where a damaged index or log is reported.
    private let damage: StateDamage?

    /// Asked before each piece is looked up or made (the preview's `newerSaveWaiting`): once it says
    /// so, the pieces are not made and the output that wanted them is abandoned (`Recorder.abandoned`).
    /// Whole-site files are joined from thousands of pieces; a save need not wait for one to finish.
    var stop: (@Sendable () -> Bool)?

    /// Whether the memory's vouched cards are shown unchecked: the build found its changed inputs
    /// from the graph the server keeps and gave them to `FragmentCache.invalidate`.
    private let trusting: Bool

    /// Whether the pieces of whole-site files are recorded with their places (for the build graph:
    /// a build in a new process), and the last build's, to be taken back.
    let recordsPieces: Bool
    let keptPieces: KeptPieces?
    private let opened: Pending<FragmentStore>?

    /// `opened`: the store, opened on another thread while the build did other work (`FragmentStore.opening`).
    init(world: World, file: URL? = nil, memory: FragmentCache? = nil, reuse: Bool = false, trusting: Bool = false, damage: StateDamage? = nil,
         recordsPieces: Bool = false, keptPieces: KeptPieces? = nil, opened: Pending<FragmentStore>? = nil) {
        self.world = world
        self.recordsPieces = memory == nil && recordsPieces
        self.keptPieces = memory == nil ? keptPieces : nil
        self.opened = opened
        self.damage = damage
        self.file = memory == nil ? file : nil
        self.memory = memory
        self.reuse = reuse
        self.trusting = memory != nil && reuse && trusting
    }

    func fragment(_ template: String, _ slug: Slug, at link: Linker, in language: String, into reads: Recorder,
                  _ view: (Slug, PageContext) -> Any) -> Fragment {
        Fragment(html: text(template, slug.value, at: link, in: language, into: reads) { context in
            context.read.renderFragment(view(slug, context), template: template)
        })
    }

    /// A kept piece's key: what made it, from which item, at which depth, in which language.
    static func key(_ name: String, _ key: String, at link: Linker, in language: String) -> String {
        name + "\u{0}" + key + "\u{0}" + link.root + "\u{0}" + language
    }

    /// Text made through a reader of its own, and what it read.
    private func own(at link: Linker, in language: String, _ make: (PageContext) -> String) -> (String, Recorder) {
        let own = Recorder()
        return (make(PageContext(read: SiteReader(world, language: language, recordingIn: own), link: link, fragments: self)), own)
    }

    /// A piece of a whole-site file made (not taken back: `KeptPieces`), and what it read.
    func made(at link: Linker, in language: String, _ make: (PageContext) -> String) -> (String, [Input: Fingerprint]) {
        let (text, own) = own(at: link, in: language, make)
        lock.lock()
        piecesMade += 1
        lock.unlock()
        return (text, own.reads)
    }

    /// How many pieces of whole-site files were made (not taken back) by this build, with `recordsPieces`.
    private var piecesMade = 0

    /// Any piece of text made from one item, kept and shared like a card: `make` gets a context of
    /// its own, whose reads are the piece's (and are added to the page's that uses it).
    func text(_ name: String, _ key: String, at link: Linker, in language: String, into reads: Recorder,
              _ make: (PageContext) -> String) -> String {
        text(key: Self.key(name, key, at: link, in: language), at: link, in: language, into: reads, make)
    }

    func text(key: String, at link: Linker, in language: String, into reads: Recorder, _ make: (PageContext) -> String) -> String {
        // A newer save is waiting: the output this is part of is left to the next build.
        if reads.abandoned || stop?() == true {
            reads.abandoned = true
            return ""
        }
        if let hit = lookUp(key) {
            reads.merge(hit.reads)
            return hit.html
        }
        let (html, own) = own(at: link, in: language, make)
        if own.abandoned {
            reads.abandoned = true
            return ""
        }
        lock.lock()
        cache[key] = (html, own.reads.map { ($0.key, $0.value) })
        fresh.insert(key)
        lock.unlock()
        reads.merge(own.reads)
        return html
    }

    /// A card made earlier in this build, or kept from an earlier one and still what it would be.
    private func lookUp(_ key: String) -> Entry? {
        // A card kept in memory and vouched for is what it would be (`FragmentCache`); nothing
        // writes the cache while pages are made.
        if trusting, let kept = memory?.kept(key), kept.vouched { return kept.entry }
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        guard reuse, !dropped.contains(key) else { lock.unlock(); return nil }
        if memory == nil, store == nil, let file { store = opened?.value ?? FragmentStore.open(file, damage: damage) }
        lock.unlock()
        // (The store is not changed while pages are made: its records are read on any core.)
        guard let entry = kept(key) else { return nil }
        // Checked outside the lock, against the world's fingerprints (read-only; the costly ones,
        // of listings, are worked out once by the world).
        for (input, fingerprint) in entry.reads where world.fingerprint(input) != fingerprint {
            lock.lock()
            dropped.insert(key)
            lock.unlock()
            return nil
        }
        lock.lock()
        cache[key] = entry
        lock.unlock()
        return entry
    }

    private func kept(_ key: String) -> Entry? {
        if let memory { return memory.kept(key)?.entry }
        return store?.entry(key)
    }

    /// Whether the cards are kept in memory between builds (the preview server's).
    var inMemory: Bool { memory != nil }

    /// How many cards and pieces this build made (the others it showed were kept ones).
    var made: Int {
        lock.lock()
        defer { lock.unlock() }
        return fresh.count + piecesMade
    }

    /// Keeps the cards rendered in this build with those of earlier builds still current or not
    /// used this time (the store appends the new ones), when any was rendered.
    func save() {
        lock.lock()
        defer { lock.unlock() }
        if let memory {
            memory.keep(made: fresh.map { ($0, cache[$0]!) }, checked: cache.keys.filter { !fresh.contains($0) }, dropped: dropped, wholeGraph: !trusting)
            return
        }
        guard let file, !fresh.isEmpty else { return }
        let store = reuse ? (self.store ?? opened?.value ?? FragmentStore.open(file, damage: damage)) : FragmentStore.empty(file)
        store.save(fresh.map { ($0, cache[$0]!) }, dropping: dropped)
    }
}

/// The kept cards on disk: an append-only log of records (`fragments-<generation>.log`) and an
/// index (`fragments`) from each card's key to its record. A build appends the cards it rendered
/// and writes the index anew (keys and offsets, a few percent of the log), so an edit reads and
/// writes what it touched and not every card of the site. When the records no key points to
/// are more than half of the log, the live ones are copied into the next generation's log.
/// A build stopped half-way leaves the old index, which vouches only for the bytes it knew of.
/// The index has a checksummed header and body; each record in the log begins with the checksum
/// of its bytes, so a damaged record is rendered again and a damaged index drops every card.
/// `open(2)`, named apart from `FragmentStore.open`.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }

final class FragmentStore: @unchecked Sendable {
    typealias Entry = Fragments.Entry
    struct Slot { var offset: Int; var length: Int }

    static let magic = "citysdg-fragments"
    static let version: UInt32 = 4

    let index: URL
    private(set) var generation: Int64 = 0
    /// The bytes of the log the index vouches for; anything after them is from a stopped build.
    private(set) var end = 0
    private var labels: [String] = []
    /// Each input's number among `labels` (an input's label is made only when it is new to the log),
    /// made when the store is first saved to.
    private var inputIDs: [Input: UInt32]?
    private var inputs: [Input?] = []
    private(set) var slots: [String: Slot] = [:]
    private var log = Data()
    private var damage: StateDamage?

    private init(index: URL, damage: StateDamage? = nil) {
        self.index = index
        self.damage = damage
    }

    var logURL: URL { Self.log(index, generation) }
    static func log(_ index: URL, _ generation: Int64) -> URL {
        index.deletingLastPathComponent().appendingPathComponent("\(index.lastPathComponent)-\(generation).log")
    }

    /// A store with no cards, in a generation of its own (the old log is removed when it is saved).
    static func empty(_ index: URL) -> FragmentStore {
        let store = FragmentStore(index: index)
        store.generation = previousGeneration(index) + 1
        return store
    }

    /// The generation an index names, read from its header alone (0 when there is none).
    private static func previousGeneration(_ index: URL) -> Int64 {
        guard let handle = try? FileHandle(forReadingFrom: index) else { return 0 }
        defer { try? handle.close() }
        var r = ByteReader((try? handle.read(upToCount: 64)) ?? Data())
        guard r.header(magic, version) == .current, r.u32() >= 8 else { return 0 }
        _ = r.u64()
        let generation = r.i64()
        return r.failed || generation < 0 || generation == .max ? 0 : generation
    }

    /// The store opened on another thread (for `Fragments.init`).
    static func opening(_ index: URL, damage: StateDamage?) -> Pending<FragmentStore> {
        Pending { open(index, damage: damage) }
    }

    /// The kept cards, or none when the index or its log is missing, of another version or damaged
    /// (reported to `damage`).
    static func open(_ index: URL, damage: StateDamage? = nil) -> FragmentStore {
        let store = FragmentStore(index: index, damage: damage)
        guard let data = try? Data(contentsOf: index) else { return store }
        var file = ByteReader(data)
        switch file.header(magic, version) {
        case .current: break
        case .otherVersion: return store
        case .damaged: damage?.report(index); return store
        }
        guard var r = file.section(), file.atEnd else { damage?.report(index); return store }
        let generation = r.i64(), end = Int(r.i64())
        if generation < 0 || generation == .max || end < 0 { r.fail() }
        let labels = r.list { $0.string() }
        var slots: [String: Slot] = [:]
        let count = r.count()
        slots.reserveCapacity(count)
        for _ in 0..<count {
            let key = r.string()
            let offset = Int(r.i64()), length = Int(r.u32())
            if offset < 0 || length < 8 || offset > end - length { r.fail() }
            slots[key] = Slot(offset: offset, length: length)
        }
        guard !r.failed, r.atEnd else { damage?.report(index); return store }
        store.generation = generation
        guard let log = try? Data(contentsOf: log(index, generation), options: .alwaysMapped) else { return store }
        guard log.count >= end else { damage?.report(Self.log(index, generation)); return store }
        store.end = end
        store.labels = labels
        store.inputs = labels.map(Input.init(label:))
        store.slots = slots
        store.log = log
        return store
    }

    /// One kept card, read from its record; nil (and the log reported damaged) when its checksum fails.
    func entry(_ key: String) -> Entry? {
        guard let slot = slots[key], slot.length >= 8 + 4 + 4 else { return nil }
        // Read where it is in the mapped log (not copied out first): checksum, HTML, reads.
        return log.withUnsafeBytes { whole -> Entry? in
            guard slot.offset >= 0, slot.offset + slot.length <= whole.count else { return nil }
            let raw = UnsafeRawBufferPointer(rebasing: whole[slot.offset..<slot.offset + slot.length])
            func u32(_ at: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
            func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            guard StateChecksum.of(UnsafeRawBufferPointer(rebasing: raw[8...])) == u64(0) else { damage?.report(logURL); return nil }
            let length = u32(8)
            guard length <= raw.count - 12 - 4 else { return nil }
            let html = String(decoding: raw[12..<12 + length], as: UTF8.self)
            var at = 12 + length
            let count = u32(at)
            at += 4
            guard count * 20 == raw.count - at else { return nil }
            var reads: [(input: Input, fingerprint: Fingerprint)] = []
            reads.reserveCapacity(count)
            for _ in 0..<count {
                let id = u32(at)
                let fingerprint = Fingerprint(high: u64(at + 4), low: u64(at + 12))
                at += 20
                guard id < inputs.count, let input = inputs[id] else { return nil }
                reads.append((input, fingerprint))
            }
            return (html, reads)
        }
    }

    /// Appends one card's record: the checksum of the rest, its HTML, and what it read (each input
    /// by its number among the labels).
    private func record(_ entry: Entry, into w: inout ByteWriter) {
        let start = w.count
        w.u64(0) // the checksum, set when the rest is written
        w.string(entry.html)
        w.count(entry.reads.count)
        for (input, fingerprint) in entry.reads {
            let id = inputIDs![input] ?? {
                labels.append(input.label)
                inputIDs![input] = UInt32(labels.count - 1)
                return UInt32(labels.count - 1)
            }()
            w.u32(id)
            w.fingerprint(fingerprint)
        }
        w.setChecksum(at: start)
    }

    /// Adds `entries` (replacing the records of their keys) and forgets `dropped`; then writes the
    /// log (appended to, or the live records copied into a new generation) and the index.
    func save(_ entries: [(key: String, entry: Entry)], dropping dropped: Set<String>) {
        for key in dropped { slots[key] = nil }
        if inputIDs == nil {
            var ids: [Input: UInt32] = [:]
            ids.reserveCapacity(inputs.count)
            for (id, input) in inputs.enumerated().reversed() { if let input { ids[input] = UInt32(id) } }
            inputIDs = ids
        }
        var records = ByteWriter()
        for (key, entry) in entries {
            let start = records.count
            record(entry, into: &records)
            slots[key] = Slot(offset: end + start, length: records.count - start)
        }
        let appended = records.bytes
        let live = slots.values.reduce(0) { $0 + $1.length }
        let folder = index.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if end > 0, end + appended.count > 2 * live + (1 << 20) {
            // More than half of the log is records nobody points to: copy the live ones into the next generation.
            var compact = Data(capacity: live)
            let old = log
            let oldEnd = end
            for (key, slot) in slots.sorted(by: { $0.value.offset < $1.value.offset }) {
                slots[key] = Slot(offset: compact.count, length: slot.length)
                if slot.offset < oldEnd {
                    compact.append(old.subdata(in: slot.offset..<slot.offset + slot.length))
                } else {
                    compact.append(contentsOf: appended[slot.offset - oldEnd..<slot.offset - oldEnd + slot.length])
                }
            }
            generation += 1
            guard (try? OutputWriter.replace(logURL, with: compact)) != nil else { return }
            end = compact.count
        } else {
            guard append(appended) else { return }
            end += appended.count
        }
        writeIndex()
        removeOtherLogs()
    }

    /// Writes `bytes` after the bytes the index vouches for (dropping what a stopped build left there).
    private func append(_ bytes: [UInt8]) -> Bool {
        let fd = openFile(logURL.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard ftruncate(fd, off_t(end)) == 0 else { return false }
        return bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(end + done))
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    private func writeIndex() {
        var w = ByteWriter()
        w.header(Self.magic, Self.version)
        w.section { w in
            w.i64(generation)
            w.i64(Int64(end))
            w.list(labels) { $0.string($1) }
            w.count(slots.count)
            for (key, slot) in slots {
                w.string(key)
                w.i64(Int64(slot.offset))
                w.u32(UInt32(slot.length))
            }
        }
        try? OutputWriter.replace(index, with: w.bytes)
    }

    private func removeOtherLogs() {
        let folder = index.deletingLastPathComponent()
        let prefix = index.lastPathComponent + "-", own = logURL.lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            where name.hasPrefix(prefix) && name.hasSuffix(".log") && name != own {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

/// Cards kept in memory between the rebuilds of one process (the preview server).
///
/// A card made or checked by a build is *vouched for*: every input it read is in the build graph
/// the server keeps (a page of that build read the card, so it read the card's inputs), and a later
/// build that finds its changed inputs from that graph (`Build.Decision.fromResident`) names each
/// one that changed; `invalidate` then drops the cards that read it. So such a build shows a vouched
/// card without looking at the fingerprint of each thing it read. A build that makes the graph whole
/// (no resident decision) vouches only for the cards it used: the others may have read inputs the
/// new graph no longer holds, and are checked again when next used.
public final class FragmentCache: @unchecked Sendable {
    struct Kept {
        var entry: Fragments.Entry
        var vouched: Bool
    }
    private(set) var entries: [String: Kept] = [:]
    /// The vouched cards that read each input (with keys of cards gone or made again since: dropping
    /// one of those again only costs making it again).
    private var readers: [Input: [String]] = [:]

    public init() {}

    /// The card under `key` and whether it is vouched for.
    func kept(_ key: String) -> Kept? { entries[key] }

    /// Drops every vouched card that read one of `inputs` (inputs whose fingerprints changed).
    func invalidate(_ inputs: [Input]) {
        for input in inputs {
            for key in readers.removeValue(forKey: input) ?? [] { entries[key] = nil }
        }
    }

    /// After a build that wrote the site: `made` cards added, `checked` ones vouched for, `dropped`
    /// (found out of date) removed. `wholeGraph`: the build made its graph whole, so only the cards
    /// it used stay vouched for.
    func keep(made: [(key: String, entry: Fragments.Entry)], checked: [String], dropped: Set<String>, wholeGraph: Bool) {
        for key in dropped { entries[key] = nil }
        if wholeGraph {
            readers = [:]
            for key in entries.keys { entries[key]!.vouched = false }
        }
        for (key, entry) in made { entries[key] = Kept(entry: entry, vouched: true) }
        for key in checked { entries[key]?.vouched = true }
        for key in made.map(\.key) + checked {
            guard let kept = entries[key] else { continue }
            for (input, _) in kept.entry.reads { readers[input, default: []].append(key) }
        }
    }
}
