import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore

struct RegistrarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registrar",
        abstract: "The registrar's side of sign-in, on its own machine. 登记员。",
        subcommands: [RegistrarIssueCommand.self]
    )
}

struct RegistrarIssueCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Answer a terminal's credential request: check the roster, sign blind, log, write the grant."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The terminal's request file.")
    var request: String

    @Option(help: "Where to write the grant.")
    var grant: String

    @Option(help: "The registrar's private signing key.")
    var key: String

    @Option(name: .customLong("blind-key"), help: "The registrar's RSA blind-signing private key.")
    var blindKey: String

    func execute() throws {
        let vote = try folder.open()
        let registrar = try Registrar(vote: vote, signingKey: Keys.signing(key), blindKey: Keys.blind(blindKey))
        let asked = try ExchangeFile.read(CredentialRequest.self, from: Paths.url(request), format: CredentialRequest.format, formatOf: \.format)
        let answer = try registrar.issue(asked)
        try ExchangeFile.write(answer, to: Paths.url(grant))
        let name = vote.roster[asked.deputy]?.name ?? asked.deputy
        Console.out(
            say(
                "已为代表 \(asked.deputy)（\(name)）盲签凭证，答复写入 \(grant)。", "Blind-signed a credential for deputy \(asked.deputy) (\(name)); grant written to \(grant)."
            ))
    }
}
