import Foundation

/// The build graph kept on disk between builds: what every source file was (size, time and
/// fingerprint), the generator that built the site, every input any output read with its
/// fingerprint, for each output the inputs it read (recorded while it was made), the internal
/// links found in Markdown (to check them again without rendering), and the warnings (to say
/// them again when nothing changed). A versioned binary file: at 10,000 cities it holds about a
/// million output–input edges, which load as arrays of integers.
public struct BuildState: Sendable, Equatable {
    public struct SourceStat: Sendable, Equatable {
        public var size: Int64
        public var modified: Int64
        public var fingerprint: Fingerprint
    }

    public struct PageRecord: Sendable, Equatable {
        public var size: Int64
        /// Indexes into `inputs`.
        public var inputs: [UInt32]
        /// The stretches made from a body alone, in the order they are in the file.
        public var splices: [Splice] = []
        /// The pieces the output was joined from (`PageContext.piece`), in the order they are in the file.
        public var pieces: [PieceRecord] = []
        /// Where the record is in the graph's file it was read from (`file`): a graph that
        /// keeps it as it was copies its bytes from there. Not part of what the record says.
        var stored: Range<Int>? = nil

        public init(size: Int64, inputs: [UInt32], splices: [Splice] = [], pieces: [PieceRecord] = []) {
            (self.size, self.inputs, self.splices, self.pieces) = (size, inputs, splices, pieces)
        }

        public static func == (a: PageRecord, b: PageRecord) -> Bool {
            a.size == b.size && a.inputs == b.inputs && a.splices == b.splices && a.pieces == b.pieces
        }
    }

    /// A piece of a whole-site file (a dataset's entry, a table's rows): which piece (the
    /// fingerprint of its key, `Fragments.key`), where its bytes are and their fingerprint, and
    /// what it read (indexes into `inputs`, among the page's). A later build that makes the file
    /// again takes back the bytes of each piece none of whose inputs changed.
    public struct PieceRecord: Sendable, Equatable {
        public var key: Fingerprint
        public var offset: Int64
        public var length: Int64
        public var fingerprint: Fingerprint
        public var inputs: [UInt32]
    }

    public struct StoredLink: Sendable, Equatable {
        public var page: String
        public var location: SourceLocation
        public var url: String
        public var target: String
    }

    /// The executable the generator's fingerprint was taken from, so it is hashed again only when it changed.
    public struct Executable: Sendable, Equatable {
        public var path: String
        public var size: Int64
        public var modified: Int64
    }

    public var generator = Fingerprint.none
    public var executable: Executable?
    public var output = ""
    /// The base URL given on the command line, if any.
    public var baseURL = ""
    /// The theme named on the command line, if any (site.yml's `theme:` is in its fingerprint).
    public var theme = ""
    /// Keyed by `content/<path>` and `themes/<path>`.
    public var sources: [String: SourceStat] = [:]
    /// Every input some output read: its label and fingerprint.
    public var inputs: [(label: String, fingerprint: Fingerprint)] = []
    public var pages: [String: PageRecord] = [:]
    public var links: [StoredLink] = []
    public var warnings: [Diagnostic] = []
    /// The file this state was read from (read with its edges), when it was: a build that changes
    /// a few pages writes the new file from it (`encoded(reusing:)`).
    private(set) var file: GraphFile?

    public init() {}

    public static func == (a: BuildState, b: BuildState) -> Bool {
        a.generator == b.generator && a.executable == b.executable && a.output == b.output && a.baseURL == b.baseURL && a.theme == b.theme
            && a.sources == b.sources && a.pages == b.pages && a.links == b.links && a.warnings == b.warnings
            && a.inputs.map(\.label) == b.inputs.map(\.label) && a.inputs.map(\.fingerprint) == b.inputs.map(\.fingerprint)
    }

