public import GRDB

/// An earlier version of a progress report, kept when its department corrected it: what the
/// report said before, who corrected it, when, and why. The report itself holds the latest version.
public struct ProgressCorrectionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "progressCorrection"
    /// The row id.
    public var id: Int64?
    /// The report corrected.
    public var progressReportId: Int64
    /// Percent done, as the report said before.
    public var percent: Int
    /// Money spent, as the report said before.
    public var spent: Int?
    /// What was done, as the report said before.
    public var narrative: String
    /// When it was corrected (the audit entry's time).
    public var correctedAt: String
    /// The account that corrected it.
    public var correctedBy: String
    /// Why.
    public var reason: String

    /// Creates a record.
    public init(
        id: Int64? = nil, progressReportId: Int64, percent: Int, spent: Int?, narrative: String, correctedAt: String, correctedBy: String, reason: String
    ) {
        self.id = id
        self.progressReportId = progressReportId
        self.percent = percent
        self.spent = spent
        self.narrative = narrative
        self.correctedAt = correctedAt
        self.correctedBy = correctedBy
        self.reason = reason
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
