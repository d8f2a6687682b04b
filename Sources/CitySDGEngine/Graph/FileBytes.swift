import Foundation

/// A file's bytes read with `read(2)` into memory the caller owns. Not mapped: a build reads
/// thousands of small files on several threads, and unmapping each one stops every core to flush
/// its address cache (in `perf`, `munmap` was two thirds of fingerprinting a clean build's sources).
enum FileBytes {
    /// The whole file, or nil when it cannot be opened or read. The bytes its `stat` gives are read
    /// straight into the array (not zeroed first), then one more read makes sure it has no more.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { return nil }
        let size = max(Int(s.st_size), 0)
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 { if errno == EINTR { continue }; failed = true; return }
                if n == 0 { return } // shorter than its stat said
                count += n
            }
        }
        // Grown since its stat: the rest is read on.
        while !failed {
            let n = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { more -> Int in
                let n = Glibc.read(fd, more.baseAddress!, more.count)
                if n > 0 { bytes.append(contentsOf: more[..<n]) }
                return n
            }
            if n < 0 { if errno == EINTR { continue }; failed = true }
            if n == 0 { break }
        }
        return failed ? nil : bytes
    }

    /// Up to `count` bytes of an open file from `offset` (fewer where it ends), or nil when it
    /// cannot be read.
    static func read(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0 else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, read in
            read = 0
            while read < count {
                let n = pread(fd, buffer.baseAddress! + read, count - read, off_t(offset + read))
                if n < 0 { if errno == EINTR { continue }; failed = true; return }
                if n == 0 { return }
                read += n
            }
        }
        return failed ? nil : bytes
    }

    /// The fingerprint of the file's bytes; a file that cannot be read has the fingerprint of no bytes.
    static func fingerprint(_ path: String) -> Fingerprint {
        (read(path) ?? []).withUnsafeBytes { Fingerprint($0) }
    }
}
