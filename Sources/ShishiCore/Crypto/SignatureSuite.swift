/// A signature suite: the algorithm a key signs with, named in every key and signature.
public enum SignatureSuite: String, Sendable, Codable, CaseIterable {
    /// Ed25519 (RFC 8032), the default, through swift-crypto.
    case ed25519
    /// SM2 with SM3 and the default user id `1234567812345678` (GB/T 32918, GB/T 35276), through OpenSSL.
    case sm2

    /// The hash a vote signed with this suite uses for its manifest hash, trackers and digests.
    public var hashAlgorithm: HashAlgorithm {
        switch self {
        case .ed25519: .sha256
        case .sm2: .sm3
        }
    }

    /// Parses a suite name, with a message listing the suites on failure.
    public init(parsing name: String) throws {
        guard let suite = SignatureSuite(rawValue: name.lowercased()) else {
            throw ShishiError(
                .suiteUnknown,
                zh: "未知的签名套件“\(name)”：可选 ed25519 或 sm2。",
                en: "Unknown signature suite “\(name)”: choose ed25519 or sm2."
            )
        }
        self = suite
    }
}
