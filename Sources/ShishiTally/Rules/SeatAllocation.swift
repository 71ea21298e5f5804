public import ShishiCore

/// Who is adopted in a round, under the manifest's rules: the pure decision, from counts alone.
///
/// A candidate passes when its yes votes exceed half of the majority base (no threshold when the
/// base is `none`). Passing candidates are taken by yes votes, most first, up to the seats; with
/// a budget, each one is taken only if its cost fits what is left of the budget, and one that
/// does not fit is passed over for the next (a cheaper project further down may still fit). When
/// candidates with equal votes cannot all be taken (across the last seat, or at the edge of the
/// budget) and the order among them would decide which are, they go to a run-off for what is
/// left; when fewer than the seats pass, the remaining seats go to a second round or stay vacant.
public struct SeatAllocation: Sendable, Equatable, Codable {
    /// How a candidate came out of the round.
    public enum Status: String, Sendable, Codable {
        /// Adopted in this round.
        case adopted
        /// Tied across the last seat or the edge of the budget: goes to the run-off.
        case runOff = "run-off"
        /// Passed the threshold but ranked below the seats.
        case outranked
        /// Passed the threshold, but its cost did not fit what was left of the budget.
        case overBudget = "over-budget"
        /// Did not pass the threshold.
        case notPassed = "not-passed"
    }

    /// What comes after this round.
    public enum Next: String, Sendable, Codable {
        /// Nothing: the vote is decided.
        case none
        /// A run-off among the tied candidates.
        case runOff = "run-off"
        /// A second round for the remaining seats.
        case secondRound = "second-round"
    }

    /// A budget and what each candidate costs.
    public struct Budget: Sendable, Equatable {
        /// The total the adopted projects must fit.
        public var total: Amount
        /// Each candidate's cost, by id.
        public var costs: [String: Amount]

        /// Creates a budget.
        public init(total: Amount, costs: [String: Amount]) {
            self.total = total
            self.costs = costs
        }
    }

    /// The candidates adopted, in rank order (most yes first; ballot order among equals).
    public var adopted: [String]
    /// The tied candidates that go to a run-off.
    public var runOff: [String]
    /// The seats the run-off or second round fills (0 when only the budget limits it).
    public var openSeats: Int
    /// Seats left vacant (shortfall under `leave-vacant`).
    public var vacant: Int
    /// What comes next.
    public var next: Next
    /// Each candidate's status, by id.
    public var status: [String: Status]
    /// Each candidate's rank by yes votes (1 for the most; equal votes share a rank).
    public var rank: [String: Int]
    /// The fewest yes votes that pass (more than half of the base), or `nil` with no threshold.
    public var needed: Int?
    /// The budget, when the vote has one.
    public var budget: Amount?
    /// What the adopted projects cost together, when the vote has a budget.
    public var budgetUsed: Amount?

    /// Whether the run-off is called by the budget (the tied projects do not all fit what is left)
    /// rather than by the seats (more tied projects than seats left).
    public var tieIsOverBudget: Bool { next == .runOff && budget != nil && !(openSeats > 0 && runOff.count > openSeats) }

    /// What is left of the budget after the adopted projects (for a run-off or second round).
    public var budgetLeft: Amount? { budget.map { $0 - (budgetUsed ?? .zero) } }

    /// The largest group of tied candidates whose disputes are worked out one by one; a larger
    /// group goes to the run-off whole.
    static let largestGroupWorkedOut = 16

    /// The members of a tied group, each of which fits on its own, that are adopted whatever the
    /// order among them: a member is kept out in some order exactly when some set of the others,
    /// taken first, fits in what is left and the seats, and leaves too little money or no seat
    /// for it. Every set is tried (groups of up to ``largestGroupWorkedOut``).
    static func adoptedInEveryOrder(_ group: [String], cost: (String) -> Amount, left: Amount?, seats: Int) -> Set<String> {
        guard group.count <= largestGroupWorkedOut else { return [] }
        let costs = group.map { cost($0).scaled }
        let money = left?.scaled ?? Int.max
        var keptOut = Array(repeating: false, count: group.count)
        for set in 0..<(1 << group.count) {
            var total = 0
            var count = 0
            for member in group.indices where set & (1 << member) != 0 {
                total += costs[member]
                count += 1
            }
            guard total <= money, count <= seats else { continue }
            for member in group.indices where set & (1 << member) == 0 && (count == seats || total > money - costs[member]) {
                keptOut[member] = true
            }
        }
        return Set(group.indices.filter { !keptOut[$0] }.map { group[$0] })
    }

