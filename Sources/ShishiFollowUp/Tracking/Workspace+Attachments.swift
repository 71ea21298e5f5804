public import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

extension Workspace {
    /// How an attached file stands in the file store.
    public enum StoredState: String, Sendable, Codable {
        /// Present, and its bytes hash to the recorded SHA-256.
        case intact
        /// Not in the file store.
        case missing
        /// Present, but its bytes no longer hash to the recorded SHA-256.
        case altered

        /// The state in words, as the file checks print it.
        public var title: Text {
            switch self {
            case .intact: Text("完好", "intact")
            case .missing: Text("缺失", "MISSING")
            case .altered: Text("已被改动", "ALTERED")
            }
        }
    }

    /// An attachment, the report it belongs to, and how its stored copy stands.
    public struct StoredAttachment: Sendable, Codable {
        /// The attachment.
        public var attachment: AttachmentRecord
        /// The project.
        public var projectId: Int64
        /// The report's date.
        public var date: String
        /// The stored copy.
        public var state: StoredState
    }

    /// A file to attach: its name as given and its bytes.
    public struct FileContents: Sendable {
        /// The name as the user gave it; only its last path component is kept.
        public var name: String
        /// The bytes.
        public var data: Data

        /// Creates a file to attach.
        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }

        /// The name kept: the last component of the given path (a name like `../../etc/passwd`
        /// is kept as `passwd`), without control characters, at most 200 characters.
        var keptName: String {
            let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
            let plain = String(last.unicodeScalars.filter { $0.properties.generalCategory != .control }.map(Character.init)).prefix(200)
            return plain.isEmpty || plain == "." || plain == ".." ? "file" : String(plain)
        }
    }

    /// Attaches files to the progress report of `project` on `date`: each is copied into the file
    /// store under its SHA-256 (once, however often attached) and recorded, all in one audited
    /// transaction. A file already attached to that report is refused, as is a store whose copy
    /// of the same hash has been altered.
    @discardableResult
    public func attach(_ files: [URL], project: Int64, date: String) throws -> [AttachmentRecord] {
        try attach(contents: try files.map { FileContents(name: $0.lastPathComponent, data: try FileAccess.read($0)) }, project: project, date: date)
    }

    /// Attaches files given by their contents (uploaded from a page) to the progress report of
    /// `project` on `date`, as ``attach(_:project:date:)`` does.
    @discardableResult
    public func attach(contents files: [FileContents], project: Int64, date: String) throws -> [AttachmentRecord] {
        try Dates.require(date, field: "--date")
        let read = try store(files)
        return try write { db, audit in
            guard
                let report = try ProgressReportRecord.filter(ProgressReportRecord.Columns.projectId == project && ProgressReportRecord.Columns.date == date)
                    .fetchOne(db)
            else {
                try Self.requireProject(project, db)
                throw ShishiError(
                    .attachmentNoReport,
                    zh: "项目 \(project) 在 \(date) 没有进度报告：先用 shishi progress add 记录进度，再附加文件。",
                    en: "Project \(project) has no progress report for \(date): record it with shishi progress add first, then attach files."
                )
            }
            return try Self.record(read, report: report, project: project, date: date, db, audit)
        }
    }

    /// Records a progress report with the files that go with it (a page's report form), in one
    /// transaction: the report and its attachments are written together or not at all.
    @discardableResult
    public func addProgress(
        project: Int64, date: String, percent: Int, spent: Int?, narrative: String, files: [FileContents]
    ) throws -> (report: ProgressReportRecord, attachments: [AttachmentRecord]) {
        try Self.checkProgress(date: date, percent: percent)
        let read = files.isEmpty ? [] : try store(files)
        return try write { db, audit in
            let report = try Self.insertProgress(project: project, date: date, percent: percent, spent: spent, narrative: narrative, db, audit)
            return (report, read.isEmpty ? [] : try Self.record(read, report: report, project: project, date: date, db, audit))
        }
    }

    /// Copies files into the store under their SHA-256, refusing none given, the same content
    /// twice and an altered stored copy. A copy the transaction then does not record is harmless
    /// (it is named by its content); a record without its copy could not be.
    func store(_ files: [FileContents]) throws -> [(name: String, data: Data, hash: String)] {
        guard let store = filesFolder else {
            throw ShishiError(.attachmentNoStore, zh: "这个工作库没有文件目录，不能附加文件。", en: "This workspace has no file store: files cannot be attached.")
        }
        guard !files.isEmpty else {
            throw ShishiError(.attachmentNone, zh: "请给出要附加的文件。", en: "Name the files to attach.")
        }
        let read = files.map { ($0.keptName, $0.data, HashAlgorithm.sha256.digest($0.data).hex) }
        if let twice = Dictionary(grouping: read, by: \.2).values.first(where: { $0.count > 1 }) {
            throw ShishiError(
                .attachmentTwice, zh: "\(twice.map(\.0).joined(separator: "、")) 内容相同：同一文件只需附加一次。",
                en: "\(twice.map(\.0).joined(separator: ", ")) have the same content: attach a file once.")
        }
        for file in read {
            let url = Self.storedURL(file.2, in: store)
            if let existing = try? Data(contentsOf: url) {
                guard HashAlgorithm.sha256.digest(existing).hex == file.2 else {
                    throw ShishiError(
                        .attachmentStoreAltered,
                        zh: "文件库中 \(url.path) 的内容已被改动，与其哈希不符：请先查明原因（shishi progress files），shishi 不会覆盖它。",
                        en:
                            "The stored copy \(url.path) has been altered and no longer matches its hash: find out why first (shishi progress files); shishi will not overwrite it."
                    )
                }
                continue
            }
            try FileAccess.create(url, data: file.1, mode: 0o444)
        }
        return read.map { (name: $0.0, data: $0.1, hash: $0.2) }
    }

    /// Records stored files as attachments of `report`, with one audit entry.
    /// Records the files `stored` (already in the file store) as `owner`'s (a report, a
    /// rectification, a milestone, an inspection), at `at`; a file given to the same owner twice
    /// is refused with `already`'s words for it, and nothing of the transaction stays.
    static func recordFiles<Owner: StoredFileOwner>(
        _ stored: [(name: String, data: Data, hash: String)], owner: Int64, at: String, _ db: Database, already: (String) -> ShishiError
    ) throws -> [StoredFileRecord<Owner>] {
        try stored.map { file in
            var record = StoredFileRecord<Owner>(ownerId: owner, name: file.name, sha256: file.hash, size: file.data.count, attachedAt: at)
            do {
                try record.insert(db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw already(file.name)
            }
            return record
        }
    }

    private static func record(
        _ read: [(name: String, data: Data, hash: String)], report: ProgressReportRecord, project: Int64, date: String, _ db: Database, _ audit: AuditTrail
    ) throws -> [AttachmentRecord] {
        let records: [AttachmentRecord] = try recordFiles(read, owner: report.id!, at: audit.at, db) { name in
            ShishiError(
                .attachmentAlready, zh: "\(name) 已附加在项目 \(project) \(date) 的进度报告上。",
                en: "\(name) is already attached to project \(project)'s report of \(date).")
        }
        try audit.record("progress.attach", subject: "project:\(project)", detail: records)
        return records
    }

    /// Every attachment (of `project`, if given), each with its stored copy checked against its hash.
    public func attachments(project: Int64? = nil) throws -> [StoredAttachment] {
        try attachedFiles(project: project).map { attachment, projectId, date in
            StoredAttachment(attachment: attachment, projectId: projectId, date: date, state: storedState(attachment.sha256))
        }
    }

    /// How the file store's copy of the file whose SHA-256 is `hex` stands: the one check of a
    /// stored file, for reports' attachments and rectifications' evidence alike.
    func storedState(_ hex: String) -> StoredState {
        guard let store = filesFolder, let data = try? Data(contentsOf: Self.storedURL(hex, in: store)) else { return .missing }
        return HashAlgorithm.sha256.digest(data).hex == hex ? .intact : .altered
    }

    /// The attachments (of `project`, if given) as recorded, each with its project and report
    /// date, without reading the stored copies (a page lists them; serving one checks it).
    public func attachedFiles(project: Int64? = nil) throws -> [(attachment: AttachmentRecord, projectId: Int64, date: String)] {
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT attachment.*, progressReport.projectId AS reportProject, progressReport.date AS reportDate
                    FROM attachment JOIN progressReport ON progressReport.id = attachment.progressReportId
                    \(project == nil ? "" : "WHERE progressReport.projectId = ?")
                    ORDER BY progressReport.projectId, progressReport.date, attachment.id
                    """, arguments: StatementArguments(project.map { [$0] } ?? [])
            )
            .map { row in (try AttachmentRecord(row: row), row["reportProject"] as Int64, row["reportDate"] as String) }
        }
        return rows.map { (attachment: $0.0, projectId: $0.1, date: $0.2) }
    }

    /// The stored files of one kind (a report's, a rectification's, a milestone's) of `project`'s
    /// rows, by the row they belong to, in the order they were stored.
    public func storedFiles<Owner: StoredFileOwner>(_ kind: Owner.Type, project: Int64) throws -> [Int64: [StoredFileRecord<Owner>]] {
        let records = try read { db in
            try StoredFileRecord<Owner>.fetchAll(
                db,
                sql: """
                    SELECT files.* FROM \(Owner.table) AS files JOIN \(Owner.ownerTable) AS owner ON owner.id = files.\(Owner.ownerColumn)
                    WHERE owner.projectId = ? ORDER BY files.id
                    """, arguments: [project])
        }
        return Dictionary(grouping: records, by: \.ownerId)
    }

    /// The bytes of the attached file whose SHA-256 is `hex`, and its recorded name, when some
    /// report, rectification or milestone has it and its stored copy still hashes to it; `nil` otherwise.
    public func attachedFile(sha256 hex: String) throws -> (name: String, data: Data)? {
        guard let store = filesFolder,
            let name = try read({ db in
                try String.fetchOne(
                    db,
                    sql: """
                        SELECT name FROM (SELECT name, 0 AS kind, id FROM attachment WHERE sha256 = ?
                                          UNION ALL SELECT name, 1 AS kind, id FROM rectificationEvidence WHERE sha256 = ?
                                          UNION ALL SELECT name, 2 AS kind, id FROM milestoneEvidence WHERE sha256 = ?
                                          UNION ALL SELECT name, 3 AS kind, id FROM inspectionPhoto WHERE sha256 = ?)
                        ORDER BY kind, id LIMIT 1
                        """, arguments: [hex, hex, hex, hex])
            }),
            let data = try? Data(contentsOf: Self.storedURL(hex, in: store)), HashAlgorithm.sha256.digest(data).hex == hex
        else { return nil }
        return (name, data)
    }

    /// Where the file store keeps the file whose SHA-256 is `hex`.
    public static func storedURL(_ hex: String, in store: URL) -> URL {
        store.appendingPathComponent("sha256").appendingPathComponent(String(hex.prefix(2))).appendingPathComponent(hex)
    }
}
