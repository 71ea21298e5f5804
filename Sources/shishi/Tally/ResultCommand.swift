import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct ResultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "result",
        abstract: "The signed result. 计票结果。",
        subcommands: [ResultSignCommand.self]
    )
}

struct ResultSignCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Countersign result.json as a scrutineer, after checking it against a recount. 监票人会签结果。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The scrutineer's private key.")
    var key: String

    @OptionGroup var previous: PreviousRoundOption

    func execute() throws {
        let vote = try folder.open()
        let scrutineer = try Keys.signing(key)
        // A scrutineer signs only what the files say: recount first.
        let verification = try Verification.run(vote, previous: previous.result())
        guard verification.differences.isEmpty else {
            throw ShishiError(
                .resultMismatch,
                zh: "result.json 与重新计票不符，不能签名：\(verification.differences.map(\.zh).joined(separator: "；"))",
                en: "result.json does not match the recount and cannot be signed: \(verification.differences.map(\.en).joined(separator: "; "))"
            )
        }
        let signers = try ResultFile(vote: vote).sign(with: scrutineer)
        Console.out(
            say("已会签。result.json 现有监票人签名：\(signers.joined(separator: "、"))", "Countersigned. result.json is now signed by: \(signers.joined(separator: ", "))"))
    }
}
