public import GRDB

/// A 12345 hotline complaint (工单), linked to a project when one matches.
public struct HotlineComplaintRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "hotlineComplaint"
    /// The row id.
    public var id: Int64?
    /// The hotline's own record id (工单编号): a complaint is imported once.
    public var recordId: String
    /// The date (YYYY-MM-DD).
    public var date: String
    /// The category.
    public var category: String
    /// The complaint's text.
    public var text: String
    /// The project it concerns, if any.
    public var projectId: Int64?
    /// The file it came from.
    public var source: String

    /// Creates a record.
    public init(id: Int64? = nil, recordId: String, date: String, category: String, text: String, projectId: Int64?, source: String) {
        self.id = id
        self.recordId = recordId
        self.date = date
        self.category = category
        self.text = text
        self.projectId = projectId
        self.source = source
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension HotlineComplaintRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `recordId`.
        public static let recordId = Column(CodingKeys.recordId)
        /// `date`.
        public static let date = Column(CodingKeys.date)
        /// `category`.
        public static let category = Column(CodingKeys.category)
        /// `text`.
        public static let text = Column(CodingKeys.text)
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `source`.
        public static let source = Column(CodingKeys.source)
    }
}
