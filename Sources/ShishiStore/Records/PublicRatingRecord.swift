public import GRDB

/// A resident's rating of a project from its public page (民生码): one per device, project and year.
public struct PublicRatingRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "publicRating"
    /// The row id.
    public var id: Int64?
    /// The project rated.
    public var projectId: Int64
    /// The year of the rating.
    public var year: Int
    /// `satisfied`, `basically-satisfied` or `unsatisfied`.
    public var rating: String
    /// The SHA-256 of the device's cookie id (hex): nothing else about the device is kept.
    public var device: String
    /// When (ISO 8601, UTC).
    public var at: String

    /// Creates a record.
    public init(id: Int64? = nil, projectId: Int64, year: Int, rating: String, device: String, at: String) {
        self.id = id
        self.projectId = projectId
        self.year = year
        self.rating = rating
        self.device = device
        self.at = at
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension PublicRatingRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `projectId`.
        public static let projectId = Column(CodingKeys.projectId)
        /// `year`.
        public static let year = Column(CodingKeys.year)
    }
}
