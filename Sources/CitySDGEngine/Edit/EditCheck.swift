import Foundation

/// `citysdg check` for a document the browser editor holds and has not saved: the content
/// folder is copied aside with that one file as edited, and the build checks the copy (without
/// writing), so every problem is the one `check` would give, in the context of the whole site.
/// Paths in the problems are the real content folder's.
public final class EditCheck: @unchecked Sendable {
    public let build: Build
    /// Decoded files kept from one check to the next (only the edited file is parsed again).
    private let cache = DecodeCache()
    private let lock = NSLock()

    /// `build` is the site's build (its content, themes, theme and display names).
    public init(build: Build) {
        self.build = build
    }

    /// The problems of the site with `path` (inside the content folder) holding `text`.
    public func check(path: String, text: String) -> Diagnostics {
        lock.lock()
        defer { lock.unlock() }
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("citysdg-edit-check-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        let copy = work.appendingPathComponent("content")
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: true)
            try Self.copy(build.content.resolvingSymlinksInPath(), to: copy)
            let file = copy.appendingPathComponent(path)
            try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? fm.removeItem(at: file)
            try Data(text.utf8).write(to: file)
        } catch {
            var d = Diagnostics()
            d.ioError(SourceLocation(file: build.contentDisplay), "the content could not be copied to check it: \(error.localizedDescription)")
            return d
        }
        var shadow = Build(content: copy, themes: build.themes, output: work.appendingPathComponent("site"), themeName: build.themeName,
                           contentDisplay: build.contentDisplay, themesDisplay: build.themesDisplay, catalogue: build.catalogue)
        shadow.baseURL = build.baseURL
        shadow.decodeCache = cache
        return shadow.run(write: false).diagnostics
    }

    /// Copies the content folder, without what the build never reads (hidden files and folders,
    /// a `.git` among them); a large file (over 1 MiB: an image, a document in media/) is
    /// hard-linked where the file system allows (the check only reads it, and the edited file is
    /// written after its entry is removed).
    static func copy(_ from: URL, to: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: to, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: from.path) where !name.hasPrefix(".") {
            let source = from.appendingPathComponent(name), target = to.appendingPathComponent(name)
            var info = stat()
            guard lstat(source.path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try copy(source, to: target)
            } else if (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 1 << 20 && link(source.path, target.path) == 0 {
                continue
            } else {
                try fm.copyItem(at: source, to: target)
            }
        }
    }
}
