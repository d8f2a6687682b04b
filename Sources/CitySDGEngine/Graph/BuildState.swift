import Foundation

/// The build graph kept on disk between builds: what every source file was (size, time and
/// fingerprint), what every output was made from (its key), the inputs' fingerprints (to explain
/// what changed), and the internal links found in Markdown (to check them again without
/// re-rendering). A tab-separated text file, so it loads fast and diffs readably.
public struct BuildState: Sendable, Equatable {
    public struct SourceStat: Sendable, Equatable {
        public var size: Int64
        public var modified: Int64
        public var fingerprint: Fingerprint
    }

    public struct PageRecord: Sendable, Equatable {
        public var key: Fingerprint
        public var size: Int64
    }

    public struct StoredLink: Sendable, Equatable {
        public var page: String
        public var location: SourceLocation
        public var url: String
        public var target: String
    }

    public var generator = generatorVersion
    public var output = ""
    /// The base URL given on the command line, if any.
    public var baseURL = ""
    /// Keyed by `content/<path>` and `themes/<path>`.
    public var sources: [String: SourceStat] = [:]
    public var pages: [String: PageRecord] = [:]
    public var inputs: [String: Fingerprint] = [:]
    public var links: [StoredLink] = []

    public init() {}

    static let header = "citysdg-build-state\t1"

    public static func read(_ url: URL) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard lines.next().map(String.init) == header else { return nil }
        var state = BuildState()
        while let line = lines.next() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch (f.first, f.count) {
            case ("generator", 2): state.generator = f[1]
            case ("output", 2): state.output = f[1]
            case ("base-url", 2): state.baseURL = f[1]
            case ("source", 5):
                guard let size = Int64(f[2]), let modified = Int64(f[3]) else { return nil }
                state.sources[f[1]] = SourceStat(size: size, modified: modified, fingerprint: Fingerprint(hex: f[4]))
            case ("page", 4):
                guard let size = Int64(f[3]) else { return nil }
                state.pages[f[1]] = PageRecord(key: Fingerprint(hex: f[2]), size: size)
            case ("input", 3): state.inputs[f[1]] = Fingerprint(hex: f[2])
            case ("link", 7):
                guard let line = Int(f[3]), let column = Int(f[4]) else { return nil }
                state.links.append(StoredLink(page: f[1], location: SourceLocation(file: f[2], line: line, column: column),
                                              url: f[5], target: f[6]))
            default: return nil // a state this version cannot read: build from scratch
            }
        }
        return state
    }

    /// Writes the state beside its final name and renames it over, like every output file.
    public func write(_ url: URL) throws {
        func clean(_ s: String) -> String { s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
        var out = BuildState.header + "\ngenerator\t\(generator)\noutput\t\(clean(output))\nbase-url\t\(clean(baseURL))\n"
        for (path, s) in sources.sorted(by: { $0.key < $1.key }) {
            out += "source\t\(clean(path))\t\(s.size)\t\(s.modified)\t\(s.fingerprint.hex)\n"
        }
        for (path, p) in pages.sorted(by: { $0.key < $1.key }) { out += "page\t\(path)\t\(p.key.hex)\t\(p.size)\n" }
        for (label, f) in inputs.sorted(by: { $0.key < $1.key }) { out += "input\t\(clean(label))\t\(f.hex)\n" }
        for l in links {
            out += "link\t\(l.page)\t\(clean(l.location.file))\t\(l.location.line)\t\(l.location.column)\t\(clean(l.url))\t\(clean(l.target))\n"
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp")
        try Data(out.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

/// Size and modification time of every file under a folder, read with `stat` (following links).
public enum FileStats {
    public struct Stat: Equatable, Sendable { public var size: Int64; public var modified: Int64 }

    static func of(_ path: String) -> Stat? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return Stat(size: Int64(s.st_size), modified: Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec))
    }

    /// Every regular file under `root`, by path relative to it, skipping hidden files.
    public static func scan(_ root: URL, prefix: String, into result: inout [String: Stat]) {
        var visited: Set<String> = []
        func walk(_ folder: String, _ relative: String) {
            guard visited.insert(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path).inserted,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where !name.hasPrefix(".") {
                let full = folder + "/" + name
                let path = relative.isEmpty ? name : relative + "/" + name
                var s = stat()
                guard stat(full, &s) == 0 else { continue }
                if (s.st_mode & S_IFMT) == S_IFDIR {
                    walk(full, path)
                } else if (s.st_mode & S_IFMT) == S_IFREG {
                    result[prefix + path] = Stat(size: Int64(s.st_size),
                                                 modified: Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec))
                }
            }
        }
        walk(root.path, "")
    }
}
