import Foundation
import GRDB
import ShishiCore
public import ShishiStore

/// The look-back (回头看): projects graded 不满意 in a year's evaluation get a rectification task
/// each; once rectified, a new evaluation round (stage `look-back`) rates them again, and the
/// year's evaluation keeps both grades.
public enum LookBack {
    /// The projects on a year's look-back list (graded 不满意 at year end), in the order evaluated.
    public static func projects(year: Int, in workspace: Workspace) throws -> [Scores.ProjectEvaluation] {
        try Scores.evaluate(year: year, in: workspace).projects.filter(\.lookBack)
    }

    /// The year's look-back list, refused when it is empty.
    static func nonEmptyList(year: Int, in workspace: Workspace) throws -> [Scores.ProjectEvaluation] {
        let list = try projects(year: year, in: workspace)
        guard !list.isEmpty else {
            throw ShishiError(
                .lookBackEmpty,
                zh: "\(year) 年没有评为不满意的项目，回头看名单是空的（用 shishi scores show --year \(year) 查看）。",
                en: "No project was graded unsatisfied in \(year): the look-back list is empty (see shishi scores show --year \(year))."
            )
        }
        return list
    }

    /// Opens one rectification task, due `deadline`, for each project on the year's look-back list
    /// that has none yet: the responsible department rectifies, and the task shows in the project's
    /// status (overdue after its deadline) until closed. Returns the tasks opened.
    @discardableResult
    public static func openTasks(year: Int, deadline: String, in workspace: Workspace) throws -> [RectificationRecord] {
        try Dates.require(deadline, field: "--deadline")
        let list = try nonEmptyList(year: year, in: workspace)
        return try workspace.write { db, audit in
            var opened: [RectificationRecord] = []
            for item in list {
                let projectId = item.project.id!
                let existing = try RectificationRecord.filter(
                    RectificationRecord.Columns.projectId == projectId && RectificationRecord.Columns.lookBackYear == year
                ).fetchCount(db)
                guard existing == 0 else { continue }
                let grade = item.sources.first { $0.stage == .regular && $0.grade != nil }
                var task = RectificationRecord(
                    projectId: projectId, inspectionId: nil,
                    problem:
                        "\(year) 年度测评为不满意（\(grade.map { "\($0.source)：满意 \($0.counts.satisfied)、基本满意 \($0.counts.basicallySatisfied)、不满意 \($0.counts.unsatisfied)" } ?? "")），回头看整改",
                    responsible: item.project.department ?? item.project.lead ?? "责任单位（待定）", deadline: deadline, lookBackYear: year
                )
                try task.insert(db)
                try audit.record("lookBack.open", subject: "project:\(projectId)", detail: task)
                opened.append(task)
            }
            return opened
        }
    }
}
