public import GRDB

/// A comment on a shortlisted draft project: for, against, or an opinion.
public struct DraftCommentRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "draftComment"
    /// The row id.
    public var id: Int64?
    /// The draft.
    public var draftProjectId: Int64
    /// `support`, `oppose` or `opinion`.
    public var stance: String
    /// What it says.
    public var text: String
    /// The date received (YYYY-MM-DD).
    public var received: String
    /// The SHA-256 of the commenting device's cookie id (hex), for a comment from the public page:
    /// one stance per device and draft. `nil` for comments the office took in.
    public var device: String?

    /// Creates a record.
    public init(id: Int64? = nil, draftProjectId: Int64, stance: String, text: String, received: String, device: String? = nil) {
        self.id = id
        self.draftProjectId = draftProjectId
        self.stance = stance
        self.text = text
        self.received = received
        self.device = device
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DraftCommentRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `draftProjectId`.
        public static let draftProjectId = Column(CodingKeys.draftProjectId)
        /// `device`.
        public static let device = Column(CodingKeys.device)
    }
}
