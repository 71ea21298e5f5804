public import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdAuth
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOSSL
import ShishiBallot
public import ShishiCore
import ShishiTally

/// How a hall server is started: what `shishi serve` parses.
public struct ServerConfiguration: Sendable {
    /// The vote folder.
    public var voteFolder: URL
    /// The server's own state (staff accounts): never inside the vote folder.
    public var stateFolder: URL
    /// The registrar's signing key and blind-signing key: the registrar signs at sign-in.
    public var registrarKey: PrivateKey
    /// The registrar's RSA key (secret votes).
    public var blindKey: BlindPrivateKey?
    /// The secretariat's signing key, to close the box from the count page (optional: the box
    /// can be closed with `shishi box close` instead).
    public var secretariatKey: PrivateKey?
    /// The previous round's folder, when this vote is a later round (its result is counted with
    /// this one's, and it stays on the board).
    public var previousFolder: URL?
    /// Where to listen.
    public var host = "127.0.0.1"
    /// The port.
    public var port = 8080
    /// The TLS certificate chain and private key (PEM files): with both, the server speaks
    /// https only and its cookies are Secure. Browsers give pages their cryptography only over
    /// https (or on localhost).
    public var tls: (certificate: URL, key: URL)?
    /// How long a connection may send nothing (idle between requests, or stalled in the middle
    /// of one) before it is closed, so that idle or slow clients cannot hold the hall's connections.
    public var idleTimeout: Duration = HallServer.idleTimeout
    /// The hall's time zone, for the times its pages show (the files keep UTC).
    public var timeZone = ServerConfiguration.defaultTimeZone
    /// The time zone of a hall unless told otherwise: China Standard Time.
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai")!

    /// Whether pages are served over TLS.
    public var secure: Bool { tls != nil }

    /// A configuration with the required parts.
    public init(voteFolder: URL, stateFolder: URL, registrarKey: PrivateKey, blindKey: BlindPrivateKey?) {
        self.voteFolder = voteFolder
        self.stateFolder = stateFolder
        self.registrarKey = registrarKey
        self.blindKey = blindKey
    }

    /// The state folder beside a vote folder: `DIR.server`.
    public static func defaultStateFolder(for voteFolder: URL) -> URL {
        voteFolder.deletingLastPathComponent().appendingPathComponent(voteFolder.lastPathComponent + ".server")
    }
}

/// The hall server: an application built by functions, as Hummingbird's examples build theirs.
public enum HallServer {
    /// The application for `configuration`, ready to run (or to test with HummingbirdTesting).
    public static func buildApplication(_ configuration: ServerConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
        if let (certificate, _) = configuration.tls {
            try HallCertificates.requireCovers(certificate: certificate, host: configuration.host, publicURL: nil)
        }
        let router = try await buildRouter(configuration, logger: logger)
        return Application(
            router: router,
            server: try server(tls: configuration.tls, idleTimeout: configuration.idleTimeout),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "shishi"),
            logger: logger
        )
    }

    /// How long a connection may send nothing before it is closed (docs/web.md): a booth's or a
    /// browser's idle keep-alive connection opens again by itself; a streamed answer (the big
    /// screen's events) is not cut.
    public static let idleTimeout: Duration = .seconds(30)

    /// HTTP/1.1, over TLS when a certificate and key are given; a connection that sends nothing
    /// for `idleTimeout` (between requests or within one) is closed.
    static func server(tls: (certificate: URL, key: URL)?, idleTimeout: Duration = HallServer.idleTimeout) throws -> HTTPServerBuilder {
        let (seconds, attoseconds) = idleTimeout.components
        let http = HTTP1Channel.Configuration(idleTimeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        guard let (certificate, key) = tls else { return .http1(configuration: http) }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate.path).map { NIOSSLCertificateSource.certificate($0) }
            let privateKey = try NIOSSLPrivateKey(file: key.path, format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
            // TLS 1.0 and 1.1 are broken and retired (RFC 8996): 1.2 is the floor.
            tls.minimumTLSVersion = .tlsv12
            return try .tls(.http1(configuration: http), tlsConfiguration: tls)
        } catch {
            throw ShishiError(
                .serverBadRequest,
                zh: "无法读取 TLS 证书或私钥（\(certificate.lastPathComponent)、\(key.lastPathComponent)）：应为 PEM 格式的证书链和与之相配的私钥。",
                en:
                    "Cannot read the TLS certificate or key (\(certificate.lastPathComponent), \(key.lastPathComponent)): give a PEM certificate chain and its matching private key."
            )
        }
    }

    /// The router: every page and API of the hall, behind the security headers and the sessions.
    public static func buildRouter(_ configuration: ServerConfiguration, logger: Logger) async throws -> Router<HallContext> {
        let vote = try VoteFolder(url: configuration.voteFolder).open()
        var earlier: [Hall] = []
        if let previousFolder = configuration.previousFolder {
            let previous = try VoteFolder(url: previousFolder).open()
            earlier.append(try Hall(vote: previous, registrarKey: configuration.registrarKey, blindKey: nil, stateFolder: configuration.stateFolder))
        }
        let hall = try Hall(
            vote: vote, registrarKey: configuration.registrarKey, blindKey: configuration.blindKey, secretariatKey: configuration.secretariatKey,
            previous: try earlier.last.map { try ResultFile(vote: $0.vote).read().result }, stateFolder: configuration.stateFolder)
        let pages = try await Pages.load()
        let accounts = StaffAccounts(folder: configuration.stateFolder)
        let router = Router(context: HallContext.self)
        HallContext.addSiteMiddleware(
            to: router, cookie: "shishi_session", secure: configuration.secure, hosts: AllowedHosts(host: configuration.host, publicURL: nil),
            health: HealthMiddleware(service: "hall") { [manifest = vote.folder.manifestURL] in
                HealthMiddleware<HallContext>.readable(manifest, what: "the vote folder")
            },
            logger: logger)
        let site = HallRoutes(
            rounds: Rounds(current: hall, earlier: earlier, stateFolder: configuration.stateFolder), pages: pages, accounts: accounts,
            secure: configuration.secure, logins: LoginGuard(unlockFolder: LoginGuard.unlockFolder(state: configuration.stateFolder)),
            timeZone: configuration.timeZone)
        site.add(to: router)
        return router
    }
}
