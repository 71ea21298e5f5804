public import GRDB

/// One source of ratings in one year (the standing committee, a public survey, an online poll…),
/// with its weight in the combined score and its points for each rating.
public struct ScoreSourceRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "scoreSource"

    /// When in the year a source rates.
    public enum Stage: String, Codable, Sendable, CaseIterable {
        /// The year-end evaluation.
        case regular
        /// A new rating of projects on the look-back list (回头看), after rectification.
        case lookBack = "look-back"
    }
    /// The row id.
    public var id: Int64?
    /// The evaluation year.
    public var year: Int
    /// The source's name.
    public var name: String
    /// Its weight.
    public var weight: Double
    /// How many could rate (the grading base); `nil` for sources that are not graded (surveys).
    public var evaluators: Int?
    /// Points for 满意.
    public var satisfiedPoints: Double
    /// Points for 基本满意.
    public var basicallyPoints: Double
    /// Points for 不满意.
    public var unsatisfiedPoints: Double
    /// The file the counts came from (a CSV file, or the evaluation round's folder).
    public var file: String
    /// The year-end evaluation or a look-back rating.
    public var stage: Stage
    /// The evaluation round's vote hash, when the counts come from a verified round.
    public var voteHash: String?
    /// The hash of that round's result payload.
    public var resultHash: String?
    /// The round's grading base (`evaluators` or `cast`), when it set one.
    public var gradingBase: String?
    /// The round's grading share (`1/2`), when it set one.
    public var gradingShare: String?

    /// Creates a record.
    public init(
        id: Int64? = nil, year: Int, name: String, weight: Double, evaluators: Int?, satisfiedPoints: Double, basicallyPoints: Double,
        unsatisfiedPoints: Double, file: String,
        stage: Stage = .regular, voteHash: String? = nil, resultHash: String? = nil, gradingBase: String? = nil, gradingShare: String? = nil
    ) {
        self.id = id
        self.year = year
        self.name = name
        self.weight = weight
        self.evaluators = evaluators
        self.satisfiedPoints = satisfiedPoints
        self.basicallyPoints = basicallyPoints
        self.unsatisfiedPoints = unsatisfiedPoints
        self.file = file
        self.stage = stage
        self.voteHash = voteHash
        self.resultHash = resultHash
        self.gradingBase = gradingBase
        self.gradingShare = gradingShare
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ScoreSourceRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `year`.
        public static let year = Column(CodingKeys.year)
        /// `name`.
        public static let name = Column(CodingKeys.name)
        /// `weight`.
        public static let weight = Column(CodingKeys.weight)
        /// `evaluators`.
        public static let evaluators = Column(CodingKeys.evaluators)
        /// `satisfiedPoints`.
        public static let satisfiedPoints = Column(CodingKeys.satisfiedPoints)
        /// `basicallyPoints`.
        public static let basicallyPoints = Column(CodingKeys.basicallyPoints)
        /// `unsatisfiedPoints`.
        public static let unsatisfiedPoints = Column(CodingKeys.unsatisfiedPoints)
        /// `file`.
        public static let file = Column(CodingKeys.file)
        /// `stage`.
        public static let stage = Column(CodingKeys.stage)
        /// `voteHash`.
        public static let voteHash = Column(CodingKeys.voteHash)
        /// `resultHash`.
        public static let resultHash = Column(CodingKeys.resultHash)
        /// `gradingBase`.
        public static let gradingBase = Column(CodingKeys.gradingBase)
        /// `gradingShare`.
        public static let gradingShare = Column(CodingKeys.gradingShare)
    }
}
