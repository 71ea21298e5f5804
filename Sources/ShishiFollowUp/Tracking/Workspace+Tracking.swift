public import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

extension Workspace {
    /// Every project with its computed standing on `today` (YYYY-MM-DD), by rank.
    public func projectProgress(today: String) throws -> [ProjectProgress] {
        try read { db in
            // One query per kind for every project, grouped here.
            let milestones = Dictionary(grouping: try MilestoneRecord.fetchAll(db), by: \.projectId)
            let reports = Dictionary(grouping: try ProgressReportRecord.fetchAll(db), by: \.projectId)
            let rectifications = Dictionary(grouping: try RectificationRecord.fetchAll(db), by: \.projectId)
            return try ProjectRecord.order(ProjectRecord.Columns.voteId, ProjectRecord.Columns.rank).fetchAll(db).map { project in
                ProjectProgress.compute(
                    project, milestones: milestones[project.id!] ?? [], reports: reports[project.id!] ?? [],
                    rectifications: rectifications[project.id!] ?? [], today: today)
            }
        }
    }

    /// Adds a milestone to a project.
    @discardableResult
    public func addMilestone(project: Int64, title: String, due: String, weight: Int) throws -> MilestoneRecord {
        try Dates.require(due, field: Text("计划完成日期", "due date"))
        guard weight >= 1 else {
            throw ShishiError(.milestoneBadWeight, zh: "里程碑权重应为正整数。", en: "A milestone's weight must be a positive whole number.")
        }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ShishiError(.milestoneEmptyTitle, zh: "里程碑名称不能为空。", en: "A milestone needs a title.")
        }
        return try write { db, audit in
            try Self.requireProject(project, db)
            var milestone = MilestoneRecord(projectId: project, title: title, due: due, weight: weight)
            try milestone.insert(db)
            try audit.record("milestone.add", subject: "project:\(project)", detail: milestone)
            return milestone
        }
    }

    /// Records a progress report.
    @discardableResult
    public func addProgress(project: Int64, date: String, percent: Int, spent: Int?, narrative: String) throws -> ProgressReportRecord {
        try Self.checkProgress(date: date, percent: percent)
        return try write { db, audit in
            try Self.insertProgress(project: project, date: date, percent: percent, spent: spent, narrative: narrative, db, audit)
        }
    }

    /// The checks a progress report passes before anything is written.
    static func checkProgress(date: String, percent: Int) throws {
        try Dates.require(date, field: Text("日期", "date"))
        guard (0...100).contains(percent) else {
            throw ShishiError(.progressBadPercent, zh: "完成百分比应在 0 到 100 之间（现为 \(percent)）。", en: "Percent done must be between 0 and 100 (it is \(percent)).")
        }
    }

    /// Writes a checked progress report and its audit entry.
    static func insertProgress(
        project: Int64, date: String, percent: Int, spent: Int?, narrative: String, _ db: Database, _ audit: AuditTrail
    ) throws -> ProgressReportRecord {
        try requireProject(project, db)
        var report = ProgressReportRecord(projectId: project, date: date, percent: percent, spent: spent, narrative: narrative)
        do {
            try report.insert(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw ShishiError(
                .progressDuplicate, zh: "项目 \(project) 在 \(date) 已有进度报告。", en: "Project \(project) already has a progress report for \(date).")
        }
        try audit.record("progress.add", subject: "project:\(project)", detail: report)
        return report
    }

    /// Records an inspection (视察) and the problems it found, each with its responsibility and
    /// deadline, and the `photos` taken on site (stored by hash, recorded in the same transaction).
    @discardableResult
    public func addInspection(
        project: Int64, date: String, inspectors: String, findings: String, problems: [(problem: String, responsible: String, deadline: String)],
        photos: [FileContents] = []
    ) throws -> (InspectionRecord, [RectificationRecord]) {
        try Dates.require(date, field: Text("日期", "date"))
        for problem in problems { try Dates.require(problem.deadline, field: Text("整改期限", "deadline")) }
        let items = problems.map { ($0.problem, $0.responsible, $0.deadline) }
        let stored = photos.isEmpty ? [] : try store(photos)
        return try write { db, audit in
            try Self.requireProject(project, db)
            var inspection = InspectionRecord(projectId: project, date: date, inspectors: inspectors, findings: findings)
            try inspection.insert(db)
            var rectifications: [RectificationRecord] = []
            for (problem, responsible, deadline) in items {
                var record = RectificationRecord(
                    projectId: project, inspectionId: inspection.id, problem: problem, responsible: responsible, deadline: deadline)
                try record.insert(db)
                rectifications.append(record)
            }
            let files: [InspectionPhotoRecord] = try Self.recordFiles(stored, owner: inspection.id!, at: audit.at, db) { name in
                ShishiError(.attachmentAlready, zh: "\(name) 重复提交了两次。", en: "\(name) was given twice.")
            }
            try audit.record(
                "inspection.add", subject: "project:\(project)",
                detail: InspectionDetail(inspection: inspection, rectifications: rectifications, photos: files.isEmpty ? nil : files))
            return (inspection, rectifications)
        }
    }

    /// Moves a rectification on: in progress, or closed on `date` with how it was resolved, with
    /// `evidence` files stored by hash and recorded in the same transaction.
    public func updateRectification(
        _ id: Int64, status: RectificationRecord.Status, date: String, resolution: String?, evidence files: [FileContents] = []
    ) throws {
        try Dates.require(date, field: Text("日期", "date"))
        let stored = files.isEmpty ? [] : try store(files)
        try write { db, audit in
            guard var record = try RectificationRecord.fetchOne(db, key: id) else {
                throw ShishiError(.rectificationMissing, zh: "没有编号为 \(id) 的整改事项。", en: "There is no rectification \(id).")
            }
            guard record.status != .closed else {
                throw ShishiError(
                    .rectificationClosed, zh: "整改事项 \(id) 已经关闭（\(record.closedAt ?? "")）。",
                    en: "Rectification \(id) is already closed (\(record.closedAt ?? "")).")
            }
            if status == .closed, (resolution ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ShishiError(
                    .rectificationNoResolution, zh: "关闭整改事项需要写明整改结果（--resolution）。", en: "Closing a rectification needs its resolution (--resolution).")
            }
            record.status = status
            record.closedAt = status == .closed ? date : nil
            record.resolution = resolution ?? record.resolution
            try record.update(db)
            let evidence = try Self.recordEvidence(stored, rectification: record, db, at: audit.at)
            try audit.record(
                "rectification.\(status.rawValue)", subject: "project:\(record.projectId)", detail: AnswerDetail(rectification: record, evidence: evidence))
        }
    }

    struct InspectionDetail: Encodable {
        var inspection: InspectionRecord
        var rectifications: [RectificationRecord]
        /// The photos, when there are any (an entry without photos reads as before they existed).
        var photos: [InspectionPhotoRecord]?
    }

    static func requireProject(_ id: Int64, _ db: Database) throws {
        guard try ProjectRecord.exists(db, key: id) else {
            throw ShishiError(
                .projectMissing, zh: "没有编号为 \(id) 的项目：用 shishi projects status 查看项目编号。",
                en: "There is no project \(id): see the project numbers with shishi projects status.")
        }
    }
}

