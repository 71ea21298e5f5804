import Foundation
import Hummingbird
import ShishiCore

/// The servers' JSON answers: a value as shishi's JSON writes it, never cached; a refusal as
/// `{"error": code, "message": {"zh": …, "en": …}}` with its ``ErrorPolicy`` status.
enum JSONAnswer {
    /// `data`, already JSON.
    static func data(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(status: status, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentType] = "application/json; charset=utf-8"
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `value`, encoded.
    static func value<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) throws -> Response {
        data(try StrictJSON.encode(value), status: status)
    }

    /// A refusal's body.
    struct Refusal: Codable {
        var error: String
        var message: Text
    }

    /// The answer to `error`.
    static func refusal(_ error: ShishiError) -> Response {
        let body = Refusal(error: error.code.rawValue, message: ErrorPolicy.message(of: error))
        return data((try? StrictJSON.encode(body)) ?? Data(#"{"error":"\#(error.code.rawValue)"}"#.utf8), status: ErrorPolicy.status(of: error))
    }

    /// The body of a JSON request, refused when it is not JSON or too large.
    static func body(_ request: Request, limit: Int) async throws -> Data {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ShishiError(
                .serverBadRequest, zh: "请求应为 JSON（Content-Type: application/json）。", en: "The request must be JSON (Content-Type: application/json).")
        }
        guard let buffer = try? await request.body.collect(upTo: limit) else {
            throw ShishiError(.serverBadRequest, zh: "请求过大（上限 \(limit / 1024) kB）。", en: "The request is too large (at most \(limit / 1024) kB).")
        }
        return Data(buffer.readableBytesView)
    }

    /// The body of a JSON request, decoded strictly.
    static func body<Body: Codable>(_ type: Body.Type, _ request: Request, limit: Int) async throws -> Body {
        try StrictJSON.decode(Body.self, from: try await body(request, limit: limit), source: "request")
    }
}