    /// Decides the round. `yes` lists each candidate's yes votes in ballot order; `seats` 0
    /// with a budget means no seat limit.
    public init(
        yes: [(id: String, votes: Int)], seats: Int, base: MajorityBase, baseCount: Int, shortfall: ShortfallRule, budget: Budget? = nil
    ) {
        let needed = base == .none ? nil : baseCount / 2 + 1
        self.needed = needed
        let order = Dictionary(uniqueKeysWithValues: yes.enumerated().map { ($0.element.id, $0.offset) })
        let ranked = yes.sorted { $0.votes != $1.votes ? $0.votes > $1.votes : order[$0.id]! < order[$1.id]! }
        var rank: [String: Int] = [:]
        for (position, candidate) in ranked.enumerated() {
            rank[candidate.id] = position > 0 && ranked[position - 1].votes == candidate.votes ? rank[ranked[position - 1].id]! : position + 1
        }
        self.rank = rank
        let passing = ranked.filter { needed == nil || $0.votes >= needed! }
        var status = Dictionary(uniqueKeysWithValues: yes.map { ($0.id, needed == nil ? Status.outranked : Status.notPassed) })
        for candidate in passing { status[candidate.id] = .outranked }

        let limit = seats > 0 ? seats : Int.max
        func cost(_ id: String) -> Amount { budget?.costs[id] ?? .zero }
        var left = budget?.total
        var adopted: [String] = []
        var runOff: [String] = []
        var start = passing.startIndex
        // Equal votes are taken as one group: all of those that fit are adopted together, or, when
        // the seats or the budget cannot hold them all, the order among them would decide, and
        // they go to a run-off (which of them fits then being the run-off's to say).
        while start < passing.endIndex, adopted.count < limit {
            let votes = passing[start].votes
            let end = passing[start...].firstIndex { $0.votes != votes } ?? passing.endIndex
            let group = passing[start..<end].map(\.id)
            start = end
            let fitting = group.filter { left == nil || cost($0) <= left! }
            for id in group where !fitting.contains(id) { status[id] = .overBudget }
            let total = fitting.reduce(Amount.zero) { $0 + cost($1) }
            if fitting.count <= limit - adopted.count, left == nil || total <= left! {
                adopted += fitting
                left = left.map { $0 - total }
            } else {
                // Those the order cannot keep out are adopted; the rest of the group is in dispute.
                let sure = Self.adoptedInEveryOrder(fitting, cost: cost, left: left, seats: limit - adopted.count)
                adopted += fitting.filter { sure.contains($0) }
                left = left.map { left in fitting.filter { sure.contains($0) }.reduce(left) { $0 - cost($1) } }
                runOff = fitting.filter { !sure.contains($0) }
                break
            }
        }
        self.adopted = adopted
        self.runOff = runOff
        self.budget = budget?.total
        budgetUsed = budget.map { $0.total - left! }
        if !runOff.isEmpty {
            openSeats = seats > 0 ? seats - adopted.count : 0
            vacant = 0
            next = .runOff
        } else {
            let shortfallSeats = seats > 0 ? seats - adopted.count : 0
            // With a budget a second round only makes sense if a project not adopted could still fit.
            let couldFit = left.map { left in yes.contains { !adopted.contains($0.id) && cost($0.id) <= left } } ?? true
            switch (shortfallSeats, shortfall) {
            case (0, _):
                openSeats = 0
                vacant = 0
                next = .none
            case (_, .secondRound) where couldFit:
                openSeats = shortfallSeats
                vacant = 0
                next = .secondRound
            default:
                openSeats = 0
                vacant = shortfallSeats
                next = .none
            }
        }
        for id in adopted { status[id] = .adopted }
        for id in runOff { status[id] = .runOff }
        self.status = status
    }
}
