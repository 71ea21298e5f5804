import Foundation
import Hummingbird
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// Fixing the presidium's candidate list in the browser (主席团确定候选项目): the office
/// chooses the candidates and seats on `/office/collection`, the page (collect-fix.js) asks for
/// the list the workspace would fix, signs it with the secretariat's key file read in the
/// browser, and sends back only the signature and the public key; the workspace fixes it only if
/// it is, byte for byte, the list it makes now (``Collect/fixSigned(year:payload:signature:publicKey:in:)``).
/// The key never leaves the browser, as in countersigning.
struct CandidateListArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: JSONRefusals()).add(middleware: RequireRole<YearSession>(.secretariat))
            .get("/office/collection/fix/signing") { request, context in try signing(request, context) }
            .post("/office/collection/fix") { request, context in try await fix(request, context) }
    }

    /// The list to sign: `?candidates=N` (the first N of the shortlist) or `?drafts=3,1,2` (those,
    /// in that order), and `seats=K` (else the call's).
    func signing(_ request: Request, _ context: YearContext) throws -> Response {
        let query = request.uri.queryParameters
        let number = { (name: String) throws -> Int? in
            guard let text = query.get(name).map({ String($0).trimmingCharacters(in: .whitespaces) }), !text.isEmpty else { return nil }
            guard let value = Int(text), value > 0 else {
                throw ShishiError(.collectBadList, zh: "“\(text)”不是正整数。", en: "“\(text)” is not a whole number from 1.")
            }
            return value
        }
        let drafts = try (query.get("drafts").map { String($0) } ?? "").split(whereSeparator: { ",，、 ".contains($0) }).map { part in
            guard let draft = Int64(part) else {
                throw ShishiError(.collectBadList, zh: "“\(part)”不是草案编号。", en: "“\(part)” is not a draft's number.")
            }
            return draft
        }
        let call = try latestCall()
        let list = try Collect.prepareFix(
            year: call.year, count: drafts.isEmpty ? try number("candidates") : nil, chosen: drafts, seats: try number("seats"), fixedAt: workspace.now,
            in: workspace)
        let envelope = try SignedEnvelope(payloadType: CandidateList.payloadType, encoding: list)
        return try JSONAnswer.value(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload))
    }

    struct Fixed: Codable {
        var hash: String
        var candidates: Int
        var seats: Int
    }

    func fix(_ request: Request, _ context: YearContext) async throws -> Response {
        let (body, session) = try await context.requireJSON(SignedDocument.self, request)
        guard body.payloadType == CandidateList.payloadType, let publicKey = body.publicKey else {
            throw ShishiError(
                .serverBadRequest, zh: "签署的不是候选项目清单，或没有附上签署人的公钥。", en: "What was signed is not a candidate list, or the signer's public key is missing.")
        }
        let suite = try SignedPost.suite(body.suite)
        let fixed = try Collect.fixSigned(
            year: try latestCall().year, payload: body.payload, signature: Signature(suite: suite, key: body.key, sig: body.sig),
            publicKey: try PublicKey(suite: suite, rawRepresentation: publicKey), in: workspace.acting(as: session.account.name))
        return try JSONAnswer.value(Fixed(hash: fixed.hash.description, candidates: fixed.list.candidates.count, seats: fixed.list.seats))
    }

    func latestCall() throws -> CollectionCallRecord {
        try CollectionArea(site: site).latestCall()
    }
}
