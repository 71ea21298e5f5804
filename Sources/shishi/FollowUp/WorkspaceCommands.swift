import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// Options every workspace command takes.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: "The workspace database (default: ./shishi.sqlite).")
    var workspace = "shishi.sqlite"

    @Option(help: "Who is making the change, for the audit log (default: $USER).")
    var actor: String?

    /// Opens the existing workspace.
    func open() throws -> Workspace {
        try Workspace.open(url: Paths.url(workspace), actor: actor ?? ProcessInfo.processInfo.environment["USER"] ?? "office")
    }
}

struct WorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "The follow-up workspace (SQLite). 工作库。",
        subcommands: [WorkspaceInitCommand.self]
    )
}

struct WorkspaceInitCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace database: WAL mode, foreign keys on, schema by named migrations. 创建工作库。"
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The database file to create (e.g. shishi.sqlite).")
    var path: String

    func execute() throws {
        let url = Paths.url(path)
        guard !Workspace.exists(at: url) else {
            throw ShishiError("workspace.exists", zh: "\(url.path) 已存在，不会覆盖。", en: "\(url.path) already exists and will not be overwritten.")
        }
        _ = try Workspace(url: url, actor: ProcessInfo.processInfo.environment["USER"] ?? "office")
        Console.out(say("已创建工作库 \(url.path)。下一步：shishi projects adopt --result 投票目录 --workspace \(path)", "Workspace created: \(url.path). Next: shishi projects adopt --result VOTE-FOLDER --workspace \(path)"))
    }
}

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
        Console.out(say("结果核验通过，已导入 \(projects.count) 个项目：", "The result verifies; \(projects.count) projects adopted:"))
        for project in projects {
            Console.out("  #\(project.id!)  \(project.rank). \(global.lang == .en ? project.titleEn ?? project.title : project.title)\(project.department.map { global.lang == .zh ? "（\($0)）" : " (\($0))" } ?? "")")
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
            let title = L == .en ? row.project.titleEn ?? row.project.title : row.project.title
            Console.out("  #\(row.project.id!) \(bar) \(String(format: "%3d", row.percent))%  \(row.status.title(L))  \(title)\(row.project.department.map { " · \($0)" } ?? "")")
            for milestone in row.overdue {
                Console.out(say("      逾期：\(milestone.title)（计划 \(milestone.due)）", "      overdue: \(milestone.title) (due \(milestone.due))"))
            }
            for item in row.overdueRectifications {
                Console.out(say("      整改逾期：\(item.problem)（\(item.responsible)，期限 \(item.deadline)）", "      rectification overdue: \(item.problem) (\(item.responsible), due \(item.deadline))"))
            }
        }
    }
}

struct MilestoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone",
        abstract: "Project milestones. 里程碑。",
        subcommands: [MilestoneAddCommand.self, MilestoneDoneCommand.self]
    )
}

struct MilestoneAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a milestone to a project. 添加里程碑。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    @Option(help: "The milestone's title.")
    var title: String

    @Option(help: "The planned date (YYYY-MM-DD).")
    var due: String

    @Option(help: "Its weight in the plan.")
    var weight = 1

    func execute() throws {
        let milestone = try store.open().addMilestone(project: project, title: title, due: due, weight: weight)
        Console.out(say("已添加里程碑 #\(milestone.id!)：\(title)（计划 \(due)，权重 \(weight)）", "Milestone #\(milestone.id!) added: \(title) (due \(due), weight \(weight))"))
    }
}

struct MilestoneDoneCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a milestone done. 里程碑完成。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The milestone number.")
    var milestone: Int64

    @Option(help: "When it was done (YYYY-MM-DD; default: today).")
    var date: String?

    func execute() throws {
        try store.open().completeMilestone(milestone, on: date ?? Dates.today())
        Console.out(say("里程碑 #\(milestone) 已完成。", "Milestone #\(milestone) done."))
    }
}

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Progress reports. 进度报告。",
        subcommands: [ProgressAddCommand.self, ProgressAttachCommand.self, ProgressFilesCommand.self, ProgressImportCommand.self, ProgressExportCommand.self]
    )
}

