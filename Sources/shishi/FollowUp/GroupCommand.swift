import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

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
        Console.out(
            say(
                "项目 #\(project) 的代表小组新增：\(added.map { "\($0.name)（\($0.deputyId)）\($0.role == .leader ? " 组长" : "")" }.joined(separator: "、"))",
                "Added to project #\(project)'s monitoring group: \(added.map { "\($0.name) (\($0.deputyId))\($0.role == .leader ? ", leader" : "")" }.joined(separator: ", "))"
            ))
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
            Console.out("  \(member.deputyId) \(member.name)\(member.role == .leader ? say(" 组长", " (leader)") : "")")
        }
    }
}
