import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore
import ShishiTally

extension HallRoutes {
    // MARK: - Paper boxes entered in the browser (counters), countersigned by scrutineers

    /// The counter's page: one line per ballot typed from the keyboard, a running check, a
    /// summary, and the batch signed in the browser with the counter's key file (paper.js).
    func paperPage(_ request: Request, _ context: HallContext) throws -> Response {
        _ = try requireRole(context, .counter)
        let language = Self.language(request)
        var values = base(request, context, title: Text("纸质票箱录入", "Paper boxes"))
        let manifest = hall.vote.manifest
        values["candidates"] = manifest.candidates.enumerated().map { ["n": $0.offset + 1, "id": $0.element.id, "title": $0.element.title(in: language)] }
        values["ids"] = manifest.candidates.map(\.id).joined(separator: ",")
        values["seats"] = manifest.yesLimit
        values["style"] = manifest.style.rawValue
        values["marksHint"] =
            manifest.style == .points
            ? Text(
                "打分票（每格一个分数）不能在此逐字录入：请用 shishi paper enter 录入录入表。",
                "Points ballots (a number per cell) cannot be typed here: enter the sheet with shishi paper enter.")(
                    language)
            : manifest.style.isRating
                ? Text(
                    "每个项目一个字符：S 满意，B 基本满意，U 不满意，- 弃权，? 无法辨认。", "One character per project: S satisfied, B basically, U unsatisfied, - abstain, ? unreadable.")(
                        language)
                : Text("每个项目一个字符：Y 同意，N 不同意，- 弃权（或空白），? 无法辨认。", "One character per project: Y yes, N no, - abstain (or blank), ? unreadable.")(language)
        values["boxes"] = hall.paperBoxes().map { ["box": $0.box, "takenOut": $0.takenOut, "scrutineers": $0.scrutineers.joined(separator: "、")] }
        return pages.page("paper", values)
    }

    struct PaperRequest: Codable {
        var box: Int
        var issued: Int
        var takenOut: Int
        var csv: Data
        var key: String
    }

    struct PaperSubmission: Codable {
        var payloadType: String
        var payload: Data
        var key: String
        var sig: Data
        var csv: Data
    }

    struct PaperEntered: Codable {
        var box: Int
        var ballots: Int
    }

    struct Scrutineers: Codable {
        var scrutineers: [String]
    }

    /// A JSON request of a signed-in `role`, with its session's token in `X-CSRF-Token`.
    func requireJSON<Body: Codable>(_ type: Body.Type, _ request: Request, _ context: HallContext, role: StaffRole) async throws -> Body {
        guard let session = context.sessions.session else { throw Self.notSignedIn }
        guard session.role == role else { throw Self.forbidden(role) }
        guard Self.sameOrigin(request), request.headers[.init("X-CSRF-Token")!] == session.csrf else { throw Self.crossSite }
        return try await BoothAPI(rounds: rounds).jsonBody(Body.self, request, context)
    }

    func preparePaper(_ request: Request, _ context: HallContext) async -> Response {
        await answeringJSON {
            let body = try await requireJSON(PaperRequest.self, request, context, role: .counter)
            let envelope = try hall.preparePaper(box: body.box, issued: body.issued, takenOut: body.takenOut, csv: body.csv, counter: body.key)
            return BoothAPI(rounds: rounds).json(
                try StrictJSON.encode(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload)), status: .ok)
        }
    }

    func submitPaper(_ request: Request, _ context: HallContext) async -> Response {
        await answeringJSON {
            let body = try await requireJSON(PaperSubmission.self, request, context, role: .counter)
            var envelope = SignedEnvelope(payloadType: body.payloadType, payload: body.payload)
            envelope.signatures = [Signature(suite: .ed25519, key: body.key, sig: body.sig)]
            let batch = try hall.submitPaper(envelope, sheet: body.csv)
            return BoothAPI(rounds: rounds).json(try StrictJSON.encode(PaperEntered(box: batch.box, ballots: batch.ballots.count)), status: .created)
        }
    }

    func paperSigning(_ request: Request, _ context: HallContext) async -> Response {
        await answeringJSON {
            _ = try requireRole(context, .scrutineer)
            let envelope = try SignedEnvelope.read(from: hall.vote.folder.paperBatchURL(box: try Self.boxNumber(request)))
            return BoothAPI(rounds: rounds).json(
                try StrictJSON.encode(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload)), status: .ok)
        }
    }

    func countersignPaper(_ request: Request, _ context: HallContext) async -> Response {
        await answeringJSON {
            let body = try await requireJSON(CountersignBody.self, request, context, role: .scrutineer)
            let box = try Self.boxNumber(request)
            let suite = try Self.suite(body.suite)
            try PaperEntry(vote: hall.vote).countersign(box: box, adding: Signature(suite: suite, key: body.key, sig: body.sig))
            let scrutineers = hall.paperBoxes().first { $0.box == box }?.scrutineers ?? []
            return BoothAPI(rounds: rounds).json(try StrictJSON.encode(Scrutineers(scrutineers: scrutineers)), status: .ok)
        }
    }

    /// The signature suite a browser names, or the refusal.
    static func suite(_ name: String) throws -> SignatureSuite {
        guard let suite = SignatureSuite(rawValue: name) else {
            throw ShishiError(.serverBadRequest, zh: "未知的签名套件“\(name)”。", en: "Unknown signature suite “\(name)”.")
        }
        return suite
    }

    static func boxNumber(_ request: Request) throws -> Int {
        let parts = request.uri.path.split(separator: "/")
        guard let index = parts.firstIndex(of: "paper"), index + 1 < parts.count, let box = Int(parts[index + 1]), box >= 1 else {
            throw ShishiError(.paperBadBox, zh: "票箱编号应为正整数。", en: "The box number must be a positive whole number.")
        }
        return box
    }
}
