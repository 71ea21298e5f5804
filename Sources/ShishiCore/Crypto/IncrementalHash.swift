internal import COpenSSL
internal import Crypto
public import Foundation

/// A digest computed a piece at a time, for files read in blocks (a roster of a million deputies
/// is hashed as it is parsed, never held whole).
public struct IncrementalHash {
    private enum State {
        case sha256(SHA256)
        case sm3(SM3Context)
    }

    private var state: State
    /// The algorithm.
    public let algorithm: HashAlgorithm

    /// A hash of nothing yet.
    public init(_ algorithm: HashAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .sha256: state = .sha256(SHA256())
        case .sm3: state = .sm3(SM3Context())
        }
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch state {
        case .sha256(var hasher):
            hasher.update(bufferPointer: bytes)
            state = .sha256(hasher)
        case .sm3(let context):
            context.update(bytes)
        }
    }

    /// Adds `data`.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// The digest of everything added.
    public func finalize() -> HashValue {
        switch state {
        case .sha256(let hasher): HashValue(algorithm: algorithm, bytes: Data(hasher.finalize()))
        case .sm3(let context): HashValue(algorithm: algorithm, bytes: context.finalize())
        }
    }
}

/// An SM3 digest in progress, through OpenSSL's EVP interface.
final class SM3Context {
    private let context: OpaquePointer

    init() {
        // Allocating and starting a built-in digest cannot fail short of memory exhaustion.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sm3(), nil) == 1 else {
            preconditionFailure("SM3 is unavailable in the system OpenSSL: \(openSSLErrorLine())")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "SM3 update failed: \(openSSLErrorLine())")
    }

    func finalize() -> Data {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &out, &length) == 1 && length == 32, "SM3 final failed: \(openSSLErrorLine())")
        return Data(out.prefix(Int(length)))
    }
}
