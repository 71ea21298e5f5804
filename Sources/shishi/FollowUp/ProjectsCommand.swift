import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct ProjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "Adopted projects and their standing. 实事项目。",
        subcommands: [ProjectsAdoptCommand.self, ProjectsStatusCommand.self, ProjectsUpdateCommand.self]
    )
}

struct ProjectsAdoptCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Take the adopted projects of a counted vote into the workspace; only a result that passes shishi verify. 导入当选项目。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The counted vote folder.")
    var result: String

    @Option(help: "The previous round's folder, for a run-off or second round.")
    var previous: String?

    func execute() throws {
        let projects = try Adoption.adopt(resultIn: Paths.url(result), previous: previous.map(Paths.url), into: store.open())
        Console.out(say("结果核验通过，已导入 \(projects.count) 个项目：", "The result verifies; \(projects.count, noun: "project") adopted:"))
        for project in projects {
            Console.out(
                "  #\(project.id!)  \(project.rank). \(global.lang.title(project.title, english: project.titleEn))\(project.department.map { global.lang.parenthesized($0) } ?? "")"
            )
        }
    }
}

struct ProjectsStatusCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Each project's standing, computed from its milestones and progress. 项目进展。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The day to judge by (YYYY-MM-DD; default: today, Beijing time).")
    var today: String?

    @Flag(help: "Only the overdue projects, with their overdue milestones (for the monitoring groups).")
    var overdue = false

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let day = today ?? Dates.today()
        try Dates.require(day, field: "--today")
        var rows = try store.open().projectProgress(today: day)
        if overdue { rows = rows.filter { $0.status == .overdue } }
        if json {
            try Console.json(rows)
            return
        }
        let L = global.lang
        Console.out(say("项目进展（截至 \(day)）：", "Project standing on \(day):"))
        if rows.isEmpty { Console.out(say("  （没有项目）", "  (no projects)")) }
        for row in rows {
            let filled = row.percent / 10
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
            let title = L.title(row.project.title, english: row.project.titleEn)
            Console.out(
                "  #\(row.project.id!) \(bar) \(String(format: "%3d", row.percent))%  \(row.status.title(L))  \(title)\(row.project.department.map { " · \($0)" } ?? "")"
            )
            for milestone in row.overdue {
                Console.out(say("      逾期：\(milestone.title)（计划 \(milestone.due)）", "      overdue: \(milestone.title) (due \(milestone.due))"))
            }
            for item in row.overdueRectifications {
                Console.out(
                    say(
                        "      整改逾期：\(item.problem)（\(item.responsible)，期限 \(item.deadline)）",
                        "      rectification overdue: \(item.problem) (\(item.responsible), due \(item.deadline))"))
            }
        }
    }
}

struct ProjectsUpdateCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Set a project's department, lead, budget or targets. 设置项目信息。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The project number.")
    var project: Int64

    @Option(help: "The responsible department (责任单位).")
    var department: String?

    @Option(help: "The lead official.")
    var lead: String?

    @Option(help: "The budget, in yuan.")
    var budget: Int?

    @Option(help: "The targets.")
    var targets: String?

    func execute() throws {
        let updated = try store.open().updateProject(project, details: .init(department: department, lead: lead, budget: budget, targets: targets))
        Console.out(say("项目 #\(project) 已更新：\(updated.title)", "Project #\(project) updated: \(updated.titleEn ?? updated.title)"))
        Console.out(
            say(
                "  责任单位 \(updated.department ?? "—")；负责人 \(updated.lead ?? "—")；预算 \(updated.budget.map { "\($0) 元" } ?? "—")；目标 \(updated.targets ?? "—")",
                "  department \(updated.department ?? "—"); lead \(updated.lead ?? "—"); budget \(updated.budget.map { "\($0) yuan" } ?? "—"); targets \(updated.targets ?? "—")"
            ))
    }
}
