public import Foundation
internal import Crypto
internal import COpenSSL

/// A hash function a vote uses for its manifest hash, ballot trackers and digests.
///
/// Votes signed with Ed25519 hash with SHA-256; votes signed with SM2 hash with SM3 (GB/T 32905),
/// as the Chinese national standards pair them.
public enum HashAlgorithm: String, Sendable, Codable, CaseIterable {
    /// SHA-256 (FIPS 180-4), through swift-crypto.
    case sha256
    /// SM3 (GB/T 32905-2016), through the system's OpenSSL libcrypto.
    case sm3

    /// The digest of `data`.
    public func hash(_ data: some DataProtocol) -> Data {
        switch self {
        case .sha256:
            return Data(SHA256.hash(data: data))
        case .sm3:
            return SM3.hash(Data(data))
        }
    }

    /// The digest of `data`, labelled with this algorithm.
    public func digest(_ data: some DataProtocol) -> HashValue {
        HashValue(algorithm: self, bytes: hash(data))
    }
}

/// The SM3 hash through OpenSSL's EVP interface.
enum SM3 {
    static func hash(_ data: Data) -> Data {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &out, &length, EVP_sm3(), nil)
        }
        // EVP_Digest over memory with a built-in digest cannot fail short of memory exhaustion.
        precondition(ok == 1 && length == 32, "SM3 is unavailable in the system OpenSSL: \(openSSLErrorLine())")
        return Data(out.prefix(Int(length)))
    }
}

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
                "hash.malformed",
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
