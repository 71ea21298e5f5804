import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore
import ShishiTally

/// The count room (秘书处): closing the box (with the server's key, or signed in the browser),
/// the count with its progress, the result, and the next round.
struct CountArea: HallArea {
    let site: HallRoutes

    func addRoutes(to router: Router<HallContext>) {
        router.group().add(middleware: site.pageRefusals(back: ("/count", Text("返回计票", "Back to the count"))))
            .add(middleware: RequireRole<HallSession>(.secretariat))
            .get("/count") { request, context in try countRoom(request, context) }
            .post("/count/close") { request, context in try await closeBox(request, context) }
            .post("/count/run") { request, context in try await startCount(request, context) }
            .post("/count/next") { request, context in try await startNextRound(request, context) }
        router.group().add(middleware: JSONRefusals()).add(middleware: RequireRole<HallSession>(.secretariat))
            .get("/api/box/close/signing") { request, context in try await closeSigning(request, context) }
            .post("/api/box/close") { request, context in try await closeSigned(request, context) }
    }

    /// The secretariat's page at the end of the day: the figures, closing the box, the count
    /// with its progress, and the result with its texts to download.
    struct CountPage: PageContent {
        static let template = Template.count
        struct Counting {
            var percent: Int
        }
        var figures: FiguresView
        var closed: Bool
        var canClose: Bool
        var closeByCommand: Bool
        var canCount: Bool
        var canCloseAndCount: Bool
        var closeBeforeCount: Bool
        var notSealed: Bool
        /// The count in progress, or `nil`.
        var counting: Counting?
        /// Why the last count failed, or `nil`.
        var failure: String?
        /// The close record in words, once the box is closed.
        var closeRecord: String?
        var result: ResultView?
        /// The run-off or second round the result calls for, or `nil`.
        var nextRound: String?
        var canStartNext = false
        /// The round, when the hall has held more than one.
        var round: Int?
    }

    func countRoom(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        let figures = try hall.figures()
        let countable = figures.sealed && !figures.counted && figures.counting == nil
        let hasKey = hall.secretariatKey != nil
        var page = CountPage(
            figures: try figuresView(figures, language: language), closed: figures.closed,
            // The box is closed once sign-in is sealed, before the count (RoundPhase).
            canClose: figures.sealed && !figures.closed && !figures.counted && hasKey,
            closeByCommand: figures.sealed && !figures.closed && !figures.counted && !hasKey, canCount: countable && figures.closed,
            // An open box is counted only by closing it first, in one confirmed step (the server's key),
            // or after the close signed in this browser (the step above).
            canCloseAndCount: countable && !figures.closed && hasKey, closeBeforeCount: countable && !figures.closed && !hasKey,
            notSealed: !figures.sealed, counting: figures.counting.map { CountPage.Counting(percent: $0) }, failure: hall.lastCountFailure?(language))
        if let closed = try BoxClose.load(for: hall.vote) {
            let at = Timestamp.display(closed.record.closedAt, in: timeZone, language: language)
            page.closeRecord = Text(
                "\(at)，票箱中电子选票 \(closed.record.ballots) 张，摘要 \(closed.record.digest.short)…",
                "\(at), \(closed.record.ballots, noun: "electronic ballot") in the box, digest \(closed.record.digest.short)…")(language)
        }
        if let published = try hall.published() {
            page.result = resultView(published.result, signers: published.signers, language: language)
            if let allocation = published.result.allocation, allocation.next != .none {
                page.nextRound = Announcement.nextText(allocation, seats: published.result.seats)?(language)
                page.canStartNext = hasKey
            }
        }
        if rounds.all.count > 1 { page.round = hall.vote.manifest.round }
        return pages.page(frame(request, context, title: Text("计票", "The count")), page)
    }

    func closeBox(_ request: Request, _ context: HallContext) async throws -> Response {
        _ = try await requireForm(HallContext.TokenForm.self, request, context)
        try hall.close()
        return Response.redirect(to: "/count", type: .normal)
    }

    /// The close record of the box as it is, for the secretariat's browser to sign.
    func closeSigning(_ request: Request, _ context: HallContext) async throws -> Response {
        let envelope = try BoxClose.prepare(hall.vote, now: Date())
        return try JSONAnswer.value(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload), status: .ok)
    }

    struct Closed: Codable {
        var ballots: Int
    }

    func closeSigned(_ request: Request, _ context: HallContext) async throws -> Response {
        let body = try await requireJSON(SignedDocument.self, request, context)
        let suite = try SignedPost.suite(body.suite)
        var envelope = SignedEnvelope(payloadType: body.payloadType, payload: body.payload)
        envelope.signatures = [Signature(suite: suite, key: body.key, sig: body.sig)]
        let closed = try hall.close(signed: envelope)
        return try JSONAnswer.value(Closed(ballots: closed.record.ballots), status: .created)
    }

    /// The count's form: 封箱并计票 sends `close` with the confirmation ticked.
    struct CountForm: Decodable {
        var csrf: String
        var close: String?
        var confirm: String?
    }

    func startCount(_ request: Request, _ context: HallContext) async throws -> Response {
        let form = try await requireForm(CountForm.self, request, context)
        if form.close != nil, form.confirm == nil {
            throw ShishiError(
                .phaseRefused, zh: "请先勾选确认：封箱后票箱不再接收任何选票。",
                en: "Tick the confirmation first: after the close the box takes no more ballots.")
        }
        try hall.startCount(language: Site.language(request), closingFirst: form.close != nil)
        return Response.redirect(to: "/count", type: .normal)
    }

    func startNextRound(_ request: Request, _ context: HallContext) async throws -> Response {
        _ = try await requireForm(HallContext.TokenForm.self, request, context)
        try rounds.startNext()
        return Response.redirect(to: "/count", type: .normal)
    }
}
