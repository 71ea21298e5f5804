/// How a ballot is marked.
public enum BallotStyle: String, Sendable, Codable, CaseIterable {
    /// Per candidate 同意 / 不同意 / 弃权, at most K 同意 (the default).
    case yesNoAbstain = "yes-no-abstain"
    /// Tick up to K candidates; an unticked candidate is not approved.
    case approval
    /// An evaluation round (测评): per project 满意 / 基本满意 / 不满意 (unmarked: 弃权), graded by
    /// the manifest's ``GradingRule``; nothing is adopted and there are no seats.
    case rating
    /// Points per project (cumulative or scoring data, such as Pabulib files hold): each ballot
    /// gives projects whole points within the manifest's ``PointsRule``, and projects are taken
    /// by total points. Entered on paper or imported; a booth does not take points.
    case points

    /// Whether ballots of this style are ratings rather than a vote on seats.
    public var isRating: Bool { self == .rating }
}

/// Whether the ballot is secret (blind-signed one-time keys) or recorded (the deputy's own key).
public enum Secrecy: String, Sendable, Codable, CaseIterable {
    /// 无记名投票: anonymous credentials from RSA blind signatures.
    case secret
    /// 记名投票: each ballot signed by the deputy's long-term key from the roster.
    case recorded
}

/// The number a project's yes votes must exceed half of.
public enum MajorityBase: String, Sendable, Codable, CaseIterable {
    /// All deputies on the roster (the default).
    case all
    /// Deputies present (signed in).
    case present
    /// Valid ballots.
    case valid
    /// No threshold: the top K by yes votes (public polls, imported data).
    case none
}

/// What happens when candidates tie across the K-th place.
public enum TieRule: String, Sendable, Codable, CaseIterable {
    /// The tied candidates go to a run-off round.
    case runOff = "run-off"
}

/// What happens when fewer than K candidates pass.
public enum ShortfallRule: String, Sendable, Codable, CaseIterable {
    /// A second round for the remaining seats.
    case secondRound = "second-round"
    /// The remaining seats stay vacant.
    case leaveVacant = "leave-vacant"
}

/// A fraction such as the quorum's 2/3.
public struct Fraction: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The numerator.
    public var numerator: Int
    /// The denominator (positive).
    public var denominator: Int

    /// Creates a fraction.
    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Parses `2/3`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let n = parts[0], let d = parts[1], d > 0, n > 0, n < d else {
            throw ShishiError(
                .manifestBadFraction,
                zh: "“\(text)”不是 0 与 1 之间的分数：请写成 2/3 这样的形式。",
                en: "“\(text)” is not a fraction between 0 and 1: write it like 2/3."
            )
        }
        self.init(n, d)
    }

    /// Whether `count` exceeds this fraction of `total` (exact integer arithmetic).
    public func isExceeded(by count: Int, of total: Int) -> Bool {
        // Full-width products: no count, however large, can trap here.
        let left = count.multipliedFullWidth(by: denominator)
        let right = numerator.multipliedFullWidth(by: total)
        return left.high != right.high ? left.high > right.high : left.low > right.low
    }

    /// `n/d`.
    public var description: String { "\(numerator)/\(denominator)" }
}

/// The counting rules a manifest fixes for its vote.
public struct VoteRules: Sendable, Hashable, Codable {
    /// The majority base.
    public var majorityBase: MajorityBase
    /// Deputies present must exceed this fraction of all deputies.
    public var quorum: Fraction
    /// The tie rule at the K-th place.
    public var tieRule: TieRule
    /// The rule when fewer than K pass.
    public var shortfallRule: ShortfallRule
    /// How an evaluation round (style `rating`) grades each project; absent for other styles.
    public var grading: GradingRule?

    /// Creates rules; the defaults are the common practice.
    public init(
        majorityBase: MajorityBase = .all,
        quorum: Fraction = Fraction(2, 3),
        tieRule: TieRule = .runOff,
        shortfallRule: ShortfallRule = .secondRound,
        grading: GradingRule? = nil
    ) {
        self.majorityBase = majorityBase
        self.quorum = quorum
        self.tieRule = tieRule
        self.shortfallRule = shortfallRule
        self.grading = grading
    }
}
