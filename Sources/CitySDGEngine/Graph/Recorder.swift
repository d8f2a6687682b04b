import Foundation

/// What one output (or one fragment of it) read while it was made: every input with the
/// fingerprint it had. It is the output's dependency list; nobody writes one by hand.
final class Recorder {
    private(set) var reads: [Input: Fingerprint] = [:]

    init() {}

    func record(_ input: Input, _ fingerprint: Fingerprint) {
        reads[input] = fingerprint
    }

    /// Adds what a fragment read to the output that shows it.
    func merge(_ other: [Input: Fingerprint]) {
        reads.merge(other) { a, _ in a }
    }
}
