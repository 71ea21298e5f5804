import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore

struct IssuanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuance",
        abstract: "The issuance log. 签到与凭证发放日志。",
        subcommands: [IssuanceSealCommand.self]
    )
}

struct IssuanceSealCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal sign-in: sign the issuance log into DIR/issuance.json. Nothing is issued after. 封存签到。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The registrar's private signing key.")
    var key: String

    func execute() throws {
        let vote = try folder.open()
        let seal = try Registrar(vote: vote, signingKey: Keys.signing(key), blindKey: nil).seal()
        Console.out(
            say(
                "签到已封存：代表 \(seal.deputies) 名，出席 \(seal.present) 名（电子 \(seal.credentials)，纸质 \(seal.paper)）。",
                "Sign-in sealed: \(seal.deputies, noun: "deputy"), \(seal.present) present (\(seal.credentials) electronic, \(seal.paper) paper)."
            ))
        Console.out(say("日志链头 \(seal.head)", "Log chain head \(seal.head)"))
    }
}
