public import GRDB

/// A deputy on the roster of an adopted vote: the workspace's own copy of the vote's roster, so
/// that monitoring groups are formed without reopening the vote folder.
public struct RosterDeputyRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "rosterDeputy"
    /// The row id.
    public var id: Int64?
    /// The vote whose roster it is.
    public var voteId: Int64
    /// The deputy's roster id.
    public var deputyId: String
    /// The deputy's name.
    public var name: String
    /// The delegation (代表团), if the roster gives one.
    public var deputyGroup: String?

    /// Creates a record.
    public init(id: Int64? = nil, voteId: Int64, deputyId: String, name: String, deputyGroup: String?) {
        self.id = id
        self.voteId = voteId
        self.deputyId = deputyId
        self.name = name
        self.deputyGroup = deputyGroup
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension RosterDeputyRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `voteId`.
        public static let voteId = Column(CodingKeys.voteId)
        /// `deputyId`.
        public static let deputyId = Column(CodingKeys.deputyId)
        /// `name`.
        public static let name = Column(CodingKeys.name)
        /// `deputyGroup`.
        public static let deputyGroup = Column(CodingKeys.deputyGroup)
    }
}
