import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore

/// The booth's API: the vote's manifest, a credential for a one-time code, and casting. It
/// speaks JSON; a refusal is `{"error": code, "message": {"zh": …, "en": …}}` with a 4xx status.
/// The server never learns which deputy a ballot came from: it sees a blinded message at sign-in
/// and, later, a ballot signed by an unknown one-time key.
struct BoothAPI: Sendable {
    let rounds: Rounds

    /// The round now running.
    var hall: Hall { rounds.current }

    init(rounds: Rounds) {
        self.rounds = rounds
    }

    func add(to router: Router<HallContext>) {
        router.get("/api/vote") { _, _ in try manifest() }
        router.post("/api/credential") { request, context in await answering { try await credential(request, context) } }
        router.post("/api/cast") { request, context in await answering { try await cast(request, context) } }
    }

    struct CredentialBody: Codable {
        var code: String
        var blindedMessage: Data
    }

    struct Refusal: Codable {
        var error: String
        var message: Text
    }

    func manifest() throws -> Response {
        json(try FileAccess.read(hall.vote.folder.manifestURL), status: .ok)
    }

    func credential(_ request: Request, _ context: HallContext) async throws -> Response {
        let body = try await jsonBody(CredentialBody.self, request, context)
        let grant = try await hall.redeem(code: body.code, blindedMessage: body.blindedMessage, from: context.remoteAddress?.ipAddress ?? "unknown")
        return json(try StrictJSON.encode(grant), status: .ok)
    }

    func cast(_ request: Request, _ context: HallContext) async throws -> Response {
        let data = try await rawBody(request, context)
        let receipt = try await hall.intake.cast(signed: data)
        // `{"tracker":"sha256:…"}`, as StrictJSON would write it (a tracker is never escaped),
        // without a JSON encoder on every cast.
        return json(Data(#"{"tracker":"\#(receipt.tracker.description)"}"#.utf8), status: .created)
    }

    /// The body of a JSON request, refused when it is not JSON or too large.
    func rawBody(_ request: Request, _ context: HallContext) async throws -> Data {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ShishiError(
                .serverBadRequest, zh: "请求应为 JSON（Content-Type: application/json）。", en: "The request must be JSON (Content-Type: application/json).")
        }
        guard let buffer = try? await request.body.collect(upTo: context.maxUploadSize) else {
            throw ShishiError(.serverBadRequest, zh: "请求过大（上限 64 kB）。", en: "The request is too large (at most 64 kB).")
        }
        return Data(buffer.readableBytesView)
    }

    func jsonBody<T: Codable>(_ type: T.Type, _ request: Request, _ context: HallContext) async throws -> T {
        try StrictJSON.decode(T.self, from: try await rawBody(request, context), source: "request")
    }

    /// Runs a JSON handler; a refusal becomes `{"error", "message"}` with the status that fits it:
    /// 400 for what cannot be read, 403 for who may not, 404 for what is not there yet, 409 for
    /// what the rules refuse.
    func answering(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as ShishiError {
            let status: HTTPResponse.Status =
                switch error.code {
                case .serverBadRequest, .jsonMalformed, .jsonUnknownField, .jsonMissingField, .jsonWrongType, .jsonBadValue, .jsonEncoding, .jsonDuplicateKey:
                    .badRequest
                case .deskBadCode, .serverForbidden, .serverCSRF: .forbidden
                case .resultMissing: .notFound
                case .deskTooManyCodes: .tooManyRequests
                case .fileUnwritable, .fileUnreadable: .serviceUnavailable
                default: .conflict
                }
            // A booth has no account: what failed on the server's disk is said without its paths.
            let message =
                error.code == .fileUnwritable || error.code == .fileUnreadable
                ? Text(
                    "服务器暂时无法保存或读取（存储空间或权限问题）：请告知工作人员，稍后再试；这次请求没有完成。",
                    "The server cannot save or read right now (storage space or permissions): tell the staff and try again later; nothing was done.")
                : error.message
            return json((try? StrictJSON.encode(Refusal(error: error.code.rawValue, message: message))) ?? Data(), status: status)
        } catch {
            return json(Data(#"{"error":"server.badRequest"}"#.utf8), status: .badRequest)
        }
    }

    func json(_ data: Data, status: HTTPResponse.Status) -> Response {
        var response = Response(status: status, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentType] = "application/json; charset=utf-8"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
