public import Hummingbird
public import HummingbirdAuth
import Logging
public import NIOCore
import ShishiCore

/// What a signed-in staff member's session holds in the hall.
public struct HallSession: Codable, Sendable, Equatable {
    /// The account.
    public var account: String
    /// Its role.
    public var role: StaffRole
    /// The session's token against cross-site requests: every form carries it back.
    public var csrf: String
}

/// The request context of the hall server: the session, and the address a request came from.
public typealias HallContext = StaffContext<HallSession>
