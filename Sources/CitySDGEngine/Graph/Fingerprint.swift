import Cxxhash
import Foundation

/// A content fingerprint that is the same in every process and on every machine: XXH3-128 from the
/// system's libxxhash. Swift's `Hasher` is seeded per process and cannot be used.
public struct Fingerprint: Sendable, Hashable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    /// What an input that no longer exists is recorded with: no content has it.
    static let none = Fingerprint(high: 0, low: 0)

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Reads the 32 hex digits `hex` writes; anything else is a fingerprint nothing has.
    public init(hex: String) {
        let digits = Array(hex.utf8)
        func value(_ part: ArraySlice<UInt8>) -> UInt64 { UInt64(String(decoding: part, as: UTF8.self), radix: 16) ?? 0 }
        guard digits.count == 32 else { self.init(high: 0, low: 0); return }
        self.init(high: value(digits[0..<16]), low: value(digits[16..<32]))
    }

    public init(_ bytes: UnsafeRawBufferPointer) {
        let h = XXH3_128bits(bytes.baseAddress, bytes.count)
        self.init(high: h.high64, low: h.low64)
    }

    public init(_ data: Data) {
        self = data.withUnsafeBytes { Fingerprint($0) }
    }

    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { Fingerprint(UnsafeRawBufferPointer($0)) }
    }

    /// The fingerprint of a sequence of parts; each part is length-prefixed, so no two different
    /// sequences run together into the same bytes.
    public static func combine(_ parts: [String]) -> Fingerprint {
        var builder = Builder()
        for part in parts { builder.add(part) }
        return builder.fingerprint
    }

    /// Collects parts, then fingerprints them all at once.
    public struct Builder {
        private var bytes: [UInt8] = []

        public init() {}

        public mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { part in
                withUnsafeBytes(of: UInt64(part.count).littleEndian) { bytes.append(contentsOf: $0) }
                bytes.append(contentsOf: part)
            }
        }

        /// The same bytes as `add(first + separator + second)`, with no text joined first.
        public mutating func add(_ first: String, _ separator: Unicode.Scalar, _ second: String) {
            var first = first, second = second
            first.withUTF8 { a in
                second.withUTF8 { b in
                    withUnsafeBytes(of: UInt64(a.count + 1 + b.count).littleEndian) { bytes.append(contentsOf: $0) }
                    bytes.append(contentsOf: a)
                    bytes.append(UInt8(ascii: separator))
                    bytes.append(contentsOf: b)
                }
            }
        }

        public mutating func add(_ fingerprint: Fingerprint) {
            withUnsafeBytes(of: fingerprint.high.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: fingerprint.low.littleEndian) { bytes.append(contentsOf: $0) }
        }

        public var fingerprint: Fingerprint { bytes.withUnsafeBytes { Fingerprint($0) } }
    }

    public var hex: String {
        func digits(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return digits(high) + digits(low)
    }

    public var description: String { hex }
}
