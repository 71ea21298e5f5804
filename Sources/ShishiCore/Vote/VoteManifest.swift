public import Foundation

/// The definition of one round of a vote: the signed `manifest.json` of a vote folder.
///
/// The manifest is the payload of a ``SignedEnvelope`` of type ``payloadType``, signed by the
/// secretariat. Its hash (of the exact payload bytes, with the vote's ``hash`` algorithm) is the
/// vote's identity: every credential, ballot, batch and log names it.
public struct VoteManifest: Sendable, Hashable, Codable {
    /// The domain label and version of a manifest.
    public static let payloadType = "shishi/manifest/v1"

    /// A short identifier for the vote, such as `2026-minsheng`.
    public var voteId: String
    /// The vote's title, such as 2027 年市民生实事项目票决.
    public var title: String
    /// The session holding the vote (e.g. 市十七届人大五次会议); optional.
    public var session: String?
    /// The round number, 1 for the first round.
    public var round: Int
    /// The hash of the previous round's manifest, for run-offs and second rounds.
    public var previousRound: HashValue?
    /// The number of seats K: the most projects to adopt, and (unless ``maxYes`` says otherwise) the
    /// most yes marks a ballot may give; 0 for an evaluation round (style `rating`), which adopts
    /// nothing, and for a vote whose ``budget`` alone limits what is adopted.
    public var seats: Int
    /// The most yes marks a valid ballot may give, when it is not ``seats`` (a Pabulib file's
    /// `max_length`); absent in the 实事 vote, where both are K. See ``yesLimit``.
    public var maxYes: Int?
    /// The total budget, when the adopted projects must fit it: projects are then taken by yes
    /// votes, most first, each one that still fits what is left (and within the seats when there
    /// are seats). Every candidate has a ``Candidate/cost`` in the same unit.
    public var budget: Amount?
    /// The limits of a points ballot (style `points`); absent for every other style.
    public var points: PointsRule?
    /// The candidates in ballot order.
    public var candidates: [Candidate]
    /// The signed candidate list the candidates come from (`shishi collect fix`), when they do:
    /// the folder keeps the file, and its payload hash is named here.
    public var candidateList: ListReference?
    /// How ballots are marked.
    public var style: BallotStyle
    /// Secret or recorded.
    public var secrecy: Secrecy
    /// `true` for a vote whose ballots are all paper, entered at once from a file (a Pabulib
    /// import): no deputy signs in electronically, so no credential is issued and no
    /// blind-signing key is published, even though the vote is secret; absent otherwise.
    public var paperOnly: Bool?
    /// Who may read the ballots' marks (see ``BallotPublication``); absent in manifests made
    /// before the choice existed, which published every ballot: ``publishes`` reads it.
    public var publication: BallotPublication?
    /// The signature suite of ballots and officials.
    public var suite: SignatureSuite
    /// The hash of manifest hashes, trackers and digests.
    public var hash: HashAlgorithm
    /// The counting rules.
    public var rules: VoteRules
    /// The roster file, its number of deputies and its hash.
    public var roster: RosterReference
    /// The published keys.
    public var keys: ManifestKeys
    /// Counters and scrutineers.
    public var officials: [Official]
    /// When the manifest was made (ISO 8601, UTC).
    public var createdAt: String

    /// Creates a manifest; ``validate()`` checks it.
    public init(
        voteId: String, title: String, session: String?, round: Int, previousRound: HashValue?, seats: Int,
        candidates: [Candidate], style: BallotStyle, secrecy: Secrecy, suite: SignatureSuite, hash: HashAlgorithm,
        rules: VoteRules, roster: RosterReference, keys: ManifestKeys, officials: [Official], createdAt: String, maxYes: Int? = nil,
        budget: Amount? = nil, points: PointsRule? = nil, candidateList: ListReference? = nil, paperOnly: Bool? = nil,
        publication: BallotPublication? = nil
    ) {
        self.voteId = voteId
        self.title = title
        self.session = session
        self.round = round
        self.previousRound = previousRound
        self.seats = seats
        self.maxYes = maxYes
        self.budget = budget
        self.points = points
        self.candidates = candidates
        self.candidateList = candidateList
        self.style = style
        self.secrecy = secrecy
        self.paperOnly = paperOnly
        self.publication = publication
        self.suite = suite
        self.hash = hash
        self.rules = rules
        self.roster = roster
        self.keys = keys
        self.officials = officials
        self.createdAt = createdAt
    }

