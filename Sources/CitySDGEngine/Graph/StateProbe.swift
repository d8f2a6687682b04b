import Foundation

/// Drives arbitrary bytes through one state file's reader, as `.citysdg/` would hold them: used by
/// the fuzz targets (`scripts/fuzz build-graph` …), which fail if a reader traps or hangs.
public enum StateProbe {
    public static let files = ["build-graph", "decoded", "fragments", "fragments-log"]

    /// Reads `bytes` as the state file `file`; returns how many warnings the reader gave (0 or 1).
    @discardableResult
    public static func run(_ file: String, _ bytes: [UInt8]) -> Int {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("citysdg-state-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let damage = StateDamage()
        let index = folder.appendingPathComponent("fragments")
        switch file {
        case "build-graph":
            try? Data(bytes).write(to: index)
            _ = BuildState.read(index, damage: damage)
        case "decoded":
            try? Data(bytes).write(to: index)
            _ = DecodeCache.read(index, content: folder, display: "Content", damage: damage)
        case "fragments":
            try? Data(bytes).write(to: index)
            try? Data(repeating: 0, count: 1 << 16).write(to: FragmentStore.log(index, 1))
            let store = FragmentStore.open(index, damage: damage)
            for key in store.slots.keys { _ = store.entry(key) }
        default:
            // A log under a valid index that vouches for one record at every offset the bytes allow.
            let store = FragmentStore.empty(index)
            store.save([("a", ("<p>a</p>", [(.strings("en"), Fingerprint("en"))]))], dropping: [])
            try? Data(bytes).write(to: FragmentStore.log(index, store.generation))
            let reopened = FragmentStore.open(index, damage: damage)
            for key in reopened.slots.keys { _ = reopened.entry(key) }
        }
        return damage.warnings.count
    }
}
