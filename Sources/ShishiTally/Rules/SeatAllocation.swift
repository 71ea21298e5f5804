public import ShishiCore

/// Who is adopted in a round, under the manifest's rules: the pure decision, from counts alone.
///
/// A candidate passes when its yes votes exceed half of the majority base (no threshold when the
/// base is `none`). Passing candidates are ranked by yes votes and adopted up to the seats. When
/// candidates tie across the last seat, the tied ones go to a run-off for the seats left; when
/// fewer than the seats pass, the remaining seats go to a second round or stay vacant.
public struct SeatAllocation: Sendable, Equatable, Codable {
    /// How a candidate came out of the round.
    public enum Status: String, Sendable, Codable {
        /// Adopted in this round.
        case adopted
        /// Tied across the last seat: goes to the run-off.
        case runOff = "run-off"
        /// Passed the threshold but ranked below the seats.
        case outranked
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

    /// The candidates adopted, in rank order (most yes first; ballot order among equals).
    public var adopted: [String]
    /// The tied candidates that go to a run-off.
    public var runOff: [String]
    /// The seats the run-off or second round fills.
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

    /// Decides the round. `yes` lists each candidate's yes votes in ballot order.
    public init(yes: [(id: String, votes: Int)], seats: Int, base: MajorityBase, baseCount: Int, shortfall: ShortfallRule) {
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

        if passing.count > seats, passing[seats].votes == passing[seats - 1].votes {
            let tied = passing[seats - 1].votes
            adopted = passing.filter { $0.votes > tied }.map(\.id)
            runOff = passing.filter { $0.votes == tied }.map(\.id)
            openSeats = seats - adopted.count
            vacant = 0
            next = .runOff
        } else {
            adopted = passing.prefix(seats).map(\.id)
            runOff = []
            let shortfallSeats = seats - adopted.count
            switch (shortfallSeats, shortfall) {
            case (0, _):
                openSeats = 0
                vacant = 0
                next = .none
            case (_, .secondRound):
                openSeats = shortfallSeats
                vacant = 0
                next = .secondRound
            case (_, .leaveVacant):
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
