import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

extension PublicFeedback {
    /// A resident's report with every answer to it, oldest first.
    public struct AnsweredReport: Sendable, Equatable {
        /// The report.
        public var report: PublicReportRecord
        /// The answers, oldest first.
        public var answers: [PublicReportAnswerRecord]
    }

    /// The longest answer, in characters.
    public static let maximumAnswer = 2000

    /// The report whose reference number is `reference` (as a resident types it: spaces,
    /// dashes and full-width digits are fine), with its answers; only the resident holds the
    /// number, so only they see a report the office has not (or not yet) accepted.
    public static func lookUp(_ reference: String, in workspace: Workspace) throws -> AnsweredReport {
        guard let number = ReferenceNumber.normalized(reference) else {
            throw ShishiError(
                .feedbackBadReference, zh: "受理编号是 12 位数字（如 4831-9052-7716）：请对照提交时显示的编号重新输入。",
                en: "A reference number has 12 digits (such as 4831-9052-7716): type it again as it was shown when you sent the report.")
        }
        return try workspace.read { db in
            guard let report = try PublicReportRecord.filter(PublicReportRecord.Columns.reference == number).fetchOne(db) else {
                throw ShishiError(
                    .feedbackMissing, zh: "没有受理编号为 \(number) 的反映：请核对数字。", en: "There is no report with the reference number \(number): check the digits.")
            }
            return AnsweredReport(report: report, answers: try answers(to: [report.id!], db)[report.id!] ?? [])
        }
    }

    /// The accepted reports on project `project`, newest first, each with its answers: what the
    /// project's page shows the public, its department and its group.
    public static func accepted(project: Int64, in workspace: Workspace) throws -> [AnsweredReport] {
        try workspace.read { db in
            let reports = try PublicReportRecord.filter(
                PublicReportRecord.Columns.projectId == project && PublicReportRecord.Columns.status == Status.accepted.rawValue
            ).order(PublicReportRecord.Columns.id.desc).fetchAll(db)
            let answers = try answers(to: reports.map { $0.id! }, db)
            return reports.map { AnsweredReport(report: $0, answers: answers[$0.id!] ?? []) }
        }
    }

    /// The accepted reports no one has answered yet, oldest first, with their projects: what
    /// the board lists for the office and each department.
    public static func unanswered(in workspace: Workspace) throws -> [PublicReportRecord] {
        try workspace.read { db in
            try PublicReportRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM publicReport WHERE status = ?
                    AND NOT EXISTS (SELECT 1 FROM publicReportAnswer a WHERE a.publicReportId = publicReport.id) ORDER BY id
                    """, arguments: [Status.accepted.rawValue])
        }
    }

    /// Records `account`'s answer `text` to accepted report `id`: the project's department or
    /// the office may answer, as often as the matter needs; each answer is kept beside the
    /// earlier ones and entered in the audit log under the account's name.
    @discardableResult
    public static func answer(_ id: Int64, by account: YearAccount, text: String, in workspace: Workspace) throws -> PublicReportAnswerRecord {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ShishiError(.feedbackEmptyAnswer, zh: "答复不能为空：请写下处理情况。", en: "The answer is empty: write what was done.")
        }
        guard text.count <= maximumAnswer else {
            throw ShishiError(
                .feedbackTooLong, zh: "答复有 \(text.count) 个字，超过上限 \(maximumAnswer) 字：请缩短。",
                en: "The answer has \(text.count) characters, more than the limit of \(maximumAnswer): shorten it.")
        }
        return try workspace.write { db, audit in
            guard let report = try PublicReportRecord.fetchOne(db, key: id), let project = try ProjectRecord.fetchOne(db, key: report.projectId) else {
                throw ShishiError(.feedbackMissing, zh: "没有编号为 \(id) 的群众反映。", en: "There is no resident's report \(id).")
            }
            guard report.status == Status.accepted.rawValue else {
                throw ShishiError(
                    .feedbackNotAccepted, zh: "第 \(id) 条群众反映还没有被人大办公室受理，受理后才能答复。",
                    en: "Resident's report \(id) has not been accepted by the congress office: it can be answered once accepted.")
            }
            guard account.mayReport(on: project) else {
                throw ShishiError(
                    .accessDenied, zh: "项目 \(project.id!)（\(project.title)）由\(project.department ?? "其他单位")负责，本账户不能答复它的群众反映。",
                    en:
                        "Project \(project.id!) (\(project.title)) belongs to \(project.department ?? "another department"): this account cannot answer its residents' reports."
                )
            }
            var answer = PublicReportAnswerRecord(publicReportId: id, text: text, answeredBy: audit.actor, answeredAt: audit.at)
            try answer.insert(db)
            try audit.record("public.answer", subject: "report:\(id)", detail: ["project": "\(project.id!)", "text": text])
            return answer
        }
    }

    /// The answers to `reports`, by report, oldest first.
    static func answers(to reports: [Int64], _ db: Database) throws -> [Int64: [PublicReportAnswerRecord]] {
        guard !reports.isEmpty else { return [:] }
        let answers = try PublicReportAnswerRecord.filter(reports.contains(PublicReportAnswerRecord.Columns.publicReportId))
            .order(PublicReportAnswerRecord.Columns.id).fetchAll(db)
        return Dictionary(grouping: answers, by: \.publicReportId)
    }
}
