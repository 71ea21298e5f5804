import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore

/// The booth's API: the vote's manifest, a credential for a one-time code, and casting. It
/// speaks JSON; a refusal is `{"error": code, "message": {"zh": …, "en": …}}` with a 4xx status.
/// The server never learns which deputy a ballot came from: it sees a blinded message at sign-in
/// and, later, a ballot signed by an unknown one-time key.
struct BoothAPI: HallArea {
    let site: HallRoutes

    func addRoutes(to router: Router<HallContext>) {
        router.group().add(middleware: JSONRefusals())
            .get("/api/vote") { _, _ in try manifest() }
            .post("/api/credential") { request, context in try await credential(request, context) }
            .post("/api/cast") { request, context in try await cast(request, context) }
    }

    struct CredentialBody: Codable {
        var code: String
        var blindedMessage: Data
    }

    func manifest() throws -> Response {
        JSONAnswer.data(try FileAccess.read(hall.vote.folder.manifestURL))
    }

    func credential(_ request: Request, _ context: HallContext) async throws -> Response {
        let body = try await JSONAnswer.body(CredentialBody.self, request, limit: context.maxUploadSize)
        let grant = try await hall.redeem(code: body.code, blindedMessage: body.blindedMessage, from: context.remoteAddress?.ipAddress ?? "unknown")
        return try JSONAnswer.value(grant)
    }

    func cast(_ request: Request, _ context: HallContext) async throws -> Response {
        let data = try await JSONAnswer.body(request, limit: context.maxUploadSize)
        let receipt = try await hall.intake.cast(signed: data)
        // `{"tracker":"sha256:…"}`, as StrictJSON would write it (a tracker is never escaped),
        // without a JSON encoder on every cast.
        return JSONAnswer.data(Data(#"{"tracker":"\#(receipt.tracker.description)"}"#.utf8), status: .created)
    }
}