    /// Drops the inputs no page reads any more, and numbers the rest again in their order.
    mutating func dropUnusedInputs() {
        var used = [Bool](repeating: false, count: inputs.count)
        for record in pages.values { for id in record.inputs { used[Int(id)] = true } }
        var renumbered = [UInt32](repeating: 0, count: inputs.count)
        var kept: [(label: String, fingerprint: Fingerprint)] = []
        for i in inputs.indices where used[i] {
            renumbered[i] = UInt32(kept.count)
            kept.append(inputs[i])
        }
        inputs = kept
        pages = pages.mapValues { record in
            PageRecord(size: record.size, inputs: record.inputs.map { renumbered[Int($0)] },
                       splices: record.splices.map { var splice = $0; splice.input = renumbered[Int(splice.input)]; return splice },
                       pieces: record.pieces.map { var piece = $0; piece.inputs = piece.inputs.map { renumbered[Int($0)] }; return piece })
        }
    }

    static let magic = "citysdg-build-state"
    static let version: UInt32 = 6

    /// The graph, or nil when there is none this version can read. Its header and each of its
    /// sections carry a checksum (its records refer to each other by number, so a damaged one
    /// drops the whole file); a damaged file is reported to `damage`, a file of another version is not.
    ///
    /// `edges: false` reads only what shows that nothing changed (the sources, how many pages
    /// there are, the warnings): the header and each section's frame are read, then only those
    /// sections' bytes. The inputs, the pages with their reads and the links are most of the file
    /// (30 of its 32 MB at 10,000 cities), and a build with nothing to do never needs them.
    static func read(_ url: URL, damage: StateDamage?, edges: Bool = true) -> BuildState? {
        guard edges else { return readWithoutEdges(url, damage: damage) }
        guard let bytes = FileBytes.read(url.path) else { return nil }
        var r = ByteReader(bytes)
        guard isCurrent(&r, url, damage) else { return nil }
        var sections: [ByteReader?] = []
        for _ in 0..<sectionCount {
            guard let section = r.section() else { damage?.report(url); return nil }
            sections.append(section)
        }
        guard r.atEnd, var state = read(sections, edges: true) else { damage?.report(url); return nil }
        state.file = GraphFile(checked: bytes, sections: sections.map { $0!.range })
        return state
    }

    /// Whether the file begins with this version's header (one damaged is reported to `damage`,
    /// one of another version is not).
    private static func isCurrent(_ r: inout ByteReader, _ url: URL, _ damage: StateDamage?) -> Bool {
        switch r.header(magic, version) {
        case .current: return true
        case .otherVersion: return false
        case .damaged: damage?.report(url); return false
        }
    }

    static let sectionCount = 6
    /// The sections a read without the edges reads: the build's, the sources, the warnings.
    private static let sectionsWithoutEdges: Set<Int> = [0, 1, 5]

