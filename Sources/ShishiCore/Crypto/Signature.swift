public import Foundation

/// One signature in a signed file: the suite, the signer's key fingerprint and the signature bytes.
public struct Signature: Sendable, Hashable, Codable {
    /// The suite that made the signature (`ed25519` or `sm2`).
    public var suite: SignatureSuite
    /// The fingerprint of the signing key (see ``PublicKey/fingerprint``).
    public var key: String
    /// The signature bytes (Ed25519: 64 bytes; SM2: DER (r, s)).
    public var sig: Data

    /// Creates a signature record.
    public init(suite: SignatureSuite, key: String, sig: Data) {
        self.suite = suite
        self.key = key
        self.sig = sig
    }
}
