import Foundation

/// What one output (or one fragment of it) read while it was made: every input with the
/// fingerprint it had. It is the output's dependency list; nobody writes one by hand.
final class Recorder {
    private(set) var reads: [Input: Fingerprint] = [:]

    init() {}

    /// The output was left half made: a newer save came while a kept piece of it was still to be
    /// made (`Fragments.stop`), so what it holds is not what it would be. Nothing keeps or writes it.
    var abandoned = false

    /// How many times each document's body was read (by path): a page's stretch of a body can be
    /// made again alone only when it is all the page made of it (`Splice.locate`).
    private(set) var bodyUses: [String: Int] = [:]

    func record(_ input: Input, _ fingerprint: Fingerprint) {
        reads[input] = fingerprint
        if case .body(let path) = input { bodyUses[path, default: 0] += 1 }
    }

    /// Adds what a fragment read to the output that shows it.
    func merge(_ other: [Input: Fingerprint]) {
        reads.merge(other) { a, _ in a }
    }

    func merge(_ other: [(input: Input, fingerprint: Fingerprint)]) {
        reads.merge(other.lazy.map { ($0.input, $0.fingerprint) }) { a, _ in a }
    }
}
