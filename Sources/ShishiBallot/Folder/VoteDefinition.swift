public import Foundation
public import ShishiCore

/// What `shishi vote init` needs to define a vote.
public struct VoteDefinition: Sendable {
    /// The vote id (a short slug).
    public var voteId: String
    /// The title.
    public var title: String
    /// The session, if given.
    public var session: String?
    /// Seats K (0 with a budget and no seat limit).
    public var seats: Int
    /// The most yes marks a ballot may give, when it is not K.
    public var maxYes: Int?
    /// The total budget the adopted projects must fit, if any.
    public var budget: Amount?
    /// The limits of a points ballot (style `points`).
    public var points: PointsRule?
    /// The candidates.
    public var candidates: [Candidate]
    /// The exact bytes of the roster CSV.
    public var rosterCSV: Data
    /// The roster `rosterCSV` holds, when the caller made the one from the other (an import
    /// writes the CSV of a roster it built): then the CSV is not read again.
    public var roster: Roster?
    /// The roster file's name as the user gave it, for messages (it is stored as `roster.csv`).
    public var rosterSource = VoteFolder.Name.roster
    /// Ballot style.
    public var style: BallotStyle = .yesNoAbstain
    /// Secrecy.
    public var secrecy: Secrecy = .secret
    /// Whether the vote takes paper ballots only, entered at once from a file (an import): then
    /// no blind-signing key is needed, or taken (see ``VoteManifest/paperOnly``).
    public var paperOnly = false
    /// Who may read the ballots' marks; `nil` takes the default of the vote's secrecy
    /// (``BallotPublication/default(for:)``).
    public var publication: BallotPublication?
    /// Counting rules.
    public var rules = VoteRules()
    /// The round (1 unless this is a run-off or second round).
    public var round = 1
    /// The previous round's manifest hash, for later rounds.
    public var previousRound: HashValue?
    /// The registrar's signing public key.
    public var registrar: PublicKey
    /// The registrar's blind-signing public key (secret votes).
    public var blind: BlindPublicKey?
    /// Counters and scrutineers.
    public var officials: [Official] = []
    /// The suite the user asked for, if any: it must be the secretariat key's.
    public var requestedSuite: SignatureSuite?
    /// The exact bytes of the signed candidate list the candidates come from, if any
    /// (`shishi collect fix`): checked against the candidates and kept in the folder.
    public var candidateList: Data?
    /// The list file's name as the user gave it, for messages.
    public var candidateListSource = VoteFolder.Name.candidateList

    /// The seats of a vote of `style`, from the number the user gave: K for a vote on projects
    /// (required unless there is a budget, which alone may limit what is adopted: then 0 stands
    /// for no seat limit), none for an evaluation round (which adopts nothing and must not be given one).
    public static func seats(for style: BallotStyle, given: Int?, budget: Amount? = nil) throws -> Int {
        if style.isRating {
            if let given, given != 0 {
                throw ShishiError(
                    .manifestSeatsInRating, zh: "测评（--style rating）不选项目，没有应选名额：请去掉 --seats。",
                    en: "An evaluation round (--style rating) adopts nothing and has no seats: drop --seats."
                )
            }
            return 0
        }
        if given == nil, budget != nil { return 0 }
        guard let given else {
            throw ShishiError(
                .manifestNoSeats, zh: "请用 --seats 给出应选名额 K（当选项目数，也是每张选票最多的同意数）。",
                en: "Give the number of seats K with --seats (projects to adopt, and the most yes marks a ballot may give)."
            )
        }
        return given
    }

    /// Creates a definition with the required parts; the rest take their defaults.
    public init(voteId: String, title: String, seats: Int, candidates: [Candidate], rosterCSV: Data, registrar: PublicKey, blind: BlindPublicKey?) {
        self.voteId = voteId
        self.title = title
        self.seats = seats
        self.candidates = candidates
        self.rosterCSV = rosterCSV
        self.registrar = registrar
        self.blind = blind
    }

