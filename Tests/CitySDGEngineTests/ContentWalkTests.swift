import Foundation
import Testing
@testable import CitySDGEngine

/// What the walk of the content folder says about files it cannot use: each problem names its file.
@Suite struct ContentWalkTests {
    func walk(_ content: URL, listed: (String) -> Void = { _ in }) -> (ContentFiles, Diagnostics) {
        var d = Diagnostics()
        let files = ContentFiles.walk(content, display: { "Content/" + $0 }, &d, listed: listed)
        return (files, d)
    }

    @Test func aLinkToNothingIsAWarningThatNamesItAndTheSiteIsBuiltWithoutIt() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("projects/archived.md").path,
                                                   withDestinationPath: "../archive/archived.md")
        let result = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content").run()
        #expect(!result.failed, "\(result.diagnostics.text)")
        let warning = try #require(result.diagnostics.all.first { $0.location.file == "Content/projects/archived.md" })
        #expect(warning.severity == .warning)
        #expect(warning.message == "this link points to `../archive/archived.md`, which does not exist: it is left out")
        try FileManager.default.removeItem(at: content.appendingPathComponent("projects/archived.md"))
        _ = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("clean"), contentDisplay: "Content").run()
        #expect(snapshot(work.url.appendingPathComponent("site")) == snapshot(work.url.appendingPathComponent("clean")))
    }

    @Test func aFileOrFolderThatVanishesDuringTheWalkIsAWarningThatNamesIt() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let fm = FileManager.default
        let (files, d) = walk(content) { folder in
            // Removed after its folder was listed, before it was looked at.
            if folder.hasSuffix("/projects") { try? fm.removeItem(at: content.appendingPathComponent("projects/alpha-park.md")) }
            if folder.hasSuffix("/cities") { try? fm.removeItem(at: content.appendingPathComponent("cities/la")) }
        }
        #expect(!files.files.contains { $0.path == "projects/alpha-park.md" || $0.path.hasPrefix("cities/la/") })
        #expect(!d.hasErrors, "\(d.text)")
        #expect(d.all.contains { $0.severity == .warning && $0.location.file == "Content/projects/alpha-park.md"
                && $0.message == "this file was removed while the content was read: it is left out" })
        #expect(d.all.contains { $0.severity == .warning && $0.location.file == "Content/cities/la" && $0.message.contains("was removed while the content was read") })
    }

    @Test func anUnreadableFileIsAnErrorThatNamesIt() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let file = content.appendingPathComponent("projects/alpha-park.md")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path) }
        // The superuser reads any file: there the file is simply read.
        guard access(file.path, R_OK) != 0 else { return }
        let result = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content").run()
        #expect(result.diagnostics.all.contains { $0.severity == .error && $0.location.file == "Content/projects/alpha-park.md"
                && $0.message.hasPrefix("the file cannot be read") })
    }

    @Test func anUnreadableFolderIsAnErrorThatNamesIt() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let folder = content.appendingPathComponent("projects")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        // The superuser reads any folder: there it is simply read.
        guard access(folder.path, R_OK) != 0 else { return }
        var stats: [String: FileStats.Stat] = [:]
        #expect(!FileStats.scan(content, prefix: "content/", into: &stats), "the loader walks the folder itself, and says what it cannot read")
        let result = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content").run()
        #expect(result.diagnostics.all.contains { $0.severity == .error && $0.location.file == "Content/projects"
                && $0.message.hasPrefix("the folder cannot be read") }, "\(result.diagnostics.text)")
    }

    /// The build scans the content folder once (for sizes and times) and the loader reads the
    /// scan's files: they are the walk's, in the walk's order, editor leftovers left out, as long
    /// as the folder holds no link (a scan that meets one says so, and the loader walks).
    @Test func theScansFilesAreTheWalksInTheWalksOrder() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        // A folder's files come before a neighbour whose name sorts between: `a/x.md` before `a-b.md`.
        for name in ["pages/a/x.md", "pages/a-b.md", "pages/a.md", "pages/#a.md#", "pages/b.md~", "pages/c.swp", "pages/~$d.md",
                     "pages/#tmp/q.md", ".hidden/y.md", "pages/Ärger.md", "pages/z.tmp", "data/x/.y.csv"] {
            work.write("---\ntitle: T\n---\n", to: "Content/" + name)
        }
        var stats: [String: FileStats.Stat] = [:]
        #expect(FileStats.scan(content, prefix: "", into: &stats))
        let scanned = ContentFiles.scanned(stats.keys, root: content)
        let (walked, d) = walk(content)
        #expect(!d.hasErrors)
        #expect(scanned.files == walked.files)
        let pages = walked.files.map(\.path).filter { $0.hasPrefix("pages/") }
        #expect(pages.firstIndex(of: "pages/a/x.md")! < pages.firstIndex(of: "pages/a-b.md")!)
        #expect(!pages.contains { $0.contains("#") || $0.hasSuffix("~") || $0.hasSuffix(".swp") || $0.contains("~$") || $0.hasSuffix(".tmp") })

        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("pages/linked.md").path, withDestinationPath: "a.md")
        stats = [:]
        #expect(!FileStats.scan(content, prefix: "", into: &stats), "a link: the loader walks the folder itself")
    }
}
