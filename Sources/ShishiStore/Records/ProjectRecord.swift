public import GRDB

/// An adopted livelihood project (民生实事项目) under implementation.
public struct ProjectRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "project"
    /// The row id: the project's number in the workspace.
    public var id: Int64?
    /// The vote it was adopted in.
    public var voteId: Int64
    /// Its candidate id on the ballot.
    public var candidateId: String
    /// Its title.
    public var title: String
    /// Its English title.
    public var titleEn: String?
    /// Its rank in the vote (1 = most yes votes).
    public var rank: Int
    /// Its yes votes.
    public var yes: Int
    /// The responsible department (责任单位).
    public var department: String?
    /// The lead official.
    public var lead: String?
    /// The budget, in yuan.
    public var budget: Int?
    /// The targets.
    public var targets: String?
    /// When the project was accepted as done (验收), if it was.
    public var acceptedAt: String?

    /// Creates a record.
    public init(id: Int64? = nil, voteId: Int64, candidateId: String, title: String, titleEn: String?, rank: Int, yes: Int, department: String?) {
        self.id = id
        self.voteId = voteId
        self.candidateId = candidateId
        self.title = title
        self.titleEn = titleEn
        self.rank = rank
        self.yes = yes
        self.department = department
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The vote it came from.
    public static let vote = belongsTo(VoteRecord.self)
    /// Its milestones.
    public static let milestones = hasMany(MilestoneRecord.self)
    /// Its progress reports.
    public static let progressReports = hasMany(ProgressReportRecord.self)
}

extension ProjectRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `voteId`.
        public static let voteId = Column(CodingKeys.voteId)
        /// `candidateId`.
        public static let candidateId = Column(CodingKeys.candidateId)
        /// `title`.
        public static let title = Column(CodingKeys.title)
        /// `titleEn`.
        public static let titleEn = Column(CodingKeys.titleEn)
        /// `rank`.
        public static let rank = Column(CodingKeys.rank)
        /// `yes`.
        public static let yes = Column(CodingKeys.yes)
        /// `department`.
        public static let department = Column(CodingKeys.department)
        /// `lead`.
        public static let lead = Column(CodingKeys.lead)
        /// `budget`.
        public static let budget = Column(CodingKeys.budget)
        /// `targets`.
        public static let targets = Column(CodingKeys.targets)
        /// `acceptedAt`.
        public static let acceptedAt = Column(CodingKeys.acceptedAt)
    }
}
