import ArgumentParser
import Foundation
import Hummingbird
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the voting hall (--vote), the year's projects (--workspace), or both, in the browser. 票决大厅与民生实事项目网页服务。",
        discussion: """
            shishi serve --vote DIR … is shishi serve start --vote DIR …: every option of the server (the vote, the workspace, \
            the keys, --host, --port, --hall-port, --public-url, --tls-cert, --tls-key, --previous) is listed by \
            shishi serve start --help. 全部选项见 shishi serve start --help。
            """,
        subcommands: [ServeStartCommand.self, ServeUserCommand.self, ServeTLSCommand.self],
        defaultSubcommand: ServeStartCommand.self
    )
}

/// What the server serves: a vote folder (the hall, its state beside it) or a workspace (the year).
struct ServerStateOptions: ParsableArguments {
    @Option(help: "The vote folder: serve the voting hall.")
    var vote: String?

    @Option(help: "The follow-up workspace: serve the year's projects (public site, office, departments, groups).")
    var workspace: String?

    @Option(help: "The hall server's state folder (staff accounts; default: VOTE.server). Never inside the vote folder.")
    var state: String?

    /// Refuses a server command that names neither a vote nor a workspace.
    func check(_ lang: Language) throws {
        guard vote != nil || workspace != nil else {
            throw ValidationError(
                lang, "请给出 --vote（票决大厅）、--workspace（民生实事项目）或两者。", "Give --vote DIR (the voting hall), --workspace FILE (the year's projects), or both.")
        }
    }

    var voteURL: URL { Paths.url(vote ?? ".") }
    var stateURL: URL { state.map(Paths.url) ?? ServerConfiguration.defaultStateFolder(for: voteURL.standardizedFileURL) }
}

