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
            throw ShishiError(.workspaceExists, zh: "\(url.path) 已存在，不会覆盖。", en: "\(url.path) already exists and will not be overwritten.")
        }
        _ = try Workspace(url: url, actor: ProcessInfo.processInfo.environment["USER"] ?? "office")
        Console.out(
            say(
                "已创建工作库 \(url.path)。下一步：shishi projects adopt --result 投票目录 --workspace \(path)",
                "Workspace created: \(url.path). Next: shishi projects adopt --result VOTE-FOLDER --workspace \(path)"))
    }
}
