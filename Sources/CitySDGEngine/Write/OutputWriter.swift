import Foundation

/// The write stage: stages each output file beside its final name only if its bytes changed,
/// renames the staged files over the old ones once the whole build has passed (so no reader ever
/// sees half a file, and a failed build changes nothing), and removes files the site no longer
/// has. It never deletes and re-creates the whole folder.
public struct OutputWriter: Sendable {
    public let root: URL
    private let state: WriterState

    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public enum Problem: Error, CustomStringConvertible {
        case unsafeOutput(String)
        case io(path: String, message: String)

        public var description: String {
            switch self {
            case .unsafeOutput(let why): return why
            case .io(let path, let message): return "\(path): \(message)"
            }
        }
    }

    /// Every file is first written into a staging folder beside the output folder (on the same
    /// disk, so moving a file is a rename). When the build passed, each staged file is renamed into
    /// place — or, into an output folder that does not exist yet or is empty, the whole staging
    /// folder is: each file is written once, under its final name. A build that failed removes
    /// the staging folder, and the output folder has not been touched at all, not even the times
    /// of its folders.
    ///
    /// `removeAside`: what a commit replaces is freed on another thread: the disk frees a file's
    /// blocks when the file is renamed over (about 15 ms for a 40-MB data file; with the `discard`
    /// mount option, a wait for the device for every file), and the build would wait for it. A
    /// process that ends waits for those threads first (`finishRemovals`).
    public init(root: URL, removeAside: Bool = false) {
        self.root = root
        let staging = Self.staging(root)
        let entries = try? FileManager.default.contentsOfDirectory(atPath: root.path)
        state = WriterState(root: root, staging: staging, fresh: entries == nil || entries!.isEmpty, removeAside: removeAside)
    }

