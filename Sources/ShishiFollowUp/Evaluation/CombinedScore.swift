import ShishiCore

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
            throw ShishiError(.scoreBadWeights, zh: "权重应为非负数，且至少有一个大于零。", en: "Weights must not be negative, and at least one must be positive.")
        }
        let scored = parts.filter { $0.score != nil && $0.weight > 0 }
        let weight = scored.reduce(0) { $0 + $1.weight }
        guard weight > 0 else { return nil }
        return scored.reduce(0) { $0 + $1.weight * $1.score! } / weight
    }
}
