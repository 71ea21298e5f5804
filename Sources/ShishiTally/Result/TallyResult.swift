public import ShishiCore

/// The result of one round: `result.json`, the payload of a ``SignedEnvelope`` of type
/// ``payloadType``, countersigned by the scrutineers.
///
/// Everything in it can be recomputed from the vote folder; `shishi verify` does exactly that and
/// compares, field by field (all but ``countedAt``).
public struct TallyResult: Sendable, Codable, Equatable {
    /// The domain label and version of a result.
    public static let payloadType = "shishi/result/v1"

    /// How the round ended.
    public enum Outcome: String, Sendable, Codable {
        /// Counted: the allocation says who is adopted.
        case counted
        /// Deputies present did not exceed the quorum: no count.
        case noQuorum = "no-quorum"
        /// More ballots returned than issued: the round is void and must be re-run.
        case void
    }

    /// The vote-level figures.
    public struct Figures: Sendable, Codable, Equatable {
        /// All deputies on the roster.
        public var deputies: Int
        /// Deputies present (signed in).
        public var present: Int
        /// Ballots issued: electronic credentials and paper ballots.
        public var issued: Int
        /// Electronic credentials issued.
        public var issuedElectronic: Int
        /// Paper ballots issued, from the boxes.
        public var issuedPaper: Int
        /// Ballots returned: authentic electronic ballots (set-aside ones included) and paper ballots taken out.
        public var returned: Int
        /// Electronic ballots returned.
        public var returnedElectronic: Int
        /// Paper ballots taken out.
        public var returnedPaper: Int
        /// Valid ballots.
        public var valid: Int
        /// Invalid (over-marked) ballots.
        public var invalid: Int
        /// Blank ballots (valid, all abstentions).
        public var blank: Int
        /// Electronic files rejected (forged, altered, foreign): not ballots, listed for review.
        public var rejected: Int
        /// Ballots set aside because their credential was used more than once.
        public var setAside: Int
    }

    /// One candidate's count and standing.
    public struct CandidateResult: Sendable, Codable, Equatable {
        /// The candidate id.
        public var id: String
        /// The title.
        public var title: String
        /// The English title, if any.
        public var titleEn: String?
        /// Yes votes.
        public var yes: Int
        /// No votes.
        public var no: Int
        /// Abstentions (unmarked, and unreadable marks on paper).
        public var abstain: Int
        /// Rank by yes votes (when the round was counted).
        public var rank: Int?
        /// Adopted, run-off, outranked or not passed (when the round was counted).
        public var status: SeatAllocation.Status?
        /// 满意 / 基本满意 / 不满意 counts (evaluation rounds only).
        public var ratings: RatingCounts?
        /// The grade under the manifest's grading rule (evaluation rounds, when counted).
        public var grade: Rating?
        /// The project's cost, when the vote has a budget.
        public var cost: Amount?
        /// The total points the project got (points ballots; then ``yes`` counts the ballots that gave it any).
        public var points: Int?

        /// Creates a candidate's result.
        public init(
            id: String, title: String, titleEn: String?, yes: Int, no: Int, abstain: Int, rank: Int?, status: SeatAllocation.Status?,
            ratings: RatingCounts? = nil, grade: Rating? = nil, cost: Amount? = nil
        ) {
            self.id = id
            self.title = title
            self.titleEn = titleEn
            self.yes = yes
            self.no = no
            self.abstain = abstain
            self.rank = rank
            self.status = status
            self.ratings = ratings
            self.grade = grade
            self.cost = cost
        }
    }

    /// A ballot or file the chief scrutineer should review: never deleted, never silently dropped.
    public struct ReviewItem: Sendable, Codable, Equatable {
        /// How a ballot on the review queue stands.
        public enum Status: String, Sendable, Codable {
            /// Authentic but over-marked (废票): returned, not valid.
            case invalid
            /// Authentic, but its credential cast another ballot too: none of them counted.
            case setAside = "set-aside"
            /// Failed an authenticity or format check.
            case rejected

            /// The status in words.
            public var title: Text {
                switch self {
                case .invalid: Text("废票", "invalid")
                case .setAside: Text("暂不计入", "set aside")
                case .rejected: Text("拒收", "rejected")
                }
            }
        }

        /// How the ballot stands.
        public var status: Status
        /// The file in the vote folder (`box/….json` or `paper/box-N.json`).
        public var file: String
        /// The tracker, for electronic ballots.
        public var tracker: HashValue?
        /// The paper box, for paper ballots.
        public var box: Int?
        /// The paper ballot's serial.
        public var serial: String?
        /// The check that failed.
        public var check: Int?
        /// Why.
        public var reason: Text
    }

    /// A paper box as counted: its number and the hash of its batch payload.
    public struct BoxDigest: Sendable, Codable, Equatable {
        /// The box number.
        public var box: Int
        /// The hash of the batch's exact payload bytes.
        public var hash: HashValue
    }

    /// The vote hash.
    public var vote: HashValue
    /// The round.
    public var round: Int
    /// The previous round's vote hash, if any.
    public var previousRound: HashValue?
    /// Seats this round fills.
    public var seats: Int
    /// How the round ended.
    public var outcome: Outcome
    /// The figures.
    public var figures: Figures
    /// The majority base and its count.
    public var majorityBase: MajorityBase
    /// The number the base stands for (deputies, present, or valid ballots; 0 for `none`).
    public var baseCount: Int
    /// Each candidate, in ballot order.
    public var candidates: [CandidateResult]
    /// The allocation (empty when the round was not counted).
    public var allocation: SeatAllocation?
    /// Projects adopted in earlier rounds of this vote, in order.
    public var adoptedEarlier: [String]
    /// Every numbered check.
    public var checks: [CheckOutcome]
    /// The Merkle root over the sorted trackers of the counted electronic ballots.
    public var boxDigest: HashValue
    /// How many electronic ballots the digest covers.
    public var countedElectronic: Int
    /// The paper boxes counted.
    public var paperBoxes: [BoxDigest]
    /// The chain head of the sealed issuance log.
    public var issuanceHead: HashValue
    /// The review queue.
    public var review: [ReviewItem]
    /// When the count was made.
    public var countedAt: String

    /// The adopted projects of the whole vote so far: earlier rounds, then this one.
    public var adoptedAll: [String] { adoptedEarlier + (allocation?.adopted ?? []) }

    /// The same result with a different count time (for comparing a recount).
    public func stamped(_ time: String) -> TallyResult {
        var copy = self
        copy.countedAt = time
        return copy
    }
}
