import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build at a time per state folder: `.citysdg/lock`, locked with `flock(2)` for as long as a
/// build runs and holding its process id (for the message a second build shows while it waits).
/// The system lets go of the lock when its holder ends, however it ends, so the lock of a process
/// that was killed is stale at once and the next build takes it over (and writes its own id).
public final class StateLock {
    public let file: URL
    private var fd: Int32

    private init(file: URL, fd: Int32) {
        self.file = file
        self.fd = fd
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotOpen(String, String)
        public var description: String {
            switch self {
            case .cannotOpen(let path, let reason): return "\(path): the lock file cannot be opened: \(reason)"
            }
        }
    }

    /// Takes the lock in `file`; when another process holds it, `waiting` is told its id (nil if it
    /// wrote none) and the lock is waited for, or, with `wait: false`, nil is returned at once.
    public static func take(_ file: URL, wait: Bool, waiting: (Int32?) -> Void = { _ in }) throws -> StateLock? {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.cannotOpen(file.path, String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw Failure.cannotOpen(file.path, reason)
            }
            guard wait else {
                close(fd)
                return nil
            }
            waiting(holder(file))
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw Failure.cannotOpen(file.path, reason)
                }
            }
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return StateLock(file: file, fd: fd)
    }

    /// The id of the process the lock file names, if it names one.
    public static func holder(_ file: URL) -> Int32? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Empties the file (no holder) and lets go of the lock.
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
