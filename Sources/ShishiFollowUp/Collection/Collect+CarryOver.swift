import Foundation
import GRDB
import ShishiCore
public import ShishiStore

extension Collect {
    /// Takes last year's projects that are not done with into the call of `year`, as carried-over
    /// suggestions (上年结转): those of year `year - 1` whose standing grade in that year's
    /// evaluation is 不满意, and those adopted that year that are not completed on `today` (overdue
    /// then, or any not completed once the year is over). Each comes in once (reference
    /// `carried-over-PROJECT`), its reason in its text; returns those taken in now.
    @discardableResult
    public static func carryOver(year: Int, today: String, in workspace: Workspace) throws -> [SuggestionRecord] {
        try Dates.require(today, field: "--today")
        let last = year - 1
        let graded = try Scores.evaluate(year: last, in: workspace).projects.filter { $0.standingGrade == .unsatisfied }
        let adoptedLastYear = try workspace.read { db in
            try Set(Int64.fetchAll(db, sql: "SELECT id FROM vote WHERE adoptedAt >= ? AND adoptedAt < ?", arguments: ["\(last)-01-01", "\(year)-01-01"]))
        }
        let unfinished = try workspace.projectProgress(today: today).filter { standing in
            adoptedLastYear.contains(standing.project.voteId) && standing.status != .completed && standing.status != .accepted
                && (standing.status == .overdue || today > "\(last)-12-31")
        }
        var reasons: [Int64: (project: ProjectRecord, why: [Text])] = [:]
        for item in graded {
            reasons[item.project.id!, default: (item.project, [])].why.append(Text("\(last) 年测评为不满意", "graded unsatisfied in \(last)"))
        }
        for standing in unfinished {
            reasons[standing.project.id!, default: (standing.project, [])].why.append(
                Text("截至 \(today) 未完成（\(standing.status.title.zh)）", "not completed on \(today) (\(standing.status.title.en))"))
        }
        let inputs = reasons.keys.sorted().map { id in
            let (project, why) = reasons[id]!
            return Input(
                reference: "carried-over-\(id)", title: project.title,
                text: "上年项目第 \(id) 号：" + why.map(\.zh).joined(separator: "；") + "。 Last year's project \(id): " + why.map(\.en).joined(separator: "; ") + ".",
                source: .carriedOver, proposer: project.department, received: today)
        }
        for input in inputs { try check(input, line: nil, source: nil) }
        return try workspace.write { db, audit in
            let call = try requireCall(year, db)
            return try inputs.compactMap { try insert($0, call: call, line: nil, source: nil, db, audit) }
        }
    }
}
