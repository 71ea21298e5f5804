import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore

struct SimulateCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Build a complete, realistic vote folder through the real code paths. 模拟一次完整投票。",
        discussion: """
            Keys, manifest, sign-in with blind credentials, cast ballots, paper boxes with over-marked and \
            blank ballots, and the sealed issuance log. The same seed gives the same roster, attendance, \
            marks and paper sheets (signatures differ: RSA blind signing is randomised by design). \
            The officials' private keys go to --keys-out (default DIR.private-keys), never into DIR.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The new vote folder.")
    var dir: String

    @Option(help: "Deputies on the roster.")
    var deputies = 327

    @Option(help: "Deputies present.")
    var present = 314

    @Option(help: "Candidate projects.")
    var candidates = 15

    @Option(help: "Seats K.")
    var seats = 10

    @Option(help: "The seed.")
    var seed: UInt64 = 7

    @Option(help: "How many present deputies vote on paper.")
    var paper = 0

    @Option(help: "Paper ballot boxes.")
    var boxes = 1

    @Option(name: .customLong("over-marked"), help: "Paper ballots marked with more than K yes.")
    var overMarked = 0

    @Option(help: "Blank paper ballots.")
    var blank = 0

    @Option(help: "secret (default) or recorded.")
    var secrecy: Secrecy = .secret

    @Option(
        help:
            "Who may read the ballots' marks: count (the public sees the count, the trackers and the digest; the marked ballots go to the scrutineers: the default of a secret vote) or ballots (every ballot is published: the default of a recorded vote)."
    )
    var publish: BallotPublication?

    @Option(help: "ed25519 (default) or sm2.")
    var suite: SignatureSuite = .ed25519

    @Option(help: "yes-no-abstain (default), approval, or rating (an evaluation round: 满意/基本满意/不满意). Points ballots are paper only: simulate refuses them.")
    var style: BallotStyle = .yesNoAbstain

    @Option(name: .customLong("majority-base"), help: "all (default), present, valid or none.")
    var majorityBase: MajorityBase = .all

    @Option(help: "When fewer than K pass: second-round (default) or leave-vacant.")
    var shortfall: ShortfallRule = .secondRound

    @Flag(help: "Write electronic ballots to the single-file bundle DIR/box.jsonl (one per line), for very large votes.")
    var bundle = false

    @Option(name: .customLong("keys-out"), help: "Where the officials' private keys go (default: DIR.private-keys).")
    var keysOut: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard style != .points else {
            throw ValidationError(
                global.lang, "模拟投票生成电子选票，打分票只有纸质票：请用 vote init --style points 定义，或导入 Pabulib 文件。",
                "simulate makes electronic ballots, and points ballots are paper only: define one with vote init --style points --max-points N, or import a cumulative Pabulib file."
            )
        }
    }

    func execute() throws {
        var plan = SimulationPlan()
        plan.deputies = deputies
        plan.present = present
        plan.candidates = candidates
        plan.seats = seats
        plan.seed = seed
        plan.paperBallots = paper
        plan.paperBoxes = boxes
        plan.overMarked = overMarked
        plan.blank = blank
        plan.secrecy = secrecy
        plan.publication = publish
        plan.suite = suite
        plan.style = style
        plan.rules = VoteRules(majorityBase: majorityBase, shortfallRule: shortfall)
        plan.bundle = bundle
        let folder = Paths.url(dir)
        let keys = Paths.url(keysOut ?? (dir.hasSuffix("/") ? String(dir.dropLast()) : dir) + ".private-keys")
        let started = Date()
        let lang = global.lang
        let summary = try Simulator(plan: plan).run(at: folder, privateKeys: keys) { stage, done, total in
            let label: Text
            switch stage {
            case .setup: label = Text("生成密钥与投票定义", "keys and manifest")
            case .casting: label = Text("签到、盲签凭证并投票", "sign-in, blind credentials and casting")
            case .paper: label = Text("录入纸质票箱", "entering paper boxes")
            case .sealing: label = Text("封存签到日志", "sealing the issuance log")
            }
            Console.progress("\(label(lang)) \(done)/\(total)", done: done == total)
        }
        let seconds = Date().timeIntervalSince(started)
        if json {
            try Console.json(SimulationReport(summary: summary, keys: keys.path, seconds: seconds))
            return
        }
        Console.out(
            say("已生成投票目录 \(folder.path)（\(String(format: "%.1f", seconds)) 秒）：", "Vote folder \(folder.path) built in \(String(format: "%.1f", seconds)) s:"))
        Console.out(
            say(
                "  代表 \(plan.deputies) 名，出席 \(summary.present) 名；电子选票 \(summary.electronic) 张，纸质选票 \(summary.paper) 张（\(summary.boxes) 个票箱，多选 \(summary.overMarked) 张，空白 \(summary.blank) 张）",
                "  \(plan.deputies, noun: "deputy"), \(summary.present) present; \(summary.electronic, noun: "electronic ballot"), \(summary.paper, noun: "paper ballot") (\(summary.boxes, noun: "box"), \(summary.overMarked) over-marked, \(summary.blank) blank)"
            ))
        Console.out(say("  manifest 哈希 \(summary.vote.hash)", "  manifest hash \(summary.vote.hash)"))
        Console.out(say("  官员私钥在 \(keys.path)（不在投票目录里）", "  officials' private keys are in \(keys.path) (not in the vote folder)"))
    }
}

/// The JSON form of a simulation's summary.
struct SimulationReport: Encodable {
    var folder: String
    var manifestHash: String
    var deputies: Int
    var present: Int
    var electronic: Int
    var paper: Int
    var boxes: Int
    var overMarked: Int
    var blank: Int
    var privateKeys: String
    var seconds: Double

    init(summary: SimulationSummary, keys: String, seconds: Double) {
        folder = summary.vote.folder.url.path
        manifestHash = summary.vote.hash.description
        deputies = summary.vote.roster.count
        present = summary.present
        electronic = summary.electronic
        paper = summary.paper
        boxes = summary.boxes
        overMarked = summary.overMarked
        blank = summary.blank
        privateKeys = keys
        self.seconds = (seconds * 1000).rounded() / 1000
    }
}
