public import GRDB

/// A progress report: on a date, how far the project is done and what it has spent.
public struct ProgressReportRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "progressReport"
    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// The date (YYYY-MM-DD).
    public var date: String
    /// Percent done, 0 to 100.
    public var percent: Int
    /// Money spent so far, in yuan.
    public var spent: Int?
    /// What was done.
    public var narrative: String

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, date: String, percent: Int, spent: Int?, narrative: String) {
        self.id = id
        self.projectId = projectId
        self.date = date
        self.percent = percent
        self.spent = spent
        self.narrative = narrative
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ProgressReportRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `date`.
        public static let date = Column(CodingKeys.date)
        /// `percent`.
        public static let percent = Column(CodingKeys.percent)
        /// `spent`.
        public static let spent = Column(CodingKeys.spent)
        /// `narrative`.
        public static let narrative = Column(CodingKeys.narrative)
    }
}
