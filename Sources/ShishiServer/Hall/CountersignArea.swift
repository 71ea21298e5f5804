import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore
import ShishiTally

/// Countersigning (监票人): the result, and the paper boxes the counters entered, signed in the
/// browser with the scrutineer's key file; the key never leaves the browser.
struct CountersignArea: HallArea {
    let site: HallRoutes

    func addRoutes(to router: Router<HallContext>) {
        router.group().add(middleware: site.pageRefusals(back: nil)).add(middleware: RequireRole<HallSession>(.scrutineer))
            .get("/countersign") { request, context in try countersignPage(request, context) }
        router.group().add(middleware: JSONRefusals()).add(middleware: RequireRole<HallSession>(.scrutineer))
            .get("/api/result/signing") { request, context in try await signingRequest(request, context) }
            .post("/api/result/countersign") { request, context in try await countersign(request, context) }
            .get("/api/paper/{box}/signing") { request, context in try await paperSigning(request, context) }
            .post("/api/paper/{box}/countersign") { request, context in try await countersignPaper(request, context) }
    }

    /// The scrutineer's page: the result, its checks, who has signed, and a form that signs
    /// with a key file read in the browser (countersign.js); the key never leaves the browser.
    struct CountersignPage: PageContent {
        static let template = Template.countersign
        struct Scrutineer {
            var name: String
            var fingerprint: String
        }
        var result: ResultView?
        var scrutineers: [Scrutineer]?
        var hasPaperBoxes: Bool
        var paperBoxes: [PaperBoxView]
    }

    func countersignPage(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        let published = try hall.published()
        let boxes = hall.paperBoxes().map(PaperBoxView.init)
        let page = CountersignPage(
            result: published.map { resultView($0.result, signers: $0.signers, language: language) },
            scrutineers: published.map { _ in
                hall.vote.manifest.officials(.scrutineer).map { .init(name: $0.name, fingerprint: String($0.key.fingerprint.prefix(16))) }
            }, hasPaperBoxes: !boxes.isEmpty, paperBoxes: boxes)
        return pages.page(frame(request, context, title: Text("监票人会签", "Countersign the result")), page)
    }

    struct Signers: Codable {
        var signers: [String]
    }

    func signingRequest(_ request: Request, _ context: HallContext) async throws -> Response {
        let (envelope, _) = try ResultFile(vote: hall.vote).read()
        return try JSONAnswer.value(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload), status: .ok)
    }

    func countersign(_ request: Request, _ context: HallContext) async throws -> Response {
        let body = try await requireJSON(CountersignBody.self, request, context)
        let suite = try SignedPost.suite(body.suite)
        let signers = try hall.countersign(Signature(suite: suite, key: body.key, sig: body.sig))
        return try JSONAnswer.value(Signers(signers: signers))
    }

    struct Scrutineers: Codable {
        var scrutineers: [String]
    }

    func paperSigning(_ request: Request, _ context: HallContext) async throws -> Response {
        let envelope = try SignedEnvelope.read(from: hall.vote.folder.paperBatchURL(box: try Self.boxNumber(request)))
        return try JSONAnswer.value(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload), status: .ok)
    }

    func countersignPaper(_ request: Request, _ context: HallContext) async throws -> Response {
        let body = try await requireJSON(CountersignBody.self, request, context)
        let box = try Self.boxNumber(request)
        let suite = try SignedPost.suite(body.suite)
        try PaperEntry(vote: hall.vote).countersign(box: box, adding: Signature(suite: suite, key: body.key, sig: body.sig))
        let scrutineers = hall.paperBoxes().first { $0.box == box }?.scrutineers ?? []
        return try JSONAnswer.value(Scrutineers(scrutineers: scrutineers), status: .ok)
    }

    static func boxNumber(_ request: Request) throws -> Int {
        let parts = request.uri.path.split(separator: "/")
        guard let index = parts.firstIndex(of: "paper"), index + 1 < parts.count, let box = Int(parts[index + 1]), box >= 1 else {
            throw ShishiError(.paperBadBox, zh: "票箱编号应为正整数。", en: "The box number must be a positive whole number.")
        }
        return box
    }
}
