public import GRDB

/// A suggestion a resident sent through the public site: pending until the office reviews it;
/// accepted, it becomes a suggestion of the call.
public struct PublicSuggestionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "publicSuggestion"
    /// The row id.
    public var id: Int64?
    /// The call it was sent to.
    public var collectionCallId: Int64
    /// Its title.
    public var title: String
    /// Its text.
    public var text: String
    /// The district it concerns, if given.
    public var district: String?
    /// When it came in (ISO 8601, UTC).
    public var at: String
    /// `pending`, `accepted` or `rejected`.
    public var status: String
    /// The account that reviewed it.
    public var reviewedBy: String?
    /// When it was reviewed.
    public var reviewedAt: String?
    /// The suggestion it became, once accepted.
    public var suggestionId: Int64?

    /// Creates a record.
    public init(id: Int64? = nil, collectionCallId: Int64, title: String, text: String, district: String?, at: String, status: String) {
        self.id = id
        self.collectionCallId = collectionCallId
        self.title = title
        self.text = text
        self.district = district
        self.at = at
        self.status = status
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension PublicSuggestionRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `collectionCallId`.
        public static let collectionCallId = Column(CodingKeys.collectionCallId)
        /// `status`.
        public static let status = Column(CodingKeys.status)
    }
}
