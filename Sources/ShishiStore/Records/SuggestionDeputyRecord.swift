public import GRDB

/// A deputy behind a suggestion: its proposer, or a co-signer.
public struct SuggestionDeputyRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "suggestionDeputy"
    /// The row id.
    public var id: Int64?
    /// The suggestion.
    public var suggestionId: Int64
    /// The deputy's roster id.
    public var deputyId: String
    /// The deputy's name, as the roster gives it.
    public var name: String
    /// Whether the deputy co-signed rather than proposed it.
    public var cosigner: Bool

    /// Creates a record.
    public init(id: Int64? = nil, suggestionId: Int64, deputyId: String, name: String, cosigner: Bool) {
        self.id = id
        self.suggestionId = suggestionId
        self.deputyId = deputyId
        self.name = name
        self.cosigner = cosigner
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension SuggestionDeputyRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `suggestionId`.
        public static let suggestionId = Column(CodingKeys.suggestionId)
    }
}
