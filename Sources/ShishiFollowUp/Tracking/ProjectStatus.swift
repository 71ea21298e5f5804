public import ShishiCore
public import ShishiStore

/// A project's standing, computed from its milestones and progress reports, never typed in.
public enum ProjectStatus: String, Sendable, Codable, CaseIterable {
    /// No progress reported and no milestone done.
    case notStarted = "not-started"
    /// Progress keeps up with the plan.
    case onTrack = "on-track"
    /// Progress is more than 20 points behind the share of the plan due by today.
    case atRisk = "at-risk"
    /// A milestone is past its date and not done, or a rectification past its deadline and not yet
    /// rectified (open or in progress).
    case overdue
    /// Reported 100% done, or every milestone done.
    case completed
    /// Accepted (验收).
    case accepted

    /// The status in words.
    public var title: Text {
        switch self {
        case .notStarted: Text("未开工", "not started")
        case .onTrack: Text("正常推进", "on track")
        case .atRisk: Text("进度滞后", "at risk")
        case .overdue: Text("逾期", "overdue")
        case .completed: Text("已完成", "completed")
        case .accepted: Text("已验收", "accepted")
        }
    }
}

/// A project with its computed standing.
public struct ProjectProgress: Sendable, Codable {
    /// The project.
    public var project: ProjectRecord
    /// The status.
    public var status: ProjectStatus
    /// Percent done: the latest report's figure, or the done share of the plan if that is more.
    public var percent: Int
    /// The share of the plan (by milestone weight) due by today, in percent.
    public var planned: Int
    /// Milestones past their date and not done.
    public var overdue: [MilestoneRecord]
    /// Rectifications past their deadline and not closed.
    public var overdueRectifications: [RectificationRecord]
    /// The next milestone not done.
    public var next: MilestoneRecord?

    /// How ``percent`` and ``planned`` are computed, in words, for the pages that show them.
    public static let howComputed = Text(
        "进度取最近一次进度报告的百分比与已完成里程碑（按权重）所占比例中较高者；“计划”是截至今天应到期里程碑（按权重）所占比例。",
        "Progress is the higher of the latest progress report's percent and the share (by weight) of the milestones done; \"planned\" is the share of the milestones due by today."
    )

    /// Computes the standing on `today` (YYYY-MM-DD). A milestone due today is not yet overdue;
    /// one due yesterday and not done is.
    public static func compute(
        _ project: ProjectRecord, milestones: [MilestoneRecord], reports: [ProgressReportRecord], rectifications: [RectificationRecord] = [], today: String
    ) -> ProjectProgress {
        let latest = reports.max { $0.date < $1.date }
        let totalWeight = milestones.reduce(0) { $0 + $1.weight }
        func share(_ selected: [MilestoneRecord]) -> Int {
            totalWeight == 0 ? 0 : selected.reduce(0) { $0 + $1.weight } * 100 / totalWeight
        }
        let planned = share(milestones.filter { $0.due <= today })
        let percent = max(latest?.percent ?? 0, share(milestones.filter { $0.doneAt != nil }))
        let overdue = milestones.filter { $0.doneAt == nil && $0.due < today }.sorted { $0.due < $1.due }
        let next = milestones.filter { $0.doneAt == nil }.min { $0.due < $1.due }
        let lateRectifications = rectifications.filter { $0.status.awaitsDepartment && $0.deadline < today }.sorted { $0.deadline < $1.deadline }
        let status: ProjectStatus
        if project.acceptedAt != nil {
            status = .accepted
        } else if percent >= 100 || (!milestones.isEmpty && milestones.allSatisfy { $0.doneAt != nil }) {
            status = .completed
        } else if !overdue.isEmpty || !lateRectifications.isEmpty {
            status = .overdue
        } else if latest == nil && !milestones.contains(where: { $0.doneAt != nil }) {
            status = .notStarted
        } else if planned - percent > 20 {
            status = .atRisk
        } else {
            status = .onTrack
        }
        return ProjectProgress(
            project: project, status: status, percent: percent, planned: planned, overdue: overdue, overdueRectifications: lateRectifications, next: next)
    }
}
