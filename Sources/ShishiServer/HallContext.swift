public import Hummingbird
public import HummingbirdAuth
public import NIOCore
import ShishiCore

/// What a signed-in staff member's session holds.
public struct HallSession: Codable, Sendable, Equatable {
    /// The account.
    public var account: String
    /// Its role.
    public var role: StaffRole
    /// The session's token against cross-site requests: every form carries it back.
    public var csrf: String
}

/// The request context of the hall server: the session, and the page language.
public struct HallContext: SessionRequestContext, RemoteAddressRequestContext {
    /// Hummingbird's core storage.
    public var coreContext: CoreRequestContextStorage
    /// The session.
    public let sessions: SessionContext<HallSession>
    /// The address the request came from (for login limits).
    public let remoteAddress: SocketAddress?

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// No request body of the hall is larger than a ballot: 64 kB at most.
    public var maxUploadSize: Int { 64 * 1024 }
}
