public import GRDB

/// A problem a resident described from a project's public page: pending until the office reviews
/// it; accepted, it becomes a complaint on the project (channel 民生码).
public struct PublicReportRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "publicReport"
    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// What the resident wrote.
    public var text: String
    /// When it came in (ISO 8601, UTC).
    public var at: String
    /// `pending`, `accepted` or `rejected`.
    public var status: String
    /// The account that reviewed it.
    public var reviewedBy: String?
    /// When it was reviewed.
    public var reviewedAt: String?
    /// The complaint it became, once accepted.
    public var hotlineComplaintId: Int64?
    /// The resident's reference number (受理编号, ``ReferenceNumber``).
    public var reference: String?

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, text: String, at: String, status: String, reference: String? = nil) {
        self.id = id
        self.projectId = projectId
        self.text = text
        self.at = at
        self.status = status
        self.reference = reference
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension PublicReportRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `status`.
        public static let status = Column(CodingKeys.status)
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `reference`.
        public static let reference = Column(CodingKeys.reference)
    }
}
