public import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// The progress spreadsheet: `shishi progress export` writes it, a department fills it in, and
/// `shishi progress import` loads it. One row per report: `project,date,percent,spent,narrative`.
///
/// An import is one transaction: a bad row is refused with its line and column and nothing from
/// the file is written; a row already in the workspace with the same figures is skipped, so the
/// same file can be loaded twice and adds nothing the second time.
public enum ProgressSheet {
    /// The columns, in English and Chinese.
    public static let columns: [CSVTable.Column] = [
        .init("project", aliases: ["项目编号"]),
        .init("date", aliases: ["日期"]),
        .init("percent", aliases: ["完成百分比", "进度"]),
        .init("spent", aliases: ["已支出", "支出"], required: false),
        .init("narrative", aliases: ["进展情况", "说明"], required: false),
    ]

    /// What an import did.
    public struct Outcome: Sendable, Equatable {
        /// Reports added.
        public var added: Int
        /// Rows already in the workspace, skipped.
        public var unchanged: Int

        /// Creates an outcome.
        public init(added: Int, unchanged: Int) {
            self.added = added
            self.unchanged = unchanged
        }
    }

    /// The sheet of every report in `workspace`, by project and date.
    public static func export(_ workspace: Workspace) throws -> String {
        let reports = try workspace.read {
            try ProgressReportRecord.order(ProgressReportRecord.Columns.projectId, ProgressReportRecord.Columns.date).fetchAll($0)
        }
        var lines = ["project,date,percent,spent,narrative"]
        for report in reports {
            lines.append(
                [String(report.projectId), report.date, String(report.percent), report.spent.map(String.init) ?? "", report.narrative].map {
                    CSVTable.field($0)
                }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Loads a sheet, all or nothing. `progress` is told (rows done, rows) as rows are written.
    public static func importSheet(_ data: Data, source: String, into workspace: Workspace, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws
        -> Outcome
    {
        let text = try SheetFile.text(data, source: source)
        let table = try CSVTable(text: text, source: source, columns: columns)
        var rows: [ProgressReportRecord] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            func refuse(_ column: String, _ zh: String, _ en: String) -> ShishiError {
                ShishiError(
                    .progressBadRow, zh: "\(source) 第 \(row.line) 行，“\(column)”列：\(zh)。此文件的内容都未写入。",
                    en: "\(source) line \(row.line), column “\(column)”: \(en). Nothing from this file was written.")
            }
            guard let project = Int64(row["project"]) else {
                throw refuse("project", "“\(row["project"])”不是项目编号", "“\(row["project"])” is not a project number")
            }
            do { try Dates.require(row["date"], field: "date") } catch {
                throw refuse("date", "“\(row["date"])”不是 YYYY-MM-DD 日期", "“\(row["date"])” is not a YYYY-MM-DD date")
            }
            guard let percent = Int(row["percent"]), (0...100).contains(percent) else {
                throw refuse("percent", "“\(row["percent"])”不是 0 到 100 的整数", "“\(row["percent"])” is not a whole number from 0 to 100")
            }
            var spent: Int?
            if !row["spent"].isEmpty {
                guard let value = Int(row["spent"]), value >= 0 else {
                    throw refuse("spent", "“\(row["spent"])”不是非负整数（元）", "“\(row["spent"])” is not a whole number of yuan")
                }
                spent = value
            }
            let key = "\(project) \(row["date"])"
            if let first = seen[key] {
                throw refuse("date", "项目 \(project) 在这一天已有一行（第 \(first) 行）", "project \(project) already has a row for this date (line \(first))")
            }
            seen[key] = row.line
            rows.append(ProgressReportRecord(projectId: project, date: row["date"], percent: percent, spent: spent, narrative: row["narrative"]))
        }
        let lines = table.rows.map(\.line)
        let reports = rows
        return try workspace.write { db, audit in
            var outcome = Outcome(added: 0, unchanged: 0)
            let projects = Set(try Int64.fetchAll(db, sql: "SELECT id FROM project"))
            let lookup = try db.cachedStatement(sql: "SELECT * FROM progressReport WHERE projectId = ? AND date = ?")
            for (index, var report) in reports.enumerated() {
                guard projects.contains(report.projectId) else {
                    throw ShishiError(
                        .progressBadRow, zh: "\(source) 第 \(lines[index]) 行，“project”列：没有编号为 \(report.projectId) 的项目。此文件的内容都未写入。",
                        en: "\(source) line \(lines[index]), column “project”: there is no project \(report.projectId). Nothing from this file was written.")
                }
                if let existing = try ProgressReportRecord.fetchOne(lookup, arguments: [report.projectId, report.date]) {
                    guard existing.percent == report.percent, existing.spent == report.spent, existing.narrative == report.narrative else {
                        throw ShishiError(
                            .progressConflict,
                            zh: "\(source) 第 \(lines[index]) 行：项目 \(report.projectId) 在 \(report.date) 已有不同的进度报告（\(existing.percent)%）。此文件的内容都未写入。",
                            en:
                                "\(source) line \(lines[index]): project \(report.projectId) already has a different report for \(report.date) (\(existing.percent)%). Nothing from this file was written."
                        )
                    }
                    outcome.unchanged += 1
                    continue
                }
                try report.insert(db)
                outcome.added += 1
                if index % 1000 == 999 { progress(index + 1, reports.count) }
            }
            try audit.record(
                "progress.import", subject: "file:\(source)",
                detail: ImportDetail(
                    file: source, sha256: HashAlgorithm.sha256.digest(data).description, rows: reports.count, added: outcome.added, unchanged: outcome.unchanged
                ))
            progress(reports.count, reports.count)
            return outcome
        }
    }

    struct ImportDetail: Encodable {
        var file: String
        var sha256: String
        var rows: Int
        var added: Int
        var unchanged: Int
    }
}
