public import ShishiBallot
public import ShishiCore

/// What a round concludes from its totals: the outcome, the majority base, the allocation and each
/// candidate's abstentions, rank, status and grade.
///
/// The count applies it to the totals of the ballots it checked; the check of a public copy
/// (``Verification/runPublicCopy(_:previous:)``) applies it to the totals a result publishes, which
/// is how anyone without the ballots can still check the result's arithmetic. The rule lives here
/// once for both.
public struct CountConclusion: Sendable, Equatable {
    /// One candidate's totals over the valid ballots, as a result publishes them.
    public struct Totals: Sendable, Equatable {
        /// Yes marks; on a points ballot, the ballots that gave the candidate any points.
        public var yes: Int
        /// No marks.
        public var no: Int
        /// Total points (points ballots only).
        public var points: Int?
        /// The ratings (evaluation rounds with a grading rule only).
        public var ratings: RatingCounts?

        /// Creates a candidate's totals.
        public init(yes: Int, no: Int, points: Int? = nil, ratings: RatingCounts? = nil) {
            self.yes = yes
            self.no = no
            self.points = points
            self.ratings = ratings
        }
    }

    /// How the round ended.
    public var outcome: TallyResult.Outcome
    /// The number the majority base stands for.
    public var baseCount: Int
    /// Who is adopted (a counted round of a vote on projects only).
    public var allocation: SeatAllocation?
    /// Each candidate's result, in the manifest's order.
    public var candidates: [TallyResult.CandidateResult]

    /// Concludes a round of `vote`: `present` deputies signed in, `valid` valid ballots whose
    /// totals are `totals` (in the manifest's order); `withinIssued` says whether no more ballots came
    /// back than were issued, in every box and overall (checks 15 to 17). Without the quorum the
    /// round is not counted; with more ballots returned than issued it is void.
    public init(vote: Vote, present: Int, valid: Int, withinIssued: Bool, totals: [Totals]) {
        let manifest = vote.manifest
        let quorumMet = Attendance(deputies: vote.roster.count, present: present, quorum: manifest.rules.quorum).quorumMet
        outcome = !quorumMet ? .noQuorum : (withinIssued ? .counted : .void)
        switch manifest.rules.majorityBase {
        case .all: baseCount = vote.roster.count
        case .present: baseCount = present
        case .valid: baseCount = valid
        case .none: baseCount = 0
        }
        let allocation =
            outcome == .counted && !manifest.style.isRating
            ? SeatAllocation(
                yes: zip(manifest.candidates, totals).map { ($0.id, manifest.style == .points ? $1.points ?? 0 : $1.yes) },
                seats: manifest.seats,
                base: manifest.rules.majorityBase, baseCount: baseCount, shortfall: manifest.rules.shortfallRule,
                budget: manifest.budget.map { SeatAllocation.Budget(total: $0, costs: manifest.candidates.costs) })
            : nil
        self.allocation = allocation
        let outcome = outcome
        candidates = zip(manifest.candidates, totals).map { candidate, totals in
            var result = TallyResult.CandidateResult(
                id: candidate.id, title: candidate.title, titleEn: candidate.titleEn,
                yes: totals.yes, no: totals.no, abstain: valid - totals.yes - totals.no,
                rank: allocation?.rank[candidate.id], status: allocation?.status[candidate.id], cost: manifest.budget == nil ? nil : candidate.cost
            )
            if manifest.style == .points {
                result.abstain = valid - totals.yes
                result.points = totals.points ?? 0
            }
            if let grading = manifest.rules.grading, manifest.style.isRating {
                let ratings = totals.ratings ?? .empty
                result.ratings = ratings
                result.abstain = valid - ratings.cast
                result.grade = outcome == .counted ? grading.grade(ratings, evaluators: vote.roster.count) : nil
            }
            return result
        }
    }
}
