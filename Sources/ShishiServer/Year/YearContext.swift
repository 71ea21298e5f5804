import ShishiCore
public import ShishiFollowUp

/// What a signed-in account's session holds on the year's pages.
public struct YearSession: Codable, Sendable, Equatable {
    /// The account.
    public var account: YearAccount
    /// The session's token against cross-site requests: every form carries it back.
    public var csrf: String
    /// Whether the account signed in with a first password it must change before anything else.
    public var mustChangePassword = false
}

/// The request context of the year's server: the session and the address a request came from.
public typealias YearContext = StaffContext<YearSession>

extension YearSession: RoleSession {
    var sessionRole: YearAccount.Role { account.role }
    static func title(of role: YearAccount.Role) -> Text { role.title }
    var passwordChangeDue: Bool { mustChangePassword }
}
