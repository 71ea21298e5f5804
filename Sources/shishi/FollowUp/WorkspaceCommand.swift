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
        subcommands: [WorkspaceInitCommand.self, WorkspaceBackupCommand.self, WorkspaceRestoreCommand.self]
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

struct WorkspaceBackupCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back the workspace up into a new folder while the year's server may go on writing; the copy's audit chain and files checked. 备份工作库。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The backup folder to create (shishi will not overwrite one).")
    var out: String

    func execute() throws {
        let target = Paths.url(out)
        let report = try WorkspaceBackup.backup(try workspace.open(), to: target)
        Console.out(
            say(
                "已备份到 \(target.path)：审计记录 \(report.entries) 条（审计链完整），附件 \(report.files) 个（均与哈希相符）。恢复：shishi workspace restore \(out) --to 新工作库.sqlite",
                "Backed up into \(target.path): \(report.entries, noun: "audit entry") (the chain holds), \(report.files, noun: "attachment") (each matches its hash). To restore: shishi workspace restore \(out) --to NEW.sqlite"
            ))
    }
}

struct WorkspaceRestoreCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup as a new workspace file (never over one), after checking its audit chain and files. 恢复工作库。"
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The backup folder (shishi workspace backup --out).")
    var backup: String

    @Option(help: "The workspace file to create from it.")
    var to: String

    func execute() throws {
        let target = Paths.url(to)
        let report = try WorkspaceBackup.restore(from: Paths.url(backup), to: target)
        Console.out(
            say(
                "已恢复为 \(target.path)：审计记录 \(report.entries) 条（审计链完整），附件 \(report.files) 个。",
                "Restored as \(target.path): \(report.entries, noun: "audit entry") (the chain holds), \(report.files, noun: "attachment")."))
    }
}
