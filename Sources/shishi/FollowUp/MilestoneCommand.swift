import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct MilestoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone",
        abstract: "Project milestones. 里程碑。",
        subcommands: [MilestoneAddCommand.self, MilestoneDoneCommand.self, MilestoneMoveCommand.self]
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
        Console.out(
            say("已添加里程碑 #\(milestone.id!)：\(title)（计划 \(due)，权重 \(weight)）", "Milestone #\(milestone.id!) added: \(title) (due \(due), weight \(weight))"))
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

    @Option(help: "How it is known to be done (the acceptance, the handover).")
    var note = ""

    @Option(parsing: .upToNextOption, help: "Files showing it (an acceptance sheet, a photo), stored by their SHA-256.")
    var evidence: [String] = []

    func execute() throws {
        let files = try evidence.map { path in Workspace.FileContents(name: Paths.url(path).lastPathComponent, data: try FileAccess.read(Paths.url(path))) }
        try store.open().completeMilestone(milestone, on: date ?? Dates.today(), evidence: note, files: files)
        Console.out(
            say(
                "里程碑 #\(milestone) 已标记完成（\(date ?? Dates.today())）\(files.isEmpty ? "" : "，佐证文件 \(files.count) 个")。",
                "Milestone #\(milestone) marked done on \(date ?? Dates.today())\(files.isEmpty ? "" : ", with \(files.count, noun: "evidence file")")."))
    }
}

struct MilestoneMoveCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Move a milestone still ahead to another date (an overdue one keeps its date). 里程碑改期。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The milestone number.")
    var milestone: Int64

    @Option(help: "The new planned date (YYYY-MM-DD).")
    var due: String

    @Option(help: "Today, for the check that the milestone is still ahead (YYYY-MM-DD; default: today).")
    var today: String?

    func execute() throws {
        try store.open().rescheduleMilestone(milestone, due: due, today: today ?? Dates.today())
        Console.out(say("里程碑 #\(milestone) 改为 \(due) 完成。", "Milestone #\(milestone) now due on \(due)."))
    }
}
