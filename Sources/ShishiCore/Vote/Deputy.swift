/// A deputy (代表) on the roster: who may receive a credential or a paper ballot.
public struct Deputy: Sendable, Hashable, Codable {
    /// The roster identifier (`D001`).
    public var id: String
    /// The deputy's name.
    public var name: String
    /// The delegation or group (代表团), if any.
    public var group: String?
    /// The deputy's long-term public key, for recorded (记名) votes.
    public var publicKey: PublicKey?

    /// Creates a deputy.
    public init(id: String, name: String, group: String? = nil, publicKey: PublicKey? = nil) {
        self.id = id
        self.name = name
        self.group = group
        self.publicKey = publicKey
    }
}
