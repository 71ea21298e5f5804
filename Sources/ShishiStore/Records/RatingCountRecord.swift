public import GRDB

/// A project's rating counts from one source.
public struct RatingCountRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
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

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension RatingCountRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `scoreSourceId`.
        public static let scoreSourceId = Column(CodingKeys.scoreSourceId)
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `satisfied`.
        public static let satisfied = Column(CodingKeys.satisfied)
        /// `basically`.
        public static let basically = Column(CodingKeys.basically)
        /// `unsatisfied`.
        public static let unsatisfied = Column(CodingKeys.unsatisfied)
    }
}
