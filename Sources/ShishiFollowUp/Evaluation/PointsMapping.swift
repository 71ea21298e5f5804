public import ShishiCore

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
        return (Double(counts.satisfied) * satisfied + Double(counts.basicallySatisfied) * basicallySatisfied + Double(counts.unsatisfied) * unsatisfied)
            / Double(counts.cast)
    }
}
