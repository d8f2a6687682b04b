import Foundation

/// A file's bytes read with `read(2)` into memory the caller owns. Not mapped: a build reads
/// thousands of small files on several threads, and unmapping each one stops every core to flush
/// its address cache (in `perf`, `munmap` was two thirds of fingerprinting a clean build's sources).
enum FileBytes {
    /// The whole file, or nil when it cannot be opened or read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(s.st_size), 0))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2))) } // grown since its stat
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The fingerprint of the file's bytes; a file that cannot be read has the fingerprint of no bytes.
    static func fingerprint(_ path: String) -> Fingerprint {
        (read(path) ?? []).withUnsafeBytes { Fingerprint($0) }
    }
}
