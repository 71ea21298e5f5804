internal import COpenSSL
internal import Crypto
public import Foundation

/// A 32-byte digest held inline as four big-endian words: no allocation, ordered as its bytes.
///
/// The count keeps a tracker per ballot; at a million ballots, a `Data` each would cost more
/// than the ballots' other figures together.
public struct Digest32: Sendable, Hashable, Comparable {
    /// The bytes 0–7, 8–15, 16–23 and 24–31, each read big-endian.
    public var words: (UInt64, UInt64, UInt64, UInt64)

    /// Thirty-two zero bytes.
    public static let zero = Digest32(words: (0, 0, 0, 0))

    /// The digest with these words.
    public init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// The digest of 32 `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count == 32, "a Digest32 is 32 bytes")
        func word(_ index: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        words = (word(0), word(1), word(2), word(3))
    }

    /// The digest of 32 bytes of `data`; `nil` for any other length.
    public init?(_ data: Data) {
        guard data.count == 32 else { return nil }
        self = data.withUnsafeBytes { Digest32($0) }
    }

    /// The digest of 32 `bytes`; `nil` for any other length.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self = bytes.withUnsafeBytes { Digest32($0) }
    }

    /// The digest written as 64 hex digits (either case); `nil` for anything else.
    public init?(hex: UnsafeRawBufferPointer) {
        guard hex.count == 64, let bytes = Data.decodeHex(hex) else { return nil }
        self.init(bytes)
    }

    /// Calls `body` with the 32 bytes.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var big = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)
        return try withUnsafeBytes(of: &big) { try body($0) }
    }

    /// The bytes as `Data`.
    public var data: Data { withBytes { Data($0) } }

    /// Writes the 64 lower-case hex digits at `out`.
    public func writeHex(to out: UnsafeMutableRawPointer) {
        let digits: StaticString = "0123456789abcdef"
        withBytes { bytes in
            for index in 0..<32 {
                out.storeBytes(of: digits.utf8Start[Int(bytes[index] >> 4)], toByteOffset: 2 * index, as: UInt8.self)
                out.storeBytes(of: digits.utf8Start[Int(bytes[index] & 0x0F)], toByteOffset: 2 * index + 1, as: UInt8.self)
            }
        }
    }

    /// Whether the two are equal.
    public static func == (a: Digest32, b: Digest32) -> Bool { a.words == b.words }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// The order of the bytes (big-endian words compare as their bytes do).
    public static func < (a: Digest32, b: Digest32) -> Bool { a.words < b.words }
}

extension HashAlgorithm {
    /// The digest of `bytes`, inline.
    public func digest32(_ bytes: UnsafeRawBufferPointer) -> Digest32 {
        switch self {
        case .sha256:
            return SHA256.hash(data: bytes).withUnsafeBytes { Digest32($0) }
        case .sm3:
            var out = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            var length: UInt32 = 0
            let ok = withUnsafeMutableBytes(of: &out) { buffer in
                EVP_Digest(bytes.baseAddress, bytes.count, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), &length, EVP_sm3(), nil)
            }
            // EVP_Digest over memory with a built-in digest cannot fail short of memory exhaustion.
            precondition(ok == 1 && length == 32, "SM3 is unavailable in the system OpenSSL: \(openSSLErrorLine())")
            return withUnsafeBytes(of: &out) { Digest32(UnsafeRawBufferPointer(rebasing: $0[0..<32])) }
        }
    }
}