    /// The roster a manifest names.
    public struct RosterReference: Sendable, Hashable, Codable {
        /// The file name inside the vote folder (`roster.csv`).
        public var file: String
        /// The number of deputies (all deputies: the base of the quorum).
        public var deputies: Int
        /// The hash of the file's exact bytes.
        public var hash: HashValue

        /// Creates a roster reference.
        public init(file: String, deputies: Int, hash: HashValue) {
            self.file = file
            self.deputies = deputies
            self.hash = hash
        }
    }

    /// The signed candidate list a manifest names.
    public struct ListReference: Sendable, Hashable, Codable {
        /// The file name inside the vote folder (`candidate-list.json`).
        public var file: String
        /// The hash of the list's exact payload bytes.
        public var hash: HashValue

        /// Creates a list reference.
        public init(file: String, hash: HashValue) {
            self.file = file
            self.hash = hash
        }
    }

    /// Who may read the ballots' marks: ``publication``, or every ballot for a manifest made
    /// before the choice existed (as such folders were published).
    public var publishes: BallotPublication { publication ?? .ballots }

    /// The most yes marks a valid ballot may give: ``maxYes`` when set, else the seats K.
    public var yesLimit: Int { maxYes ?? seats }

    /// The candidate with `id`.
    public func candidate(_ id: String) -> Candidate? { candidates.first { $0.id == id } }

    /// The officials with `role`.
    public func officials(_ role: Official.Role) -> [Official] { officials.filter { $0.role == role } }

    /// The most candidates a vote may list.
    public static let maximumCandidates = 1_000
    /// The longest title (of the vote, its session or a candidate), in characters.
    public static let maximumTitleLength = 500

    /// Refuses a title a ballot could not print: longer than ``maximumTitleLength`` or holding a
    /// control character. `what` names it in the message.
    public static func checkTitle(_ text: String, what: Text) throws {
        try checkText(text, limit: maximumTitleLength, what: what)
    }

    /// Refuses text longer than `limit` characters or holding a control character (a NUL byte,
    /// a line break): titles are printed on ballots, notices and pages.
    static func checkText(_ text: String, limit: Int, what: Text) throws {
        if text.count > limit {
            throw ShishiError(
                .manifestTextTooLong,
                zh: "\(what.zh)有 \(text.count) 个字符，超过上限 \(limit) 个：请缩短。",
                en: "\(what.en) has \(text.count) characters, more than the limit of \(limit): shorten it."
            )
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ShishiError(
                .manifestControlCharacter,
                zh: "\(what.zh)含有控制字符（如 NUL 或换行）：请去掉。",
                en: "\(what.en) holds a control character (such as NUL or a line break): remove it."
            )
        }
    }

