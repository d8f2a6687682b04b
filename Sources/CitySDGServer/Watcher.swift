import CitySDGEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Calls `changed` shortly after files under the watched folders change, with the paths that
/// changed (each folder's files under its prefix: `content/cities/la/pakse.md`): through inotify
/// on Linux, or by comparing sizes and times every `pollInterval` where inotify is not available.
final class Watcher: @unchecked Sendable {
    private let folders: [(url: URL, prefix: String)]
    private let changed: @Sendable (Set<String>) -> Void
    private let pollInterval: TimeInterval
    private var thread: Thread?
    private let stopped = Flag()

    init(folders: [(url: URL, prefix: String)], pollInterval: TimeInterval = 0.25, changed: @escaping @Sendable (Set<String>) -> Void) {
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
            for folder in folders { FileStats.scan(folder.url, prefix: folder.prefix, into: &stats) }
            return stats
        }
        var last = snapshot()
        while !stopped.isSet {
            Thread.sleep(forTimeInterval: pollInterval)
            let now = snapshot()
            if now != last {
                let paths = Set(now.keys).union(last.keys).filter { now[$0] != last[$0] }
                last = now
                changed(paths)
            }
        }
    }

    #if os(Linux)
    private func watchInotify(_ fd: Int32) {
        // A file is reported when its writer closes it, not at each write: an editor that saves
        // by emptying the file and writing it again would otherwise have the half-written file
        // built (with the errors an empty file has, and the whole site read again to find them).
        let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)
        // Each watched folder's path, and its name as the build knows it (`content/cities/la`).
        var watched: [Int32: (path: String, key: String)] = [:]
        func add(_ folder: String, _ key: String) {
            let wd = inotify_add_watch(fd, folder, mask)
            if wd >= 0 { watched[wd] = (folder, key) }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                var isFolder: ObjCBool = false
                let path = folder + "/" + name
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { add(path, key + "/" + name) }
            }
        }
        for folder in folders { add(folder.url.path, String(folder.prefix.dropLast())) }
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
            var paths: Set<String> = []
            while offset < count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(event.len)
                var name = ""
                if nameLength > 0 {
                    name = String(cString: buffer.advanced(by: offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self))
                }
                if let parent = watched[event.wd] {
                    if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !name.hasPrefix(".") {
                        add(parent.path + "/" + name, parent.key + "/" + name)
                    }
                    if !Self.isIgnored(name) { paths.insert(name.isEmpty ? parent.key : parent.key + "/" + name) }
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
            }
            if !paths.isEmpty { changed(paths) }
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
