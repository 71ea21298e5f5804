public import GRDB

/// An adopted livelihood project (民生实事项目) under implementation.
public struct ProjectRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
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

/// A milestone of a project: a title, a planned date and a weight in the project's plan.
public struct MilestoneRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "milestone"
    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// The title.
    public var title: String
    /// The planned date (YYYY-MM-DD).
    public var due: String
    /// The weight in the plan.
    public var weight: Int
    /// When it was done (YYYY-MM-DD), if it was.
    public var doneAt: String?

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, title: String, due: String, weight: Int, doneAt: String? = nil) {
        self.id = id
        self.projectId = projectId
        self.title = title
        self.due = due
        self.weight = weight
        self.doneAt = doneAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A progress report: on a date, how far the project is done and what it has spent.
public struct ProgressReportRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "progressReport"
    /// The row id.
    public var id: Int64?
    /// The project.
    public var projectId: Int64
    /// The date (YYYY-MM-DD).
    public var date: String
    /// Percent done, 0 to 100.
    public var percent: Int
    /// Money spent so far, in yuan.
    public var spent: Int?
    /// What was done.
    public var narrative: String

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, date: String, percent: Int, spent: Int?, narrative: String) {
        self.id = id
        self.projectId = projectId
        self.date = date
        self.percent = percent
        self.spent = spent
        self.narrative = narrative
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