    /// Checks the seats, the yes limit and the budget of a vote on projects.
    private func validateLimits() throws {
        if let budget {
            guard budget > .zero else {
                throw ShishiError(.manifestBadBudget, zh: "预算须大于 0（现为 \(budget)）。", en: "The budget must be more than 0 (it is \(budget)).")
            }
            if let missing = candidates.first(where: { $0.cost == nil }) {
                throw ShishiError(
                    .manifestNoCost,
                    zh: "设了预算，每个候选项目都要有估算金额：项目“\(missing.id)”没有。请在 candidates.csv 的 cost 列填写。",
                    en: "With a budget every candidate needs a cost: “\(missing.id)” has none. Fill the cost column of candidates.csv."
                )
            }
            guard seats >= 0 else {
                throw ShishiError(.manifestNoSeats, zh: "应选名额不能为负（现为 \(seats)）。", en: "The number of seats cannot be negative (it is \(seats)).")
            }
        } else {
            guard seats >= 1 else {
                throw ShishiError(.manifestNoSeats, zh: "应选名额 K 至少为 1（现为 \(seats)）。", en: "The number of seats K must be at least 1 (it is \(seats)).")
            }
        }
        if seats >= 1 {
            guard candidates.count > seats else {
                throw ShishiError(
                    .manifestNotDifferential,
                    zh: "候选项目 \(candidates.count) 个，应选 \(seats) 个：差额票决要求候选项目多于应选名额。请增加候选项目或减少名额。",
                    en:
                        "\(candidates.count, noun: "candidate") for \(seats, noun: "seat"): a differential vote needs more candidates than seats. Add candidates or lower --seats."
                )
            }
        }
        guard (style == .points) == (points != nil) else {
            throw ShishiError(
                .manifestNoPointsRule, zh: "打分票（points）须写明分数规则，其他票式不能有分数规则。",
                en: "A points ballot needs its points rule, and no other style has one.")
        }
        guard style == .points || (yesLimit >= 1 && yesLimit <= max(candidates.count, 1)) else {
            throw ShishiError(
                .manifestBadYesLimit,
                zh: "每张选票最多同意的项目数须在 1 与候选项目数 \(candidates.count) 之间（现为 \(yesLimit)）：请用 --max-yes 给出。",
                en:
                    "The most yes marks a ballot may give must lie between 1 and the \(candidates.count, noun: "candidate") (it is \(yesLimit)): give it with --max-yes."
            )
        }
        guard rules.grading == nil else {
            throw ShishiError(
                .manifestGradingInVote, zh: "等次规则只用于测评（--style rating）。", en: "A grading rule belongs to evaluation rounds only (--style rating).")
        }
    }

