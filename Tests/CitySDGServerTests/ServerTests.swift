import Foundation
import Testing
import CitySDGEngine
@testable import CitySDGServer

@Suite final class StaticFilesTests {
    deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

    let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("citysdg-serve-\(UUID().uuidString)/site")
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("cities/x"), withIntermediateDirectories: true)
        try! Data("<html><body><p>x</p></body></html>".utf8).write(to: root.appendingPathComponent("cities/x/index.html"))
        try! Data("<html><body>home</body></html>".utf8).write(to: root.appendingPathComponent("index.html"))
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("cities/ຫຼວງພະບາງ"), withIntermediateDirectories: true)
        try! Data("<html><body>lao</body></html>".utf8).write(to: root.appendingPathComponent("cities/ຫຼວງພະບາງ/index.html"))
        try! Data("secret".utf8).write(to: root.deletingLastPathComponent().appendingPathComponent("secret.txt"))
        try! FileManager.default.createSymbolicLink(at: root.appendingPathComponent("escape.txt"),
                                                    withDestinationURL: root.deletingLastPathComponent().appendingPathComponent("secret.txt"))
        return root
    }()

    @Test func servesFilesAndFolderIndexes() {
        let files = StaticFiles(root: root)
        #expect(files.file(for: "/")?.lastPathComponent == "index.html")
        #expect(files.file(for: "/cities/x/")?.path.hasSuffix("cities/x/index.html") == true)
        #expect(files.file(for: "/cities/x/index.html?v=1") != nil)
        // A page named in its own script: asked for percent-encoded, as browsers do, found in UTF-8 on disk.
        let lao = "/cities/" + "ຫຼວງພະບາງ".utf8.map { String(format: "%%%02X", $0) }.joined() + "/"
        #expect(files.file(for: lao)?.path.hasSuffix("cities/ຫຼວງພະບາງ/index.html") == true, "\(lao)")
    }

    @Test func refusesEverythingOutsideTheOutputFolder() {
        let files = StaticFiles(root: root)
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/cities/../../secret.txt", "/escape.txt", "/.hidden", "/cities/x/%00"] {
            #expect(files.file(for: path) == nil, "\(path)")
        }
        #expect(files.response(for: "/../secret.txt").status == .notFound)
    }

    @Test func htmlGetsTheLiveReloadScriptAndOtherFilesDoNot() {
        let page = LiveReload.inject(into: Data("<html><body><p>x</p></body></html>".utf8))
        #expect(String(decoding: page, as: UTF8.self) == "<html><body><p>x</p>\(LiveReload.tag)</body></html>")
        #expect(LiveReload.inject(into: Data("body{}".utf8)) == Data("body{}".utf8))
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The preview server, running on this machine: it answers HEAD as it answers GET.
@Suite struct PreviewServerTests {
    @Test func answersHeadLikeGet() async throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("citysdg-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: tests.appendingPathComponent("CitySDGEngineTests/Fixtures/site"), to: work.appendingPathComponent("Content"))
        let port = 18000 + Int.random(in: 0..<2000)
        let build = Build(content: work.appendingPathComponent("Content"), themes: tests.deletingLastPathComponent().appendingPathComponent("Themes"),
                          output: work.appendingPathComponent("site"))
        let server = Task { try await DevServer(build: build, port: port).run { _ in } }
        func status(_ method: String, _ path: String) async -> Int? {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            request.timeoutInterval = 120 // the test process's two cooperative threads may be busy with other suites' builds
            guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
            return (response as? HTTPURLResponse)?.statusCode
        }
        var up = false
        for _ in 0..<600 where !up {   // the first build, on a loaded machine, may take a while
            up = await status("GET", "/") == 200
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(up, "the preview server started")
        #expect(await status("HEAD", "/") == 200)
        #expect(await status("HEAD", "/cities/alpha-town/") == 200)
        #expect(await status("HEAD", "/cities/nowhere/") == 404)
        #expect(await status("GET", "/cities/nowhere/") == 404)
        // Stopped and finished before its folder is removed (a build still running would write into it again).
        server.cancel()
        _ = await server.result
    }
}

/// The preview shares the state folder's lock with `citysdg build`: its builds wait for a build
/// that holds it before writing anything, and it does not write its graph while one runs.
@Suite struct PreviewLockTests {
    @Test func thePreviewWaitsForABuildOfTheSameFolder() async throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("citysdg-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: tests.appendingPathComponent("CitySDGEngineTests/Fixtures/site"), to: work.appendingPathComponent("Content"))
        let state = work.appendingPathComponent(".citysdg/build-graph"), site = work.appendingPathComponent("site")
        var build = Build(content: work.appendingPathComponent("Content"), themes: tests.deletingLastPathComponent().appendingPathComponent("Themes"),
                          output: site, stateFile: state)
        build.resident = Resident()
        let live = LiveSite(build: build) { _ in }
        // Another build holds the lock: the preview's build waits before its first write.
        let held = try #require(try StateLock.take(work.appendingPathComponent(".citysdg/lock"), wait: false))
        let building = Task { await live.sourcesChanged() }
        try await Task.sleep(for: .seconds(2))
        #expect(!FileManager.default.fileExists(atPath: site.path), "nothing written while the lock is held")
        held.release()
        await building.value
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
        // Its graph is not written while another build holds the lock, and is once it is free.
        let again = try #require(try StateLock.take(work.appendingPathComponent(".citysdg/lock"), wait: false))
        await live.saveState()
        #expect(!FileManager.default.fileExists(atPath: state.path))
        again.release()
        await live.saveState()
        #expect(FileManager.default.fileExists(atPath: state.path))
    }
}

/// What the open pages are told after a save.
@Suite struct ReloadTests {
    /// A reload names the files written, so a page that is not one of them stays; it names none
    /// (every page reloads) when pages were removed, problems are to be cleared, or the list is long.
    @Test func aReloadNamesTheFilesWritten() throws {
        let data = LiveSite.reloadData(["cities/pakse/index.html", "lo/cities/pakse/index.html"], everything: false)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: [String]])
        #expect(parsed == ["paths": ["cities/pakse/index.html", "lo/cities/pakse/index.html"]])
        #expect(LiveSite.reloadData(["cities/pakse/index.html"], everything: true) == "{}")
        #expect(LiveSite.reloadData((0...500).map { "cities/c-\($0)/index.html" }, everything: false) == "{}")
        // The script reloads for `{}` and for a list that holds its own page, found as the file it is.
        #expect(LiveReload.script.contains("if (paths === null) { location.reload(); return; }"))
        #expect(LiveReload.script.contains("here += 'index.html'"))
    }
}


/// The watcher names a file once its writer has closed it: a file emptied and written again is not
/// built half written.
@Suite struct WatcherTests {
    @Test func aFileIsNamedWhenItsWriterClosesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("citysdg-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cities"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cities/pakse.md")
        try Data("---\ntitle: Pakse\n---\n".utf8).write(to: file)
        let seen = Seen()
        let watcher = Watcher(folders: [(folder, "content/")]) { seen.add($0) }
        guard watcher.start() == "inotify" else { watcher.stop(); return } // polling sees sizes and times, not writers
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.3)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("---\ntitle: Pak".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        #expect(seen.paths.isEmpty, "named while still being written: \(seen.paths)")
        try handle.write(contentsOf: Data("se\n---\n".utf8))
        try handle.close()
        for _ in 0..<100 where seen.paths.isEmpty { Thread.sleep(forTimeInterval: 0.02) }
        #expect(seen.paths == ["content/cities/pakse.md"])
    }
}

private final class Seen: @unchecked Sendable {
    private var named: Set<String> = []
    private let lock = NSLock()
    func add(_ paths: Set<String>) { lock.lock(); named.formUnion(paths); lock.unlock() }
    var paths: Set<String> { lock.lock(); defer { lock.unlock() }; return named }
}
