import Foundation

/// The write stage: stages each output file beside its final name only if its bytes changed,
/// renames the staged files over the old ones once the whole build has passed (so no reader ever
/// sees half a file, and a failed build changes nothing), and removes files the site no longer
/// has. It never deletes and re-creates the whole folder.
public struct OutputWriter: Sendable {
    public let root: URL

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

    public init(root: URL) { self.root = root }

    /// Refuses an output folder that would overwrite or delete the sources.
    public func checkSafe(content: URL, themes: URL) throws(Problem) {
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
    func stagingURL(_ path: String) -> URL {
        let url = root.appendingPathComponent(path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).citysdg-tmp")
    }

    /// Puts `bytes` beside `path` unless the file already holds exactly them; returns whether it staged.
    /// Nothing a reader sees changes until `commit`.
    public func stage(_ bytes: Data, for path: String) throws(Problem) -> Bool {
        let url = root.appendingPathComponent(path)
        if let existing = FileManager.default.contents(atPath: url.path), existing == bytes { return false }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: stagingURL(path))
            return true
        } catch {
            throw .io(path: url.path, message: error.localizedDescription)
        }
    }

    /// Renames every staged file over its final name.
    public func commit(_ paths: [String]) throws(Problem) {
        for path in paths where rename(stagingURL(path).path, root.appendingPathComponent(path).path) != 0 {
            throw .io(path: root.appendingPathComponent(path).path, message: String(cString: strerror(errno)))
        }
    }

    /// Removes staged files (a build that failed leaves the output as it was).
    public func discard(_ paths: [String]) {
        for path in paths { try? FileManager.default.removeItem(at: stagingURL(path)) }
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
