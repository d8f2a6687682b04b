import CitySDGEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Calls `changed` shortly after files under the watched folders change: through inotify on Linux,
/// or by comparing sizes and times every `pollInterval` where inotify is not available.
final class Watcher: @unchecked Sendable {
    private let folders: [URL]
    private let changed: @Sendable () -> Void
    private let pollInterval: TimeInterval
    private var thread: Thread?
    private let stopped = Flag()

    init(folders: [URL], pollInterval: TimeInterval = 0.25, changed: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.pollInterval = pollInterval
        self.changed = changed
    }

    /// Starts watching on a thread of its own; returns how ("inotify" or "polling").
    func start() -> String {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        if fd >= 0 {
            let thread = Thread { [self] in watchInotify(fd) }
            thread.name = "citysdg-watcher"
            thread.start()
            self.thread = thread
            return "inotify"
        }
        #endif
        let thread = Thread { [self] in poll() }
        thread.start()
        self.thread = thread
        return "polling"
    }

    /// Stops watching (within `pollInterval`).
    func stop() { stopped.set() }

    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
    }

    private func poll() {
        func snapshot() -> [String: FileStats.Stat] {
            var stats: [String: FileStats.Stat] = [:]
            for (i, folder) in folders.enumerated() { FileStats.scan(folder, prefix: "\(i)/", into: &stats) }
            return stats
        }
        var last = snapshot()
        while !stopped.isSet {
            Thread.sleep(forTimeInterval: pollInterval)
            let now = snapshot()
            if now != last {
                last = now
                changed()
            }
        }
    }

    #if os(Linux)
    private func watchInotify(_ fd: Int32) {
        let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)
        var watched: [Int32: String] = [:]
        func add(_ folder: String) {
            let wd = inotify_add_watch(fd, folder, mask)
            if wd >= 0 { watched[wd] = folder }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                var isFolder: ObjCBool = false
                let path = folder + "/" + name
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { add(path) }
            }
        }
        for folder in folders { add(folder.path) }
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        defer { close(fd) }
        while !stopped.isSet {
            // Wait a little at a time, so that `stop` is noticed.
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let waiting = Glibc.poll(&ready, 1, Int32(pollInterval * 1000))
            if waiting == 0 || (waiting < 0 && errno == EINTR) { continue }
            let count = read(fd, buffer, size)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                // The watch is broken (the descriptor was closed, or the kernel refused): fall back to
                // polling rather than spinning on a core.
                poll()
                return
            }
            var offset = 0
            var relevant = false
            while offset < count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(event.len)
                var name = ""
                if nameLength > 0 {
                    name = String(cString: buffer.advanced(by: offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self))
                }
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[event.wd] {
                    add(parent + "/" + name)
                }
                if !Self.isIgnored(name) { relevant = true }
                offset += MemoryLayout<inotify_event>.size + nameLength
            }
            if relevant { changed() }
        }
    }
    #endif
}

/// A flag set once, read from any thread.
final class Flag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
