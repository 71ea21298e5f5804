public import GRDB

/// An adopted vote: the result a set of projects came from, as verified at adoption.
public struct VoteRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static let databaseTableName = "vote"
    /// The row id.
    public var id: Int64?
    /// The vote's manifest hash.
    public var voteHash: String
    /// The vote's title.
    public var title: String
    /// The session.
    public var session: String?
    /// The round the result belongs to.
    public var round: Int
    /// The vote folder it was adopted from.
    public var folder: String
    /// The hash of the result's exact payload bytes.
    public var resultHash: String
    /// The result's ballot-box digest.
    public var boxDigest: String
    /// The scrutineers who signed the result.
    public var signers: String
    /// When it was adopted.
    public var adoptedAt: String

    /// Creates a record.
    public init(
        id: Int64? = nil, voteHash: String, title: String, session: String?, round: Int, folder: String, resultHash: String, boxDigest: String, signers: String,
        adoptedAt: String
    ) {
        self.id = id
        self.voteHash = voteHash
        self.title = title
        self.session = session
        self.round = round
        self.folder = folder
        self.resultHash = resultHash
        self.boxDigest = boxDigest
        self.signers = signers
        self.adoptedAt = adoptedAt
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The vote's projects.
    public static let projects = hasMany(ProjectRecord.self)
}

extension VoteRecord {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `voteHash`.
        public static let voteHash = Column(CodingKeys.voteHash)
        /// `title`.
        public static let title = Column(CodingKeys.title)
        /// `session`.
        public static let session = Column(CodingKeys.session)
        /// `round`.
        public static let round = Column(CodingKeys.round)
        /// `folder`.
        public static let folder = Column(CodingKeys.folder)
        /// `resultHash`.
        public static let resultHash = Column(CodingKeys.resultHash)
        /// `boxDigest`.
        public static let boxDigest = Column(CodingKeys.boxDigest)
        /// `signers`.
        public static let signers = Column(CodingKeys.signers)
        /// `adoptedAt`.
        public static let adoptedAt = Column(CodingKeys.adoptedAt)
    }
}
