import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

/// `shishi box`: the electronic ballot box.
struct BoxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "box",
        abstract: "The electronic ballot box. 电子票箱。",
        subcommands: [BoxCloseCommand.self]
    )
}

/// `shishi box close DIR --key secretariat.key`: voting ends.
struct BoxCloseCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close voting: the secretariat signs a close record naming the ballots in the box; no cast is taken after. 封箱。",
        discussion: """
            Writes DIR/close.json (signed by the secretariat: the number of electronic ballots in the box \
            and a digest over their trackers) and DIR/closed-trackers.txt. The count (check 19) then sets \
            aside any ballot the record does not cover, as arriving after the close.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The secretariat's private signing key (the one that signed the manifest).")
    var key: String

    func execute() throws {
        let vote = try folder.open()
        let closed = try BoxClose.close(vote, secretariat: Keys.signing(key), now: Date())
        Console.out(
            say(
                "已封箱：票箱中电子选票 \(closed.record.ballots) 张，摘要 \(closed.record.digest)。此后不再接收选票。",
                "Box closed: \(closed.record.ballots, noun: "electronic ballot") in the box, digest \(closed.record.digest). No ballot is taken after."))
    }
}
