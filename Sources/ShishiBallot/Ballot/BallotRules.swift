public import ShishiCore

/// What a ballot must be to count in a vote: the one home of the ballot rules, read by the full
/// verifier (``BallotVerifier``, with its reasons) and by the count's fast path
/// (``CountingVerifier``, on raw bytes) alike.
///
/// - It names this vote (the manifest hash) and this round.
/// - In a secret vote it carries a credential and no voter; in a recorded vote a voter on the
///   roster (with a key) and no credential.
/// - It carries exactly one signature: by the credential's one-time key, or the voter's key.
/// - Each mark names a candidate of the manifest and is a mark the ballot style allows.
/// - It gives at most the vote's yes limit (K, unless the manifest sets another; evaluation
///   rounds have none); more makes it invalid.
public struct BallotRules: Sendable {
    /// The vote's manifest hash, which a ballot must name.
    public let vote: HashValue
    /// The round a ballot must name.
    public let round: Int
    /// Whether ballots carry an anonymous credential (secret) or name their voter (recorded).
    public let secrecy: Secrecy
    /// The marks the style allows, in ``Mark/allCases`` order.
    public let marks: [Mark]
    /// The most yes marks a valid ballot may give, or `nil` for no limit.
    public let yesLimit: Int?
    /// How many signatures a ballot carries.
    public static let signatures = 1
    private let candidates: [String: Int]
    private let roster: Roster

    /// The rules of `vote`.
    public init(vote: Vote) {
        let manifest = vote.manifest
        self.vote = vote.hash
        round = manifest.round
        secrecy = manifest.secrecy
        marks = Mark.allCases.filter { $0.fits(manifest.style) }
        yesLimit = manifest.style.isRating ? nil : manifest.yesLimit
        candidates = Dictionary(uniqueKeysWithValues: manifest.candidates.enumerated().map { ($0.element.id, $0.offset) })
        roster = vote.roster
    }

    /// Whether a ballot naming `vote` and `round` belongs to this vote and round.
    public func belongs(vote: HashValue, round: Int) -> Bool { vote == self.vote && round == self.round }

    /// The place in the manifest of the candidate `id`, or `nil` when there is none.
    public func candidate(_ id: String) -> Int? { candidates[id] }

    /// Whether the style allows `mark`.
    public func allows(_ mark: Mark) -> Bool { marks.contains(mark) }

    /// Whether `yes` yes marks are within the limit.
    public func withinYesLimit(_ yes: Int) -> Bool { yesLimit.map { yes <= $0 } ?? true }

    /// Whether a ballot with (or without) a credential and a voter fits the vote's secrecy.
    public func fitsSecrecy(hasCredential: Bool, hasVoter: Bool) -> Bool {
        switch secrecy {
        case .secret: hasCredential && !hasVoter
        case .recorded: !hasCredential && hasVoter
        }
    }

    /// The key a recorded voter signs with: the roster's, when `voter` is on it with one.
    public func voterKey(_ voter: String) -> PublicKey? { roster[voter]?.publicKey }
}
