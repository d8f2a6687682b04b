import Crypto
import Foundation

/// A content fingerprint that is the same in every process and on every machine (SHA-256, cut to
/// 128 bits and written as hex). Swift's `Hasher` is seeded per process and cannot be used.
public struct Fingerprint: Sendable, Hashable, CustomStringConvertible {
    public let hex: String

    public init(hex: String) { self.hex = hex }

    public init(_ data: Data) {
        self.init(digest: SHA256.hash(data: data))
    }

    public init(_ text: String) {
        self.init(Data(text.utf8))
    }

    init(digest: SHA256.Digest) {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(32)
        for byte in digest.prefix(16) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        hex = String(decoding: out, as: UTF8.self)
    }

    /// The fingerprint of a sequence of labelled parts; each part is length-prefixed, so no two
    /// different sequences run together into the same bytes.
    public static func combine(_ parts: [String]) -> Fingerprint {
        var hasher = SHA256()
        for part in parts {
            let bytes = Data(part.utf8)
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        return Fingerprint(digest: hasher.finalize())
    }

    public var description: String { hex }
}

/// The generator's version: part of every page's fingerprint, so a new version rebuilds everything.
public let generatorVersion = "citysdg 0.2.0"