    private static func readWithoutEdges(_ url: URL, damage: StateDamage?) -> BuildState? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, let head = FileBytes.read(fd, at: 0, count: 4096) else { return nil }
        var r = ByteReader(head)
        guard isCurrent(&r, url, damage) else { return nil }
        var offset = head.count - r.remaining
        var sections: [ByteReader?] = []
        for i in 0..<sectionCount {
            guard let frame = FileBytes.read(fd, at: offset, count: ByteReader.frameSize), frame.count == ByteReader.frameSize else {
                damage?.report(url); return nil
            }
            var f = ByteReader(frame)
            let (n, sum) = f.frame()
            if sectionsWithoutEdges.contains(i) {
                guard let body = FileBytes.read(fd, at: offset + frame.count, count: n), body.count == n, StateChecksum.of(body) == sum else {
                    damage?.report(url); return nil
                }
                sections.append(ByteReader(body))
            } else {
                sections.append(nil)
            }
            offset += frame.count + n
        }
        guard offset == Int(info.st_size), let state = read(sections, edges: false) else { damage?.report(url); return nil }
        return state
    }

    /// Read without its edges (`read(_:damage:edges:)`): to be read whole before it is used for more
    /// than seeing that nothing changed, and never written.
    public private(set) var hasEdges = true

    /// How many pages the last build wrote: `pages.count`, known too when the pages were not read.
    public var pageCount: Int { hasEdges ? pages.count : unreadPages }
    private var unreadPages = 0

    public static func read(_ url: URL) -> BuildState? { read(url, damage: nil) }

    /// The state from its sections (those a read without the edges does not need may be nil then).
    private static func read(_ sections: [ByteReader?], edges: Bool) -> BuildState? {
        var s = BuildState()
        s.hasEdges = edges
        guard var r = sections[0] else { return nil }
        /// Moves to the next section when the one read was read whole.
        func next(_ i: Int) -> Bool {
            guard r.atEnd, !r.failed, let section = sections[i] else { return false }
            r = section
            return true
        }
        s.generator = r.fingerprint()
        if r.u8() == 1 { s.executable = Executable(path: r.string(), size: r.i64(), modified: r.i64()) }
        s.output = r.string()
        s.baseURL = r.string()
        s.theme = r.string()
        let pageCount = Int(r.u32())
        guard next(1) else { return nil }
        let sourceCount = r.count()
        s.sources.reserveCapacity(sourceCount) // (a count is never more than the bytes left)
        for _ in 0..<sourceCount {
            let path = r.string()
            s.sources[path] = SourceStat(size: r.i64(), modified: r.i64(), fingerprint: r.fingerprint())
        }
        if edges {
            guard next(2) else { return nil }
            let count = r.count()
            s.inputs.reserveCapacity(count)
            for _ in 0..<count { s.inputs.append((r.string(), r.fingerprint())) }
            guard next(3) else { return nil }
            let inputCount = s.inputs.count
            guard r.count() == pageCount else { return nil }
            s.pages.reserveCapacity(pageCount)
            for _ in 0..<pageCount {
                let start = r.position
                let path = r.string()
                let size = r.i64()
                let inputs = r.u32s()
                if inputs.contains(where: { Int($0) >= inputCount }) { r.fail() }
                var splices: [Splice] = []
                for _ in 0..<r.count() {
                    let input = r.u32(), offset = r.i64(), length = r.i64(), print = r.fingerprint()
                    guard let recipe = Splice.recipe(code: r.string()), Int(input) < inputCount, offset >= 0, length >= 0, offset <= size - length
                    else { r.fail(); break }
                    splices.append(Splice(input: input, offset: offset, length: length, fingerprint: print, recipe: recipe))
                }
                var pieces: [PieceRecord] = []
                for _ in 0..<r.count() {
                    let key = r.fingerprint(), offset = r.i64(), length = r.i64(), print = r.fingerprint(), read = r.u32s()
                    guard offset >= 0, length >= 0, offset <= size - length, !read.contains(where: { Int($0) >= inputCount }) else { r.fail(); break }
                    pieces.append(PieceRecord(key: key, offset: offset, length: length, fingerprint: print, inputs: read))
                }
                var record = PageRecord(size: size, inputs: inputs, splices: splices, pieces: pieces)
                record.stored = start..<r.position
                s.pages[path] = record
            }
            guard next(4) else { return nil }
            s.links = Self.readLinks(&r)
        } else {
            // The inputs, the pages and the links are not read.
            guard r.atEnd, !r.failed else { return nil }
            s.unreadPages = pageCount
            r = ByteReader([])
        }
        guard next(5) else { return nil }
        for _ in 0..<r.count() {
            let severity: Diagnostic.Severity = r.u8() == 0 ? .error : .warning
            let category: Diagnostic.Category = r.u8() == 0 ? .content : .io
            let location = r.location()
            let message = r.string()
            let hint = r.u8() == 1 ? r.string() : nil
            s.warnings.append(Diagnostic(severity, location, message, hint: hint, category: category))
        }
        return r.failed || !r.atEnd ? nil : s
    }

    /// Writes the state beside its final name and renames it over, like every output file.
    public func write(_ url: URL) throws {
        try Self.write(encoded(), to: url)
    }

    /// Puts a graph's bytes in its file, in place of the old one at once (its folder made if need be).
    static func write(_ bytes: some ContiguousBytes, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try OutputWriter.replace(url, with: bytes)
    }

    /// The links section's contents (also read and made again in place by `GraphFile`).
    static func readLinks(_ r: inout ByteReader) -> [StoredLink] {
        (0..<r.count()).map { _ in StoredLink(page: r.string(), location: r.location(), url: r.string(), target: r.string()) }
    }

    static func write(_ links: [StoredLink], into w: inout ByteWriter) {
        w.count(links.count)
        for l in links { w.string(l.page); w.location(l.location); w.string(l.url); w.string(l.target) }
    }

    /// The bytes `write` puts in the file.
    func encoded() -> [UInt8] {
        precondition(hasEdges, "a build graph read without its edges is never written")
        var w = ByteWriter()
        w.header(Self.magic, Self.version)
        w.section(writeBuild)
        w.section(writeSources)
        w.section { w in
            w.count(inputs.count)
            for input in inputs { w.string(input.label); w.fingerprint(input.fingerprint) }
        }
        w.section { w in
            w.count(pages.count)
            for path in pages.keys.sorted() { Self.write(path, pages[path]!, into: &w) }
        }
        w.section { w in Self.write(links, into: &w) }
        w.section(writeWarnings)
        return w.bytes
    }

    /// The same bytes as `encoded()`, most of them copied from the file the graph was read from:
    /// for a graph made from that one by a build that changed a few pages, whose inputs are the
    /// file's (numbered as there, with new fingerprints where they changed) and then any new ones.
    /// The records of the pages kept as they were (`PageRecord.stored`) are copied in the file's
    /// order, which is the order of their paths, with the other pages' records put in their places.
    /// A title edit at N = 10,000 writes 40 MB of graph for 59 pages made again: encoding it whole
    /// was a tenth of the build.
    /// `restated`: when the sources are the file's but for these entries (the same paths), they
    /// are copied too, with those entries' fields put over the old ones.
    func encoded(reusing file: GraphFile, restated: [String]? = nil) -> [UInt8] {
        let fileInputs = file.count(.inputs)
        precondition(hasEdges && inputs.count >= fileInputs, "a graph made from the file")
        var w = ByteWriter(capacity: file.size + 1 << 16)
        w.header(Self.magic, Self.version)
        w.section(writeBuild)
        w.section { w in
            // (The file's sources are these when it has each restated one and as many in all.)
            guard let restated, sources.count == file.count(.sources), case let found = file.sources(restated), found.count == restated.count
            else { return writeSources(&w) }
            let old = file.contents(.sources)
            let base = w.count - old.startIndex
            w.raw(old)
            for (key, at) in found { w.set(sources[restated[key]]!, at: base + at) }
        }
        w.section { w in
            // The file's inputs as they are, then each fingerprint that differs put over its old one.
            let old = file.contents(.inputs).dropFirst(4)
            w.count(inputs.count)
            let base = w.count - old.startIndex
            w.raw(old)
            file.inputs { _, i, entry in
                if entry.fingerprint != inputs[i].fingerprint { w.set(inputs[i].fingerprint, at: base + entry.at) }
                return true
            }
            for input in inputs[fileInputs...] { w.string(input.label); w.fingerprint(input.fingerprint) }
        }
        w.section { w in
            w.count(pages.count)
            var kept: [Range<Int>] = [], made: [String] = []
            kept.reserveCapacity(pages.count)
            for (path, record) in pages {
                if let stored = record.stored { kept.append(stored) } else { made.append(path) }
            }
            kept.sort { $0.lowerBound < $1.lowerBound }
            made.sort()
            let all = file.contents(.pages)
            func copy(_ records: ArraySlice<Range<Int>>) {
                // Records next to each other in the file are copied as one stretch.
                var run: Range<Int>?
                for record in records {
                    if let r = run, r.upperBound == record.lowerBound { run = r.lowerBound..<record.upperBound; continue }
                    if let r = run { w.raw(all[r]) }
                    run = record
                }
                if let r = run { w.raw(all[r]) }
            }
            var next = 0
            for path in made {
                // The first kept record whose path comes after this one: the new record goes before it.
                var low = next, high = kept.count
                while low < high {
                    let middle = (low + high) / 2
                    if file.path(ofRecord: kept[middle]) < path { low = middle + 1 } else { high = middle }
                }
                copy(kept[next..<low])
                next = low
                Self.write(path, pages[path]!, into: &w)
            }
            copy(kept[next...])
        }
        w.section { w in Self.write(links, into: &w) }
        w.section(writeWarnings)
        return w.bytes
    }

    /// The sections of the graph's file, in order.
    enum Section: Int { case build = 0, sources, inputs, pages, links, warnings }

    private func writeBuild(_ w: inout ByteWriter) {
        w.fingerprint(generator)
        if let e = executable {
            w.u8(1); w.string(e.path); w.i64(e.size); w.i64(e.modified)
        } else {
            w.u8(0)
        }
        w.string(output)
        w.string(baseURL)
        w.string(theme)
        w.u32(UInt32(pages.count))
    }

    private func writeSources(_ w: inout ByteWriter) {
        w.count(sources.count)
        // (The keys sorted alone, and each record looked up: sorting the pairs moves every record.)
        for path in sources.keys.sorted() {
            let s = sources[path]!
            w.string(path); w.i64(s.size); w.i64(s.modified); w.fingerprint(s.fingerprint)
        }
    }

    /// A page's record: its path, size and inputs, then its stretches and its pieces.
    private static func write(_ path: String, _ p: PageRecord, into w: inout ByteWriter) {
        w.string(path); w.i64(p.size); w.u32s(p.inputs)
        w.count(p.splices.count)
        for splice in p.splices { w.u32(splice.input); w.i64(splice.offset); w.i64(splice.length); w.fingerprint(splice.fingerprint); w.string(splice.code) }
        w.count(p.pieces.count)
        for piece in p.pieces { w.fingerprint(piece.key); w.i64(piece.offset); w.i64(piece.length); w.fingerprint(piece.fingerprint); w.u32s(piece.inputs) }
    }

    private func writeWarnings(_ w: inout ByteWriter) {
        w.count(warnings.count)
        for d in warnings {
            w.u8(d.severity == .error ? 0 : 1); w.u8(d.category == .content ? 0 : 1); w.location(d.location); w.string(d.message)
            if let hint = d.hint { w.u8(1); w.string(hint) } else { w.u8(0) }
        }
    }
}