    /// Checks every rule a vote definition must meet, with a message for the first one broken.
    public func validate() throws {
        if style.isRating {
            guard seats == 0 else {
                throw ShishiError(
                    .manifestSeatsInRating, zh: "测评（rating）不选项目，应选名额须为 0（现为 \(seats)）：请去掉 --seats。",
                    en: "An evaluation round (rating) adopts nothing: seats must be 0 (it is \(seats)). Drop --seats.")
            }
            guard !candidates.isEmpty else {
                throw ShishiError(.manifestNoProjects, zh: "测评至少要有一个被测评的项目。", en: "An evaluation round needs at least one project to rate.")
            }
            guard let grading = rules.grading, grading.share.numerator > 0, grading.share.numerator < grading.share.denominator else {
                throw ShishiError(
                    .manifestNoGrading, zh: "测评须写明等次规则（grading），比例在 0 与 1 之间。", en: "An evaluation round needs its grading rule, with a share between 0 and 1.")
            }
            guard maxYes == nil, budget == nil else {
                throw ShishiError(
                    .manifestSeatsInRating, zh: "测评（rating）不选项目，没有同意票上限，也没有预算：请去掉 --max-yes 和 --budget。",
                    en: "An evaluation round (rating) adopts nothing: it has no yes limit and no budget. Drop --max-yes and --budget.")
            }
        } else {
            try validateLimits()
        }
        guard candidates.count <= Self.maximumCandidates else {
            throw ShishiError(
                .manifestTooManyCandidates,
                zh: "候选项目 \(candidates.count) 个，超过上限 \(Self.maximumCandidates) 个：一张选票列不下这么多项目。",
                en: "\(candidates.count, noun: "candidate"), more than the limit of \(Self.maximumCandidates): no ballot can list that many."
            )
        }
        try Self.checkText(title, limit: Self.maximumTitleLength, what: Text("投票标题", "The vote's title"))
        if let session { try Self.checkText(session, limit: Self.maximumTitleLength, what: Text("会议名称", "The session")) }
        var ids = Set<String>()
        for candidate in candidates {
            try Self.checkText(
                candidate.title, limit: Self.maximumTitleLength, what: Text("候选项目“\(candidate.id)”的名称", "The title of candidate “\(candidate.id)”"))
            if let english = candidate.titleEn {
                try Self.checkText(
                    english, limit: Self.maximumTitleLength, what: Text("候选项目“\(candidate.id)”的英文名称", "The English title of candidate “\(candidate.id)”"))
            }
            if let department = candidate.department {
                try Self.checkText(
                    department, limit: Self.maximumTitleLength, what: Text("候选项目“\(candidate.id)”的责任单位", "The department of candidate “\(candidate.id)”"))
            }
            guard Candidate.isValidID(candidate.id) else {
                throw ShishiError(.candidatesBadID, zh: "候选项目编号“\(candidate.id)”无效。", en: "Candidate id “\(candidate.id)” is not valid.")
            }
            guard ids.insert(candidate.id).inserted else {
                throw ShishiError(.candidatesDuplicateID, zh: "候选项目编号“\(candidate.id)”重复。", en: "Candidate id “\(candidate.id)” appears twice.")
            }
            guard !candidate.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ShishiError(.candidatesEmptyTitle, zh: "候选项目“\(candidate.id)”的名称为空。", en: "Candidate “\(candidate.id)” has an empty title.")
            }
        }
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ShishiError(.manifestEmptyTitle, zh: "投票标题不能为空：请用 --title 给出。", en: "The vote's title must not be empty: give it with --title.")
        }
        guard Candidate.isValidID(voteId) else {
            throw ShishiError(
                .manifestBadVoteID,
                zh: "投票编号“\(voteId)”只能由字母、数字、- 和 _ 组成。",
                en: "The vote id “\(voteId)” may hold only letters, digits, - and _."
            )
        }
        guard roster.deputies >= 1 else {
            throw ShishiError(.rosterEmpty, zh: "代表名单是空的。", en: "The roster is empty.")
        }
        guard rules.quorum.numerator > 0, rules.quorum.numerator < rules.quorum.denominator else {
            throw ShishiError(.manifestBadFraction, zh: "法定人数比例应在 0 与 1 之间。", en: "The quorum fraction must lie between 0 and 1.")
        }
        guard hash == suite.hashAlgorithm else {
            throw ShishiError(
                .manifestHashMismatch,
                zh: "签名套件 \(suite.rawValue) 应配 \(suite.hashAlgorithm.rawValue) 哈希，而不是 \(hash.rawValue)。",
                en: "The \(suite.rawValue) suite pairs with \(suite.hashAlgorithm.rawValue), not \(hash.rawValue)."
            )
        }
        let keysOfSuite = [keys.secretariat, keys.registrar] + officials.map(\.key)
        if let wrong = keysOfSuite.first(where: { $0.suite != suite }) {
            throw ShishiError(
                .manifestSuiteMismatch,
                zh: "本次投票使用 \(suite.rawValue) 签名套件，但有一把 \(wrong.suite.rawValue) 密钥：所有官员密钥须属于同一套件。",
                en:
                    "This vote uses the \(suite.rawValue) suite but one official key is \(wrong.suite.rawValue): every official key must be of the vote's suite."
            )
        }
        if paperOnly != nil {
            guard paperOnly == true, keys.blind == nil else {
                throw ShishiError(
                    .manifestBlindKeyInRecorded,
                    zh: "只收纸质选票的投票（paperOnly）不发电子凭证，不公布盲签名密钥。",
                    en: "A vote on paper ballots only (paperOnly) issues no credentials and publishes no blind-signing key."
                )
            }
        } else if secrecy == .secret {
            guard let blind = keys.blind, keys.blindFingerprint == blind.fingerprint, keys.blindBits == blind.keySizeInBits else {
                throw ShishiError(
                    .manifestNoBlindKey,
                    zh: "无记名投票需要登记员的 RSA 盲签名公钥（--blind-key），且其指纹与位数须与公布的一致。",
                    en: "A secret vote needs the registrar's RSA blind-signing public key (--blind-key), with the published fingerprint and size matching it."
                )
            }
        } else if keys.blind != nil {
            throw ShishiError(
                .manifestBlindKeyInRecorded,
                zh: "记名投票不使用盲签名密钥：请去掉 --blind-key。",
                en: "A recorded vote uses no blind-signing key: drop --blind-key."
            )
        }
    }
}
