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
    func countRoom(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        var values = base(request, context, title: Text("计票", "The count"))
        let figures = try hall.figures()
        values["figures"] = try figuresValues(figures, language: language)
        values["closed"] = figures.closed
        // The box is closed once sign-in is sealed, before the count (RoundPhase).
        values["canClose"] = figures.sealed && !figures.closed && !figures.counted && hall.secretariatKey != nil
        values["closeByCommand"] = figures.sealed && !figures.closed && !figures.counted && hall.secretariatKey == nil
        let countable = figures.sealed && !figures.counted && figures.counting == nil
        values["canCount"] = countable && figures.closed
        // An open box is counted only by closing it first, in one confirmed step (the server's key),
        // or after the close signed in this browser (the step above).
        values["canCloseAndCount"] = countable && !figures.closed && hall.secretariatKey != nil
        values["closeBeforeCount"] = countable && !figures.closed && hall.secretariatKey == nil
        values["notSealed"] = !figures.sealed
        // Only values that are there: the templates take any value present as true.
        if let percent = figures.counting { values["counting"] = ["percent": percent] }
        if let failure = hall.lastCountFailure { values["failure"] = failure(language) }
        if let closed = try BoxClose.load(for: hall.vote) {
            let at = Timestamp.display(closed.record.closedAt, in: timeZone, language: language)
            values["closeRecord"] = Text(
                "\(at)，票箱中电子选票 \(closed.record.ballots) 张，摘要 \(closed.record.digest.short)…",
                "\(at), \(closed.record.ballots) electronic ballots in the box, digest \(closed.record.digest.short)…")(language)
        }
        if let published = try hall.published() {
            values["result"] = resultValues(published.result, signers: published.signers, language: language)
            if let allocation = published.result.allocation, allocation.next != .none {
                values["nextRound"] = Announcement.nextText(allocation, seats: published.result.seats)?(language)
                values["canStartNext"] = hall.secretariatKey != nil
            }
        }
        if rounds.all.count > 1 { values["round"] = hall.vote.manifest.round }
        return pages.page(.count, values)
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
        let suite = try Self.suite(body.suite)
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
