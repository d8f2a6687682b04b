import Foundation
import Testing
@testable import CitySDGEngine

extension SplitMix {
    /// A number in 0..<n from the fixed sequence, so every run damages the same places.
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

/// Damage to a state file in `.citysdg/` (a bad sector, a copy cut short) never reaches a page,
/// never traps, and is said once: the build goes on to the bytes a clean build writes.
@Suite struct StateFaultTests {
    /// The ways one file is damaged: cut short at a few lengths, zeroed, bytes flipped at seeded places.
    static func damages(of bytes: Data, seed: UInt64) -> [(name: String, bytes: Data)] {
        var result: [(String, Data)] = []
        for cut in Set([0, 1, bytes.count / 2, max(0, bytes.count - 1)]) where cut < bytes.count {
            result.append(("cut to \(cut)", bytes.prefix(cut)))
        }
        result.append(("zeroed", Data(count: bytes.count)))
        var numbers = SplitMix(state: seed)
        for i in 0..<10 where !bytes.isEmpty {
            var flipped = bytes
            // Half of the flips in the first 64 bytes (the header and first frame), half anywhere.
            let flips = i % 3 == 2 ? 3 : 1
            var places: [Int] = []
            for _ in 0..<flips {
                let at = i % 2 == 0 ? numbers.below(min(64, bytes.count)) : numbers.below(bytes.count)
                flipped[at] ^= UInt8(1 + numbers.below(255))
                places.append(at)
            }
            result.append(("flipped at \(places)", flipped))
        }
        return result
    }

    @Test func everyStateFileDamagedIsRebuiltToTheBytesOfACleanBuild() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let state = work.url.appendingPathComponent(".citysdg")
        let site = work.url.appendingPathComponent("site")
        func build() -> Build.Result {
            Build(content: content, themes: Repo.themes, output: site, contentDisplay: "Content",
                  stateFile: state.appendingPathComponent("build-graph")).run()
        }
        #expect(!build().failed)
        let keptState = work.url.appendingPathComponent("kept-state"), keptSite = work.url.appendingPathComponent("kept-site")
        try FileManager.default.copyItem(at: state, to: keptState)
        try FileManager.default.copyItem(at: site, to: keptSite)
        // An edit, so the next build reads every state file: the graph, the decoded files, the cards.
        let project = content.appendingPathComponent("projects/alpha-park.md")
        let text = try String(contentsOf: project, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed ").utf8).write(to: project)
        #expect(!Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("clean"), contentDisplay: "Content").run().failed)
        let clean = snapshot(work.url.appendingPathComponent("clean"))

        func restore() throws {
            for (from, to) in [(keptState, state), (keptSite, site)] {
                try? FileManager.default.removeItem(at: to)
                try FileManager.default.copyItem(at: from, to: to)
            }
        }
        // Undamaged, the edit is built from the state: one file parsed, cards reused.
        try restore()
        let undamaged = build()
        #expect(undamaged.parsed == 1 && undamaged.rendered < undamaged.pages)
        #expect(snapshot(site) == clean)

        let files = try FileManager.default.contentsOfDirectory(atPath: keptState.path).sorted()
        #expect(Set(files) == ["build-graph", "decoded", "fragments", "fragments-1.log", "outputs-checked"])
        var tried: [String: Int] = [:], said: [String: Int] = [:]
        for (n, file) in files.enumerated() {
            let original = try Data(contentsOf: keptState.appendingPathComponent(file))
            for damage in Self.damages(of: original, seed: 18 + UInt64(n)) {
                try restore()
                try damage.bytes.write(to: state.appendingPathComponent(file))
                let result = build()
                tried[file, default: 0] += 1
                let warnings = result.diagnostics.all.filter { $0.message.hasSuffix("is damaged: rebuilding what it held") }
                said[file, default: 0] += warnings.isEmpty ? 0 : 1
                #expect(!result.failed, "\(file) \(damage.name): \(result.diagnostics.text)")
                #expect(warnings.count <= 1, "\(file) \(damage.name): one warning, not \(warnings.map(\.message))")
                // Every file but the log is read whole by the build; the log only where a card is reused.
                // (The outputs' stamp, damaged, vouches for nothing: each output is looked at, and nothing is said.)
                if file != "fragments-1.log" && file != "outputs-checked" && damage.bytes != original {
                    #expect(warnings.map(\.message) == [".citysdg/\(file) is damaged: rebuilding what it held"], "\(file) \(damage.name)")
                }
                let built = snapshot(site)
                let differ = Set(built.keys).union(clean.keys).filter { built[$0] != clean[$0] }.sorted()
                #expect(differ.isEmpty, "\(file) \(damage.name): \(differ.prefix(5))")
            }
        }
        print("state fault injection: \(tried.values.reduce(0, +)) damaged builds (\(tried.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))); "
              + "said damaged: \(said.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); every site equal to a clean build")
    }

