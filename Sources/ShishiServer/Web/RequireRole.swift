import Hummingbird
import HummingbirdAuth
import ShishiCore

/// A session that holds a role: the hall's staff and the year's accounts.
protocol RoleSession: Codable, Sendable {
    /// The kind of role.
    associatedtype Role: Equatable & Sendable
    /// The session's role.
    var sessionRole: Role { get }
    /// The session's token against cross-site requests: every form carries it back.
    var csrf: String { get }
    /// A role in words, for the refusal.
    static func title(of role: Role) -> Text
    /// Whether the account signed in with a first password it must change before anything else.
    var passwordChangeDue: Bool { get }
}

extension RoleSession {
    var passwordChangeDue: Bool { false }
}

extension HallSession: RoleSession {
    var sessionRole: StaffRole { role }
    static func title(of role: StaffRole) -> Text { role.title }
}

/// Lets through only a signed-in session of one of `roles` (every role when `nil`: any account
/// signed in); the routes of a group stand behind it, so a handler cannot forget the check.
/// A refusal is thrown for the group's ``PageRefusals`` or ``JSONRefusals`` to answer.
struct RequireRole<Session: RoleSession>: RouterMiddleware {
    typealias Context = StaffContext<Session>
    /// The roles let through, or `nil` for any signed-in account.
    let roles: [Session.Role]?
    /// Whether an account that must change its first password is let through (its password
    /// page, signing out); every other group refuses it.
    var beforePasswordChange = false

    /// Only these roles.
    init(_ roles: Session.Role...) {
        self.roles = roles
    }

    /// Any signed-in account.
    static var signedIn: Self { Self(anyRole: ()) }

    /// Any signed-in account, one that must change its first password too.
    static var signedInBeforePasswordChange: Self {
        var require = Self(anyRole: ())
        require.beforePasswordChange = true
        return require
    }

    private init(anyRole: Void) {
        roles = nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let session = context.sessions.session else { throw Site.notSignedIn }
        if session.passwordChangeDue && !beforePasswordChange { throw Site.passwordChangeFirst }
        if let roles, !roles.contains(session.sessionRole) { throw Site.forbidden(roles.map(Session.title(of:))) }
        return try await next(request, context)
    }
}
