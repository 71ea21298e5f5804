/// An official whose key the manifest authorises: a counter (计票人) or a scrutineer (监票人).
public struct Official: Sendable, Hashable, Codable {
    /// The official's role.
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// 计票人: enters paper ballots.
        case counter
        /// 监票人: countersigns paper batches and results.
        case scrutineer
    }

    /// The role.
    public var role: Role
    /// The official's name.
    public var name: String
    /// The official's public key.
    public var key: PublicKey

    /// Creates an official.
    public init(role: Role, name: String, key: PublicKey) {
        self.role = role
        self.name = name
        self.key = key
    }
}

/// The keys a manifest publishes.
public struct ManifestKeys: Sendable, Hashable, Codable {
    /// The secretariat's key, which signs the manifest.
    public var secretariat: PublicKey
    /// The registrar's signing key, which seals the issuance log.
    public var registrar: PublicKey
    /// The registrar's RSA blind-signing key for this vote (secret votes only).
    public var blind: BlindPublicKey?
    /// The SHA-256 fingerprint of ``blind``, as announced to the session.
    public var blindFingerprint: String?
    /// The modulus size of ``blind`` in bits.
    public var blindBits: Int?

    /// Creates the key list; the fingerprint and size of the blind key are derived from it.
    public init(secretariat: PublicKey, registrar: PublicKey, blind: BlindPublicKey?) {
        self.secretariat = secretariat
        self.registrar = registrar
        self.blind = blind
        self.blindFingerprint = blind?.fingerprint
        self.blindBits = blind?.keySizeInBits
    }
}
