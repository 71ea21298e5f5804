public import GRDB

/// A problem found, whose responsibility, and its rectification through to closed
/// (the problem / responsibility / rectification ledgers: 问题、责任、整改清单).
public struct RectificationRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "rectification"

    /// Where a rectification stands.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Found, not yet worked on.
        case open
        /// Being rectified (the department has answered).
        case inProgress = "in-progress"
        /// Rectified by the department, waiting for the monitoring group to check it.
        case rectified
        /// Rectified and closed.
        case closed
    }

    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// The inspection that found it, if any.
    public var inspectionId: Int64?
    /// The problem.
    public var problem: String
    /// Who is responsible for rectifying it.
    public var responsible: String
    /// The rectification deadline (YYYY-MM-DD).
    public var deadline: String
    /// Open, in progress or closed.
    public var status: Status
    /// When it was closed.
    public var closedAt: String?
    /// How it was resolved.
    public var resolution: String?
    /// The evaluation year whose look-back (回头看) opened it, for look-back rectification tasks.
    public var lookBackYear: Int?

    /// Creates a record.
    public init(
        id: Int64? = nil, projectId: Int64, inspectionId: Int64?, problem: String, responsible: String, deadline: String, status: Status = .open,
        lookBackYear: Int? = nil
    ) {
        self.id = id
        self.projectId = projectId
        self.inspectionId = inspectionId
        self.problem = problem
        self.responsible = responsible
        self.deadline = deadline
        self.status = status
        self.lookBackYear = lookBackYear
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension RectificationRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `inspectionId`.
        public static let inspectionId = Column(CodingKeys.inspectionId)
        /// `problem`.
        public static let problem = Column(CodingKeys.problem)
        /// `responsible`.
        public static let responsible = Column(CodingKeys.responsible)
        /// `deadline`.
        public static let deadline = Column(CodingKeys.deadline)
        /// `status`.
        public static let status = Column(CodingKeys.status)
        /// `closedAt`.
        public static let closedAt = Column(CodingKeys.closedAt)
        /// `resolution`.
        public static let resolution = Column(CodingKeys.resolution)
        /// `lookBackYear`.
        public static let lookBackYear = Column(CodingKeys.lookBackYear)
    }
}
