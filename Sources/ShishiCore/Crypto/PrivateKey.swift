internal import Crypto
public import Foundation

/// A private signing key of one of shishi's suites.
///
/// Ed25519 private keys are the 32-byte seed of RFC 8032; SM2 private keys are PKCS #8 DER.
public struct PrivateKey: Sendable {
    /// The suite this key signs with.
    public let suite: SignatureSuite
    /// The key bytes in the suite's encoding. Keep them secret.
    public let rawRepresentation: Data
    /// The matching public key.
    public let publicKey: PublicKey
    private let backing: Backing

    private enum Backing: @unchecked Sendable {
        case ed25519(Curve25519.Signing.PrivateKey)
        case sm2(SM2Key)
    }

    /// Generates a new key of `suite` from the system's secure random source.
    public init(generating suite: SignatureSuite) throws {
        switch suite {
        case .ed25519:
            self.init(ed25519: Curve25519.Signing.PrivateKey())
        case .sm2:
            let key = try SM2Key.generate()
            try self.init(sm2: key)
        }
    }

    /// Makes an Ed25519 key from a 32-byte seed (used by the simulator for reproducible votes).
    public init(ed25519Seed seed: Data) throws {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw ShishiError(.keyMalformed, zh: "Ed25519 私钥种子应为 32 字节。", en: "An Ed25519 private key seed is 32 bytes.")
        }
        self.init(ed25519: key)
    }

    /// Reads a private key from its suite and bytes.
    public init(suite: SignatureSuite, rawRepresentation: Data) throws {
        switch suite {
        case .ed25519:
            try self.init(ed25519Seed: rawRepresentation)
        case .sm2:
            try self.init(sm2: SM2Key.privateKey(pkcs8: rawRepresentation))
        }
    }

    private init(ed25519 key: Curve25519.Signing.PrivateKey) {
        suite = .ed25519
        rawRepresentation = key.rawRepresentation
        publicKey = PublicKey(ed25519: key.publicKey)
        backing = .ed25519(key)
    }

    private init(sm2 key: SM2Key) throws {
        suite = .sm2
        rawRepresentation = try key.pkcs8()
        publicKey = try PublicKey(sm2: key)
        backing = .sm2(key)
    }

    /// Signs exactly `message`. Ed25519 signatures are deterministic; SM2 signatures are randomised.
    public func signature(for message: Data) throws -> Data {
        switch backing {
        case .ed25519(let key):
            return try key.signature(for: message)
        case .sm2(let key):
            return try key.sign(message)
        }
    }
}
