public import ShishiCore

/// A short fingerprint of the credential a ballot was cast with: the first 16 bytes of the
/// SHA-256 of its one-time key (tagged with its suite) or of its recorded voter's id. Two
/// ballots with the same fingerprint used the same credential.
public struct CredentialFingerprint: Sendable, Hashable, Comparable {
    /// The fingerprint's bytes as two big-endian words.
    public var words: (UInt64, UInt64)

    private init(tagged: [UInt8]) {
        let digest = tagged.withUnsafeBytes { HashAlgorithm.sha256.digest32($0) }
        words = (digest.words.0, digest.words.1)
    }

    /// The fingerprint of a one-time key.
    public init(suite: SignatureSuite, key: UnsafeRawBufferPointer) {
        self.init(tagged: Array("key:\(suite.rawValue):".utf8) + Array(key))
    }

    /// The fingerprint of a recorded voter.
    public init(voter: String) {
        self.init(tagged: Array("voter:\(voter)".utf8))
    }

    /// The fingerprint of a ballot's credential.
    public init(_ ballot: Ballot) {
        if let credential = ballot.credential {
            self = credential.key.rawRepresentation.withUnsafeBytes { CredentialFingerprint(suite: credential.key.suite, key: $0) }
        } else {
            self.init(voter: ballot.voter ?? "")
        }
    }

    /// Whether the two are equal.
    public static func == (a: CredentialFingerprint, b: CredentialFingerprint) -> Bool { a.words == b.words }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    /// The order used for sorting.
    public static func < (a: CredentialFingerprint, b: CredentialFingerprint) -> Bool { a.words < b.words }
}
