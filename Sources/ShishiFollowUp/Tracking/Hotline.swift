public import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// 12345 hotline complaints: `shishi hotline import FILE.csv [--rules rules.csv]` and `shishi hotline counts`.
///
/// The file has a row per complaint: `record_id` (工单编号), `date`, `category`, `text` and an
/// optional `project` number. A complaint with no project number is linked by the rules file
/// (`project,keyword`: the first project whose keyword appears in the text or the category), or
/// left unlinked. A record id already in the workspace is skipped: a file loads once.
public enum Hotline {
    /// The complaint file's columns.
    public static let columns: [CSVTable.Column] = [
        .init("record_id", aliases: ["工单编号"]),
        .init("date", aliases: ["日期", "受理日期"]),
        .init("category", aliases: ["类别", "诉求类别"]),
        .init("text", aliases: ["内容", "诉求内容"]),
        .init("project", aliases: ["项目编号"], required: false),
    ]

    /// A matching rule: complaints mentioning `keyword` concern `project`.
    public struct Rule: Sendable, Equatable {
        /// The project number.
        public var project: Int64
        /// The keyword.
        public var keyword: String

        /// Creates a rule.
        public init(project: Int64, keyword: String) {
            self.project = project
            self.keyword = keyword
        }
    }

    /// Reads a rules file (`project,keyword`).
    public static func rules(_ data: Data, source: String) throws -> [Rule] {
        let table = try CSVTable(
            text: SheetFile.text(data, source: source), source: source,
            columns: [.init("project", aliases: ["项目编号"]), .init("keyword", aliases: ["关键词"])])
        return try table.rows.map { row in
            guard let project = Int64(row["project"]) else {
                throw ShishiError(
                    .hotlineBadRule, zh: "\(source) 第 \(row.line) 行，“project”列：“\(row["project"])”不是项目编号。",
                    en: "\(source) line \(row.line), column “project”: “\(row["project"])” is not a project number.")
            }
            return Rule(project: project, keyword: row["keyword"])
        }
    }

    /// What an import did.
    public struct Outcome: Sendable, Equatable {
        /// Complaints added.
        public var added: Int
        /// Of them, linked to a project.
        public var linked: Int
        /// Complaints already in the workspace, skipped.
        public var skipped: Int

        /// Creates an outcome.
        public init(added: Int, linked: Int, skipped: Int) {
            self.added = added
            self.linked = linked
            self.skipped = skipped
        }
    }

    /// Imports a complaint file in one transaction; a bad row refuses the whole file with its line.
    public static func importFile(_ data: Data, source: String, rules: [Rule], into workspace: Workspace) throws -> Outcome {
        let table = try CSVTable(text: SheetFile.text(data, source: source), source: source, columns: columns)
        struct Row: Sendable { var record: HotlineComplaintRecord; var line: Int }
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            if let first = seen[row["record_id"]] {
                throw ShishiError(
                    .hotlineDuplicate, zh: "\(source) 第 \(row.line) 行：工单编号“\(row["record_id"])”与第 \(first) 行重复。此文件的内容都未写入。",
                    en: "\(source) line \(row.line): record id “\(row["record_id"])” repeats line \(first). Nothing from this file was written.")
            }
            seen[row["record_id"]] = row.line
            do { try Dates.require(row["date"], field: "date") } catch {
                throw ShishiError(
                    .hotlineBadRow, zh: "\(source) 第 \(row.line) 行，“date”列：“\(row["date"])”不是 YYYY-MM-DD 日期。此文件的内容都未写入。",
                    en: "\(source) line \(row.line), column “date”: “\(row["date"])” is not a YYYY-MM-DD date. Nothing from this file was written.")
            }
            var project: Int64?
            if !row["project"].isEmpty {
                guard let number = Int64(row["project"]) else {
                    throw ShishiError(
                        .hotlineBadRow, zh: "\(source) 第 \(row.line) 行，“project”列：“\(row["project"])”不是项目编号。此文件的内容都未写入。",
                        en: "\(source) line \(row.line), column “project”: “\(row["project"])” is not a project number. Nothing from this file was written.")
                }
                project = number
            } else {
                project = rules.first { !$0.keyword.isEmpty && (row["text"].contains($0.keyword) || row["category"].contains($0.keyword)) }?.project
            }
            rows.append(
                Row(
                    record: HotlineComplaintRecord(
                        recordId: row["record_id"], date: row["date"], category: row["category"], text: row["text"], projectId: project, source: source),
                    line: row.line))
        }
        let all = rows
        return try workspace.write { db, audit in
            let projects = Set(try Int64.fetchAll(db, sql: "SELECT id FROM project"))
            let existing = try db.cachedStatement(sql: "SELECT 1 FROM hotlineComplaint WHERE recordId = ?")
            var outcome = Outcome(added: 0, linked: 0, skipped: 0)
            for row in all {
                if let project = row.record.projectId, !projects.contains(project) {
                    throw ShishiError(
                        .hotlineBadRow, zh: "\(source) 第 \(row.line) 行：没有编号为 \(project) 的项目。此文件的内容都未写入。",
                        en: "\(source) line \(row.line): there is no project \(project). Nothing from this file was written.")
                }
                if try Bool.fetchOne(existing, arguments: [row.record.recordId]) != nil {
                    outcome.skipped += 1
                    continue
                }
                var record = row.record
                try record.insert(db)
                outcome.added += 1
                if record.projectId != nil { outcome.linked += 1 }
            }
            try audit.record(
                "hotline.import", subject: "file:\(source)",
                detail: ["file": source, "added": String(outcome.added), "linked": String(outcome.linked), "skipped": String(outcome.skipped)])
            return outcome
        }
    }

    /// Complaints per project and month (`YYYY-MM`), linked ones only.
    public struct MonthlyCount: Sendable, Codable, Equatable {
        /// The project number.
        public var project: Int64
        /// The month.
        public var month: String
        /// The complaints.
        public var count: Int

        /// Creates a count.
        public init(project: Int64, month: String, count: Int) {
            self.project = project
            self.month = month
            self.count = count
        }
    }

    /// The counts per project and month.
    public static func counts(_ workspace: Workspace, year: Int? = nil) throws -> [MonthlyCount] {
        try workspace.read { db in
            // Within a year the date index keeps this to the year's complaints, however many years the workspace holds.
            let range = year.map { ["\($0)-01-01", "\($0 + 1)-01-01"] }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT projectId, substr(date, 1, 7) AS month, COUNT(*) AS n FROM hotlineComplaint
                    WHERE projectId IS NOT NULL\(range == nil ? "" : " AND date >= ? AND date < ?") GROUP BY projectId, month ORDER BY projectId, month
                    """,
                arguments: StatementArguments(range ?? [])
            ).map { MonthlyCount(project: $0["projectId"], month: $0["month"], count: $0["n"]) }
        }
    }
}
