import Foundation
import GRDB
import ShishiCore
public import ShishiStore

/// The year in one place (`shishi report year`): every project's standing, plan, inspections,
/// hotline complaints and evaluation, as a printable HTML page, a CSV sheet or JSON.
public struct YearReport: Sendable, Codable {
    /// One project's year.
    public struct Entry: Sendable, Codable {
        /// The project and its computed standing.
        public var progress: ProjectProgress
        /// Its milestones, by date.
        public var milestones: [MilestoneRecord]
        /// Its progress reports, by date.
        public var reports: [ProgressReportRecord]
        /// Files attached to those reports.
        public var attachments: Int
        /// Its inspections, by date.
        public var inspections: [InspectionRecord]
        /// The problems found and the look-back tasks, with their rectification.
        public var rectifications: [RectificationRecord]
        /// Hotline complaints linked to it, per month of the year.
        public var hotline: [Hotline.MonthlyCount]
        /// The year's evaluation, when it was rated.
        public var evaluation: Scores.ProjectEvaluation?

        /// The project.
        public var project: ProjectRecord { progress.project }
        /// Complaints in the year.
        public var hotlineTotal: Int { hotline.reduce(0) { $0 + $1.count } }
        /// Problems not yet closed.
        public var openRectifications: [RectificationRecord] { rectifications.filter { $0.status != .closed } }
    }

    /// The year.
    public var year: Int
    /// The day the standing is judged on.
    public var today: String
    /// Every project, by vote and rank.
    public var projects: [Entry]
    /// Departments below 60 two years running.
    public var departmentsForReview: [Scores.DepartmentFlag]

    /// Gathers the year from `workspace`, judging standing on `today` (YYYY-MM-DD).
    public init(year: Int, today: String, workspace: Workspace) throws {
        try Dates.require(today, field: "--today")
        let (projects, flags) = try Scores.evaluate(year: year, in: workspace)
        let evaluations = Dictionary(uniqueKeysWithValues: projects.map { ($0.project.id!, $0) })
        let progress = try workspace.projectProgress(today: today)
        let hotline = try Hotline.counts(workspace, year: year)
        let attachments = Dictionary(grouping: try workspace.attachedFiles(), by: \.projectId).mapValues(\.count)
        self.year = year
        self.today = today
        self.departmentsForReview = flags
        // Everything of every project in one query per kind, grouped here (a page of the year
        // loads it on every visit).
        self.projects = try workspace.read { db in
            let milestones = Dictionary(
                grouping: try MilestoneRecord.order(MilestoneRecord.Columns.due, MilestoneRecord.Columns.id).fetchAll(db), by: \.projectId)
            let reports = Dictionary(grouping: try ProgressReportRecord.order(ProgressReportRecord.Columns.date).fetchAll(db), by: \.projectId)
            let inspections = Dictionary(
                grouping: try InspectionRecord.order(InspectionRecord.Columns.date, InspectionRecord.Columns.id).fetchAll(db), by: \.projectId)
            let rectifications = Dictionary(
                grouping: try RectificationRecord.order(RectificationRecord.Columns.deadline, RectificationRecord.Columns.id).fetchAll(db), by: \.projectId)
            let complaints = Dictionary(grouping: hotline, by: \.project)
            return progress.map { standing in
                let id = standing.project.id!
                return Entry(
                    progress: standing, milestones: milestones[id] ?? [], reports: reports[id] ?? [], attachments: attachments[id] ?? 0,
                    inspections: inspections[id] ?? [], rectifications: rectifications[id] ?? [], hotline: complaints[id] ?? [],
                    evaluation: evaluations[id])
            }
        }
    }

    /// The columns of the CSV sheet, one row per project.
    public static let csvHeader = [
        "project", "title", "department", "status", "percent", "planned", "milestones_done", "milestones", "milestones_overdue",
        "inspections", "rectifications_open", "rectifications_overdue", "hotline", "grade", "combined_score", "look_back", "look_back_grade",
    ]

    /// The same figures as the page, one row per project, for a spreadsheet.
    public func csv() -> String {
        var lines = [Self.csvHeader.joined(separator: ",")]
        for entry in projects {
            let e = entry.evaluation
            let row: [String] = [
                String(entry.project.id!), entry.project.title, entry.project.department ?? "", entry.progress.status.rawValue,
                String(entry.progress.percent), String(entry.progress.planned),
                String(entry.milestones.filter { $0.doneAt != nil }.count), String(entry.milestones.count), String(entry.progress.overdue.count),
                String(entry.inspections.count), String(entry.openRectifications.count), String(entry.progress.overdueRectifications.count),
                String(entry.hotlineTotal), e?.grade?.rawValue ?? "", e?.combined.map { String(format: "%.1f", $0) } ?? "",
                e.map { $0.lookBack ? "yes" : "no" } ?? "", e?.lookBackGrade?.rawValue ?? "",
            ]
            lines.append(row.map { CSVTable.field($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
