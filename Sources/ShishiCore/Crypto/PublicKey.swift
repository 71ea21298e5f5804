internal import Crypto
public import Foundation

/// A public signing key, written `<suite>:<base64>`.
///
/// Ed25519 keys are the 32 raw bytes of RFC 8032; SM2 keys are SubjectPublicKeyInfo DER.
public struct PublicKey: Sendable, Hashable, TextCodable {
    /// The suite this key verifies for.
    public let suite: SignatureSuite
    /// The key bytes in the suite's encoding.
    public let rawRepresentation: Data
    private let backing: Backing

    private enum Backing: @unchecked Sendable {
        case ed25519(Curve25519.Signing.PublicKey)
        case sm2(SM2Key)
    }

    /// Creates a public key from its suite and bytes, checking that they make a key.
    public init(suite: SignatureSuite, rawRepresentation: Data) throws {
        self.suite = suite
        self.rawRepresentation = rawRepresentation
        switch suite {
        case .ed25519:
            do {
                backing = .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation))
            } catch {
                throw ShishiError(
                    .keyMalformed,
                    zh: "这不是有效的 Ed25519 公钥（应为 32 字节）。",
                    en: "This is not a valid Ed25519 public key (expected 32 bytes)."
                )
            }
        case .sm2:
            backing = .sm2(try SM2Key.publicKey(spki: rawRepresentation))
        }
    }

    init(ed25519 key: Curve25519.Signing.PublicKey) {
        suite = .ed25519
        rawRepresentation = key.rawRepresentation
        backing = .ed25519(key)
    }

    init(sm2 key: SM2Key) throws {
        suite = .sm2
        rawRepresentation = try key.spki()
        backing = .sm2(key)
    }

    /// Parses `<suite>:<base64>`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let bytes = Data(canonicalBase64: parts[1]) else {
            throw ShishiError(
                .keyMalformed,
                zh: "无法识别的公钥“\(text.prefix(40))…”：应为 ed25519:<base64> 或 sm2:<base64>。",
                en: "Unrecognised public key “\(text.prefix(40))…”: expected ed25519:<base64> or sm2:<base64>."
            )
        }
        try self.init(suite: SignatureSuite(parsing: parts[0]), rawRepresentation: bytes)
    }

    /// Whether `signature` is this key's valid signature on exactly `message`.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        switch backing {
        case .ed25519(let key): key.isValidSignature(signature, for: message)
        case .sm2(let key): key.isValidSignature(signature, for: message)
        }
    }

    /// The SHA-256 of the key bytes, in hex: a name for the key that fits in a signature.
    public var fingerprint: String { Data(SHA256.hash(data: rawRepresentation)).hexString }

    /// `<suite>:<base64>`.
    public var description: String { "\(suite.rawValue):\(rawRepresentation.base64EncodedString())" }

    /// Whether the two are equal.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.suite == rhs.suite && lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(suite)
        hasher.combine(rawRepresentation)
    }

}

extension SignatureSuite {
    /// Whether `signature` is a valid signature on `message` by the public key whose bytes (in
    /// this suite's encoding) are `publicKey`: the count's check, without making a ``PublicKey``
    /// for an Ed25519 key. The same answer as ``PublicKey/isValidSignature(_:for:)``.
    public func isValidSignature(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, publicKey: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .ed25519:
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
            return key.isValidSignature(signature, for: message)
        case .sm2:
            guard let key = try? PublicKey(suite: .sm2, rawRepresentation: Data(publicKey)) else { return false }
            return key.isValidSignature(Data(signature), for: Data(message))
        }
    }
}
