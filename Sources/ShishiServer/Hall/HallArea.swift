import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore
import ShishiTally

/// One area of the hall (the desk, the booth, the count…): a small type that adds its routes,
/// each group behind its refusal policy (``PageRefusals`` or ``JSONRefusals``) and, where only
/// some may use it, ``RequireRole``. What the areas share is here.
protocol HallArea: Sendable {
    /// The hall's site: the rounds, the pages, the accounts.
    var site: HallRoutes { get }
    /// Adds the area's routes.
    func addRoutes(to router: Router<HallContext>)
}

extension HallArea {
    /// The round now running: every page serves it.
    var hall: Hall { site.rounds.current }
    /// The rounds.
    var rounds: Rounds { site.rounds }
    /// The templates.
    var pages: Pages { site.pages }
    /// Its public board.
    var board: Board { hall.board }
    /// The hall's time zone, for the times pages show.
    var timeZone: TimeZone { site.timeZone }

    /// The frame of every page (``HallRoutes/frame(_:_:title:)``).
    func frame(_ request: Request, _ context: HallContext, title: Text) -> PageFrame {
        site.frame(request, context, title: title)
    }

    /// The figures as the templates read them (read now unless given).
    func figuresView(_ figures: Hall.Figures? = nil, language: Language) throws -> FiguresView {
        let figures = try figures ?? hall.figures()
        return FiguresView(
            present: figures.present, deputies: figures.deputies, quorumFigure: figures.quorumFigure, quorumMet: figures.quorumMet,
            credentials: figures.credentials, paper: figures.paper, cast: figures.cast, sealed: figures.sealed, closed: figures.closed,
            counted: figures.counted, isCounting: figures.counting != nil, round: figures.round, phase: PhaseView(figures.phase, language),
            phaseNumber: figures.phase.rawValue)
    }

    /// What the count room, the big screen and the board show of a result: the outcome in the
    /// chair's words, the chart and table, the figures, the numbered checks, who countersigned.
    func resultView(_ result: TallyResult, signers: [String], language: Language, of hall: Hall? = nil) -> ResultView {
        ResultView(result, signers: signers, language: language, vote: (hall ?? self.hall).vote)
    }

    /// This server's own origin, as the browser reached it.
    static func origin(_ request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        return "\(request.head.scheme ?? "http")://\(host)"
    }

    /// A JSON request of the signed-in account (its role checked by the group's
    /// ``RequireRole``), with its session's token in `X-CSRF-Token`.
    func requireJSON<Body: Codable>(_ type: Body.Type, _ request: Request, _ context: HallContext) async throws -> Body {
        try await context.requireJSON(Body.self, request).0
    }

    /// A form of the signed-in account (its role checked by the group's ``RequireRole``), with
    /// its session's token.
    func requireForm<Form: Decodable>(_ type: Form.Type, _ request: Request, _ context: HallContext) async throws -> Form {
        try await context.requireForm(Form.self, request).0
    }
}

/// The round's figures as `figures.mustache` shows them (the desk, the count room, the big screen).
struct FiguresView {
    var present: Int
    var deputies: Int
    var quorumFigure: String
    var quorumMet: Bool
    var credentials: Int
    var paper: Int
    var cast: Int
    var sealed: Bool
    var closed: Bool
    var counted: Bool
    var isCounting: Bool
    var round: Int
    var phase: PhaseView
    var phaseNumber: Int
}

/// The round's phase and what comes next, in words.
struct PhaseView {
    var title: String
    var next: String

    init(_ phase: RoundPhase, _ language: Language) {
        title = phase.title(language)
        next = phase.next(language)
    }
}

/// A result as `result.mustache` shows it (the count room, the big screen, the board, countersigning).
struct ResultView {
    struct Adopted {
        var id: String
        var title: String
    }

    struct FigureRow {
        var label: String
        var value: Int
    }

    struct Check {
        var number: Int
        var title: String
        var passed: Bool
        var detail: String
    }

    var announcement: String
    var votesSection: String
    var adopted: [Adopted]
    var hasAdopted: Bool
    var isVote: Bool
    var figureRows: [FigureRow]
    var checks: [Check]
    var noCloseRecord: String?
    var boxDigest: String
    var signers: String
    var unsigned: Bool
}

/// A paper box as the counter's and the scrutineer's pages list it.
struct PaperBoxView {
    var box: Int
    var takenOut: Int
    var scrutineers: String

    init(_ entered: (box: Int, takenOut: Int, scrutineers: [String])) {
        box = entered.box
        takenOut = entered.takenOut
        scrutineers = entered.scrutineers.joined(separator: "、")
    }
}

extension ResultView {
    /// What a page shows of a result of `vote`, countersigned by `signers`: the outcome in the
    /// chair's words, the chart and table, the figures, the numbered checks.
    init(_ result: TallyResult, signers: [String], language: Language, vote: Vote) {
        let f = result.figures
        let adopted = (result.allocation?.adopted ?? []).compactMap { id in
            vote.manifest.candidates.first { $0.id == id }.map { ResultView.Adopted(id: $0.id, title: $0.title(in: language)) }
        }
        self.init(
            announcement: Announcement.text(result, vote: vote, language: language),
            votesSection: HTMLReport.votesSection(result, vote: vote, language: language),
            adopted: adopted, hasAdopted: !adopted.isEmpty, isVote: !vote.manifest.style.isRating,
            figureRows: [
                (Text("应到", "Deputies"), f.deputies), (Text("实到", "Present"), f.present), (Text("发出选票", "Ballots issued"), f.issued),
                (Text("收回选票", "Ballots returned"), f.returned), (Text("有效票", "Valid"), f.valid), (Text("废票", "Invalid"), f.invalid),
                (Text("拒收", "Rejected"), f.rejected), (Text("暂不计入", "Set aside"), f.setAside),
            ].map { ResultView.FigureRow(label: $0.0(language), value: $0.1) },
            checks: result.checks.map { check in
                ResultView.Check(number: check.number, title: check.check?.title(language) ?? check.name, passed: check.passed, detail: check.detail(language))
            },
            noCloseRecord: result.checks.contains { $0.check == .boxClose } ? nil : TallyCheck.noCloseRecord(language),
            boxDigest: result.boxDigest.description, signers: signers.joined(separator: language == .zh ? "、" : ", "), unsigned: signers.isEmpty)
    }
}
