import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiFollowUp

struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Define and describe votes. 定义和查看投票。",
        subcommands: [VoteInitCommand.self, VoteShowCommand.self]
    )
}

struct VoteInitCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Define a vote: write DIR/manifest.json, signed by the secretariat, and DIR/roster.csv. 定义一次投票。",
        discussion: """
            candidates.csv columns: id (编号), title (名称), optional title_en, department (责任单位), cost (估算金额; \
            required of every candidate with --budget). With --budget the adopted projects are taken by yes votes, \
            most first, each one that still fits the budget left (and within --seats when given).

            With --list (the candidate-list.json of shishi collect fix, signed with the same secretariat key) the \
            candidates must be that list's; the folder keeps it and the manifest names its hash.

            roster.csv columns: id (编号), name (姓名), optional group (代表团), public_key (公钥; needed for recorded votes). The suite is the secretariat key's suite; every official key must be of the same suite.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The new vote folder.")
    var dir: String

    @Option(help: "The vote's title, e.g. 2027 年市级民生实事项目代表票决.")
    var title: String

    @Option(help: "Seats K: projects to adopt, and the most yes marks a ballot may give (not for --style rating; optional with --budget).")
    var seats: Int?

    @Option(help: "The most yes marks a ballot may give, when it is not --seats.")
    var maxYes: Int?

    @Option(help: "A total budget the adopted projects must fit (candidates.csv then gives each a cost).")
    var budget: String?

    @Option(help: "Points ballots (--style points): the most points one project may get from a ballot.")
    var maxPoints: Int?

    @Option(help: "Points ballots (--style points): the most points a ballot may give in all.")
    var pointsTotal: Int?

    @Option(help: "The candidates CSV file.")
    var candidates: String

    @Option(help: "The signed candidate list from shishi collect fix: checked against the candidates and kept in the folder.")
    var list: String?

    @Option(help: "The roster CSV file.")
    var roster: String

    @Option(help: "The secretariat's private key (signs the manifest).")
    var key: String

    @Option(help: "The registrar's public signing key (.pub), which seals the issuance log.")
    var registrar: String

    @Option(name: .customLong("blind-key"), help: "The registrar's RSA blind-signing public key (.pub); required for secret votes.")
    var blindKey: String?

    @Option(name: .customLong("vote-id"), help: "A short id for the vote (letters, digits, - and _). Defaults to the folder name.")
    var voteId: String?

    @Option(help: "The session holding the vote, e.g. 市第十七届人民代表大会第六次会议.")
    var session: String?

    @Option(
        help:
            "Ballot style: yes-no-abstain (default), approval, rating (a satisfaction evaluation: 满意/基本满意/不满意 per project), or points (whole points per project, on paper)."
    )
    var style: BallotStyle = .yesNoAbstain

    @Option(name: .customLong("grading-base"), help: "Evaluation rounds: grades count against all evaluators (default) or the ratings cast.")
    var gradingBase: GradingRule.Base = .evaluators

    @Option(help: "secret (default) or recorded.")
    var secrecy: Secrecy = .secret

    @Option(
        help:
            "Who may read the ballots' marks: count (the public sees the count, the trackers and the digest; the marked ballots go to the scrutineers: the default of a secret vote) or ballots (every ballot is published: the default of a recorded vote)."
    )
    var publish: BallotPublication?

    @Option(help: "Signature suite; must match the secretariat key (ed25519 or sm2).")
    var suite: SignatureSuite?

    @Option(name: .customLong("majority-base"), help: "all (default), present, valid or none.")
    var majorityBase: MajorityBase = .all

    @Option(help: "Deputies present must exceed this fraction of all deputies (default 2/3).")
    var quorum = "2/3"

    @Option(name: .customLong("tie-rule"), help: "At a tie across the K-th place: run-off.")
    var tieRule: TieRule = .runOff

    @Option(help: "When fewer than K pass: second-round (default) or leave-vacant.")
    var shortfall: ShortfallRule = .secondRound

    @Option(parsing: .singleValue, help: "A counter's public key (.pub); repeat for each counter.")
    var counter: [String] = []

    @Option(parsing: .singleValue, help: "A scrutineer's public key (.pub); repeat for each scrutineer.")
    var scrutineer: [String] = []

    func execute() throws {
        let folder = Paths.url(dir)
        let secretariat = try Keys.signing(key)
        // A roster or candidate list kept in Excel or saved by Chinese Excel is written into the
        // folder as the UTF-8 CSV the manifest hashes.
        let candidatesURL = Paths.url(candidates)
        let candidatesCSV = try SheetFile.utf8CSV(SheetInput.read(candidatesURL, language: global.lang), source: candidatesURL.lastPathComponent)
        let candidateList = try Candidate.list(
            from: CSVTable(text: String(decoding: candidatesCSV, as: UTF8.self), source: candidatesURL.lastPathComponent, columns: Candidate.csvColumns))
        let budget = try budget.map { try Amount(budget: $0) }
        let seats = try VoteDefinition.seats(for: style, given: seats, budget: budget)
        var definition = VoteDefinition(
            voteId: voteId ?? Self.slug(folder.lastPathComponent),
            title: title,
            seats: seats,
            candidates: candidateList,
            rosterCSV: try SheetFile.utf8CSV(SheetInput.read(Paths.url(roster), language: global.lang), source: Paths.url(roster).lastPathComponent),
            registrar: try Keys.signingPublic(registrar).key,
            blind: try blindKey.map(Keys.blindPublic)
        )
        definition.session = session
        definition.requestedSuite = suite
        definition.rosterSource = Paths.url(roster).lastPathComponent
        if let list {
            definition.candidateList = try FileAccess.read(Paths.url(list))
            definition.candidateListSource = Paths.url(list).lastPathComponent
        }
        definition.style = style
        definition.maxYes = maxYes
        definition.budget = budget
        // Points limits on another style are refused by the manifest's own check, not dropped.
        definition.points = style == .points || maxPoints != nil || pointsTotal != nil ? PointsRule(maxPerProject: maxPoints, maxTotal: pointsTotal) : nil
        definition.secrecy = secrecy
        definition.publication = publish
        definition.rules = VoteRules(
            majorityBase: majorityBase, quorum: try Fraction(parsing: quorum), tieRule: tieRule, shortfallRule: shortfall,
            grading: style.isRating ? GradingRule(base: gradingBase) : nil
        )
        definition.officials =
            try counter.map { path in
                let (key, name) = try Keys.signingPublic(path)
                return Official(role: .counter, name: name, key: key)
            }
            + scrutineer.map { path in
                let (key, name) = try Keys.signingPublic(path)
                return Official(role: .scrutineer, name: name, key: key)
            }
        let vote = try definition.create(at: folder, secretariat: secretariat, now: Date())
        Console.out(say("已定义投票：\(folder.path)/manifest.json", "Vote defined: \(folder.path)/manifest.json"))
        VoteDescription.lines(vote, language: global.lang).forEach { Console.out($0) }
    }

    static func slug(_ name: String) -> String {
        let cleaned = String(name.map { Candidate.isValidID(String($0)) ? $0 : "-" })
        return cleaned.isEmpty ? "vote" : String(cleaned.prefix(32))
    }
}

struct VoteShowCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Describe a vote folder and check its manifest and roster. 查看投票定义。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Flag(help: "Print the manifest as JSON.")
    var json = false

    func execute() throws {
        let vote = try folder.open()
        if json {
            try Console.json(vote.manifest)
        } else {
            VoteDescription.lines(vote, language: global.lang).forEach { Console.out($0) }
        }
    }
}