    /// Every reader takes any bytes: damaged copies of real state files and random bytes behind a
    /// valid header are read without a trap, and come back as nothing or as something checked.
    @Test func theStateReadersTakeAnyBytes() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let state = work.url.appendingPathComponent(".citysdg")
        _ = Build(content: content, themes: Repo.themes, output: work.url.appendingPathComponent("site"), contentDisplay: "Content",
                  stateFile: state.appendingPathComponent("build-graph")).run()
        let probe = work.url.appendingPathComponent("probe/fragments")
        try FileManager.default.createDirectory(at: probe.deletingLastPathComponent(), withIntermediateDirectories: true)
        var numbers = SplitMix(state: 1818)
        var count = 0
        for file in ["build-graph", "decoded", "fragments", "fragments-1.log"] {
            let original = try Data(contentsOf: state.appendingPathComponent(file))
            for round in 0..<200 {
                var bytes = original
                switch round % 4 {
                case 0: for _ in 0..<(1 + numbers.below(8)) { bytes[numbers.below(bytes.count)] = UInt8(numbers.below(256)) }
                case 1: bytes = bytes.prefix(numbers.below(bytes.count))
                case 2: bytes = bytes.prefix(min(bytes.count, 40)) + Data((0..<numbers.below(400)).map { _ in UInt8(numbers.below(256)) })
                default: for _ in 0..<4 { bytes[numbers.below(min(80, bytes.count))] = 0xFF }
                }
                let damage = StateDamage()
                switch file {
                case "build-graph":
                    try bytes.write(to: probe)
                    _ = BuildState.read(probe, damage: damage)
                case "decoded":
                    try bytes.write(to: probe)
                    _ = DecodeCache.read(probe, content: content, display: "Content", damage: damage)
                case "fragments":
                    try bytes.write(to: probe)
                    try FileManager.default.copyItem(at: state.appendingPathComponent("fragments-1.log"), to: FragmentStore.log(probe, 1))
                    let store = FragmentStore.open(probe, damage: damage)
                    for key in store.slots.keys { _ = store.entry(key) }
                default:
                    try FileManager.default.copyItem(at: state.appendingPathComponent("fragments"), to: probe)
                    try bytes.write(to: FragmentStore.log(probe, 1))
                    let store = FragmentStore.open(probe, damage: damage)
                    for key in store.slots.keys { _ = store.entry(key) }
                }
                for name in try FileManager.default.contentsOfDirectory(atPath: probe.deletingLastPathComponent().path) {
                    try FileManager.default.removeItem(at: probe.deletingLastPathComponent().appendingPathComponent(name))
                }
                #expect(damage.warnings.count <= 1)
                count += 1
            }
        }
        // The fuzz targets' entry point, on random bytes.
        for file in StateProbe.files {
            for _ in 0..<25 {
                #expect(StateProbe.run(file, (0..<numbers.below(300)).map { _ in UInt8(numbers.below(256)) }) <= 1)
                count += 1
            }
        }
        print("state readers: \(count) damaged files read without a trap")
    }
}
