public import Hummingbird
public import HummingbirdAuth
import Logging
public import NIOCore

/// The request context of shishi's servers: a session of type `Session` and the address a
/// request came from (for login and rate limits). The hall's and the year's differ only in what
/// their sessions hold.
public struct StaffContext<Session: Codable & Sendable>: SessionRequestContext, RemoteAddressRequestContext {
    /// Hummingbird's core storage.
    public var coreContext: CoreRequestContextStorage
    /// The session.
    public let sessions: SessionContext<Session>
    /// The address the request came from.
    public let remoteAddress: SocketAddress?

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// No form of the servers is larger than a ballot: 64 kB at most (uploads set their own limit).
    public var maxUploadSize: Int { 64 * 1024 }

    /// The middleware every page of a server stands behind: the security headers (with HSTS when
    /// served over TLS), `/health` (on any host name, ``HealthMiddleware``), only the host names it was started for (``AllowedHosts``), the static
    /// files, and sessions in a cookie named `cookie` (Secure over TLS, SameSite strict, eight hours).
    static func addSiteMiddleware(
        to router: Router<Self>, cookie: String, secure: Bool, hosts: AllowedHosts, health: HealthMiddleware<Self>, logger: Logger
    ) {
        router.add(middleware: SecurityHeadersMiddleware(secure: secure))
        router.add(middleware: health)
        router.add(middleware: AllowedHostsMiddleware(hosts: hosts))
        router.add(middleware: FileMiddleware(Pages.staticFolder, urlBasePath: "/static", logger: logger))
        router.add(
            middleware: SessionMiddleware(
                storage: MemoryPersistDriver(),
                configuration: .init(
                    sessionCookieParameters: .init(name: cookie, path: "/", secure: secure, sameSite: .strict),
                    defaultSessionExpiration: .seconds(8 * 60 * 60)
                )
            )
        )
    }
}