struct ProgressImportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a progress spreadsheet (project,date,percent,spent,narrative): all rows or none. 导入进度表。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The CSV file.")
    var file: String

    func execute() throws {
        let url = Paths.url(file)
        let lang = global.lang
        let outcome = try ProgressSheet.importSheet(FileAccess.read(url), source: url.lastPathComponent, into: store.open()) { done, total in
            Console.progress(Text("写入 \(done)/\(total)", "writing \(done)/\(total)")(lang), done: done == total)
        }
        Console.out(say("已导入 \(url.lastPathComponent)：新增 \(outcome.added) 条进度报告，\(outcome.unchanged) 条已存在（未重复写入）。", "Imported \(url.lastPathComponent): \(outcome.added) reports added, \(outcome.unchanged) already present (not written twice)."))
    }
}

struct ProgressExportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every progress report as the spreadsheet progress import reads. 导出进度表。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The CSV file to write (default: standard output).")
    var out: String?

    func execute() throws {
        let text = try ProgressSheet.export(store.open())
        if let out {
            try FileAccess.create(Paths.url(out), data: Data(text.utf8))
            Console.error(say("已写入 \(out)", "Written to \(out)"))
        } else {
            print(text, terminator: "")
        }
    }
}

struct ProgressAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a progress report. 记录进度。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    @Option(help: "The date (YYYY-MM-DD).")
    var date: String

    @Option(help: "Percent done, 0 to 100.")
    var percent: Int

    @Option(help: "Money spent so far, in yuan.")
    var spent: Int?

    @Option(help: "What was done.")
    var narrative = ""

    @Option(parsing: .singleValue, help: "A file to attach (photo, acceptance sheet…); repeat for each.")
    var attach: [String] = []

    func execute() throws {
        let workspace = try store.open()
        for path in attach { _ = try FileAccess.read(Paths.url(path)) }  // an unreadable file refuses the whole report
        try workspace.addProgress(project: project, date: date, percent: percent, spent: spent, narrative: narrative)
        Console.out(say("已记录项目 #\(project) 在 \(date) 的进度：\(percent)%。", "Progress recorded for project #\(project) on \(date): \(percent)%."))
        guard !attach.isEmpty else { return }
        let records = try workspace.attach(attach.map(Paths.url), project: project, date: date)
        Console.out(say("附件 \(records.count) 个：\(records.map(\.name).joined(separator: "、"))", "\(records.count) files attached: \(records.map(\.name).joined(separator: ", "))"))
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The workspace's hash-chained audit log. 审计日志。",
        subcommands: [LogVerifyCommand.self]
    )
}

struct LogVerifyCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Recompute the audit chain and name the first broken entry. 核验审计日志。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    func execute() throws {
        let check = try store.open().verifyAuditChain()
        if let broken = check.firstBroken {
            throw ShishiError("log.broken", Text("审计日志链断裂：\(broken.reason.zh)", "The audit chain is broken: \(broken.reason.en)"))
        }
        Console.out(say("审计日志完好：\(check.entries) 条记录，哈希链一致。", "The audit log holds: \(check.entries) entries, the hash chain is intact."))
    }
}

struct HotlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "12345 hotline complaints linked to projects. 12345 热线。",
        subcommands: [HotlineImportCommand.self, HotlineCountsCommand.self]
    )
}

struct HotlineImportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import complaints (record_id,date,category,text[,project]); a file loads once. 导入热线工单。",
        discussion: "Complaints without a project number are linked by --rules (project,keyword), or left unlinked."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "Matching rules: a CSV of project,keyword.")
    var rules: String?

    func execute() throws {
        let url = Paths.url(file)
        let matching = try rules.map { path in try Hotline.rules(FileAccess.read(Paths.url(path)), source: Paths.url(path).lastPathComponent) } ?? []
        let outcome = try Hotline.importFile(FileAccess.read(url), source: url.lastPathComponent, rules: matching, into: store.open())
        Console.out(say(
            "已导入 \(url.lastPathComponent)：新增工单 \(outcome.added) 件（其中关联到项目 \(outcome.linked) 件），已存在 \(outcome.skipped) 件（未重复导入）。",
            "Imported \(url.lastPathComponent): \(outcome.added) complaints added (\(outcome.linked) linked to a project), \(outcome.skipped) already present (not imported twice)."
        ))
    }
}

struct HotlineCountsCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "counts", abstract: "Complaints per project and month. 各项目每月工单数。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let counts = try Hotline.counts(store.open())
        if json {
            try Console.json(counts)
            return
        }
        Console.out(say("热线工单（按项目、月份）：", "Hotline complaints by project and month:"))
        if counts.isEmpty { Console.out(say("  （没有关联到项目的工单）", "  (no complaint linked to a project)")) }
        for row in counts {
            Console.out("  #\(row.project)  \(row.month)  \(String(repeating: "▇", count: min(row.count, 40))) \(row.count)")
        }
    }
}


