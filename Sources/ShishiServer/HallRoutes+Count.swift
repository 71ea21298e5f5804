import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore
import ShishiTally

extension HallRoutes {
    // MARK: - The count room (secretariat)

    /// The secretariat's page at the end of the day: the figures, closing the box, the count
    /// with its progress, and the result with its texts to download.
    func countRoom(_ request: Request, _ context: HallContext) throws -> Response {
        _ = try requireRole(context, .secretariat)
        let language = Self.language(request)
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
        return pages.page("count", values)
    }

    func closeBox(_ request: Request, _ context: HallContext) async -> Response {
        await answering(request, context, back: ("/count", Text("返回计票", "Back to the count"))) {
            _ = try await requireForm(TokenForm.self, request, context, role: .secretariat)
            try hall.close()
            return Response.redirect(to: "/count", type: .normal)
        }
    }

    /// The close record of the box as it is, for the secretariat's browser to sign.
    func closeSigning(_ request: Request, _ context: HallContext) async -> Response {
        await answeringJSON {
            _ = try requireRole(context, .secretariat)
            let envelope = try BoxClose.prepare(hall.vote, now: Date())
            return BoothAPI(rounds: rounds).json(
                try StrictJSON.encode(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload)), status: .ok)
        }
    }

    /// A close record the secretariat signed in the browser.
    struct SignedDocument: Codable {
        var payloadType: String
        var payload: Data
        var key: String
        var sig: Data
        var suite: String
    }

    struct Closed: Codable {
        var ballots: Int
    }

    func closeSigned(_ request: Request, _ context: HallContext) async -> Response {
        await answeringJSON {
            let body = try await requireJSON(SignedDocument.self, request, context, role: .secretariat)
            let suite = try Self.suite(body.suite)
            var envelope = SignedEnvelope(payloadType: body.payloadType, payload: body.payload)
            envelope.signatures = [Signature(suite: suite, key: body.key, sig: body.sig)]
            let closed = try hall.close(signed: envelope)
            return BoothAPI(rounds: rounds).json(try StrictJSON.encode(Closed(ballots: closed.record.ballots)), status: .created)
        }
    }

    /// The count's form: 封箱并计票 sends `close` with the confirmation ticked.
    struct CountForm: Decodable {
        var csrf: String
        var close: String?
        var confirm: String?
    }

    func startCount(_ request: Request, _ context: HallContext) async -> Response {
        await answering(request, context, back: ("/count", Text("返回计票", "Back to the count"))) {
            let form = try await requireForm(CountForm.self, request, context, role: .secretariat)
            if form.close != nil, form.confirm == nil {
                throw ShishiError(
                    .phaseRefused, zh: "请先勾选确认：封箱后票箱不再接收任何选票。",
                    en: "Tick the confirmation first: after the close the box takes no more ballots.")
            }
            try hall.startCount(language: Self.language(request), closingFirst: form.close != nil)
            return Response.redirect(to: "/count", type: .normal)
        }
    }

    func startNextRound(_ request: Request, _ context: HallContext) async -> Response {
        await answering(request, context, back: ("/count", Text("返回计票", "Back to the count"))) {
            _ = try await requireForm(TokenForm.self, request, context, role: .secretariat)
            try rounds.startNext()
            return Response.redirect(to: "/count", type: .normal)
        }
    }

    /// What the count room, the big screen and the board show of a result: the outcome in the
    /// chair's words, the chart and table, the figures, the numbered checks, who countersigned.
    func resultValues(_ result: TallyResult, signers: [String], language: Language, of hall: Hall? = nil) -> [String: Any] {
        let hall = hall ?? self.hall
        let f = result.figures
        let adopted = (result.allocation?.adopted ?? []).compactMap { id in
            hall.vote.manifest.candidates.first { $0.id == id }.map { ["id": $0.id, "title": $0.title(in: language)] }
        }
        return [
            "announcement": Announcement.text(result, vote: hall.vote, language: language),
            "votesSection": HTMLReport.votesSection(result, vote: hall.vote, language: language),
            "adopted": adopted, "hasAdopted": !adopted.isEmpty, "isVote": !hall.vote.manifest.style.isRating,
            "figureRows": [
                (Text("应到", "Deputies"), f.deputies), (Text("实到", "Present"), f.present), (Text("发出选票", "Ballots issued"), f.issued),
                (Text("收回选票", "Ballots returned"), f.returned), (Text("有效票", "Valid"), f.valid), (Text("废票", "Invalid"), f.invalid),
                (Text("拒收", "Rejected"), f.rejected), (Text("暂不计入", "Set aside"), f.setAside),
            ].map { ["label": $0.0(language), "value": $0.1] },
            "checks": result.checks.map { check -> [String: Any] in
                [
                    "number": check.number, "title": check.check?.title(language) ?? check.name, "passed": check.passed,
                    "detail": check.detail(language),
                ]
            },
            "noCloseRecord": result.checks.contains { $0.check == .boxClose } ? "" : TallyCheck.noCloseRecord(language),
            "boxDigest": result.boxDigest.description,
            "signers": signers.joined(separator: language == .zh ? "、" : ", "),
            "unsigned": signers.isEmpty,
        ]
    }

    /// The texts a count writes into the folder: the announcement, the notice, the report.
    func resultFile(_ request: Request) throws -> Response {
        let name = request.uri.path.split(separator: "/").last.map(String.init) ?? ""
        let files: [String: (URL, String)] = [
            VoteFolder.Name.announcement: (hall.vote.folder.announcementURL, "text/plain; charset=utf-8"),
            VoteFolder.Name.notice: (hall.vote.folder.noticeURL, "text/plain; charset=utf-8"),
            VoteFolder.Name.report: (hall.vote.folder.reportURL, "text/html; charset=utf-8"),
        ]
        guard let (url, type) = files[name], ResultFile(vote: hall.vote).exists, let data = try? FileAccess.read(url) else {
            return Response(status: .notFound)
        }
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentType] = type
        response.headers[.cacheControl] = "no-store"
        if type.hasPrefix("text/plain") { response.headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        // The report is one self-contained page: its own style element, no script, nothing fetched.
        if type.hasPrefix("text/html") { response.headers[.contentSecurityPolicy] = HTMLReport.contentSecurityPolicy }
        return response
    }
}
