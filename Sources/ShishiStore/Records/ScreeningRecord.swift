public import GRDB

/// One screening of a draft project by the government: the latest one stands, every one is kept.
public struct ScreeningRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "screening"
    /// The row id.
    public var id: Int64?
    /// The draft screened.
    public var draftProjectId: Int64
    /// The responsible department proposed.
    public var department: String?
    /// The estimated cost (an amount, as decimal text).
    public var cost: String?
    /// Whether it is feasible.
    public var feasible: Bool
    /// Whether it can be finished within the year.
    public var finishable: Bool
    /// The breadth of benefit (population, districts).
    public var benefit: String?
    /// A note.
    public var note: String?
    /// Whether it passed.
    public var passed: Bool
    /// Why it did not pass (or a remark when it did).
    public var reason: String?
    /// When (ISO 8601, UTC).
    public var screenedAt: String

    /// Creates a record.
    public init(
        id: Int64? = nil, draftProjectId: Int64, department: String? = nil, cost: String? = nil, feasible: Bool, finishable: Bool, benefit: String? = nil,
        note: String? = nil, passed: Bool, reason: String? = nil, screenedAt: String
    ) {
        self.id = id
        self.draftProjectId = draftProjectId
        self.department = department
        self.cost = cost
        self.feasible = feasible
        self.finishable = finishable
        self.benefit = benefit
        self.note = note
        self.passed = passed
        self.reason = reason
        self.screenedAt = screenedAt
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ScreeningRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `draftProjectId`.
        public static let draftProjectId = Column(CodingKeys.draftProjectId)
    }
}