/// Little-endian integers and length-prefixed UTF-8 strings.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init() {}
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }
    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func raw(_ v: [UInt8]) { bytes.append(contentsOf: v) }
    mutating func raw(_ v: ArraySlice<UInt8>) { bytes.append(contentsOf: v) }
    mutating func i64(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func count(_ n: Int) { u32(UInt32(n)) }
    /// Sets the eight bytes at `offset` to the checksum of every byte after them.
    mutating func setChecksum(at offset: Int) {
        let sum = StateChecksum.of(bytes[(offset + 8)...]).littleEndian
        withUnsafeBytes(of: sum) { bytes.replaceSubrange(offset..<offset + 8, with: $0) }
    }
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { count($0.count); bytes.append(contentsOf: $0) }
    }
    mutating func fingerprint(_ f: Fingerprint) { i64(Int64(bitPattern: f.high)); i64(Int64(bitPattern: f.low)) }
    /// Puts a value over the bytes written at `offset` (`Array.put`).
    mutating func set(_ f: Fingerprint, at offset: Int) { bytes.put(f, at: offset) }
    mutating func set(_ source: BuildState.SourceStat, at offset: Int) { bytes.put(source, at: offset) }
    mutating func set(_ v: UInt32, at offset: Int) { bytes.put(v, at: offset) }
    mutating func location(_ l: SourceLocation) { string(l.file); u32(UInt32(clamping: l.line)); u32(UInt32(clamping: l.column)) }
    mutating func u32s(_ values: [UInt32]) {
        count(values.count)
        for value in values { u32(value) }
    }
}

