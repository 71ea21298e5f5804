public import GRDB

/// An answer to a resident's accepted report, from the project's department or the office, kept
/// in order beside the others: the resident reads them by the report's reference number.
public struct PublicReportAnswerRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "publicReportAnswer"
    /// The row id.
    public var id: Int64?
    /// The report answered.
    public var publicReportId: Int64
    /// What the answer says.
    public var text: String
    /// The account that answered.
    public var answeredBy: String
    /// When (ISO 8601, UTC).
    public var answeredAt: String

    /// Creates a record.
    public init(id: Int64? = nil, publicReportId: Int64, text: String, answeredBy: String, answeredAt: String) {
        self.id = id
        self.publicReportId = publicReportId
        self.text = text
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension PublicReportAnswerRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `publicReportId`.
        public static let publicReportId = Column(CodingKeys.publicReportId)
    }
}
