import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

extension RectificationRecord.Status {
    /// The status in words.
    public var title: Text {
        switch self {
        case .open: Text("待整改", "open")
        case .inProgress: Text("整改中", "in progress")
        case .rectified: Text("已整改，待小组核实", "rectified, waiting for the group's check")
        case .closed: Text("已销号", "closed")
        }
    }

    /// Whether the department still owes the rectification (open or in progress): only then can
    /// its deadline pass.
    public var awaitsDepartment: Bool { self == .open || self == .inProgress }
}

extension YearAccount {
    /// Whether the account may inspect `project` and check its rectifications: the office, or a
    /// member of the project's monitoring group.
    public func mayInspect(_ project: Int64, groups: [GroupMemberRecord]) -> Bool {
        role == .secretariat || (role == .member && groups.contains { $0.projectId == project && $0.deputyId == deputyId })
    }
}

extension Workspace {
    /// A group member (or the office) files an inspection of `project` with the problems found,
    /// each with its responsibility and deadline: ``addInspection(project:date:inspectors:findings:problems:)``
    /// with the account's deputy as the inspector.
    @discardableResult
    public func fileInspection(
        by account: YearAccount, project: Int64, date: String, findings: String, problems: [(problem: String, responsible: String, deadline: String)],
        photos: [FileContents] = []
    ) throws -> (InspectionRecord, [RectificationRecord]) {
        let groups = try groupMembers(project: project)
        guard account.mayInspect(project, groups: groups) else {
            throw ShishiError(
                .accessDenied, zh: "只有项目 \(project) 的代表小组成员可以填报视察。", en: "Only members of project \(project)'s monitoring group can file its inspections.")
        }
        let inspector = groups.first { $0.deputyId == account.deputyId }.map { "\($0.name)（\($0.deputyId)）" } ?? account.name
        guard !findings.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !problems.isEmpty else {
            throw ShishiError(.inspectionEmpty, zh: "请写明视察发现或问题。", en: "Write what the inspection found, or the problems.")
        }
        return try addInspection(project: project, date: date, inspectors: inspector, findings: findings, problems: problems, photos: photos)
    }