    /// Refuses an output folder that would overwrite or delete the sources.
    public static func checkSafe(_ root: URL, content: URL, themes: URL) throws(Problem) {
        let out = root.standardizedFileURL.resolvingSymlinksInPath().path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
            throw .unsafeOutput("the output \(root.path) is a file, not a folder")
        }
        for (name, url) in [("content", content), ("themes", themes)] {
            let source = url.standardizedFileURL.resolvingSymlinksInPath().path
            if out == source || source.hasPrefix(out + "/") || out.hasPrefix(source + "/") || out == "/" {
                throw .unsafeOutput("the output folder \(root.path) overlaps the \(name) folder \(url.path); choose another, such as site/")
            }
        }
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
            || FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) {
            throw .unsafeOutput("the output folder \(root.path) holds a project (Package.swift or .git); choose another, such as site/")
        }
    }

    /// Where a file is staged before it replaces `path`.

    /// Puts `bytes` in the staging folder unless the output file already holds exactly them; returns
    /// whether it staged. Nothing a reader sees changes until `commit`.
    public func stage(_ bytes: Data, for path: String) throws(Problem) -> Bool {
        // (Paths as text: a `URL` made for each of thousands of pages cost 2 % of a clean build.)
        let target = state.rootPath + path
        // The file in place is read only when it has the new bytes' size (a large data file seldom does after an edit).
        if !state.fresh, let size = FileStats.of(target)?.size {
            if size == Int64(bytes.count), let existing = FileManager.default.contents(atPath: target), existing == bytes { return false }
            state.replacing(path)
        }
        let staging = state.stagingPath + path
        if let slash = staging.lastIndex(of: "/") { try state.makeFolder(String(staging[..<slash])) }
        guard Self.write(bytes, to: staging) else { throw .io(path: staging, message: String(cString: strerror(errno))) }
        return true
    }

    /// Writes a file with write(2) and no fsync (Foundation's `Data.write` syncs every file, which
    /// cost 8 % of a clean build for pages and most of an edit's time for the 100-MB build state).
    static func write(_ bytes: some ContiguousBytes, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }

    /// Replaces a file whole: written beside it, then renamed over it, so a reader never sees half
    /// of it (the build's own state files: a torn one fails its checks and is made again).
    static func replace(_ url: URL, with bytes: some ContiguousBytes) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp")
        guard write(bytes, to: temporary.path), rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Renames every staged file over its final name (or the staging folder into place).
    public func commit(_ paths: [String]) throws(Problem) {
        defer { state.removeStaging() }
        guard !paths.isEmpty else { return }
        if state.fresh {
            _ = rmdir(root.path)
            guard rename(state.staging.path, root.path) == 0 else {
                throw .io(path: root.path, message: String(cString: strerror(errno)))
            }
            return
        }
        try moveIntoPlace(paths)
    }

    /// Whether the output folder was new or empty when the build began (its files are all written at once).
    public var isFresh: Bool { state.fresh }

    /// Renames some staged files into place ahead of the others, keeping what they replace: the
    /// preview server writes an edited file's own page before the rest of the site, and puts the
    /// old one back (`Undo.restore`) if the rest of the build fails. Not for a fresh folder.
    public func commitAhead(_ paths: [String]) throws(Problem) -> Undo {
        precondition(!state.fresh, "a fresh output folder is committed whole")
        let undo = Undo(root: root, previous: paths.map { ($0, FileManager.default.contents(atPath: root.appendingPathComponent($0).path)) })
        do { try moveIntoPlace(paths) } catch { undo.restore(); throw error }
        return undo
    }

    /// The files a `commitAhead` replaced, as they were before it (nil: there was none).
    public struct Undo: Sendable {
        let root: URL
        let previous: [(path: String, bytes: Data?)]
        /// The files it wrote.
        public var paths: [String] { previous.map(\.path) }

        /// Puts each file back as it was (each replaced whole, so no reader sees half of one).
        public func restore() {
            for (path, bytes) in previous {
                let url = root.appendingPathComponent(path)
                if let bytes { try? OutputWriter.replace(url, with: bytes) } else { try? FileManager.default.removeItem(at: url) }
            }
        }
    }

    private func moveIntoPlace(_ paths: [String]) throws(Problem) {
        for path in paths {
            let target = state.rootPath + path, staged = state.stagingPath + path
            state.keepAside(path, target)
            if rename(staged, target) != 0 {
                // (The file's folder is new in this build: made, then the file renamed into it.)
                guard errno == ENOENT, let slash = target.lastIndex(of: "/"), WriterState.makeFolders(String(target[..<slash])),
                      rename(staged, target) == 0 else { throw .io(path: target, message: String(cString: strerror(errno))) }
            }
        }
    }

    /// The staging folder beside the output folder `root`.
    static func staging(_ root: URL) -> URL {
        root.deletingLastPathComponent().appendingPathComponent("." + root.lastPathComponent + ".citysdg-staging")
    }

    /// Waits until the staging folders that commits set aside (`removeAside`) are removed, then
    /// removes any that a killed process left beside `root`: before a command-line build returns,
    /// so that it leaves none behind (a build killed while it removed them leaves them to the next,
    /// which may have nothing to write).
    public static func finishRemovals(beside root: URL) {
        WriterState.removals.wait()
        WriterState.removeSetAside(Self.staging(root))
    }

    /// Removes the staging folder: a build that failed leaves the output exactly as it was.
    public func discard() {
        state.removeStaging()
    }

    /// Removes the given files (paths in the output folder) and the folders they leave empty.
    public func remove(_ paths: [String]) throws(Problem) -> Int {
        let fm = FileManager.default
        var removed = 0
        for path in paths.sorted() {
            let url = root.appendingPathComponent(path)
            guard fm.fileExists(atPath: url.path) else { continue }
            do { try fm.removeItem(at: url) } catch { throw .io(path: url.path, message: error.localizedDescription) }
            removed += 1
            var folder = url.deletingLastPathComponent()
            while folder.path.count > root.path.count, (try? fm.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try? fm.removeItem(at: folder)
                folder.deleteLastPathComponent()
            }
        }
        return removed
    }

    /// Removes every file under the output folder that is not in `keep`, and folders left empty.
    public func prune(keeping keep: Set<String>) throws(Problem) -> Int {
        guard !state.fresh else { return 0 } // the folder holds exactly what this build wrote
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.path) else { return 0 }
        var removed = 0
        var folders: [String] = []
        for case let path as String in walker {
            var isFolder: ObjCBool = false
            let full = root.appendingPathComponent(path).path
            guard fm.fileExists(atPath: full, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue { folders.append(full); continue }
            if !keep.contains(path) {
                do { try fm.removeItem(atPath: full) } catch { throw .io(path: full, message: error.localizedDescription) }
                removed += 1
            }
        }
        for folder in folders.sorted(by: >) where (try? fm.contentsOfDirectory(atPath: folder))?.isEmpty == true {
            try? fm.removeItem(atPath: folder)
        }
        return removed
    }
}

