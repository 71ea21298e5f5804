/// The grading rule for a project's evaluation (测评等次), configurable, with the common rule as default.
///
/// Common rule: satisfied > half of all evaluators → 满意; else satisfied + basically satisfied >
/// half → 基本满意; else 不满意. The base may instead be the ratings cast.
public struct GradingRule: Sendable, Codable, Hashable {
    /// What "half" is half of.
    public enum Base: String, Sendable, Codable, CaseIterable {
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
        let (atLeastBasically, overflow) = counts.satisfied.addingReportingOverflow(counts.basicallySatisfied)
        if share.isExceeded(by: overflow ? Int.max : atLeastBasically, of: total) { return .basicallySatisfied }
        return .unsatisfied
    }
}
