public import GRDB

/// A draft project on the shortlist published for comment (征求意见).
public struct ShortlistEntryRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "shortlistEntry"
    /// The row id.
    public var id: Int64?
    /// The draft.
    public var draftProjectId: Int64
    /// Its place on the shortlist, from 1.
    public var position: Int
    /// When the shortlist was published (ISO 8601, UTC).
    public var publishedAt: String
    /// The last day comments are taken (YYYY-MM-DD).
    public var commentsUntil: String

    /// Creates a record.
    public init(id: Int64? = nil, draftProjectId: Int64, position: Int, publishedAt: String, commentsUntil: String) {
        self.id = id
        self.draftProjectId = draftProjectId
        self.position = position
        self.publishedAt = publishedAt
        self.commentsUntil = commentsUntil
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ShortlistEntryRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `draftProjectId`.
        public static let draftProjectId = Column(CodingKeys.draftProjectId)
        /// `position`.
        public static let position = Column(CodingKeys.position)
    }
}