/// A field written by `ByteWriter` changed where it is (a graph's file, or one being written).
extension Array where Element == UInt8 {
    mutating func put<T: FixedWidthInteger>(_ v: T, at offset: Int) {
        Swift.withUnsafeBytes(of: v.littleEndian) { replaceSubrange(offset..<offset + MemoryLayout<T>.size, with: $0) }
    }
    mutating func put(_ f: Fingerprint, at offset: Int) {
        put(f.high, at: offset)
        put(f.low, at: offset + 8)
    }
    /// A source's size, time and fingerprint, after its path.
    mutating func put(_ source: BuildState.SourceStat, at offset: Int) {
        put(source.size, at: offset)
        put(source.modified, at: offset + 8)
        put(source.fingerprint, at: offset + 16)
    }
}

/// Reads what `ByteWriter` wrote; a short or damaged file sets `failed` instead of trapping. Every
/// read is checked against the bytes left, and no count can promise more items than there are
/// bytes left to hold them, so no byte sequence traps, loops for long or allocates much.
struct ByteReader {
    /// The bytes read, of which this reader reads `offset..<end` (a section shares its file's bytes).
    private let bytes: [UInt8]
    private var offset = 0
    private let end: Int
    private(set) var failed = false

    init(_ data: Data) { self.init([UInt8](data)) }
    init(_ bytes: [UInt8]) { self.bytes = bytes; end = bytes.count }
    private init(_ bytes: [UInt8], _ range: Range<Int>) { self.bytes = bytes; offset = range.lowerBound; end = range.upperBound }

