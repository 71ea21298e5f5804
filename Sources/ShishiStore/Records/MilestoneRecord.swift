public import GRDB

/// A milestone of a project: a title, a planned date and a weight in the project's plan.
public struct MilestoneRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "milestone"
    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// The title.
    public var title: String
    /// The planned date (YYYY-MM-DD).
    public var due: String
    /// The weight in the plan.
    public var weight: Int
    /// When it was done (YYYY-MM-DD), if it was.
    public var doneAt: String?
    /// How it is known to be done (the acceptance, the handover), as whoever marked it wrote it.
    public var evidence: String?

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, title: String, due: String, weight: Int, doneAt: String? = nil, evidence: String? = nil) {
        self.id = id
        self.projectId = projectId
        self.title = title
        self.due = due
        self.weight = weight
        self.doneAt = doneAt
        self.evidence = evidence
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension MilestoneRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `title`.
        public static let title = Column(CodingKeys.title)
        /// `due`.
        public static let due = Column(CodingKeys.due)
        /// `weight`.
        public static let weight = Column(CodingKeys.weight)
        /// `doneAt`.
        public static let doneAt = Column(CodingKeys.doneAt)
        /// `evidence`.
        public static let evidence = Column(CodingKeys.evidence)
    }
}
