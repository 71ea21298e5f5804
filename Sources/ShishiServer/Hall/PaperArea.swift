import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore
import ShishiTally

/// Paper boxes entered in the browser (计票人): one line per ballot, a running check, and the
/// batch signed with the counter's key file; scrutineers countersign it in ``CountersignArea``.
struct PaperArea: HallArea {
    let site: HallRoutes

    func addRoutes(to router: Router<HallContext>) {
        router.group().add(middleware: site.pageRefusals(back: nil)).add(middleware: RequireRole<HallSession>(.counter))
            .get("/paper") { request, context in try paperPage(request, context) }
        router.group().add(middleware: JSONRefusals()).add(middleware: RequireRole<HallSession>(.counter))
            .post("/api/paper/prepare") { request, context in try await preparePaper(request, context) }
            .post("/api/paper/submit") { request, context in try await submitPaper(request, context) }
    }

    /// The counter's page: one line per ballot typed from the keyboard, a running check, a
    /// summary, and the batch signed in the browser with the counter's key file (paper.js).
    struct PaperPage: PageContent {
        static let template = Template.paper
        struct Candidate {
            var n: Int
            var id: String
            var title: String
        }
        var candidates: [Candidate]
        var ids: String
        var seats: Int
        var style: String
        var marksHint: String
        var boxes: [PaperBoxView]
    }

    func paperPage(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        let manifest = hall.vote.manifest
        let hint =
            manifest.style == .points
            ? Text(
                "打分票（每格一个分数）不能在此逐字录入：请用 shishi paper enter 录入录入表。",
                "Points ballots (a number per cell) cannot be typed here: enter the sheet with shishi paper enter.")
            : manifest.style.isRating
                ? Text(
                    "每个项目一个字符：S 满意，B 基本满意，U 不满意，- 弃权，? 无法辨认。", "One character per project: S satisfied, B basically, U unsatisfied, - abstain, ? unreadable.")
                : Text("每个项目一个字符：Y 同意，N 不同意，- 弃权（或空白），? 无法辨认。", "One character per project: Y yes, N no, - abstain (or blank), ? unreadable.")
        let page = PaperPage(
            candidates: manifest.candidates.enumerated().map { .init(n: $0.offset + 1, id: $0.element.id, title: $0.element.title(in: language)) },
            ids: manifest.candidates.map(\.id).joined(separator: ","), seats: manifest.yesLimit, style: manifest.style.rawValue, marksHint: hint(language),
            boxes: hall.paperBoxes().map(PaperBoxView.init))
        return pages.page(frame(request, context, title: Text("纸质票箱录入", "Paper boxes")), page)
    }

    struct PaperRequest: Codable {
        var box: Int
        var issued: Int
        var takenOut: Int
        var csv: Data
        var key: String
    }

    /// A batch the counter signed in the browser (a ``SignedDocument``), with the sheet it was made from.
    struct PaperSubmission: Codable {
        var payloadType: String
        var payload: Data
        var key: String
        var sig: Data
        var suite: String
        var csv: Data
    }

    struct PaperEntered: Codable {
        var box: Int
        var ballots: Int
    }

    func preparePaper(_ request: Request, _ context: HallContext) async throws -> Response {
        let body = try await requireJSON(PaperRequest.self, request, context)
        let envelope = try hall.preparePaper(box: body.box, issued: body.issued, takenOut: body.takenOut, csv: body.csv, counter: body.key)
        return try JSONAnswer.value(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload), status: .ok)
    }

    func submitPaper(_ request: Request, _ context: HallContext) async throws -> Response {
        let body = try await requireJSON(PaperSubmission.self, request, context)
        var envelope = SignedEnvelope(payloadType: body.payloadType, payload: body.payload)
        envelope.signatures = [Signature(suite: try SignedPost.suite(body.suite), key: body.key, sig: body.sig)]
        let batch = try hall.submitPaper(envelope, sheet: body.csv)
        return try JSONAnswer.value(PaperEntered(box: batch.box, ballots: batch.ballots.count), status: .created)
    }
}
