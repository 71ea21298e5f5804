import Foundation
import Hummingbird
import ShishiCore

/// `GET /health`: the answer for systemd's watchdogs, load balancers and the IT staff's
/// monitoring. `{"status":"ok","service":"hall","version":"0.1.0"}` with 200 while the server can
/// read what it serves (the vote folder's manifest, or the workspace), else `"status":"failing"`
/// with the reason and 503. It answers on any host name (a load balancer may ask by address) and
/// says nothing a visitor could not see on the public pages.
struct HealthMiddleware<Context: RequestContext>: RouterMiddleware {
    /// `hall` or `year`.
    let service: String
    /// Whether the server can read what it serves; the reason when not.
    let check: @Sendable () -> String?

    private struct Answer: Codable {
        var status: String
        var service: String
        var version: String
        var problem: String?
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/health", request.method == .get || request.method == .head else { return try await next(request, context) }
        let problem = check()
        let answer = Answer(status: problem == nil ? "ok" : "failing", service: service, version: ShishiVersion.string, problem: problem)
        var response = Response(
            status: problem == nil ? .ok : .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(bytes: (try? StrictJSON.encode(answer)) ?? Data())))
        response.headers[.contentType] = "application/json; charset=utf-8"
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Whether the file at `url` can still be read.
    static func readable(_ url: URL, what: String) -> String? {
        FileManager.default.isReadableFile(atPath: url.path) ? nil : "\(what) cannot be read"
    }
}
