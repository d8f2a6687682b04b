import Foundation

/// What the output folder and the build graph were when a build last wrote the graph with every
/// output as the graph says (`.citysdg/outputs-checked`, beside the graph). While both are still
/// the same files with the same times, a build need not `stat` each of the site's files to know
/// they are there: a no-change build of 10,000 cities is then one `stat` per source, not one per
/// source and one per output.
///
/// What it sees: the output folder removed or made again, an entry added to or removed from it
/// (`rm -rf site/cities`), the graph written by another build (the preview's). What it does not
/// see: a file deep in the site changed or removed by hand, which `build --clean` makes again.
struct OutputStamp: Equatable {
    struct Identity: Equatable {
        var device: UInt64, inode: UInt64, size: Int64, modified: Int64
        init?(_ path: String) {
            var s = stat()
            guard stat(path, &s) == 0 else { return nil }
            device = UInt64(s.st_dev); inode = UInt64(s.st_ino); size = Int64(s.st_size)
            modified = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
        }
        init(device: UInt64, inode: UInt64, size: Int64, modified: Int64) {
            self.device = device; self.inode = inode; self.size = size; self.modified = modified
        }
        var text: String { "\(device) \(inode) \(size) \(modified)" }
    }

    var output: Identity
    var graph: Identity

    /// The two as they are now.
    init?(output: URL, graph: URL) {
        guard let o = Identity(output.path), let g = Identity(graph.path) else { return nil }
        self.output = o
        self.graph = g
    }

    private init(output: Identity, graph: Identity) {
        self.output = output
        self.graph = graph
    }

    static func file(beside graph: URL) -> URL { graph.deletingLastPathComponent().appendingPathComponent("outputs-checked") }

    /// Whether the stamp kept beside the graph is the two as they are now.
    static func holds(output: URL, graph: URL) -> Bool {
        guard let text = try? String(contentsOf: file(beside: graph), encoding: .utf8), let now = OutputStamp(output: output, graph: graph) else { return false }
        let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int64($0) }
        guard numbers.count == 8 else { return false }
        let kept = OutputStamp(output: Identity(device: UInt64(bitPattern: numbers[0]), inode: UInt64(bitPattern: numbers[1]), size: numbers[2], modified: numbers[3]),
                               graph: Identity(device: UInt64(bitPattern: numbers[4]), inode: UInt64(bitPattern: numbers[5]), size: numbers[6], modified: numbers[7]))
        return kept == now
    }

    /// Stamps the two as they are now: called right after the graph is written, every output being as it says.
    static func stamp(output: URL, graph: URL) {
        guard let now = OutputStamp(output: output, graph: graph) else { return }
        try? Data((now.output.text + "\n" + now.graph.text + "\n").utf8).write(to: file(beside: graph))
    }

    /// Takes the stamp away: the outputs are about to change.
    static func remove(beside graph: URL) {
        try? FileManager.default.removeItem(at: file(beside: graph))
    }
}