struct ServeStartCommand: AsyncShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the server (the default): shishi serve --vote DIR --registrar-key registrar.key --blind-key registrar-blind.key",
        discussion: """
            The registrar's keys sit with the server, because it signs blind at sign-in. Staff accounts \
            come from `shishi serve user add`. Listens on 127.0.0.1:8080 unless told otherwise; browsers \
            give pages their cryptography only over https or on localhost. docs/web.md says what the \
            server learns at each step.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var server: ServerStateOptions

    @Option(name: .customLong("registrar-key"), help: "The registrar's private signing key (the hall).")
    var registrarKey: String?

    @Option(name: .customLong("blind-key"), help: "The registrar's RSA blind-signing private key (secret votes).")
    var blindKey: String?

    @Option(name: .customLong("secretariat-key"), help: "The secretariat's private signing key: lets the count page close the box.")
    var secretariatKey: String?

    @Option(help: "The previous round's vote folder, when DIR is a later round (a run-off or a second round).")
    var previous: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (the year's, when both --vote and --workspace are given).")
    var port = 8080

    @Option(name: .customLong("hall-port"), help: "With both --vote and --workspace: the hall's port (default: --port + 1).")
    var hallPort: Int?

    @Option(
        name: .customLong("tls-cert"), help: "A PEM certificate chain: serve https (browsers give pages their cryptography only over https or on localhost).")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(name: .customLong("public-url"), help: "The year's site address as the public reaches it, written into each project's QR code.")
    var publicURL: String?

    @Option(name: .customLong("time-zone"), help: "The hall's time zone for the times pages show (the files keep UTC).")
    var timeZone = ServerConfiguration.defaultTimeZone.identifier

    @Option(
        help: ArgumentHelp(
            "A file of options set once, one name = value a line (port = 8443, vote = /var/lib/shishi/vote); the command line's options win.",
            valueName: "file"))
    var config: String?

    func validate() throws {
        try server.check(global.lang)
        guard (1...65535).contains(port) else { throw ValidationError(global.lang, "--port 应在 1 与 65535 之间。", "--port must be between 1 and 65535.") }
        guard TimeZone(identifier: timeZone) != nil else { throw ValidationError.notATimeZone(timeZone, global.lang) }
        if let hallPort {
            guard server.vote != nil, server.workspace != nil else {
                throw ValidationError(global.lang, "--hall-port 仅在同时给出 --vote 与 --workspace 时使用。", "--hall-port goes with both --vote and --workspace.")
            }
            guard (1...65535).contains(hallPort), hallPort != port else {
                throw ValidationError(
                    global.lang, "--hall-port 应在 1 与 65535 之间，且不同于 --port。", "--hall-port must be between 1 and 65535 and differ from --port.")
            }
        }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError(global.lang, "--tls-cert 与 --tls-key 须同时给出。", "--tls-cert and --tls-key go together.")
        }
        if server.vote != nil, registrarKey == nil {
            throw ValidationError(global.lang, "票决大厅需要登记员私钥：--registrar-key。", "The hall needs the registrar's key: --registrar-key registrar.key.")
        }
    }

    func execute() async throws {
        if let workspace = server.workspace, server.vote == nil {
            try await serveYear(Paths.url(workspace))
            return
        }
        // The hall's sign-in and casting run faster with the tasks on the event loops; the
        // year's cached pages did not (README, Speed).
        if !ServerThreads.runTasksOnEventLoops() {
            Log.logger.debug("Swift concurrency keeps its own threads: the event loops could not take them over.")
        }
        var configuration = ServerConfiguration(
            voteFolder: server.voteURL, stateFolder: server.stateURL, registrarKey: try Keys.signing(registrarKey ?? ""),
            blindKey: try blindKey.map(Keys.blind)
        )
        configuration.secretariatKey = try secretariatKey.map(Keys.signing)
        configuration.previousFolder = previous.map(Paths.url)
        configuration.host = host
        configuration.port = port
        configuration.timeZone = TimeZone(identifier: timeZone)!
        if let tlsCert, let tlsKey { configuration.tls = (Paths.url(tlsCert), Paths.url(tlsKey)) }
        if let workspace = server.workspace {
            configuration.port = hallPort ?? (port == 65535 ? port - 1 : port + 1)
            let year = yearConfiguration(Paths.url(workspace))
            let scheme = configuration.secure ? "https" : "http"
            try await HallAndYear.run(hall: configuration, year: year, logger: Log.logger) {
                let hall = addresses(scheme, port: configuration.port)
                let projects = addresses(scheme, port: port)
                Console.error(
                    Text(
                        "票决大厅：\(hall.zh)\n民生实事项目：\(projects.zh)（Ctrl-C 停止）",
                        "Voting hall: \(hall.en)\nLivelihood projects: \(projects.en) (Ctrl-C stops them)")(global.lang))
            }
            return
        }
        let app = try await HallServer.buildApplication(configuration, logger: Log.logger)
        let scheme = configuration.secure ? "https" : "http"
        let hall = addresses(scheme, port: port)
        Console.error(Text("票决大厅：\(hall.zh)（Ctrl-C 停止）", "Voting hall: \(hall.en) (Ctrl-C stops it)")(global.lang))
        try await app.runService()
    }
}

extension ServeStartCommand {
    /// Where people open a server on `port`: the host it listens on, or, listening on every
    /// interface, this machine's addresses (``ServerAddresses``), the first named and the others after it.
    func addresses(_ scheme: String, port: Int) -> Text {
        let all = ServerAddresses.reachable(scheme: scheme, host: host, port: port)
        guard all.count > 1 else { return Text(all[0], all[0]) }
        let others = all.dropFirst().joined(separator: " ")
        return Text("\(all[0])，本机其他地址 \(others)", "\(all[0]), also \(others)")
    }

    /// The year's server as the options set it.
    func yearConfiguration(_ workspace: URL) -> YearServerConfiguration {
        var configuration = YearServerConfiguration(workspace: workspace)
        configuration.host = host
        configuration.port = port
        configuration.publicAddress = publicURL
        if let tlsCert, let tlsKey { configuration.tls = (Paths.url(tlsCert), Paths.url(tlsKey)) }
        return configuration
    }

    /// Serves the year's projects from `workspace`.
    func serveYear(_ workspace: URL) async throws {
        let configuration = yearConfiguration(workspace)
        let app = try await YearServer.buildApplication(configuration, logger: Log.logger)
        let scheme = configuration.secure ? "https" : "http"
        let projects = addresses(scheme, port: port)
        Console.error(Text("民生实事项目：\(projects.zh)（Ctrl-C 停止）", "Livelihood projects: \(projects.en) (Ctrl-C stops it)")(global.lang))
        try await app.runService()
    }
}

struct ServeUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Staff accounts of the hall server. 工作人员账户。",
        subcommands: [ServeUserAddCommand.self, ServeUserUnlockCommand.self]
    )
}

struct ServeUserUnlockCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Lift the sign-in pauses of an account after too many wrong passwords, on a running server. 解除账户的登录暂停。",
        discussion: """
            A server pauses sign-ins of an account from a device after five wrong passwords there, and a device after twenty (docs/web.md): this lets the account sign in again at once, from everywhere, at its next try.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var server: ServerStateOptions

    @Argument(help: "The account name.")
    var name: String

    func validate() throws {
        try server.check(global.lang)
    }

    func execute() throws {
        let requests =
            server.workspace.map { LoginGuard.unlockFolder(workspace: Paths.url($0)) } ?? LoginGuard.unlockFolder(state: server.stateURL)
        try LoginGuard.requestUnlock(name, into: requests)
        Console.out(say("已请求解除账户 \(name) 的登录暂停：下次登录时生效。", "Asked to lift the sign-in pauses of \(name): it takes effect at the account's next try."))
    }
}

