public import Logging
import ServiceLifecycle

/// The hall and the year from one process (`shishi serve --vote DIR --workspace FILE`): two
/// listeners, because the hall belongs on the hall's network and the public site on the public
/// one, run as one group of services that starts and stops together. The year's office takes
/// the hall's counted result in from its own page.
public enum HallAndYear {
    /// Runs both servers until a signal (SIGTERM, SIGINT) stops them, or one fails; `ready` is
    /// called once both are built (the vote folder and the workspace opened), before they listen.
    public static func run(hall: ServerConfiguration, year: YearServerConfiguration, logger: Logger, ready: () -> Void = {}) async throws {
        var year = year
        if year.hallVote == nil {
            year.hallVote = .init(folder: hall.voteFolder, previous: hall.previousFolder, address: hall.address)
        }
        let hallApplication = try await HallServer.buildApplication(hall, logger: logger)
        let yearApplication = try await YearServer.buildApplication(year, logger: logger)
        ready()
        let group = ServiceGroup(
            configuration: .init(services: [hallApplication, yearApplication], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension ServerConfiguration {
    /// The hall's address as configured (`http://127.0.0.1:8081/`); listening on every interface,
    /// the first of this machine's addresses (``ServerAddresses``), never `0.0.0.0`.
    public var address: String {
        ServerAddresses.reachable(scheme: secure ? "https" : "http", host: host, port: port)[0]
    }
}
