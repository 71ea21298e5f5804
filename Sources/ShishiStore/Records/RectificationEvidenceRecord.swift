public import GRDB

/// A file given as evidence of a rectification (a photo of the repaired site, a signed
/// acceptance), stored by the SHA-256 of its bytes in the workspace's file store, as progress
/// reports' attachments are.
public struct RectificationEvidenceRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "rectificationEvidence"
    /// The row id.
    public var id: Int64?
    /// The rectification.
    public var rectificationId: Int64
    /// The file's name as given.
    public var name: String
    /// The SHA-256 of its bytes, lowercase hex: its name in the file store.
    public var sha256: String
    /// Its size in bytes.
    public var size: Int
    /// When it was given.
    public var attachedAt: String

    /// Creates a record.
    public init(id: Int64? = nil, rectificationId: Int64, name: String, sha256: String, size: Int, attachedAt: String) {
        self.id = id
        self.rectificationId = rectificationId
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

extension RectificationEvidenceRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `rectificationId`.
        public static let rectificationId = Column(CodingKeys.rectificationId)
        /// `sha256`.
        public static let sha256 = Column(CodingKeys.sha256)
    }
}
