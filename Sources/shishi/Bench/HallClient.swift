import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ShishiCore

/// The bench's side of the hall: the desk (a registrar signed in through the login form, with
/// its session cookie and form token) and the booths' JSON API, over HTTP on loopback.
struct HallClient: Sendable {
    let http: HTTPClient
    let base: String

    /// An answer: status, headers and body.
    struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends one request and collects the answer (bodies are small).
    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: Data? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await http.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Data(collected.readableBytesView))
    }

    /// A booth's JSON request.
    func post(json path: String, _ body: Data) async throws -> Answer {
        try await send(.POST, path, headers: [("Content-Type", "application/json")], body: body)
    }

    /// A registrar's desk: the session cookie and the form token.
    struct Desk: Sendable {
        var cookie: String
        var csrf: String
    }

    /// Signs in at the login form as a registrar.
    func signInAtDesk(account: String, password: String) async throws -> Desk {
        let home = try await send(.GET, "/")
        guard let login = Self.cookie("shishi_login", in: home.headers), let token = Self.first(#"name="csrf" value="([0-9a-f]+)""#, in: home.text) else {
            throw Self.failure("login page", home)
        }
        let form = "csrf=\(token)&name=\(account)&password=\(password)"
        let answer = try await send(
            .POST, "/login", headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "shishi_login=\(login)")], body: Data(form.utf8))
        guard let session = Self.cookie("shishi_session", in: answer.headers) else { throw Self.failure("login", answer) }
        let desk = try await send(.GET, "/desk", headers: [("Cookie", "shishi_session=\(session)")])
        guard let csrf = Self.first(#"name="csrf" value="([0-9a-f]+)""#, in: desk.text) else { throw Self.failure("desk", desk) }
        return Desk(cookie: "shishi_session=\(session)", csrf: csrf)
    }

    /// Signs a deputy in for a booth and returns the one-time code the desk shows.
    func signIn(_ deputy: String, at desk: Desk) async throws -> String {
        let form = "csrf=\(desk.csrf)&deputy=\(deputy)&mode=booth"
        let answer = try await send(
            .POST, "/desk/signin", headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", desk.cookie)], body: Data(form.utf8))
        guard answer.status == 200, let code = Self.first(#"<p class="code"[^>]*>([^<]+)</p>"#, in: answer.text) else {
            throw Self.failure("sign-in of \(deputy)", answer)
        }
        return code
    }

    static func cookie(_ name: String, in headers: HTTPHeaders) -> String? {
        for line in headers["set-cookie"] where line.hasPrefix(name + "=") {
            return String(line.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func first(_ pattern: String, in text: String) -> String? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    static func failure(_ what: String, _ answer: Answer) -> ShishiError {
        ShishiError(
            .benchServerFailed, zh: "服务器对\(what)的回答不对（\(answer.status)）：\(answer.text.prefix(200))",
            en: "The server answered the \(what) wrongly (\(answer.status)): \(answer.text.prefix(200))")
    }
}
