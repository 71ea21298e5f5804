public import Hummingbird
public import HummingbirdAuth
public import NIOCore
public import ShishiFollowUp

/// What a signed-in account's session holds on the year's pages.
public struct YearSession: Codable, Sendable, Equatable {
    /// The account.
    public var account: YearAccount
    /// The session's token against cross-site requests: every form carries it back.
    public var csrf: String
}

/// The request context of the year's server: the session and the address a request came from.
public struct YearContext: SessionRequestContext, RemoteAddressRequestContext {
    /// Hummingbird's core storage.
    public var coreContext: CoreRequestContextStorage
    /// The session.
    public let sessions: SessionContext<YearSession>
    /// The address the request came from (for login and rating limits).
    public let remoteAddress: SocketAddress?

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// No form of the year's pages is larger than 64 kB (uploads come with their own limit).
    public var maxUploadSize: Int { 64 * 1024 }
}