    var atEnd: Bool { offset == end }
    /// Where the reader is in the bytes it shares (a section's reader: in its file's).
    var position: Int { offset }
    /// The bytes left to read, as a range of the bytes it shares.
    var range: Range<Int> { offset..<end }
    var remaining: Int { end - offset }

    /// Marks what is read as damaged.
    mutating func fail() { failed = true }

    private mutating func take(_ n: Int) -> Int? {
        guard !failed, n >= 0, n <= end - offset else { failed = true; return nil }
        defer { offset += n }
        return offset
    }

    /// The next `n` bytes as a reader of their own, sharing these bytes, when `check` accepts them.
    mutating func take(reader n: Int, where check: (UnsafeRawBufferPointer) -> Bool) -> ByteReader? {
        guard let at = take(n) else { return nil }
        let ok = bytes.withUnsafeBytes { check(UnsafeRawBufferPointer(rebasing: $0[at..<at + n])) }
        return ok ? ByteReader(bytes, at..<at + n) : nil
    }


    private mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T {
        guard let at = take(MemoryLayout<T>.size) else { return 0 }
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: T.self)) }
    }

    mutating func u8() -> UInt8 { integer(UInt8.self) }
    mutating func u32() -> UInt32 { integer(UInt32.self) }
    mutating func i64() -> Int64 { integer(Int64.self) }
    mutating func u64() -> UInt64 { integer(UInt64.self) }
    /// A count of items, each at least a byte: one larger than the bytes left is damage.
    mutating func count() -> Int {
        let n = failed ? 0 : Int(u32())
        guard n <= remaining else { failed = true; return 0 }
        return n
    }
    mutating func string() -> String {
        let n = count()
        guard let at = take(n) else { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[at..<at + n]), as: UTF8.self) }
    }
    mutating func fingerprint() -> Fingerprint {
        Fingerprint(high: UInt64(bitPattern: i64()), low: UInt64(bitPattern: i64()))
    }
    mutating func location() -> SourceLocation { SourceLocation(file: string(), line: Int(u32()), column: Int(u32())) }
    mutating func u32s() -> [UInt32] {
        let n = count()
        guard let at = take(n &* 4) else { return [] }
        return bytes.withUnsafeBytes { raw in
            (0..<n).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + $0 * 4, as: UInt32.self)) }
        }
    }
}