/// Calendar dates as the workspace keeps them: `YYYY-MM-DD`.
public enum Dates {
    /// Days in each month of a common year.
    private static let monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// Checks that `text` is a real date written `YYYY-MM-DD` (proleptic Gregorian, leap years included).
    public static func require(_ text: String, field: String) throws {
        try require(text, field: Text(field, field))
    }

    /// Checks that `text` is a real date written `YYYY-MM-DD`; a refusal names the field in
    /// the reader's words (a form's label, say).
    public static func require(_ text: String, field: Text) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let valid: Bool = {
            guard text.utf8.count == 10, parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2], y > 1900, (1...12).contains(m) else {
                return false
            }
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            return (1...(m == 2 && leap ? 29 : monthDays[m - 1])).contains(d)
        }()
        guard !text.isEmpty else {
            throw ShishiError(.dateMalformed, zh: "请填写“\(field.zh)”（YYYY-MM-DD 格式的日期）。", en: "Give the \(field.en) (a date written YYYY-MM-DD).")
        }
        guard valid else {
            throw ShishiError(
                .dateMalformed, zh: "“\(field.zh)”应为 YYYY-MM-DD 格式的日期，而不是“\(text)”。", en: "The \(field.en) must be a date written YYYY-MM-DD, not “\(text)”.")
        }
    }

    /// Today in UTC+8 (Beijing time), as the offices keep their calendars.
    ///
    /// The day is worked out with integers (the civil-from-days algorithm of Howard Hinnant's
    /// date library, the Gregorian calendar): a server asks for it on every request, and a
    /// `Calendar` with a formatted string costs as much as the rest of a kept page.
    public static func today(_ now: Date = Date()) -> String {
        let seconds = Int64((now.timeIntervalSince1970).rounded(.down)) + 8 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
