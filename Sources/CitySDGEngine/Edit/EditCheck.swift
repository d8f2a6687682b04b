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
            try fm.copyItem(at: build.content.resolvingSymlinksInPath(), to: copy)
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
}
