import Foundation

/// The build graph's file read through its frame, not parsed whole: each section's bytes, the
/// entries found by walking them (no string or table made for an entry that is only stepped
/// over), and fixed-width fields changed where they are. A build that changes a few values of a
/// graph of a million edges (`Build.spliceBodies`) reads, changes and writes the file in a few
/// passes over its bytes, and writes exactly what `BuildState.encoded()` would write for the
/// graph with those values changed.
struct GraphFile {
    private var bytes: [UInt8]
    /// Where the header ends and each of the six sections' contents is (after its length and checksum).
    private let headerEnd: Int
    private var sections: [Range<Int>]
    /// Sections whose contents are given anew (the links), by number.
    private var replaced: [Int: [UInt8]] = [:]

    typealias Section = BuildState.Section

    /// The file, when its header is this version's and every section's checksum holds (its
    /// frame is read in place: no section is copied).
    init?(_ url: URL) {
        guard let bytes = FileBytes.read(url.path) else { return nil }
        self.bytes = bytes
        var r = ByteReader(Array(bytes.prefix(64)))
        guard r.header(BuildState.magic, BuildState.version) == .current else { return nil }
        headerEnd = min(64, bytes.count) - r.remaining
        var sections: [Range<Int>] = []
        var at = headerEnd
        let frames: [Range<Int>]? = bytes.withUnsafeBytes { raw in
            for _ in 0..<BuildState.sectionCount {
                guard at + ByteReader.frameSize <= raw.count else { return nil }
                let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                let sum = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 4, as: UInt64.self))
                let start = at + ByteReader.frameSize
                guard count <= raw.count - start, Fingerprint(UnsafeRawBufferPointer(rebasing: raw[start..<start + count])).low == sum else { return nil }
                sections.append(start..<start + count)
                at = start + count
            }
            return at == raw.count ? sections : nil
        }
        guard let frames else { return nil }
        self.sections = frames
    }

    /// A file whose frame and checksums a read of it checked already (`BuildState.read`), with where
    /// each section's contents are.
    init(checked bytes: [UInt8], sections: [Range<Int>]) {
        self.bytes = bytes
        self.sections = sections
        headerEnd = sections[0].lowerBound - ByteReader.frameSize
    }

    /// The file's size in bytes.
    var size: Int { bytes.count }

    /// How many entries a section holds (its first field).
    func count(_ section: Section) -> Int {
        bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: sections[section.rawValue].lowerBound, as: UInt32.self))) }
    }

    /// A section's contents as they are in the file (indexed by their offsets in the file).
    func contents(_ section: Section) -> ArraySlice<UInt8> { bytes[sections[section.rawValue]] }

    /// The path of the page record at `record` (its first field).
    func path(ofRecord record: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var c = Cursor(bytes: buffer, at: record.lowerBound)
            return c.text(c.string())
        }
    }

    // MARK: reading

    /// Reads fields at a position of the bytes, moving past them.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var at: Int
        mutating func u32() -> Int {
            defer { at += 4 }
            return Int(UInt32(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        }
        mutating func i64() -> Int64 {
            defer { at += 8 }
            return Int64(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: at, as: Int64.self))
        }
        mutating func fingerprint() -> Fingerprint { Fingerprint(high: UInt64(bitPattern: i64()), low: UInt64(bitPattern: i64())) }
        /// A string's bytes, stepped over.
        mutating func string() -> Range<Int> {
            let n = u32()
            defer { at += n }
            return at..<at + n
        }
        func equals(_ range: Range<Int>, _ text: [UInt8]) -> Bool {
            range.count == text.count && text.withUnsafeBufferPointer { memcmp(bytes.baseAddress! + range.lowerBound, $0.baseAddress!, text.count) == 0 }
        }
        /// Steps over `count` stretches of a page's record (input, offset, length, fingerprint, recipe).
        mutating func skipSplices(_ count: Int) {
            for _ in 0..<count { at += 4 + 8 + 8 + 16; _ = string() }
        }
        /// Steps over a page's pieces (key, offset, length, fingerprint, inputs), after its stretches: how many there were.
        @discardableResult mutating func skipPieces() -> Int {
            let count = u32()
            for _ in 0..<count { at += 16 + 8 + 8 + 16; at += 4 * u32() }
            return count
        }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
    }

    /// Walks one section's entries (after its count): `entry` reads one and says whether to go on.
    func walk(_ section: Section, _ entry: (inout Cursor, Int) -> Bool) {
        let range = sections[section.rawValue]
        bytes.withUnsafeBufferPointer { buffer in
            var c = Cursor(bytes: buffer, at: range.lowerBound)
            let count = c.u32()
            for i in 0..<count where !entry(&c, i) { break }
        }
    }

    /// An input: its label's bytes and where its fingerprint is.
    struct InputEntry { var label: Range<Int>; var fingerprint: Fingerprint; var at: Int }

    func inputs(_ each: (Cursor, Int, InputEntry) -> Bool) {
        walk(.inputs) { c, i in
            let label = c.string()
            let at = c.at
            return each(c, i, InputEntry(label: label, fingerprint: c.fingerprint(), at: at))
        }
    }

    /// A page's record: its path, where its size is, its inputs, and each stretch with where its fields are.
    struct PageEntry {
        var path: String
        var size: Int64
        var sizeAt: Int
        var inputs: [UInt32]
        var splices: [(splice: Splice, at: Int)]
        /// Whether the output was joined from pieces (whose places a stretch made again would move).
        var hasPieces = false
    }

    /// Every page whose inputs include one that `wanted` holds, read whole; the others stepped
    /// over. Nil when a stretch's recipe cannot be read (then not every page was looked at).
    func pages(reading wanted: [Bool]) -> [PageEntry]? {
        var found: [PageEntry] = [], whole = true
        walk(.pages) { c, _ in
            let path = c.string()
            let sizeAt = c.at
            let size = c.i64()
            let count = c.u32()
            let start = c.at
            var reads = false
            for k in 0..<count {
                let input = Int(UInt32(littleEndian: UnsafeRawBufferPointer(c.bytes).loadUnaligned(fromByteOffset: start + k * 4, as: UInt32.self)))
                if input < wanted.count, wanted[input] { reads = true; break }
            }
            c.at = start + count * 4
            let splices = c.u32()
            if reads {
                let inputs = (0..<count).map { UInt32(littleEndian: UnsafeRawBufferPointer(c.bytes).loadUnaligned(fromByteOffset: start + $0 * 4, as: UInt32.self)) }
                var entry = PageEntry(path: c.text(path), size: size, sizeAt: sizeAt, inputs: inputs, splices: [])
                for _ in 0..<splices {
                    let at = c.at
                    let input = UInt32(c.u32()), offset = c.i64(), length = c.i64(), print = c.fingerprint()
                    let code = c.text(c.string())
                    guard let recipe = Splice.recipe(code: code) else { whole = false; return false }
                    entry.splices.append((Splice(input: input, offset: offset, length: length, fingerprint: print, recipe: recipe), at))
                }
                entry.hasPieces = c.skipPieces() > 0
                found.append(entry)
            } else {
                c.skipSplices(splices)
                c.skipPieces()
            }
            return true
        }
        return whole ? found : nil
    }

    /// Those of `paths` that are pages of the graph.
    func pages(among paths: Set<String>) -> Set<String> {
        let wanted = paths.map { Array($0.utf8) }, lengths = Set(wanted.map(\.count))
        var found: Set<String> = []
        walk(.pages) { c, _ in
            let path = c.string()
            _ = c.i64()
            let inputs = c.u32()
            c.at += inputs * 4
            c.skipSplices(c.u32())
            c.skipPieces()
            if lengths.contains(path.count), wanted.contains(where: { c.equals(path, $0) }) { found.insert(c.text(path)) }
            return found.count < paths.count
        }
        return found
    }

    /// Where the fields of each of the sources `keys` are (by the key's number there).
    func sources(_ keys: [String]) -> [(key: Int, at: Int)] {
        let wanted = keys.map { Array($0.utf8) }, lengths = Set(wanted.map(\.count))
        var found: [(key: Int, at: Int)] = []
        walk(.sources) { c, _ in
            let key = c.string()
            if lengths.contains(key.count), let i = wanted.firstIndex(where: { c.equals(key, $0) }) { found.append((i, c.at)) }
            c.at += 8 + 8 + 16
            return found.count < wanted.count
        }
        return found
    }

    var links: [BuildState.StoredLink] {
        var r = ByteReader(Array(bytes[sections[Section.links.rawValue]]))
        return BuildState.readLinks(&r)
    }

    // MARK: changing

    mutating func set(_ value: Int64, at offset: Int) { bytes.put(value, at: offset) }
    mutating func set(_ value: Fingerprint, at offset: Int) { bytes.put(value, at: offset) }

    /// A stretch's offset, length and fingerprint, at the place `pages(reading:)` found it.
    mutating func set(_ splice: Splice, at offset: Int) {
        bytes.put(splice.offset, at: offset + 4)
        bytes.put(splice.length, at: offset + 12)
        bytes.put(splice.fingerprint, at: offset + 20)
    }

    mutating func set(_ source: BuildState.SourceStat, at offset: Int) { bytes.put(source, at: offset) }

    /// The links, sorted as the graph keeps them.
    mutating func replaceLinks(_ links: [BuildState.StoredLink]) {
        var w = ByteWriter()
        BuildState.write(links.sorted { ($0.page, $0.location) < ($1.page, $1.location) }, into: &w)
        replaced[Section.links.rawValue] = w.bytes
    }

    /// The file's bytes: the header as it was, each section framed with its length and checksum again.
    func encoded() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + (replaced.values.map(\.count).max() ?? 0))
        out.append(contentsOf: bytes[0..<headerEnd])
        for (i, range) in sections.enumerated() {
            var w = ByteWriter()
            if let new = replaced[i] {
                w.count(new.count); w.u64(StateChecksum.of(new))
                out.append(contentsOf: w.bytes)
                out.append(contentsOf: new)
            } else {
                w.count(range.count); w.u64(StateChecksum.of(bytes[range]))
                out.append(contentsOf: w.bytes)
                out.append(contentsOf: bytes[range])
            }
        }
        return out
    }
}
