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
        // A scrutineer signs only what the files say: the library recounts first.
        let signers = try ResultFile(vote: vote).countersign(with: Keys.signing(key), previous: previous.result())
        Console.out(
            say("已会签。result.json 现有监票人签名：\(signers.joined(separator: "、"))", "Countersigned. result.json is now signed by: \(signers.joined(separator: ", "))"))
    }
}
