import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore

struct PaperCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paper",
        abstract: "Paper ballot boxes. 纸质选票。",
        subcommands: [PaperEnterCommand.self, PaperCountersignCommand.self]
    )
}

struct PaperEnterCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "enter",
        abstract: "Record one paper ballot box as keyed in by the counters, signed by a counter. 录入纸质票箱。",
        discussion: """
            The CSV has a row per ballot taken out of the box: an optional serial column and one column \
            per candidate id, each cell Y/同意/✓, N/不同意, blank/弃权, or ? for a mark that cannot be read. \
            Over-marked and blank ballots are recorded as they are: the tally judges them.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The box number.")
    var box: Int

    @Option(help: "The counters' CSV for this box.")
    var file: String

    @Option(help: "Ballots issued into this box's share (发出票数).")
    var issued: Int

    @Option(name: .customLong("taken-out"), help: "Ballots taken out of the box (收回票数).")
    var takenOut: Int

    @Option(help: "The counter's private key.")
    var key: String

    @Option(help: "A scrutineer's private key, to countersign at once.")
    var countersign: String?

    func execute() throws {
        let vote = try folder.open()
        let url = Paths.url(file)
        let batch = try PaperEntry(vote: vote).enter(
            box: box, csv: FileAccess.read(url), source: url.lastPathComponent, issued: issued, takenOut: takenOut,
            counter: Keys.signing(key), scrutineer: countersign.map(Keys.signing), now: Date()
        )
        let over = batch.invalidBallots(in: vote.manifest).count
        let blank = batch.ballots.filter(\.isBlank).count
        Console.out(
            say(
                "第 \(box) 号票箱已录入：\(batch.ballots.count) 张（其中多选 \(over) 张、空白 \(blank) 张），发出 \(issued) 张，收回 \(takenOut) 张。",
                "Box \(box) entered: \(batch.ballots.count, noun: "ballot") (\(over) over-marked, \(blank) blank); \(issued) issued, \(takenOut) taken out."
            ))
        if takenOut > issued {
            Console.out(
                say("注意：收回票数多于发出票数，计票时本轮投票将无效，须重新投票。", "Note: more ballots taken out than issued; the tally will declare the round void and it must be re-run.")
            )
        }
        Console.out(say("写入 \(vote.folder.paperBatchURL(box: box).path)", "Written to \(vote.folder.paperBatchURL(box: box).path)"))
    }
}

struct PaperCountersignCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "countersign",
        abstract: "Add a scrutineer's countersignature to an entered paper box. 监票人会签。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The box number.")
    var box: Int

    @Option(help: "The scrutineer's private key.")
    var key: String

    func execute() throws {
        let vote = try folder.open()
        try PaperEntry(vote: vote).countersign(box: box, scrutineer: Keys.signing(key))
        Console.out(say("第 \(box) 号票箱已会签。", "Box \(box) countersigned."))
    }
}
