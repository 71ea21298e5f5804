public import GRDB

/// What a stored file is attached to: a progress report (its photos, acceptance sheets,
/// contracts), a rectification or a milestone (their evidence). Each has a table of its own.
public protocol StoredFileOwner: Sendable {
    /// The table of its files.
    static var table: String { get }
    /// The column naming the owner's row.
    static var ownerColumn: String { get }
    /// The owner's table (its rows name their project in `projectId`).
    static var ownerTable: String { get }
}

/// A file attached to something of the year, stored by the SHA-256 of its bytes in the
/// workspace's file store, so the same file is kept once and a changed file can never pass for
/// the one attached. ``AttachmentRecord``, ``RectificationEvidenceRecord`` and
/// ``MilestoneEvidenceRecord`` are its kinds.
public struct StoredFileRecord<Owner: StoredFileOwner>: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    /// The table's name in the workspace database.
    public static var databaseTableName: String { Owner.table }
    /// The row id.
    public var id: Int64?
    /// The row of what it is attached to (``StoredFileOwner/ownerColumn``).
    public var ownerId: Int64
    /// The file's name as attached.
    public var name: String
    /// The SHA-256 of its bytes, lowercase hex: its name in the file store.
    public var sha256: String
    /// Its size in bytes.
    public var size: Int
    /// When it was attached.
    public var attachedAt: String

    /// Creates a record.
    public init(id: Int64? = nil, ownerId: Int64, name: String, sha256: String, size: Int, attachedAt: String) {
        self.id = id
        self.ownerId = ownerId
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.attachedAt = attachedAt
    }

    /// A column's name as the coding key (the owner's column differs by kind).
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes the record as its columns name it (a row, or an audit entry's detail).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        id = try container.decodeIfPresent(Int64.self, forKey: Key("id"))
        ownerId = try container.decode(Int64.self, forKey: Key(Owner.ownerColumn))
        name = try container.decode(String.self, forKey: Key("name"))
        sha256 = try container.decode(String.self, forKey: Key("sha256"))
        size = try container.decode(Int.self, forKey: Key("size"))
        attachedAt = try container.decode(String.self, forKey: Key("attachedAt"))
    }

    /// Encodes the record as its columns name it (a row, or an audit entry's detail).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(id, forKey: Key("id"))
        try container.encode(ownerId, forKey: Key(Owner.ownerColumn))
        try container.encode(name, forKey: Key("name"))
        try container.encode(sha256, forKey: Key("sha256"))
        try container.encode(size, forKey: Key("size"))
        try container.encode(attachedAt, forKey: Key("attachedAt"))
    }

    /// Keeps the row id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Files attached to a progress report (table `attachment`).
public enum ProgressReportFiles: StoredFileOwner {
    /// `attachment`.
    public static let table = "attachment"
    /// `progressReportId`.
    public static let ownerColumn = "progressReportId"
    /// `progressReport`.
    public static let ownerTable = "progressReport"
}

/// Files given as evidence of a rectification (a photo of the repaired site, a signed
/// acceptance; table `rectificationEvidence`).
public enum RectificationFiles: StoredFileOwner {
    /// `rectificationEvidence`.
    public static let table = "rectificationEvidence"
    /// `rectificationId`.
    public static let ownerColumn = "rectificationId"
    /// `rectification`.
    public static let ownerTable = "rectification"
}

/// Files showing a milestone done (a signed acceptance sheet, a photo of the handover; table
/// `milestoneEvidence`).
public enum MilestoneFiles: StoredFileOwner {
    /// `milestoneEvidence`.
    public static let table = "milestoneEvidence"
    /// `milestoneId`.
    public static let ownerColumn = "milestoneId"
    /// `milestone`.
    public static let ownerTable = "milestone"
}

/// Photos a monitoring group took on an inspection (table `inspectionPhoto`).
public enum InspectionFiles: StoredFileOwner {
    /// `inspectionPhoto`.
    public static let table = "inspectionPhoto"
    /// `inspectionId`.
    public static let ownerColumn = "inspectionId"
    /// `inspection`.
    public static let ownerTable = "inspection"
}

/// A file attached to a progress report.
public typealias AttachmentRecord = StoredFileRecord<ProgressReportFiles>
/// A file given as evidence of a rectification.
public typealias RectificationEvidenceRecord = StoredFileRecord<RectificationFiles>
/// A file showing a milestone done.
public typealias MilestoneEvidenceRecord = StoredFileRecord<MilestoneFiles>
/// A photo taken on an inspection.
public typealias InspectionPhotoRecord = StoredFileRecord<InspectionFiles>

extension StoredFileRecord where Owner == ProgressReportFiles {
    /// The progress report.
    public var progressReportId: Int64 { ownerId }

    /// Creates a record of a file attached to progress report `progressReportId`.
    public init(progressReportId: Int64, name: String, sha256: String, size: Int, attachedAt: String) {
        self.init(ownerId: progressReportId, name: name, sha256: sha256, size: size, attachedAt: attachedAt)
    }
}

extension StoredFileRecord where Owner == RectificationFiles {
    /// The rectification.
    public var rectificationId: Int64 { ownerId }

    /// Creates a record of a file given as evidence of rectification `rectificationId`.
    public init(rectificationId: Int64, name: String, sha256: String, size: Int, attachedAt: String) {
        self.init(ownerId: rectificationId, name: name, sha256: sha256, size: size, attachedAt: attachedAt)
    }
}
