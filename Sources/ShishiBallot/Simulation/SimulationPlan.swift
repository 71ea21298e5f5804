public import ShishiCore

/// What `shishi simulate` builds: the size and shape of a realistic vote.
public struct SimulationPlan: Sendable {
    /// Deputies on the roster.
    public var deputies = 327
    /// Deputies present (signed in).
    public var present = 314
    /// Candidate projects.
    public var candidates = 15
    /// Seats K (ignored for an evaluation round, which has none).
    public var seats = 10
    /// The seed: the same seed gives the same roster, attendance, marks and paper sheets.
    public var seed: UInt64 = 7
    /// How many of the present deputies vote on paper.
    public var paperBallots = 0
    /// Paper ballot boxes (the paper ballots are shared among them).
    public var paperBoxes = 1
    /// Paper ballots marked with more than K yes (废票).
    public var overMarked = 0
    /// Paper ballots left blank.
    public var blank = 0
    /// Secret (blind-signed credentials) or recorded.
    public var secrecy: Secrecy = .secret
    /// Who may read the ballots' marks; `nil` takes the secrecy's default.
    public var publication: BallotPublication?
    /// The signature suite.
    public var suite: SignatureSuite = .ed25519
    /// The ballot style.
    public var style: BallotStyle = .yesNoAbstain
    /// The counting rules.
    public var rules = VoteRules()
    /// Write electronic ballots to the single-file bundle `box.jsonl` instead of one file each.
    public var bundle = false
    /// The registrar's RSA modulus size.
    public var registrarBits = 3072
    /// The vote's title.
    public var title = "2027 年市级民生实事项目代表票决"
    /// The session.
    public var session = "市第十七届人民代表大会第六次会议"

    /// Creates the default plan: 327 deputies, 314 present, 15 candidates for 10 seats.
    public init() {}

    /// Checks that the numbers fit together.
    public func validate() throws {
        func refuse(_ zh: String, _ en: String) -> ShishiError { ShishiError(.simulateBadPlan, zh: zh, en: en) }
        guard deputies >= 1 else { throw refuse("代表人数至少为 1。", "There must be at least one deputy.") }
        guard present >= 0, present <= deputies else {
            throw refuse(
                "出席人数（\(present)）应在 0 与代表人数（\(deputies)）之间。", "Deputies present (\(present)) must be between 0 and the number of deputies (\(deputies)).")
        }
        if style.isRating {
            guard candidates >= 1 else { throw refuse("测评至少要有一个项目。", "An evaluation round needs at least one project.") }
            guard overMarked == 0 else { throw refuse("测评票没有多选废票：请去掉 --over-marked。", "Evaluation ballots cannot be over-marked: drop --over-marked.") }
        } else if seats < 1 || candidates <= seats {
            throw refuse(
                "候选项目（\(candidates)）须多于应选名额（\(seats)），名额至少为 1。", "Candidates (\(candidates)) must outnumber seats (\(seats)), and seats must be at least 1.")
        }
        guard paperBallots >= 0, paperBallots <= present else {
            throw refuse("纸质选票数（\(paperBallots)）不能超过出席人数（\(present)）。", "Paper ballots (\(paperBallots)) cannot exceed deputies present (\(present)).")
        }
        guard paperBoxes >= 1 else { throw refuse("票箱至少 1 个。", "There must be at least one paper box.") }
        guard overMarked >= 0, blank >= 0, overMarked + blank <= paperBallots else {
            throw refuse(
                "多选废票与空白票之和（\(overMarked + blank)）不能超过纸质选票数（\(paperBallots)）。",
                "Over-marked plus blank ballots (\(overMarked + blank)) cannot exceed paper ballots (\(paperBallots)).")
        }
        guard overMarked == 0 || seats < candidates else {
            throw refuse("无法多选：应选名额等于候选数。", "Cannot over-mark: seats equal candidates.")
        }
    }
}

/// What a simulation made.
public struct SimulationSummary: Sendable {
    /// The vote.
    public var vote: Vote
    /// Deputies present.
    public var present: Int
    /// Electronic ballots cast.
    public var electronic: Int
    /// Paper ballots entered.
    public var paper: Int
    /// Paper boxes.
    public var boxes: Int
    /// Over-marked paper ballots among them.
    public var overMarked: Int
    /// Blank paper ballots among them.
    public var blank: Int
}

/// The stages of a simulation, for progress reports.
public enum SimulationStage: String, Sendable {
    /// Keys and the manifest.
    case setup
    /// Sign-in, credentials and electronic ballots, chunk by chunk.
    case casting
    /// Paper boxes entered.
    case paper
    /// The issuance log sealed.
    case sealing
}
