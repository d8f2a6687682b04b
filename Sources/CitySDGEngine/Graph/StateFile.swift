import Foundation

/// The framing every state file in `.citysdg/` shares: a header (magic, format version, and a
/// checksum of both) and sections, each its length, an XXH3 checksum of its bytes and the bytes.
/// A reader checks a section before it reads a byte of it, so damage is found, never trusted.
extension ByteWriter {
    mutating func header(_ magic: String, _ version: UInt32) {
        string(magic)
        u32(version)
        u64(StateChecksum.of(Array(magic.utf8) + Self.bytes(version)))
    }

    /// `write`'s bytes, framed by their length and checksum (written in place, the frame filled
    /// in after them: a graph's sections are tens of megabytes, not to be copied once more).
    mutating func section(_ write: (inout ByteWriter) -> Void) {
        let start = count
        u32(0)
        u64(0)
        write(&self)
        set(UInt32(count - start - ByteReader.frameSize), at: start)
        setChecksum(at: start + 4)
    }

    static func bytes(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
}

extension ByteReader {
    enum Header { case current, otherVersion, damaged }

    /// The file's header: this version's, another version's (a file to drop in silence), or damaged.
    mutating func header(_ magic: String, _ version: UInt32) -> Header {
        let found = string(), foundVersion = u32(), sum = u64()
        guard !failed, sum == StateChecksum.of(Array(found.utf8) + ByteWriter.bytes(foundVersion)), found == magic else { return .damaged }
        return foundVersion == version ? .current : .otherVersion
    }

    /// The next section's bytes when its checksum holds; nil (and `failed` when its frame is cut short) otherwise.
    mutating func section() -> ByteReader? {
        let (n, sum) = frame()
        return take(reader: n) { StateChecksum.of($0) == sum }
    }

    /// A section's frame: its length and its checksum (`frameSize` bytes).
    mutating func frame() -> (count: Int, checksum: UInt64) { (Int(u32()), u64()) }
    static let frameSize = 12
}

enum StateChecksum {
    /// XXH3 (the low half of the 128-bit hash `Fingerprint` takes).
    static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { Fingerprint($0).low } }
    static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.withUnsafeBytes { Fingerprint($0).low } }
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 { Fingerprint(bytes).low }
}

/// The state files a build found damaged, each said once: `.citysdg/fragments-1.log is damaged:
/// rebuilding what it held`. Readers report here from any thread; the build adds the warnings to
/// its result (and not to the warnings it keeps for the next build).
final class StateDamage: @unchecked Sendable {
    private var files: [String] = []
    private let lock = NSLock()

    init() {}

    func report(_ file: URL) {
        let shown = file.deletingLastPathComponent().lastPathComponent + "/" + file.lastPathComponent
        lock.lock()
        if !files.contains(shown) { files.append(shown) }
        lock.unlock()
    }

    var warnings: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return files.map {
            Diagnostic(.warning, SourceLocation(file: $0), "\($0) is damaged: rebuilding what it held",
                       hint: "a state file is only a cache: the site is built as a clean build would build it, and the file is written anew",
                       category: .content)
        }
    }
}
