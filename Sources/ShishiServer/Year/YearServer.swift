public import Foundation
public import Hummingbird
import HummingbirdAuth
public import Logging
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// How the year's server is started: what `shishi serve --workspace` parses.
public struct YearServerConfiguration: Sendable {
    /// The workspace database.
    public var workspace: URL
    /// Where to listen.
    public var host = "127.0.0.1"
    /// The port.
    public var port = 8080
    /// The TLS certificate chain and private key (PEM files).
    public var tls: (certificate: URL, key: URL)?
    /// How long a connection may send nothing before it is closed (``HallServer/idleTimeout``).
    public var idleTimeout: Duration = HallServer.idleTimeout
    /// The site's public address (`https://minsheng.example.gov.cn`), written into each project's
    /// 民生码; without it the address the browser used is written.
    public var publicAddress: String?
    /// The clock: it stamps the audit log and decides what is overdue (fixed in tests).
    public var clock: @Sendable () -> Date = Date.init
    /// The vote the hall serves beside the year (`shishi serve --vote DIR --workspace FILE`):
    /// once counted and countersigned, the office takes its result in from a page.
    public var hallVote: HallVote?

    /// The hall's vote as the year's site sees it: its folder, the previous round's, and the
    /// hall's address for the office's link.
    public struct HallVote: Sendable {
        /// The vote folder the hall serves.
        public var folder: URL
        /// The previous round's folder, when the hall serves a later round.
        public var previous: URL?
        /// The hall's address (`http://127.0.0.1:8081/`).
        public var address: String

        /// The hall's vote at `folder`, served at `address`.
        public init(folder: URL, previous: URL? = nil, address: String) {
            self.folder = folder
            self.previous = previous
            self.address = address
        }
    }

    /// Whether pages are served over TLS.
    public var secure: Bool { tls != nil }

    /// A configuration with the required part.
    public init(workspace: URL) {
        self.workspace = workspace
    }
}

/// The year's server: the public site (公示) with a 民生码 per project, and the office's,
/// departments' and monitoring groups' pages, over the follow-up workspace.
public enum YearServer {
    /// The application for `configuration`, ready to run (or to test with HummingbirdTesting).
    public static func buildApplication(_ configuration: YearServerConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
        if let (certificate, _) = configuration.tls {
            try HallCertificates.requireCovers(certificate: certificate, host: configuration.host, publicURL: configuration.publicAddress)
        }
        let router = try await buildRouter(configuration, logger: logger)
        return Application(
            router: router,
            server: try HallServer.server(tls: configuration.tls, idleTimeout: configuration.idleTimeout),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "shishi"),
            logger: logger
        )
    }

    /// The router: every page of the year, behind the security headers and the sessions.
    public static func buildRouter(_ configuration: YearServerConfiguration, logger: Logger) async throws -> Router<YearContext> {
        let workspace = try Workspace.open(url: configuration.workspace, actor: "web", clock: configuration.clock)
        let clock = configuration.clock
        let pages = try await Pages.load()
        let router = Router(context: YearContext.self)
        YearContext.addSiteMiddleware(
            to: router, cookie: "shishi_year_session", secure: configuration.secure,
            hosts: AllowedHosts(host: configuration.host, publicURL: configuration.publicAddress),
            health: HealthMiddleware(service: "year") { [file = configuration.workspace] in HealthMiddleware<YearContext>.readable(file, what: "the workspace")
            },
            logger: logger)
        YearRoutes(
            workspace: workspace, pages: pages, secure: configuration.secure, publicAddress: configuration.publicAddress, today: { Dates.today(clock()) },
            hallVote: configuration.hallVote, devices: DeviceCookie(secret: try PublicFeedback.secret("device-cookie", in: workspace)),
            publicPages: PageCache(changes: try WorkspaceChanges(url: configuration.workspace)),
            logins: LoginGuard(unlockFolder: LoginGuard.unlockFolder(workspace: configuration.workspace))
        ).add(to: router)
        return router
    }
}
