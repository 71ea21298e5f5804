internal import COpenSSL
import Foundation

/// An SM2 key (GB/T 32918) held by the system's OpenSSL, signing with SM3 and the standard user id.
///
/// Private keys travel as PKCS #8 DER, public keys as SubjectPublicKeyInfo DER, so that any
/// OpenSSL 3 (`openssl pkeyutl -verify -digest sm3 -pkeyopt distid:1234567812345678`) can check
/// a shishi signature.
final class SM2Key: @unchecked Sendable {
    /// The SM2 distinguishing identifier of GB/T 35276: the ASCII bytes `1234567812345678`.
    static let defaultUserID = Array("1234567812345678".utf8)

    // An EVP_PKEY is reference-counted and safe to share between threads for signing and
    // verifying, as long as each operation uses its own context (as every method here does).
    private let pkey: OpaquePointer
    /// Whether this key holds the private scalar.
    let isPrivate: Bool

    private init(pkey: OpaquePointer, isPrivate: Bool) {
        self.pkey = pkey
        self.isPrivate = isPrivate
    }

    deinit { EVP_PKEY_free(pkey) }

    /// Generates a new SM2 key pair.
    static func generate() throws -> SM2Key {
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "SM2", nil) else { throw openSSLFailure("create an SM2 key context") }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1 else { throw openSSLFailure("start SM2 key generation") }
        var out: OpaquePointer?
        guard EVP_PKEY_generate(ctx, &out) == 1, let key = out else { throw openSSLFailure("generate an SM2 key") }
        return SM2Key(pkey: key, isPrivate: true)
    }

    /// Reads a private key from PKCS #8 DER.
    static func privateKey(pkcs8 der: Data) throws -> SM2Key {
        let key: OpaquePointer? = der.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            guard let info = d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, raw.count) else { return nil }
            defer { PKCS8_PRIV_KEY_INFO_free(info) }
            guard cursor == base + raw.count else { return nil }
            return EVP_PKCS82PKEY(info)
        }
        guard let key else { throw malformed(private: true) }
        let result = SM2Key(pkey: key, isPrivate: true)
        try result.requireSM2(private: true)
        return result
    }

    /// Reads a public key from SubjectPublicKeyInfo DER.
    static func publicKey(spki der: Data) throws -> SM2Key {
        let key: OpaquePointer? = der.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            let key = d2i_PUBKEY(nil, &cursor, raw.count)
            guard cursor == base + raw.count else {
                EVP_PKEY_free(key)
                return nil
            }
            return key
        }
        guard let key else { throw malformed(private: false) }
        let result = SM2Key(pkey: key, isPrivate: false)
        try result.requireSM2(private: false)
        return result
    }

    private func requireSM2(private isPrivate: Bool) throws {
        ERR_clear_error()
        guard EVP_PKEY_is_a(pkey, "SM2") == 1 else { throw Self.malformed(private: isPrivate) }
    }

    private static func malformed(private isPrivate: Bool) -> ShishiError {
        ERR_clear_error()
        let kind = isPrivate ? Text("私钥", "private key") : Text("公钥", "public key")
        return ShishiError(
            .keyMalformed,
            zh: "这不是有效的 SM2 \(kind.zh)（应为 \(isPrivate ? "PKCS #8" : "SubjectPublicKeyInfo") DER）。请用 shishi key new --suite sm2 重新生成。",
            en: "This is not a valid SM2 \(kind.en) (expected \(isPrivate ? "PKCS #8" : "SubjectPublicKeyInfo") DER). Make one with shishi key new --suite sm2."
        )
    }

    /// The private key as PKCS #8 DER.
    func pkcs8() throws -> Data {
        guard let info = EVP_PKEY2PKCS8(pkey) else { throw openSSLFailure("export an SM2 private key") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_PKCS8_PRIV_KEY_INFO(info, &out)
        guard length > 0, let out else { throw openSSLFailure("encode an SM2 private key") }
        defer { CRYPTO_free(out, #file, #line) }
        return Data(bytes: out, count: Int(length))
    }

    /// The public key as SubjectPublicKeyInfo DER.
    func spki() throws -> Data {
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(pkey, &out)
        guard length > 0, let out else { throw openSSLFailure("encode an SM2 public key") }
        defer { CRYPTO_free(out, #file, #line) }
        return Data(bytes: out, count: Int(length))
    }

    /// Signs `message` with SM2, SM3 and the default user id; the signature is DER (r, s).
    func sign(_ message: Data) throws -> Data {
        try withDigestContext { mctx in
            guard EVP_DigestSignInit(mctx, nil, EVP_sm3(), nil, pkey) == 1 else { throw openSSLFailure("start an SM2 signature") }
            var length = 0
            let ok1 = message.withUnsafeBytes { raw in
                EVP_DigestSign(mctx, nil, &length, raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
            }
            guard ok1 == 1 else { throw openSSLFailure("size an SM2 signature") }
            var signature = [UInt8](repeating: 0, count: length)
            let ok2 = message.withUnsafeBytes { raw in
                EVP_DigestSign(mctx, &signature, &length, raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
            }
            guard ok2 == 1 else { throw openSSLFailure("make an SM2 signature") }
            return Data(signature.prefix(length))
        }
    }

    /// Whether `signature` is a valid SM2/SM3 signature on `message` by this key.
    func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        let result = try? withDigestContext { mctx -> Bool in
            guard EVP_DigestVerifyInit(mctx, nil, EVP_sm3(), nil, pkey) == 1 else { return false }
            return signature.withUnsafeBytes { sig in
                message.withUnsafeBytes { msg in
                    EVP_DigestVerify(
                        mctx,
                        sig.bindMemory(to: UInt8.self).baseAddress, sig.count,
                        msg.bindMemory(to: UInt8.self).baseAddress, msg.count
                    ) == 1
                }
            }
        }
        ERR_clear_error()
        return result ?? false
    }

    /// Runs `body` with a digest context whose key context carries the SM2 user id.
    private func withDigestContext<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        guard let mctx = EVP_MD_CTX_new() else { throw openSSLFailure("allocate a digest context") }
        defer { EVP_MD_CTX_free(mctx) }
        guard let pctx = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { throw openSSLFailure("allocate an SM2 context") }
        defer { EVP_PKEY_CTX_free(pctx) }
        let ok = Self.defaultUserID.withUnsafeBytes { id in
            EVP_PKEY_CTX_set1_id(pctx, id.baseAddress, Int32(id.count))
        }
        guard ok == 1 else { throw openSSLFailure("set the SM2 user id") }
        EVP_MD_CTX_set_pkey_ctx(mctx, pctx)
        return try body(mctx)
    }
}
