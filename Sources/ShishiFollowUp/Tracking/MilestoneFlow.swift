import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// A project's milestones as its department and the office keep them: marked done with a date and
/// what shows it (a note, files), and moved to another date only while they are still ahead.
/// Every change is in the audit log under the account that made it.
extension Workspace {
    /// Marks milestone `id` done on `date`, with `evidence` (how it is known: the acceptance, the
    /// handover) and `files` showing it, stored by their SHA-256 in the same transaction.
    /// `account`, when given (the year's pages), must be the office or the project's department;
    /// a milestone done already is refused, saying when.
    public func completeMilestone(_ id: Int64, on date: String, by account: YearAccount? = nil, evidence: String = "", files: [FileContents] = []) throws {
        try Dates.require(date, field: Text("完成日期", "date done"))
        // Rights first: a refused mark stores none of its files.
        _ = try read { db in try Self.requireOpenMilestone(id, by: account, db) }
        let stored = files.isEmpty ? [] : try store(files)
        let note = evidence.trimmingCharacters(in: .whitespacesAndNewlines)
        try write { db, audit in
            var milestone = try Self.requireOpenMilestone(id, by: account, db)
            milestone.doneAt = date
            milestone.evidence = note.isEmpty ? nil : note
            try milestone.update(db)
            let records: [MilestoneEvidenceRecord] = try Self.recordFiles(stored, owner: id, at: audit.at, db) { name in
                ShishiError(.attachmentAlready, zh: "\(name) 重复提交了两次。", en: "\(name) was given twice.")
            }
            try audit.record("milestone.done", subject: "project:\(milestone.projectId)", detail: DoneDetail(milestone: milestone, files: records))
        }
    }

    struct DoneDetail: Encodable {
        var milestone: MilestoneRecord
        var files: [MilestoneEvidenceRecord]
    }

    /// Moves milestone `id` to `due`, while it is neither done nor past its date on `today`: a
    /// milestone once overdue stays overdue on the record (the audit log keeps both dates).
    public func rescheduleMilestone(_ id: Int64, due: String, today: String, by account: YearAccount? = nil) throws {
        try Dates.require(due, field: Text("计划完成日期", "due date"))
        try write { db, audit in
            var milestone = try Self.requireOpenMilestone(id, by: account, db)
            guard milestone.due >= today else {
                throw ShishiError(
                    .milestoneDue,
                    zh: "节点“\(milestone.title)”应于 \(milestone.due) 完成，已经逾期：逾期的节点不能改期，请如实标记完成日期。",
                    en:
                        "Milestone “\(milestone.title)” was due on \(milestone.due) and is overdue: an overdue milestone keeps its date; mark it done when it is."
                )
            }
            guard due != milestone.due else { return }
            let before = milestone.due
            milestone.due = due
            try milestone.update(db)
            try audit.record("milestone.move", subject: "project:\(milestone.projectId)", detail: MoveDetail(milestone: milestone, before: before))
        }
    }

    struct MoveDetail: Encodable {
        var milestone: MilestoneRecord
        var before: String
    }

    /// The milestone, not done yet, that `account` (when given) may change.
    static func requireOpenMilestone(_ id: Int64, by account: YearAccount?, _ db: Database) throws -> MilestoneRecord {
        guard let milestone = try MilestoneRecord.fetchOne(db, key: id) else {
            throw ShishiError(.milestoneMissing, zh: "没有编号为 \(id) 的里程碑。", en: "There is no milestone \(id).")
        }
        if let account, let project = try ProjectRecord.fetchOne(db, key: milestone.projectId) {
            try account.requireReport(on: project)
        }
        if let done = milestone.doneAt {
            throw ShishiError(
                .milestoneAlreadyDone, zh: "节点“\(milestone.title)”已于 \(done) 标记完成。",
                en: "Milestone “\(milestone.title)” was marked done on \(done) already.")
        }
        return milestone
    }

    /// Milestone `id`, if there is one.
    public func milestone(_ id: Int64) throws -> MilestoneRecord? {
        try read { db in try MilestoneRecord.fetchOne(db, key: id) }
    }

    /// The files showing each of a project's milestones done, by milestone.
    public func milestoneEvidence(project: Int64) throws -> [Int64: [MilestoneEvidenceRecord]] {
        try storedFiles(MilestoneFiles.self, project: project)
    }
}
