public import GRDB

/// A member of a project's deputy monitoring group (代表小组), from the vote's roster.
public struct GroupMemberRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "groupMember"
    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// The deputy's roster id.
    public var deputyId: String
    /// The deputy's name.
    public var name: String
    /// A deputy's place in the group.
    public enum Role: String, Codable, Sendable, DatabaseValueConvertible {
        /// 组长: leads the group.
        case leader
        /// 组员.
        case member
    }

    /// Leader or member.
    public var role: Role

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, deputyId: String, name: String, role: Role) {
        self.id = id
        self.projectId = projectId
        self.deputyId = deputyId
        self.name = name
        self.role = role
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension GroupMemberRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `deputyId`.
        public static let deputyId = Column(CodingKeys.deputyId)
        /// `name`.
        public static let name = Column(CodingKeys.name)
        /// `role`.
        public static let role = Column(CodingKeys.role)
    }
}
