/// A rating of a project: 满意 / 基本满意 / 不满意.
public enum Rating: String, Sendable, Codable, CaseIterable {
    /// 满意.
    case satisfied
    /// 基本满意.
    case basicallySatisfied = "basically-satisfied"
    /// 不满意.
    case unsatisfied

    /// The rating in words.
    public var title: Text {
        switch self {
        case .satisfied: Text("满意", "satisfied")
        case .basicallySatisfied: Text("基本满意", "basically satisfied")
        case .unsatisfied: Text("不满意", "unsatisfied")
        }
    }
}

/// How many ratings of each kind a project received from one source.
public struct RatingCounts: Sendable, Codable, Hashable {
    /// 满意.
    public var satisfied: Int
    /// 基本满意.
    public var basicallySatisfied: Int
    /// 不满意.
    public var unsatisfied: Int

    /// Creates counts.
    public init(satisfied: Int, basicallySatisfied: Int, unsatisfied: Int) {
        self.satisfied = satisfied
        self.basicallySatisfied = basicallySatisfied
        self.unsatisfied = unsatisfied
    }

    /// No ratings at all.
    public static let empty = RatingCounts(satisfied: 0, basicallySatisfied: 0, unsatisfied: 0)

    /// The most ratings of one kind a source may report: sums of three such counts, and their
    /// doubles in the grading rule, can never overflow.
    public static let maximum = 100_000_000

    /// Whether every count lies between 0 and ``maximum``.
    public var isWithinLimits: Bool {
        [satisfied, basicallySatisfied, unsatisfied].allSatisfy { (0...Self.maximum).contains($0) }
    }

    /// Ratings cast (at most `Int.max`, for counts read from an older workspace beyond the limits).
    public var cast: Int {
        let (partial, first) = satisfied.addingReportingOverflow(basicallySatisfied)
        let (sum, second) = partial.addingReportingOverflow(unsatisfied)
        return first || second ? Int.max : sum
    }

    /// The satisfaction rate: (satisfied + basically satisfied) / ratings cast, 0 when none were cast.
    public var satisfactionRate: Double {
        cast == 0 ? 0 : (Double(satisfied) + Double(basicallySatisfied)) / Double(cast)
    }
}
