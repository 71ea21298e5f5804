public import Foundation
public import GRDB

/// The presidium's final candidate list of a call, as the signed file it was issued as.
public struct CandidateListRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "candidateList"
    /// The row id.
    public var id: Int64?
    /// The call.
    public var collectionCallId: Int64
    /// The hash of the list's exact payload bytes.
    public var hash: String
    /// The signed file's bytes.
    public var envelope: Data
    /// When it was fixed (ISO 8601, UTC).
    public var fixedAt: String

    /// Creates a record.
    public init(id: Int64? = nil, collectionCallId: Int64, hash: String, envelope: Data, fixedAt: String) {
        self.id = id
        self.collectionCallId = collectionCallId
        self.hash = hash
        self.envelope = envelope
        self.fixedAt = fixedAt
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension CandidateListRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `collectionCallId`.
        public static let collectionCallId = Column(CodingKeys.collectionCallId)
    }
}
