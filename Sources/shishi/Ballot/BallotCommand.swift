import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore

struct BallotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ballot",
        abstract: "Cast and inspect ballots. 投票与查看选票。",
        subcommands: [BallotCastCommand.self, BallotShowCommand.self]
    )
}

struct BallotCastCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "cast",
        abstract: "Cast a ballot into DIR/box/ and print its tracker (the deputy's receipt). 投票。",
        discussion: """
            Candidates not named in --yes or --no are abstentions (弃权). At most K yes marks. \
            Evaluation rounds (style rating): --satisfied, --basic and --unsatisfied instead; an unrated \
            project is an abstention.
            Secret votes: --credential FILE (from sign-in). Recorded votes: --key DEPUTY.key --deputy ID.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The anonymous credential file from sign-in (secret votes).")
    var credential: String?

    @Option(help: "The deputy's private key (recorded votes).")
    var key: String?

    @Option(help: "The deputy's roster id (recorded votes).")
    var deputy: String?

    @Option(help: "Candidate ids marked yes (同意), comma-separated, e.g. 1,4,7.")
    var yes: String?

    @Option(help: "Candidate ids marked no (不同意), comma-separated.")
    var no: String?

    @Option(help: "Evaluation rounds: projects rated satisfied (满意), comma-separated.")
    var satisfied: String?

    @Option(help: "Evaluation rounds: projects rated basically satisfied (基本满意).")
    var basic: String?

    @Option(help: "Evaluation rounds: projects rated unsatisfied (不满意).")
    var unsatisfied: String?

    @Flag(help: "Print the receipt as JSON.")
    var json = false

    func execute() throws {
        let vote = try folder.open()
        let ratings = [Rating.satisfied: satisfied, .basicallySatisfied: basic, .unsatisfied: unsatisfied].compactMapValues { $0 }
        let marking =
            ratings.isEmpty && !vote.manifest.style.isRating
            ? try BallotMarking(yes: BallotMarking.ids(yes), no: BallotMarking.ids(no), manifest: vote.manifest)
            : try rated(ratings.mapValues(BallotMarking.ids), manifest: vote.manifest)
        let caster = BallotCaster(vote: vote)
        let receipt: BallotCaster.Receipt
        switch (credential, key, deputy) {
        case (let credential?, nil, nil):
            receipt = try caster.cast(marking, credential: Credential.read(Paths.url(credential)))
        case (nil, let key?, let deputy?):
            receipt = try caster.cast(marking, deputy: deputy, key: Keys.signing(key))
        default:
            throw ShishiError(
                .castUsage,
                zh: "请给出 --credential 凭证文件（无记名投票），或 --key 与 --deputy（记名投票）。",
                en: "Give --credential FILE (secret votes), or --key and --deputy (recorded votes)."
            )
        }
        if json {
            try Console.json(["tracker": receipt.tracker.description, "file": receipt.file.path])
            return
        }
        Console.out(say("选票已投入票箱：\(receipt.file.path)", "Ballot cast: \(receipt.file.path)"))
        Console.out(say("跟踪码（请保存，用于核对）：\(receipt.tracker)", "Tracker (keep it to check your ballot later): \(receipt.tracker)"))
    }

    /// The marking of an evaluation ballot; --yes and --no do not belong on one.
    private func rated(_ ratings: [Rating: [String]], manifest: VoteManifest) throws -> BallotMarking {
        if yes != nil || no != nil, manifest.style.isRating {
            throw ShishiError(
                .castVotingOnRating,
                zh: "这是测评票：每个项目选满意、基本满意或不满意（--satisfied、--basic、--unsatisfied），而不是同意/不同意。",
                en: "This is an evaluation ballot: rate each project with --satisfied, --basic or --unsatisfied, not yes/no."
            )
        }
        return try BallotMarking(ratings: ratings, manifest: manifest)
    }
}

struct BallotShowCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Describe a ballot (or paper batch, issuance log, manifest) in words and check it against its vote folder. 查看并核验选票。",
        discussion: "Exit status 0 when nothing is wrong, 1 otherwise (an over-marked ballot is authentic but invalid: 1)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The file: DIR/box/<tracker>.json, DIR/paper/box-N.json, DIR/issuance.json or DIR/manifest.json.")
    var file: String

    @Option(help: "The vote folder (default: found from the file's location).")
    var vote: String?

    @Flag(help: "Print the inspection as JSON.")
    var json = false

    func execute() throws {
        let url = Paths.url(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ShishiError(.fileMissing, zh: "找不到文件 \(url.path)。", en: "No such file: \(url.path).")
        }
        let folder = vote.map(Paths.url) ?? Self.voteFolder(containing: url)
        let opened = try VoteFolder(url: folder).open()
        let inspection = FileInspection.inspect(url, vote: opened, language: global.lang)
        if json {
            try Console.json(inspection)
        } else {
            Console.out(inspection.rendered(global.lang))
        }
        if !inspection.ok { throw ExitCode(1) }
    }

    /// The nearest folder above `file` that holds a manifest.json.
    static func voteFolder(containing file: URL) -> URL {
        var folder = file.deletingLastPathComponent()
        for _ in 0..<3 {
            if VoteFolder(url: folder).holdsVote { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return file.deletingLastPathComponent()
    }
}
