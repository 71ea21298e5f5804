public import ShishiCore
public import ShishiStore

// What an evaluation reads back (``Scores/evaluate(year:in:rule:)``): each source's view of a
// project, the project's combined score and grade, and the departments to review.
extension Scores {
    /// One source's view of a project.
    public struct SourceResult: Sendable, Codable {
        /// The source.
        public var source: String
        /// Its weight.
        public var weight: Double
        /// The counts.
        public var counts: RatingCounts
        /// The score out of 100.
        public var score: Double?
        /// The grade, for graded sources (those with a number of evaluators).
        public var grade: Rating?
        /// (satisfied + basically) / cast.
        public var satisfactionRate: Double
        /// The year-end evaluation, or a look-back rating.
        public var stage: ScoreSourceRecord.Stage
        /// Sub-items rated beside the project (not graded), in the order rated.
        public var items: [ItemResult]
    }

    /// One sub-item's ratings.
    public struct ItemResult: Sendable, Codable, Equatable {
        /// The sub-item's name.
        public var item: String
        /// The counts.
        public var counts: RatingCounts
        /// (satisfied + basically) / cast.
        public var satisfactionRate: Double
    }

    /// A project's evaluation in a year.
    public struct ProjectEvaluation: Sendable, Codable {
        /// The project.
        public var project: ProjectRecord
        /// Each source.
        public var sources: [SourceResult]
        /// The weighted combined score.
        public var combined: Double?
        /// The grade: that of the heaviest graded year-end source.
        public var grade: Rating?
        /// Whether it goes on the look-back list (graded 不满意).
        public var lookBack: Bool
        /// The grade of the look-back rating after rectification (the heaviest graded look-back
        /// source), when there has been one. The year-end grade stays beside it: both are history.
        public var lookBackGrade: Rating?

        /// The grade that stands: the look-back grade when the project was rated again, else the year-end grade.
        public var standingGrade: Rating? { lookBackGrade ?? grade }

        /// How many ratings the combined score stands on: those of the year-end sources that scored the project.
        public var ratingsBehind: Int {
            sources.filter { $0.stage == .regular && $0.score != nil }.reduce(0) { $0 + $1.counts.cast }
        }

        /// The combined score as people read it, with the ratings behind it and, below
        /// ``Scores/fewRatings``, the warning that it says little ("100.0（2 份评价，样本过少）").
        public func combinedText(_ language: Language) -> String? {
            guard let combined else { return nil }
            let score = String(format: "%.1f", combined)
            let count = ratingsBehind
            return count < Scores.fewRatings
                ? Text("\(score)（\(count) 份评价，样本过少，仅供参考）", "\(score) (\(count, noun: "rating"): too few to mean much)")(language)
                : Text("\(score)（\(count) 份评价）", "\(score) (\(count, noun: "rating"))")(language)
        }
    }

    /// Fewer ratings than this behind a score, and the score is shown as a thin sample: two
    /// residents' ratings make a score of 100 that means little.
    public static let fewRatings = 30

    /// A department below 60 two years running: called to a special review.
    public struct DepartmentFlag: Sendable, Codable, Equatable {
        /// The department.
        public var department: String
        /// Its mean combined score this year.
        public var score: Double
        /// And the year before.
        public var previous: Double

        /// Creates a flag.
        public init(department: String, score: Double, previous: Double) {
            self.department = department
            self.score = score
            self.previous = previous
        }
    }
}
