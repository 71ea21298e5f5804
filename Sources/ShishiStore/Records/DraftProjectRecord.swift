public import GRDB

/// A draft project (草案): the suggestions about one thing, merged, with a title of its own.
public struct DraftProjectRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "draftProject"
    /// The row id.
    public var id: Int64?
    /// The call it belongs to.
    public var collectionCallId: Int64
    /// Its title.
    public var title: String
    /// What it would do.
    public var text: String
    /// When it was made (ISO 8601, UTC).
    public var createdAt: String

    /// Creates a record.
    public init(id: Int64? = nil, collectionCallId: Int64, title: String, text: String, createdAt: String) {
        self.id = id
        self.collectionCallId = collectionCallId
        self.title = title
        self.text = text
        self.createdAt = createdAt
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DraftProjectRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `collectionCallId`.
        public static let collectionCallId = Column(CodingKeys.collectionCallId)
    }
}