    /// Checks the definition, signs the manifest with `secretariat` and writes the new vote folder.
    ///
    /// Refuses a folder that already holds a manifest. `now` stamps the manifest.
    @discardableResult
    public func create(at url: URL, secretariat: PrivateKey, now: Date) throws -> Vote {
        let suite = secretariat.suite
        if let requestedSuite, requestedSuite != suite {
            throw ShishiError(
                .manifestSuiteMismatch,
                zh: "--suite \(requestedSuite.rawValue) 与秘书处密钥的套件 \(suite.rawValue) 不符。",
                en: "--suite \(requestedSuite.rawValue) does not match the secretariat key's suite \(suite.rawValue)."
            )
        }
        if secrecy == .secret, blind == nil, !paperOnly {
            throw ShishiError(
                .manifestNoBlindKey,
                zh: "无记名投票需要登记员的 RSA 盲签名公钥：请用 shishi key new --suite rsa-blind 生成，并以 --blind-key 给出。",
                en:
                    "A secret vote needs the registrar's RSA blind-signing public key: make one with shishi key new --suite rsa-blind and give it with --blind-key."
            )
        }
        let roster = try self.roster ?? Roster(csv: rosterCSV, source: rosterSource)
        if secrecy == .recorded, blind != nil {
            throw ShishiError(
                .manifestBlindKeyInRecorded,
                zh: "记名投票不使用盲签名密钥：请去掉 --blind-key。",
                en: "A recorded vote uses no blind-signing key: drop --blind-key."
            )
        }
        if secrecy == .recorded {
            if let deputy = roster.deputies.first(where: { $0.publicKey == nil || $0.publicKey?.suite != suite }) {
                throw ShishiError(
                    .rosterNoKey,
                    zh: "记名投票需要每位代表的 \(suite.rawValue) 公钥：代表 \(deputy.id)（\(deputy.name)）没有。请在 \(rosterSource) 的 public_key 列填写。",
                    en:
                        "A recorded vote needs every deputy's \(suite.rawValue) public key: deputy \(deputy.id) (\(deputy.name)) has none. Fill the public_key column of \(rosterSource)."
                )
            }
        }
        var listReference: VoteManifest.ListReference?
        if let candidateList {
            let envelope = try StrictJSON.decode(SignedEnvelope.self, from: candidateList, source: candidateListSource)
            let list = try CandidateList.read(envelope, signedBy: secretariat.publicKey, source: candidateListSource)
            try list.requireSame(candidates, source: candidateListSource)
            if list.seats != seats {
                throw ShishiError(
                    .candidatesListMismatch,
                    zh: "\(candidateListSource) 定的应选名额是 \(list.seats) 项，这里是 \(seats) 项：请用 --seats \(list.seats)。",
                    en: "\(candidateListSource) fixes \(list.seats, noun: "seat") and this vote \(seats): use --seats \(list.seats).")
            }
            listReference = .init(file: VoteFolder.Name.candidateList, hash: suite.hashAlgorithm.digest(envelope.payload))
        }
        let manifest = VoteManifest(
            voteId: voteId,
            title: title,
            session: session,
            round: round,
            previousRound: previousRound,
            seats: seats,
            candidates: candidates,
            style: style,
            secrecy: secrecy,
            suite: suite,
            hash: suite.hashAlgorithm,
            rules: rules,
            roster: .init(file: VoteFolder.Name.roster, deputies: roster.count, hash: suite.hashAlgorithm.digest(rosterCSV)),
            keys: ManifestKeys(secretariat: secretariat.publicKey, registrar: registrar, blind: blind),
            officials: officials,
            createdAt: Timestamp.string(now),
            maxYes: maxYes,
            budget: budget,
            points: points,
            candidateList: listReference,
            paperOnly: paperOnly ? true : nil,
            publication: publication ?? .default(for: secrecy)
        )
        try manifest.validate()
        let folder = VoteFolder(url: url)
        if FileManager.default.fileExists(atPath: folder.manifestURL.path) {
            throw ShishiError(
                .voteExists,
                zh: "\(url.path) 里已经有一次投票（manifest.json）。shishi 不会覆盖它：请换一个目录。",
                en: "\(url.path) already holds a vote (manifest.json). shishi will not overwrite it: choose another folder."
            )
        }
        var envelope = try SignedEnvelope(payloadType: VoteManifest.payloadType, encoding: manifest)
        try envelope.sign(with: secretariat)
        try FileAccess.create(folder.rosterURL, data: rosterCSV)
        if let candidateList { try FileAccess.create(folder.url.appendingPathComponent(VoteFolder.Name.candidateList), data: candidateList) }
        try FileAccess.create(folder.manifestURL, data: envelope.fileData())
        // The roster just parsed is the one written: check the manifest as a reader would, once.
        return try Vote(folder: folder, signed: SignedManifest(envelope: envelope, source: VoteFolder.Name.manifest), roster: roster)
    }
}
