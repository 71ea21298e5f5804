import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

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
            throw ShishiError(.logBroken, Text("审计日志链断裂：\(broken.reason.zh)", "The audit chain is broken: \(broken.reason.en)"))
        }
        Console.out(say("审计日志完好：\(check.entries) 条记录，哈希链一致。", "The audit log holds: \(check.entries, noun: "entry"), the hash chain is intact."))
    }
}
