import HTTPTypes
import Hummingbird

/// Headers on every response: a Content-Security-Policy that allows no inline script and no
/// other origin, no framing, no sniffing, no referrer; over TLS, Strict-Transport-Security.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether the server answers over TLS: browsers are then told to use nothing else (HSTS).
    var secure = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A handler may set a stricter policy of its own (the count report: no script at all).
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers.append(SecurityHeaders.policy)
        }
        // Made once: a field checks its name and value when it is made, and this runs on every response.
        response.headers.append(contentsOf: SecurityHeaders.others)
        if secure { response.headers.append(SecurityHeaders.transport) }
        return response
    }
}

/// The security headers' fields, made once.
private enum SecurityHeaders {
    static let policy = HTTPField(
        name: .contentSecurityPolicy,
        value:
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
    /// A year, with no `includeSubDomains`: the hall's name may be one of a city's many.
    static let transport = HTTPField(name: HTTPField.Name("Strict-Transport-Security")!, value: "max-age=31536000")
    static let others = [
        HTTPField(name: .xContentTypeOptions, value: "nosniff"), HTTPField(name: HTTPField.Name("X-Frame-Options")!, value: "DENY"),
        HTTPField(name: HTTPField.Name("Referrer-Policy")!, value: "same-origin"),
    ]
}
