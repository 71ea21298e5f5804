public import ShishiCore

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
public struct RatingCounts: Sendable, Codable, Equatable {
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

    /// Ratings cast.
    public var cast: Int { satisfied + basicallySatisfied + unsatisfied }

    /// The satisfaction rate: (satisfied + basically satisfied) / ratings cast, 0 when none were cast.
    public var satisfactionRate: Double {
        cast == 0 ? 0 : Double(satisfied + basicallySatisfied) / Double(cast)
    }
}

/// The grading rule for a project's evaluation (测评等次), configurable, with the common rule as default.
///
/// Common rule: satisfied > half of all evaluators → 满意; else satisfied + basically satisfied >
/// half → 基本满意; else 不满意. The base may instead be the ratings cast.
public struct GradingRule: Sendable, Codable, Equatable {
    /// What "half" is half of.
    public enum Base: String, Sendable, Codable {
        /// All evaluators on the roster (the default).
        case evaluators
        /// The ratings cast.
        case cast
    }

    /// The base.
    public var base: Base
    /// The share that must be exceeded (1/2 by default).
    public var share: Fraction

    /// Creates a rule; the defaults are the common rule.
    public init(base: Base = .evaluators, share: Fraction = Fraction(1, 2)) {
        self.base = base
        self.share = share
    }

    /// The grade of `counts` when `evaluators` people could rate.
    public func grade(_ counts: RatingCounts, evaluators: Int) -> Rating {
        let total = base == .evaluators ? evaluators : counts.cast
        if share.isExceeded(by: counts.satisfied, of: total) { return .satisfied }
        if share.isExceeded(by: counts.satisfied + counts.basicallySatisfied, of: total) { return .basicallySatisfied }
        return .unsatisfied
    }
}

/// Points for each rating, to turn counts into a score out of 100.
public struct PointsMapping: Sendable, Codable, Equatable {
    /// Points for 满意.
    public var satisfied: Double
    /// Points for 基本满意.
    public var basicallySatisfied: Double
    /// Points for 不满意.
    public var unsatisfied: Double

    /// Creates a mapping; the default is 100 / 80 / 50.
    public init(satisfied: Double = 100, basicallySatisfied: Double = 80, unsatisfied: Double = 50) {
        self.satisfied = satisfied
        self.basicallySatisfied = basicallySatisfied
        self.unsatisfied = unsatisfied
    }

    /// The mean points of `counts`, or `nil` when no rating was cast.
    public func score(_ counts: RatingCounts) -> Double? {
        guard counts.cast > 0 else { return nil }
        return (Double(counts.satisfied) * satisfied + Double(counts.basicallySatisfied) * basicallySatisfied + Double(counts.unsatisfied) * unsatisfied) / Double(counts.cast)
    }
}

/// Scores from several sources combined with weights (e.g. survey 60, officials 30, online 10).
public enum CombinedScore {
    /// One source's score and weight.
    public struct Part: Sendable, Equatable {
        /// The source's name.
        public var source: String
        /// Its weight.
        public var weight: Double
        /// Its score out of 100, or `nil` when it has none for this project.
        public var score: Double?

        /// Creates a part.
        public init(source: String, weight: Double, score: Double?) {
            self.source = source
            self.weight = weight
            self.score = score
        }
    }

    /// The weighted mean of the parts that have a score, re-weighted over those; `nil` when none has.
    ///
    /// A source missing for a project does not count as zero: its weight is spread over the others,
    /// and the report says which sources were missing.
    public static func combine(_ parts: [Part]) throws -> Double? {
        guard parts.allSatisfy({ $0.weight >= 0 }), parts.contains(where: { $0.weight > 0 }) else {
            throw ShishiError("score.badWeights", zh: "权重应为非负数，且至少有一个大于零。", en: "Weights must not be negative, and at least one must be positive.")
        }
        let scored = parts.filter { $0.score != nil && $0.weight > 0 }
        let weight = scored.reduce(0) { $0 + $1.weight }
        guard weight > 0 else { return nil }
        return scored.reduce(0) { $0 + $1.weight * $1.score! } / weight
    }
}
