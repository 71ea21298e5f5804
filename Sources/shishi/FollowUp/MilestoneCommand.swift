import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

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

    func execute() throws {
        try store.open().completeMilestone(milestone, on: date ?? Dates.today())
        Console.out(say("里程碑 #\(milestone) 已完成。", "Milestone #\(milestone) done."))
    }
}