struct InspectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection",
        abstract: "Inspections (视察) and the problems they find. 视察。",
        subcommands: [InspectionAddCommand.self]
    )
}

struct InspectionAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record an inspection and its problems, each with who rectifies it and by when. 记录视察。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    @Option(help: "The date (YYYY-MM-DD).")
    var date: String

    @Option(help: "Who inspected.")
    var inspectors: String

    @Option(help: "What they found.")
    var findings: String

    @Option(parsing: .singleValue, help: "A problem as PROBLEM|RESPONSIBLE|DEADLINE (e.g. 围挡破损|市住建局|2027-05-31); repeat for each.")
    var problem: [String] = []

    func execute() throws {
        let problems = try problem.map { text -> (problem: String, responsible: String, deadline: String) in
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ShishiError("inspection.badProblem", zh: "“\(text)”应写成 问题|责任单位|整改期限（YYYY-MM-DD）。", en: "“\(text)” should be PROBLEM|RESPONSIBLE|DEADLINE (YYYY-MM-DD).")
            }
            return (parts[0], parts[1], parts[2])
        }
        let (inspection, rectifications) = try store.open().addInspection(project: project, date: date, inspectors: inspectors, findings: findings, problems: problems)
        Console.out(say("已记录视察 #\(inspection.id!)（项目 #\(project)，\(date)），整改事项 \(rectifications.count) 项：", "Inspection #\(inspection.id!) recorded (project #\(project), \(date)), \(rectifications.count) rectifications:"))
        for item in rectifications {
            Console.out("  #\(item.id!) \(item.problem) · \(item.responsible) · \(say("期限", "due")) \(item.deadline)")
        }
    }
}

struct RectificationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rectification",
        abstract: "Rectification of problems found, through to closed. 整改。",
        subcommands: [RectificationUpdateCommand.self]
    )
}

struct RectificationUpdateCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Mark a rectification in progress, or closed with its resolution. 更新整改状态。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The rectification number.")
    var rectification: Int64

    @Option(help: "in-progress or closed.")
    var status: RectificationRecord.Status

    @Option(help: "The date (YYYY-MM-DD; default: today).")
    var date: String?

    @Option(help: "How it was resolved (needed to close).")
    var resolution: String?

    func execute() throws {
        try store.open().updateRectification(rectification, status: status, date: date ?? Dates.today(), resolution: resolution)
        Console.out(say("整改事项 #\(rectification) 现为：\(status == .closed ? "已关闭" : status == .inProgress ? "整改中" : "待整改")。", "Rectification #\(rectification) is now \(status.rawValue)."))
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
        Console.out(say("  责任单位 \(updated.department ?? "—")；负责人 \(updated.lead ?? "—")；预算 \(updated.budget.map { "\($0) 元" } ?? "—")；目标 \(updated.targets ?? "—")", "  department \(updated.department ?? "—"); lead \(updated.lead ?? "—"); budget \(updated.budget.map { "\($0) yuan" } ?? "—"); targets \(updated.targets ?? "—")"))
    }
}

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Deputy monitoring groups (代表小组), one per project. 代表小组。",
        subcommands: [GroupAddCommand.self, GroupShowCommand.self]
    )
}

struct GroupAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Put deputies from the roster on a project's monitoring group. 添加小组成员。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    @Option(help: "Deputy roster ids, comma-separated (e.g. D001,D017).")
    var deputies: String = ""

    @Option(help: "The deputy who leads the group.")
    var leader: String?

    func execute() throws {
        let ids = deputies.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
        let added = try store.open().addGroupMembers(project: project, deputies: ids, leader: leader)
        Console.out(say("项目 #\(project) 的代表小组新增：\(added.map { "\($0.name)（\($0.deputyId)）\($0.role == "leader" ? " 组长" : "")" }.joined(separator: "、"))", "Added to project #\(project)'s monitoring group: \(added.map { "\($0.name) (\($0.deputyId))\($0.role == "leader" ? ", leader" : "")" }.joined(separator: ", "))"))
    }
}

struct GroupShowCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "List a project's monitoring group. 查看代表小组。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    func execute() throws {
        let members = try store.open().groupMembers(project: project)
        Console.out(say("项目 #\(project) 代表小组（\(members.count) 人）：", "Project #\(project) monitoring group (\(members.count)):"))
        for member in members {
            Console.out("  \(member.deputyId) \(member.name)\(member.role == "leader" ? say(" 组长", " (leader)") : "")")
        }
    }
}
