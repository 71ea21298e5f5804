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

    /// Ratings cast.
    public var cast: Int { satisfied + basicallySatisfied + unsatisfied }

    /// The satisfaction rate: (satisfied + basically satisfied) / ratings cast, 0 when none were cast.
    public var satisfactionRate: Double {
        cast == 0 ? 0 : Double(satisfied + basicallySatisfied) / Double(cast)
    }
}
