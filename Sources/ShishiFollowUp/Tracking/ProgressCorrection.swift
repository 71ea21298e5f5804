import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// A progress report corrected by its department: the report holds the new version, the version
/// it replaces is kept (``ProgressCorrectionRecord``) with who corrected it, when and why, and
/// the page shows every version. Nothing a department once reported disappears.
extension Workspace {
    /// Corrects progress report `id` to `percent`, `spent` and `narrative`, saying why. `account`,
    /// when given (the year's pages), must be the office or the project's department.
    public func correctProgress(_ id: Int64, by account: YearAccount? = nil, percent: Int, spent: Int?, narrative: String, reason: String) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ShishiError(.progressNoReason, zh: "请写明更正的原因。", en: "Say why the report is corrected.")
        }
        if let spent, spent < 0 {
            throw ShishiError(.progressBadSpent, zh: "已支出不能为负。", en: "The amount spent cannot be negative.")
        }
        try write { db, audit in
            guard var report = try ProgressReportRecord.fetchOne(db, key: id) else {
                throw ShishiError(.progressMissing, zh: "没有编号为 \(id) 的进度报告。", en: "There is no progress report \(id).")
            }
            try Self.checkProgress(date: report.date, percent: percent)
            if let account, let project = try ProjectRecord.fetchOne(db, key: report.projectId) {
                try account.requireReport(on: project)
            }
            let narrative = narrative.trimmingCharacters(in: .whitespacesAndNewlines)
            guard report.percent != percent || report.spent != spent || report.narrative != narrative else {
                throw ShishiError(
                    .progressNoChange, zh: "更正与原报告相同：没有需要更正的内容。", en: "The correction is the same as the report: there is nothing to correct.")
            }
            var earlier = ProgressCorrectionRecord(
                progressReportId: id, percent: report.percent, spent: report.spent, narrative: report.narrative, correctedAt: audit.at,
                correctedBy: audit.actor, reason: reason)
            try earlier.insert(db)
            report.percent = percent
            report.spent = spent
            report.narrative = narrative
            try report.update(db)
            try audit.record("progress.correct", subject: "project:\(report.projectId)", detail: CorrectionDetail(report: report, earlier: earlier))
        }
    }

    struct CorrectionDetail: Encodable {
        var report: ProgressReportRecord
        var earlier: ProgressCorrectionRecord
    }

    /// Progress report `id`, if there is one.
    public func progressReport(_ id: Int64) throws -> ProgressReportRecord? {
        try read { db in try ProgressReportRecord.fetchOne(db, key: id) }
    }

    /// The report of `project` on `date`, if there is one (the command line names a report so).
    public func progressReport(project: Int64, date: String) throws -> ProgressReportRecord? {
        try read { db in
            try ProgressReportRecord.filter(ProgressReportRecord.Columns.projectId == project && ProgressReportRecord.Columns.date == date).fetchOne(db)
        }
    }

    /// The earlier versions of a project's corrected reports, oldest first, by report.
    public func progressCorrections(project: Int64) throws -> [Int64: [ProgressCorrectionRecord]] {
        let records = try read { db in
            try ProgressCorrectionRecord.fetchAll(
                db,
                sql: """
                    SELECT progressCorrection.* FROM progressCorrection
                    JOIN progressReport ON progressReport.id = progressCorrection.progressReportId
                    WHERE progressReport.projectId = ? ORDER BY progressCorrection.id
                    """, arguments: [project])
        }
        return Dictionary(grouping: records, by: \.progressReportId)
    }
}
