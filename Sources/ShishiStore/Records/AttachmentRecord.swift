public import GRDB

/// A file attached to a progress report (a photo, an acceptance sheet, a contract), stored by the
/// SHA-256 of its bytes in the workspace's file store, so the same file is kept once and a changed
/// file can never pass for the one attached.
public struct AttachmentRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "attachment"
    /// The row id.
    public var id: Int64?
    /// The progress report.
    public var progressReportId: Int64
    /// The file's name as attached.
    public var name: String
    /// The SHA-256 of its bytes, lowercase hex: its name in the file store.
    public var sha256: String
    /// Its size in bytes.
    public var size: Int
    /// When it was attached.
    public var attachedAt: String

    /// Creates a record.
    public init(id: Int64? = nil, progressReportId: Int64, name: String, sha256: String, size: Int, attachedAt: String) {
        self.id = id
        self.progressReportId = progressReportId
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.attachedAt = attachedAt
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension AttachmentRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `progressReportId`.
        public static let progressReportId = Column(CodingKeys.progressReportId)
        /// `name`.
        public static let name = Column(CodingKeys.name)
        /// `sha256`.
        public static let sha256 = Column(CodingKeys.sha256)
        /// `size`.
        public static let size = Column(CodingKeys.size)
        /// `attachedAt`.
        public static let attachedAt = Column(CodingKeys.attachedAt)
    }
}
