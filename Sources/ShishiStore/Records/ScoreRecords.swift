public import GRDB

/// One source of ratings in one year (the standing committee, a public survey, an online poll…),
/// with its weight in the combined score and its points for each rating.
public struct ScoreSourceRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scoreSource"
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
    /// The file the counts came from.
    public var file: String

    /// Creates a record.
    public init(id: Int64? = nil, year: Int, name: String, weight: Double, evaluators: Int?, satisfiedPoints: Double, basicallyPoints: Double, unsatisfiedPoints: Double, file: String) {
        self.id = id
        self.year = year
        self.name = name
        self.weight = weight
        self.evaluators = evaluators
        self.satisfiedPoints = satisfiedPoints
        self.basicallyPoints = basicallyPoints
        self.unsatisfiedPoints = unsatisfiedPoints
        self.file = file
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A project's rating counts from one source.
public struct RatingCountRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ratingCount"
    /// The row id.
    public var id: Int64?
    /// The source.
    public var scoreSourceId: Int64
    /// The project.
    public var projectId: Int64
    /// 满意.
    public var satisfied: Int
    /// 基本满意.
    public var basically: Int
    /// 不满意.
    public var unsatisfied: Int

    /// Creates a record.
    public init(id: Int64? = nil, scoreSourceId: Int64, projectId: Int64, satisfied: Int, basically: Int, unsatisfied: Int) {
        self.id = id
        self.scoreSourceId = scoreSourceId
        self.projectId = projectId
        self.satisfied = satisfied
        self.basically = basically
        self.unsatisfied = unsatisfied
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
