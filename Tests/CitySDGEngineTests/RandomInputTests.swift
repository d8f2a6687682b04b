import Foundation
import Testing
@testable import CitySDGEngine

/// A short, seeded version of the fuzz run (scripts/fuzz runs the long one with libFuzzer):
/// mutated content files and random bytes go through the loader and the renderer; none may crash,
/// every problem has a position, and no script reaches the HTML.
@Suite struct RandomInputTests {
    static let fragments: [String] = [
        "---\n", "title: ", "\t", "  - ", "[", "]", "{", "}", "&a ", "*a", ": ", "\"", "'", "\n", "8.10", "NO", "011",
        "<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "![i](data:image/png;base64,AA)",
        "expectations:\n  - target: ", "priority_sdgs: [", "country: ", "\u{FEFF}", "\r\n", "# Heading\n", "`code`", "***", "|\n  ",
    ]

    func mutate(_ seed: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: bytes.insert(contentsOf: Array(Self.fragments.randomElement(using: &rng)!.utf8), at: at)
            case 1 where !bytes.isEmpty: bytes.remove(at: min(at, bytes.count - 1))
            case 2 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] = UInt8.random(in: 0...255, using: &rng)
            case 3: bytes.insert(contentsOf: (0..<Int.random(in: 1...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            default:
                if bytes.count > 2 {
                    let a = Int.random(in: 0..<bytes.count, using: &rng), b = Int.random(in: a..<bytes.count, using: &rng)
                    bytes.insert(contentsOf: bytes[a...b], at: at)
                }
            }
        }
        return bytes
    }

    @Test func mutatedContentNeverCrashesOrLeaksScript() throws {
        let seeds = try ["cities/la/alpha-town.md", "projects/alpha-park.md", "countries/la.md", "programmes/test-network.md", "pages/about.md"]
            .enumerated().map { kind, path in [UInt8(kind)] + Array(try Data(contentsOf: Repo.fixture.appendingPathComponent(path))) }
        var rng = SplitMix(state: 20261123)
        var failedToLoad = 0
        for _ in 0..<3000 {
            let input = mutate(seeds.randomElement(using: &rng)!, &rng)
            let outcome = InputProbe.run(input)
            #expect(!outcome.leaked, "\(outcome.html ?? "")")
            if outcome.diagnostics.hasErrors { failedToLoad += 1 }
        }
        #expect(failedToLoad > 100) // the mutations do reach the error paths
    }
}