    /// The project's department (or the office) answers problem `id`: a reply (in progress) or
    /// the rectification done (waiting for the group's check), with `text` saying what was done
    /// and `files` as its evidence (stored by hash, recorded in the same transaction).
    public func answerRectification(_ id: Int64, by account: YearAccount, rectified: Bool, text: String, files: [FileContents] = []) throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ShishiError(.rectificationNoResolution, zh: "请写明答复或整改情况。", en: "Write the reply, or what was rectified.")
        }
        // Rights first: a refused answer stores none of its files.
        _ = try read { db in try Self.requireAnswerable(id, by: account, db) }
        let stored = files.isEmpty ? [] : try store(files)
        try write { db, audit in
            var record = try Self.requireAnswerable(id, by: account, db)
            record.status = rectified ? .rectified : .inProgress
            record.resolution = text
            try record.update(db)
            let evidence = try Self.recordEvidence(stored, rectification: record, db, at: audit.at)
            try audit.record(
                "rectification.\(record.status.rawValue)", subject: "project:\(record.projectId)",
                detail: AnswerDetail(rectification: record, evidence: evidence))
        }
    }

    struct AnswerDetail: Encodable {
        var rectification: RectificationRecord
        var evidence: [RectificationEvidenceRecord]
    }

    /// Records stored files as evidence of `rectification`, refusing one it already has.
    static func recordEvidence(
        _ stored: [(name: String, data: Data, hash: String)], rectification: RectificationRecord, _ db: Database, at: String
    ) throws -> [RectificationEvidenceRecord] {
        try recordFiles(stored, owner: rectification.id!, at: at, db) { name in
            ShishiError(
                .attachmentAlready, zh: "\(name) 已作为整改事项 \(rectification.id!) 的佐证提交过。",
                en: "\(name) has already been given as evidence of rectification \(rectification.id!).")
        }
    }

    /// A piece of evidence, the project it concerns, and how its stored copy stands.
    public struct StoredEvidence: Sendable, Codable {
        /// The evidence.
        public var evidence: RectificationEvidenceRecord
        /// The project.
        public var projectId: Int64
        /// The stored copy.
        public var state: StoredState
    }

    /// Every piece of evidence (of `project`, if given), each with its stored copy checked
    /// against its hash, as ``attachments(project:)`` checks reports' files.
    public func storedEvidence(project: Int64? = nil) throws -> [StoredEvidence] {
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rectificationEvidence.*, rectification.projectId AS evidenceProject FROM rectificationEvidence
                    JOIN rectification ON rectification.id = rectificationEvidence.rectificationId
                    \(project == nil ? "" : "WHERE rectification.projectId = ?") ORDER BY rectificationEvidence.id
                    """, arguments: StatementArguments(project.map { [$0] } ?? [])
            )
            .map { row in (try RectificationEvidenceRecord(row: row), row["evidenceProject"] as Int64) }
        }
        return rows.map { evidence, projectId in StoredEvidence(evidence: evidence, projectId: projectId, state: storedState(evidence.sha256)) }
    }

    /// The photos of project `project`'s inspections, by inspection, in the order given.
    public func inspectionPhotos(project: Int64) throws -> [Int64: [InspectionPhotoRecord]] {
        try storedFiles(InspectionFiles.self, project: project)
    }

    /// The evidence files of project `project`'s rectifications, by rectification, in the order given.
    public func rectificationEvidence(project: Int64) throws -> [Int64: [RectificationEvidenceRecord]] {
        try storedFiles(RectificationFiles.self, project: project)
    }

    /// The monitoring group (or the office) checks rectified problem `id`: closes it on `date`, or
    /// sends it back to the department (open again) with `note` saying why.
    public func checkRectification(_ id: Int64, by account: YearAccount, close: Bool, note: String, date: String) throws {
        try Dates.require(date, field: Text("日期", "date"))
        let groups = try allGroupMembers()
        try write { db, audit in
            var record = try Self.requireRectification(id, db)
            guard account.mayInspect(record.projectId, groups: groups) else {
                throw ShishiError(
                    .accessDenied, zh: "只有项目 \(record.projectId) 的代表小组成员可以核实整改。",
                    en: "Only members of project \(record.projectId)'s monitoring group can check its rectifications.")
            }
            guard record.status == .rectified else {
                throw ShishiError(
                    .rectificationClosed, zh: "整改事项 \(id) 现为“\(record.status.title.zh)”：责任单位报告已整改后才能核实。",
                    en: "Rectification \(id) is \(record.status.title.en): it is checked once the department reports it rectified.")
            }
            let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
            if close {
                record.status = .closed
                record.closedAt = date
                if !note.isEmpty { record.resolution = (record.resolution ?? "") + " · " + note }
            } else {
                guard !note.isEmpty else {
                    throw ShishiError(.rectificationNoResolution, zh: "退回须写明理由。", en: "Sending it back needs the reason.")
                }
                record.status = .open
                record.resolution = Text("退回：\(note)", "sent back: \(note)").zh
            }
            try record.update(db)
            try audit.record(close ? "rectification.closed" : "rectification.sentBack", subject: "project:\(record.projectId)", detail: record)
        }
    }

    /// The rectification `id` when `account` may answer it now: an account of its project's
    /// department, while it awaits the department.
    static func requireAnswerable(_ id: Int64, by account: YearAccount, _ db: Database) throws -> RectificationRecord {
        let record = try Self.requireRectification(id, db)
        guard let project = try ProjectRecord.fetchOne(db, key: record.projectId) else {
            throw ShishiError(.projectMissing, zh: "项目不存在。", en: "No such project.")
        }
        try account.requireReport(on: project)
        guard record.status.awaitsDepartment else {
            throw ShishiError(
                .rectificationClosed, zh: "整改事项 \(id) 现为“\(record.status.title.zh)”，不再由责任单位答复。",
                en: "Rectification \(id) is \(record.status.title.en): the department no longer answers it.")
        }
        return record
    }

    static func requireRectification(_ id: Int64, _ db: Database) throws -> RectificationRecord {
        guard let record = try RectificationRecord.fetchOne(db, key: id) else {
            throw ShishiError(.rectificationMissing, zh: "没有编号为 \(id) 的整改事项。", en: "There is no rectification \(id).")
        }
        return record
    }
}
