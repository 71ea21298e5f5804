public import GRDB

/// A year's call for suggestions (征集): open until a date, for a number of seats if known.
public struct CollectionCallRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "collectionCall"
    /// The row id.
    public var id: Int64?
    /// The year whose projects the call collects (one call a year).
    public var year: Int
    /// The last day suggestions are taken (YYYY-MM-DD).
    public var until: String
    /// The seats the vote will fill, when already known.
    public var seats: Int?
    /// When the call was opened (ISO 8601, UTC).
    public var openedAt: String

    /// Creates a record.
    public init(id: Int64? = nil, year: Int, until: String, seats: Int?, openedAt: String) {
        self.id = id
        self.year = year
        self.until = until
        self.seats = seats
        self.openedAt = openedAt
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension CollectionCallRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `year`.
        public static let year = Column(CodingKeys.year)
    }
}