struct ServeUserAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a staff account: its password is asked for (or read from standard input), and kept only as a bcrypt hash.",
        discussion: """
            The hall (--vote): secretariat, registrar, counter, scrutineer. The year (--workspace): secretariat (the congress office), \
            department (--department, as projects name it), member (--deputy, a deputy on a monitoring group).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var server: ServerStateOptions

    @Argument(help: "The account name.")
    var name: String

    @Option(help: "The hall: secretariat, registrar, counter or scrutineer. The year: secretariat, department or member.")
    var role: String

    @Option(help: "The year: the department a department account acts for.")
    var department: String?

    @Option(help: "The year: the deputy (roster id) a group member's account acts for.")
    var deputy: String?

    func validate() throws {
        try server.check(global.lang)
        guard server.vote == nil || server.workspace == nil else {
            throw ValidationError(
                global.lang, "账户属于票决大厅（--vote）或民生实事项目（--workspace）：请只给出其一。",
                "An account belongs to the hall (--vote) or to the year (--workspace): give one of them.")
        }
    }

    func execute() throws {
        if let workspace = server.workspace {
            guard let role = YearAccount.Role(rawValue: role) else {
                throw ShishiError(
                    .accountBadRole, zh: "“\(role)”不是角色：请写 secretariat、department 或 member。",
                    en: "“\(role)” is not a role: write secretariat, department or member.")
            }
            let store = try Workspace.open(url: Paths.url(workspace), actor: ProcessInfo.processInfo.environment["USER"] ?? "office")
            let password = try Password.read(prompt: say("账户 \(name) 的密码：", "Password for \(name): "), confirm: say("再输入一次：", "Again: "))
            let account = try YearAccounts.add(YearAccount(name: name, role: role, department: department, deputyId: deputy), password: password, in: store)
            Console.out(say("已添加账户 \(name)（\(account.role.title.zh)），保存在工作库中。", "Account \(name) (\(account.role.title.en)) added to the workspace."))
            return
        }
        guard let role = StaffRole(rawValue: role) else {
            throw ShishiError(
                .serverBadAccountName, zh: "“\(role)”不是角色：请写 secretariat、registrar、counter 或 scrutineer。",
                en: "“\(role)” is not a role: write secretariat, registrar, counter or scrutineer.")
        }
        let password = try Password.read(prompt: say("账户 \(name) 的密码：", "Password for \(name): "), confirm: say("再输入一次：", "Again: "))
        try StaffAccounts(folder: server.stateURL).add(name: name, role: role, password: password)
        Console.out(say("已添加账户 \(name)（\(role.title.zh)），保存在 \(server.stateURL.path)。", "Account \(name) (\(role.title.en)) added in \(server.stateURL.path)."))
    }
}

/// Reading a password: asked twice without echo on a terminal, one line of standard input otherwise.
enum Password {
    static func read(prompt: String, confirm: String) throws -> String {
        if isatty(0) == 1 {
            let first = getpass(prompt).map { String(cString: $0) } ?? ""
            let second = getpass(confirm).map { String(cString: $0) } ?? ""
            guard first == second else {
                throw ShishiError(.serverBadPassword, zh: "两次输入的密码不一致。", en: "The two passwords differ.")
            }
            return first
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
