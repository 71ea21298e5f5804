public import GRDB

/// An account of the year's web pages: the congress office (secretariat), a responsible
/// department, or a member of a deputy monitoring group. The password is kept only as a bcrypt hash.
public struct AccountRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "account"
    /// The row id.
    public var id: Int64?
    /// The login name.
    public var name: String
    /// `secretariat`, `department` or `member`.
    public var role: String
    /// For a department account, the department it acts for (as projects name it).
    public var department: String?
    /// For a group member, the deputy's roster id.
    public var deputyId: String?
    /// The bcrypt hash of the password.
    public var passwordHash: String
    /// When the account was made (ISO 8601, UTC).
    public var createdAt: String
    /// Whether the password is a first one the office handed out, to be changed at the first sign-in.
    public var mustChangePassword: Bool
    /// When the account was disabled, if it is.
    public var disabledAt: String?

    /// Creates a record.
    public init(
        id: Int64? = nil, name: String, role: String, department: String?, deputyId: String?, passwordHash: String, createdAt: String,
        mustChangePassword: Bool = false, disabledAt: String? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.department = department
        self.deputyId = deputyId
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.mustChangePassword = mustChangePassword
        self.disabledAt = disabledAt
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension AccountRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `name`.
        public static let name = Column(CodingKeys.name)
    }
}
