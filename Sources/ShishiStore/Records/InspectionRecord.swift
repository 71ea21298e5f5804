public import GRDB

/// An inspection (视察) of a project by a deputy group.
public struct InspectionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "inspection"
    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// The date (YYYY-MM-DD).
    public var date: String
    /// Who inspected.
    public var inspectors: String
    /// What they found.
    public var findings: String

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, date: String, inspectors: String, findings: String) {
        self.id = id
        self.projectId = projectId
        self.date = date
        self.inspectors = inspectors
        self.findings = findings
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension InspectionRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `date`.
        public static let date = Column(CodingKeys.date)
        /// `inspectors`.
        public static let inspectors = Column(CodingKeys.inspectors)
        /// `findings`.
        public static let findings = Column(CodingKeys.findings)
    }
}
