public import Foundation

/// A digest together with the algorithm that made it, written `sha256:<hex>` or `sm3:<hex>`.
public struct HashValue: Sendable, Hashable, TextCodable, Comparable {
    /// The algorithm that made the digest.
    public var algorithm: HashAlgorithm
    /// The digest bytes.
    public var bytes: Data

    /// Creates a hash value from its algorithm and bytes.
    public init(algorithm: HashAlgorithm, bytes: Data) {
        self.algorithm = algorithm
        self.bytes = bytes
    }

    /// Parses `sha256:<64 hex digits>` or `sm3:<64 hex digits>`.
    public init(parsing text: String) throws {
        var text = text
        let parsed: (HashAlgorithm, Data)? = text.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            guard let colon = raw.firstIndex(of: 0x3A),
                let algorithm = HashAlgorithm(rawValue: String(decoding: UnsafeRawBufferPointer(rebasing: raw[..<colon]), as: UTF8.self)),
                let bytes = Data.decodeHex(UnsafeRawBufferPointer(rebasing: raw[(colon + 1)...])), bytes.count == 32
            else { return nil }
            return (algorithm, bytes)
        }
        guard let (algorithm, bytes) = parsed else {
            throw ShishiError(
                .hashMalformed,
                zh: "无法识别的哈希值“\(text.prefix(80))”：应为 sha256:<64位十六进制> 或 sm3:<64位十六进制>。",
                en: "Unrecognised hash “\(text.prefix(80))”: expected sha256:<64 hex digits> or sm3:<64 hex digits>."
            )
        }
        self.init(algorithm: algorithm, bytes: bytes)
    }

    /// The lower-case hex digest without the algorithm label.
    public var hex: String { bytes.hexString }

    /// `algorithm:hex`.
    public var description: String { "\(algorithm.rawValue):\(hex)" }

    /// The first 12 hex digits, for display next to the full value.
    public var short: String { String(hex.prefix(12)) }

    /// The order of their written forms (`algorithm:hex`), computed on the bytes: lower-case hex
    /// sorts as its bytes do, and no algorithm's name is a prefix of another's.
    public static func < (lhs: HashValue, rhs: HashValue) -> Bool {
        lhs.algorithm == rhs.algorithm ? lhs.bytes.lexicographicallyPrecedes(rhs.bytes) : lhs.algorithm.rawValue < rhs.algorithm.rawValue
    }
}