/// Size and modification time of every file under a folder, read with `stat` (following links).
public enum FileStats {
    public struct Stat: Equatable, Sendable {
        public var size: Int64
        public var modified: Int64
        public init(size: Int64, modified: Int64) { self.size = size; self.modified = modified }
        init(_ s: stat) { self.init(size: Int64(s.st_size), modified: Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)) }
    }

    static func of(_ path: String) -> Stat? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return Stat(s)
    }

    /// Every regular file under `root`, by `prefix` and its path relative to it, skipping hidden
    /// files. The folders are read with `readdir` (whose entry types say which names are folders
    /// and which files), and each file is `stat`ed by its name in the open folder: one `stat` per
    /// file, the most of the time when nothing changed. The first levels are read breadth first
    /// until there are folders enough to share, then each of those is walked on one of several
    /// threads (`waitingMap`: the `stat`s wait for the disk when the kernel has let go of the
    /// inodes); a folder of the first levels with many files has their `stat`s shared out too (a
    /// site's projects are often all in one). A folder reached twice through links is walked once.
    /// Returns whether every entry was a plain file or folder (no link, nothing the file system
    /// left untyped): then the files found are all the folder has, each where it is named.
    @discardableResult
    public static func scan(_ root: URL, prefix: String, into result: inout [String: Stat]) -> Bool {
        let found = walk(root, prefix: prefix) { _, _ in false }
        result.reserveCapacity(result.count + found.files.count)
        for (key, stat) in found.files { result[key] = stat }
        return found.plain
    }

    /// The same scan, against the sizes and times a build recorded: the files whose size or time
    /// is not the record's (or that it does not have), and how many files are as recorded. Those
    /// are compared where they are found, on several threads, and not kept: a folder where nothing
    /// changed costs its `stat`s and no table.
    static func scan(_ root: URL, prefix: String, against recorded: [String: BuildState.SourceStat])
        -> (plain: Bool, differing: [(key: String, stat: Stat)], same: Int) {
        let found = walk(root, prefix: prefix) { key, stat in
            recorded[key].map { $0.size == stat.size && $0.modified == stat.modified } ?? false
        }
        return (found.plain, found.files, found.same)
    }

    /// The walk of `scan`: the files for which `same` is false, and how many it was true for.
    private static func walk(_ root: URL, prefix: String, same: @escaping @Sendable (String, Stat) -> Bool)
        -> (plain: Bool, files: [(key: String, stat: Stat)], same: Int) {
        let visited = Visited()
        var plain = true, found: [(key: String, stat: Stat)] = [], alike = 0
        var frontier: [(folder: String, key: String)] = [(root.path, prefix)]
        while !frontier.isEmpty, frontier.count < 64 {
            var next: [(folder: String, key: String)] = []
            for (folder, key) in frontier {
                let listed = list(folder, key, visited, same, spread: true)
                found += listed.files
                alike += listed.same
                next += listed.folders
                plain = plain && listed.plain
            }
            frontier = next
        }
        let walked = waitingMap(frontier) { start -> (files: [(key: String, stat: Stat)], same: Int, plain: Bool) in
            var files: [(key: String, stat: Stat)] = [], alike = 0, plain = true
            var stack = [start]
            while let (folder, key) = stack.popLast() {
                let listed = list(folder, key, visited, same, spread: false)
                files += listed.files
                alike += listed.same
                stack += listed.folders
                plain = plain && listed.plain
            }
            return (files, alike, plain)
        }
        for part in walked {
            found += part.files
            alike += part.same
            plain = plain && part.plain
        }
        return (plain, found, alike)
    }

    /// The folders a scan has read, by device and inode, on any thread.
    private final class Visited: @unchecked Sendable {
        struct Node: Hashable { var device: UInt64; var inode: UInt64 }
        private var nodes: Set<Node> = []
        private let lock = NSLock()
        func insert(_ s: stat) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return nodes.insert(Node(device: UInt64(s.st_dev), inode: UInt64(s.st_ino))).inserted
        }
    }

    /// One folder's files with their sizes and times, and its folders (gone since listed: not
    /// there). `key` is the folder's key, ending in a slash (or the scan's prefix); a file's key is
    /// it and the file's name, made in one piece. With `spread`, many files are `stat`ed on several threads.
    private static func list(_ folder: String, _ key: String, _ visited: Visited, _ same: @Sendable (String, Stat) -> Bool, spread: Bool)
        -> (files: [(key: String, stat: Stat)], same: Int, folders: [(folder: String, key: String)], plain: Bool) {
        // A folder that cannot be read is not plain: the loader's walk says why (one removed since
        // it was listed is simply not there).
        guard let dir = opendir(folder) else { return ([], 0, [], errno == ENOENT) }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var own = stat()
        guard fstat(fd, &own) == 0, visited.insert(own) else { return ([], 0, [], true) }
        // The files (and what the file system left untyped) by key; a file's name is its key from `nameAt`.
        var named: [String] = [], folders: [(folder: String, key: String)] = [], plain = true
        let nameAt = key.utf8.count
        /// A folder's path and key from its key.
        @Sendable func subfolder(_ file: String) -> (folder: String, key: String) {
            (folder + "/" + String(decoding: file.utf8.dropFirst(nameAt), as: UTF8.self), file + "/")
        }
        while let entry = readdir(dir) {
            let type = Int32(entry.pointee.d_type)
            let file = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> String? in
                let name = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: strlen(raw.baseAddress!))
                guard name.first != UInt8(ascii: ".") else { return nil }
                return String(unsafeUninitializedCapacity: nameAt + name.count) { out in
                    _ = out.initialize(fromContentsOf: key.utf8)
                    _ = out[nameAt...].initialize(fromContentsOf: name)
                    return nameAt + name.count
                }
            }
            guard let file else { continue }
            if type != Int32(DT_REG) && type != Int32(DT_DIR) { plain = false } // a link, or a file system that does not say
            if type == Int32(DT_DIR) {
                folders.append(subfolder(file))
            } else {
                named.append(file)
            }
        }
        let files = named
        /// Each file's size and time (a link is followed: what it leads to decides).
        @Sendable func look(_ range: Range<Int>) -> (files: [(key: String, stat: Stat)], same: Int, folders: [(folder: String, key: String)]) {
            var found: [(key: String, stat: Stat)] = [], alike = 0, folders: [(folder: String, key: String)] = []
            var s = stat()
            for file in files[range] where file.withCString({ fstatat(fd, $0 + nameAt, &s, 0) }) == 0 {
                if (s.st_mode & S_IFMT) == S_IFREG {
                    let stat = Stat(s)
                    if same(file, stat) { alike += 1 } else { found.append((file, stat)) }
                } else if (s.st_mode & S_IFMT) == S_IFDIR {
                    folders.append(subfolder(file))
                }
            }
            return (found, alike, folders)
        }
        guard spread, files.count >= 1024 else {
            let (found, alike, more) = look(files.indices)
            return (found, alike, folders + more, plain)
        }
        let parts = waitingMap(slices(files.count, of: 512)) { look($0) }
        return (parts.flatMap(\.files), parts.reduce(0) { $0 + $1.same }, folders + parts.flatMap(\.folders), plain)
    }
}
