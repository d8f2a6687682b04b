import Foundation
import Testing
@testable import CitySDGServer

@Suite struct StaticFilesTests {
    let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("citysdg-serve-\(UUID().uuidString)/site")
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("cities/x"), withIntermediateDirectories: true)
        try! Data("<html><body><p>x</p></body></html>".utf8).write(to: root.appendingPathComponent("cities/x/index.html"))
        try! Data("<html><body>home</body></html>".utf8).write(to: root.appendingPathComponent("index.html"))
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
