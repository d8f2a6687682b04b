import Foundation
@testable import CitySDGEngine

/// Paths inside the repository, found from this file (tests run from any folder).
enum Repo {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let fixture = tests.appendingPathComponent("Fixtures/site")
    static let themes = root.appendingPathComponent("Themes")
    static let content = root.appendingPathComponent("Content")
    static let golden = tests.appendingPathComponent("Golden")
    /// Copies of public reference data the tests compare against (each folder names its source and
    /// licence), kept in the repository so that a clone with nothing beside it passes.
    static let reference = tests.appendingPathComponent("Fixtures/reference")
    /// Open SDG's sdg-translations for lo, km and my (MIT), as of the commit its SOURCE.txt names.
    static let sdgTranslations = tests.appendingPathComponent("Fixtures/sdg-translations")
}

/// A folder of its own for one test, removed when the value goes away, or when the test process
/// exits for one that never goes away (a suite's shared site, kept in a `static let`).
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("citysdg-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        Self.living.add(url.path)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
        Self.living.remove(url.path)
    }

    /// The folders not removed yet; whatever is left when the process exits is removed then.
    private static let living: Registry = {
        atexit { TemporaryFolder.living.removeAll() }
        return Registry()
    }()

    private final class Registry: @unchecked Sendable {
        private var paths: Set<String> = []
        private let lock = NSLock()
        func add(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
        func remove(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }
        func removeAll() {
            lock.lock()
            defer { lock.unlock() }
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
            paths = []
        }
    }

    /// A copy of `source` inside this folder, to change without touching the original.
    func copy(_ source: URL, as name: String) -> URL {
        let target = url.appendingPathComponent(name)
        try! FileManager.default.copyItem(at: source, to: target)
        return target
    }

    func write(_ text: String, to path: String) {
        let file = url.appendingPathComponent(path)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: file)
    }
}

/// One output page's text.
func page(_ path: String, in folder: URL) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
}

/// Every file under `folder`, by relative path, with its bytes.
/// Every file and folder under `folder` (hidden ones too), a folder as its path and a slash.
func everything(in folder: URL) -> [String: Data] {
    var entries: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return entries }
    for case let path as String in walker {
        var isFolder: ObjCBool = false
        let full = folder.appendingPathComponent(path).path
        if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue {
            entries[path + "/"] = Data()
        } else {
            entries[path] = FileManager.default.contents(atPath: full) ?? Data("unreadable".utf8)
        }
    }
    return entries
}

func snapshot(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
    for case let path as String in walker {
        var isFolder: ObjCBool = false
        let full = folder.appendingPathComponent(path).path
        if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
            files[path] = FileManager.default.contents(atPath: full)
        }
    }
    return files
}

func build(_ content: URL, into output: URL, themes: URL = Repo.themes) -> Build.Result {
    Build(content: content, themes: themes, output: output, contentDisplay: "Content", themesDisplay: "Themes").run()
}

/// Loads front matter text as a city file and returns the diagnostics (for the load-stage tests).
func loadDiagnostics(files: [String: String], siteYML: String = "title: T\nbase_url: https://example.org/\n") -> [Diagnostic] {
    let folder = TemporaryFolder()
    folder.write(siteYML, to: "site.yml")
    for (path, text) in files { folder.write(text, to: path) }
    var d = Diagnostics()
    _ = ContentLoader(root: folder.url, displayRoot: "Content").load(&d)
    return d.sorted
}

/// A small seeded random generator (SplitMix64), the same sequence on every machine.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
