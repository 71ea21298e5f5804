public import GRDB

/// A member of a project's deputy monitoring group (代表小组), from the vote's roster.
public struct GroupMemberRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "groupMember"
    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// The deputy's roster id.
    public var deputyId: String
    /// The deputy's name.
    public var name: String
    /// `leader` or `member`.
    public var role: String

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, deputyId: String, name: String, role: String) {
        self.id = id
        self.projectId = projectId
        self.deputyId = deputyId
        self.name = name
        self.role = role
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