/// The staging folder and the folders made in it, shared by the render threads.
private final class WriterState: @unchecked Sendable {
    let staging: URL
    /// The output folder is new or empty: the staging folder becomes it.
    let fresh: Bool
    private var known: Set<String> = []
    private var cleared = false
    private let lock = NSLock()

    let removeAside: Bool
    /// Where `keepAside` puts what a commit replaces (inside the staging folder, removed with it).
    private var aside: URL { staging.appendingPathComponent(".replaced") }
    private var asideCount = 0
    /// The staged files that replace a file in place (`stage` found it), set aside when committed.
    private var replaced: Set<String> = []
    /// The staging folders being removed on other threads (`removeAside`).
    static let removals = DispatchGroup()

    /// The output folder's and the staging folder's paths, each with a slash to put a file's path after.
    let rootPath: String, stagingPath: String

    init(root: URL, staging: URL, fresh: Bool, removeAside: Bool) {
        self.staging = staging
        rootPath = Build.folder(root)
        stagingPath = Build.folder(staging)
        self.fresh = fresh
        self.removeAside = removeAside
    }

    /// `stage` found a file in place of `path`, and staged new bytes for it.
    func replacing(_ path: String) {
        guard removeAside else { return }
        lock.lock()
        replaced.insert(path)
        lock.unlock()
    }

    /// Before a file (`file`, in place of `path`) is renamed over, another name for it is kept
    /// in the staging folder, so the rename does not free its blocks: they are freed when the
    /// staging folder is removed, on another thread (`removeStaging`).
    func keepAside(_ path: String, _ file: String) {
        guard removeAside else { return }
        lock.lock()
        defer { lock.unlock() }
        guard replaced.contains(path) else { return }
        if asideCount == 0 { try? FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true) }
        asideCount += 1
        _ = link(file, aside.appendingPathComponent(String(asideCount)).path)
    }

    /// Removes the staging folder: at once, or (`removeAside`) renamed out of the way first and
    /// removed on another thread.
    func removeStaging() {
        guard removeAside else {
            try? FileManager.default.removeItem(at: staging)
            return
        }
        let old = URL(fileURLWithPath: staging.path + "-old-\(UUID().uuidString)")
        guard rename(staging.path, old.path) == 0 else {
            try? FileManager.default.removeItem(at: staging)
            return
        }
        DispatchQueue.global(qos: .utility).async(group: Self.removals) { try? FileManager.default.removeItem(at: old) }
    }

    /// Removes the staging folders set aside beside `staging` (`<staging>-old-…`).
    static func removeSetAside(_ staging: URL) {
        let parent = staging.deletingLastPathComponent(), prefix = staging.lastPathComponent + "-old-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Makes a folder and the folders it is in that are missing (`mkdir -p`), with `mkdir(2)`:
    /// one call when its parent is there, as it mostly is. False (with `errno`) when one cannot be made.
    static func makeFolders(_ folder: String) -> Bool {
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT, let slash = folder.lastIndex(of: "/"), slash > folder.startIndex,
              makeFolders(String(folder[..<slash])) else { return false }
        return mkdir(folder, 0o755) == 0 || errno == EEXIST
    }

    func makeFolder(_ folder: String) throws(OutputWriter.Problem) {
        lock.lock()
        if !cleared {
            // What a build that was killed left behind (and folders set aside that it did not remove).
            try? FileManager.default.removeItem(at: staging)
            // (Not while this process removes some it set aside: a preview's last save may.)
            if Self.removals.wait(timeout: .now()) == .success { Self.removeSetAside(staging) }
            cleared = true
        }
        let isKnown = known.contains(folder)
        lock.unlock()
        guard !isKnown else { return }
        // Made outside the lock (the other render threads go on); making a folder twice is harmless.
        guard Self.makeFolders(folder) else { throw .io(path: folder, message: String(cString: strerror(errno))) }
        lock.lock()
        known.insert(folder)
        lock.unlock()
    }
}
