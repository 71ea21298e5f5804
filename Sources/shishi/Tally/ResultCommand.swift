import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct ResultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "result",
        abstract: "The signed result. 计票结果。",
        subcommands: [ResultSignCommand.self, ResultArchiveCommand.self]
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

struct ResultArchiveCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Pack the counted folder as the .tar.gz to publish, or (--full) the whole folder for the recount. 打包公开副本。",
        discussion: """
            Without --full the archive is what the public may see under the manifest's publication: for a \
            vote that publishes the count only (the default of a secret vote), the public copy, without any \
            ballot's marks; for a vote that publishes its ballots, the whole folder. --full packs every \
            ballot, for the scrutineers and whoever recounts. Private keys are never packed; files are in \
            name order with no times or owners.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The archive to write (.tar.gz); shishi will not overwrite a file.")
    var out: String

    @Flag(help: "Pack the whole folder, ballots included (for the recount, never for the public of a vote that keeps its marks).")
    var full = false

    func execute() throws {
        let vote = try folder.open()
        _ = try ResultFile(vote: vote).read()
        let target = Paths.url(out)
        let contents: VoteArchive.Contents = full ? .fullFolder : VoteArchive.forPublic(vote)
        try VoteArchive.write(vote, contents, to: target)
        Console.out(
            contents == .publicCopy
                ? say(
                    "已写入公开副本 \(target.path)：不含任何选票的内容。解压后 shishi verify 可核对签名、跟踪码与结果的算术（结论为“公开副本”，退出码 4）。",
                    "Wrote the public copy \(target.path): no ballot's marks. Unpacked, shishi verify checks its signatures, trackers and the result's arithmetic (verdict partial, exit 4)."
                )
                : say(
                    "已写入完整投票目录 \(target.path)：含每一张选票\(vote.manifest.publishes == .count ? "，只交重新计票的人，不得公开" : "")。",
                    "Wrote the whole folder \(target.path), every ballot included\(vote.manifest.publishes == .count ? ": for those who recount only, never to be published" : "")."
                ))
    }
}
