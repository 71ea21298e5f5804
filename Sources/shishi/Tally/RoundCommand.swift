import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Rounds of a vote. 轮次。",
        subcommands: [RoundNextCommand.self]
    )
}

struct RoundNextCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Write the next round's vote folder: a run-off among tied candidates or a second round for the remaining seats. 下一轮。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The new round's folder.")
    var out: String

    @Option(help: "The secretariat's private key (signs the new manifest).")
    var key: String

    @Option(help: "The registrar's public signing key.")
    var registrar: String

    @Option(name: .customLong("blind-key"), help: "A fresh registrar RSA blind-signing public key for the new round (secret votes).")
    var blindKey: String?

    func execute() throws {
        let vote = try folder.open()
        let (_, result) = try ResultFile(vote: vote).read()
        let next = try NextRound.start(
            after: result, of: vote, at: Paths.url(out), secretariat: Keys.signing(key), registrar: Keys.signingPublic(registrar).key,
            blind: blindKey.map(Keys.blindPublic), now: Date())
        Console.out(
            say(
                "已写入第 \(next.manifest.round) 轮：\(Paths.url(out).path)/manifest.json",
                "Round \(next.manifest.round) written: \(Paths.url(out).path)/manifest.json"))
        VoteDescription.lines(next, language: global.lang).forEach { Console.out("  " + $0) }
        Console.out(say("计票时请加 --previous \(folder.dir)。", "When counting it, add --previous \(folder.dir)."))
    }
}
