internal import COpenSSL
internal import Crypto
public import Foundation

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
