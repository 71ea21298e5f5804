public import GRDB

/// A suggestion taken in by a year's call: a deputy's suggestion (代表建议), a resident's, a
/// department's proposal, a hotline topic or a project carried over from the year before.
public struct SuggestionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "suggestion"
    /// The row id: the suggestion's number.
    public var id: Int64?
    /// The call it answers.
    public var collectionCallId: Int64
    /// Its id in the file it was imported from (a file loads once), if any.
    public var reference: String?
    /// A short title.
    public var title: String
    /// The text as submitted.
    public var text: String
    /// Where it came from: `deputy`, `public`, `department`, `hotline` or `carried-over`.
    public var source: String
    /// Who proposed it, in words, when not deputies (a resident, a department).
    public var proposer: String?
    /// The district (区县) it concerns, if given.
    public var district: String?
    /// Its category, if given.
    public var category: String?
    /// The date it was received (YYYY-MM-DD).
    public var received: String
    /// For a hotline topic, the complaints behind it.
    public var complaints: Int?
    /// The draft project it was merged into, if it was.
    public var draftProjectId: Int64?
    /// Why it was declined, if it was: its proposer sees the reason.
    public var declinedReason: String?
    /// When it was declined (ISO 8601, UTC).
    public var declinedAt: String?

    /// Creates a record.
    public init(
        id: Int64? = nil, collectionCallId: Int64, reference: String?, title: String, text: String, source: String, proposer: String?, district: String?,
        category: String?, received: String, complaints: Int? = nil
    ) {
        self.id = id
        self.collectionCallId = collectionCallId
        self.reference = reference
        self.title = title
        self.text = text
        self.source = source
        self.proposer = proposer
        self.district = district
        self.category = category
        self.received = received
        self.complaints = complaints
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension SuggestionRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `collectionCallId`.
        public static let collectionCallId = Column(CodingKeys.collectionCallId)
        /// `reference`.
        public static let reference = Column(CodingKeys.reference)
        /// `draftProjectId`.
        public static let draftProjectId = Column(CodingKeys.draftProjectId)
    }
}
