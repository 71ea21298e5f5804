import Hummingbird
import ShishiCore

/// How shishi's servers answer a refusal: one status for each kind of ``ShishiError``, the
/// same for a page and for JSON, in the hall and in the year. A handler only throws; the
/// group's ``PageRefusals`` or ``JSONRefusals`` middleware asks this policy.
///
/// | Kind | Status |
/// |---|---|
/// | what cannot be read: `json.*`, `csv.*`, `date.*`, `hash.*`, `server.badRequest`, a required text left empty, and codes named `bad…`, `empty…`, `malformed`, `tooLong` | 400 |
/// | who is not known: a wrong name or password | 401 |
/// | who may not: a role, a cross-site form, a wrong sign-in code | 403 |
/// | what is not there: a project, a result, a call for suggestions | 404 |
/// | too much of a request: a body over its limit | 413 |
/// | too many requests: locked sign-in, paused booth, too many ratings | 429 |
/// | the server's own disk cannot be read or written | 503 |
/// | everything else: the rules refuse it now (a phase, a duplicate, a step already taken) | 409 |
enum ErrorPolicy {
    /// The status `error` is answered with.
    static func status(of error: ShishiError) -> HTTPResponse.Status {
        let code = error.code
        if let status = statuses[code] { return status }
        let parts = code.rawValue.split(separator: ".", maxSplits: 1)
        let domain = parts.first.map(String.init) ?? ""
        let name = parts.count > 1 ? String(parts[1]) : ""
        if unreadableDomains.contains(domain) || name.hasPrefix("bad") || name.hasPrefix("empty") || name == "malformed" || name == "tooLong" {
            return .badRequest
        }
        if name == "missing" { return .notFound }
        return .conflict
    }

    /// What a visitor is told: the error's own words, except for the server's disk, whose
    /// paths a visitor never sees.
    static func message(of error: ShishiError) -> Text {
        status(of: error) == .serviceUnavailable
            ? Text(
                "服务器暂时无法保存或读取（存储空间或权限问题）：请告知工作人员，稍后再试；这次请求没有完成。",
                "The server cannot save or read right now (storage space or permissions): tell the staff and try again later; nothing was done.")
            : error.message
    }

    /// Domains whose every error is input that cannot be read.
    private static let unreadableDomains: Set<String> = ["json", "csv", "date", "hash"]

    /// The codes whose status their name does not tell.
    private static let statuses: [ErrorCode: HTTPResponse.Status] = [
        .serverBadRequest: .badRequest, .rectificationNoResolution: .badRequest, .progressNoReason: .badRequest, .serverBadLogin: .unauthorized,
        .serverForbidden: .forbidden, .serverCSRF: .forbidden, .accessDenied: .forbidden, .deskBadCode: .forbidden,
        .collectNoCall: .notFound, .serverTooLarge: .contentTooLarge,
        .serverLocked: .tooManyRequests, .deskTooManyCodes: .tooManyRequests, .feedbackTooMany: .tooManyRequests,
        .fileUnwritable: .serviceUnavailable, .fileUnreadable: .serviceUnavailable,
    ]
}
