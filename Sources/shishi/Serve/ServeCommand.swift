import ArgumentParser
import Foundation
import Hummingbird
import ShishiCore
import ShishiServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the voting hall in the browser: sign-in desk, booth API, big screen. 票决大厅网页服务。",
        subcommands: [ServeStartCommand.self, ServeUserCommand.self],
        defaultSubcommand: ServeStartCommand.self
    )
}

/// Where the server keeps its own state, beside the vote folder.
struct ServerStateOptions: ParsableArguments {
    @Option(help: "The vote folder.")
    var vote: String

    @Option(help: "The server's state folder (staff accounts; default: VOTE.server). Never inside the vote folder.")
    var state: String?

    var voteURL: URL { Paths.url(vote) }
    var stateURL: URL { state.map(Paths.url) ?? ServerConfiguration.defaultStateFolder(for: voteURL.standardizedFileURL) }
}

struct ServeStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the server (the default): shishi serve --vote DIR --registrar-key registrar.key --blind-key registrar-blind.key",
        discussion: """
            The registrar's keys sit with the server, because it signs blind at sign-in. Staff accounts
            come from `shishi serve user add`. Listens on 127.0.0.1:8080 unless told otherwise; browsers
            give pages their cryptography only over https or on localhost. docs/web.md says what the
            server learns at each step.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var server: ServerStateOptions

    @Option(name: .customLong("registrar-key"), help: "The registrar's private signing key.")
    var registrarKey: String

    @Option(name: .customLong("blind-key"), help: "The registrar's RSA blind-signing private key (secret votes).")
    var blindKey: String?

    @Option(name: .customLong("secretariat-key"), help: "The secretariat's private signing key: lets the count page close the box.")
    var secretariatKey: String?

    @Option(help: "The previous round's vote folder, when DIR is a later round (a run-off or a second round).")
    var previous: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port.")
    var port = 8080

    @Option(
        name: .customLong("tls-cert"), help: "A PEM certificate chain: serve https (browsers give pages their cryptography only over https or on localhost).")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535. --port 应在 1 与 65535 之间。") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together. --tls-cert 与 --tls-key 须同时给出。") }
    }

    func run() async throws {
        Log.bootstrap(verbose: global.verbose)
        do {
            var configuration = ServerConfiguration(
                voteFolder: server.voteURL, stateFolder: server.stateURL, registrarKey: try Keys.signing(registrarKey), blindKey: try blindKey.map(Keys.blind)
            )
            configuration.secretariatKey = try secretariatKey.map(Keys.signing)
            configuration.previousFolder = previous.map(Paths.url)
            configuration.host = host
            configuration.port = port
            if let tlsCert, let tlsKey { configuration.tls = (Paths.url(tlsCert), Paths.url(tlsKey)) }
            let app = try await HallServer.buildApplication(configuration, logger: Log.logger)
            let scheme = configuration.secure ? "https" : "http"
            Console.error(Text("票决大厅：\(scheme)://\(host):\(port)/（Ctrl-C 停止）", "Voting hall: \(scheme)://\(host):\(port)/ (Ctrl-C stops it)")(global.lang))
            try await app.runService()
        } catch let error as ShishiError {
            Console.error(Text("错误：", "error: ")(global.lang) + error.localized(global.lang))
            throw ExitCode(1)
        }
    }
}

struct ServeUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Staff accounts of the hall server. 工作人员账户。",
        subcommands: [ServeUserAddCommand.self]
    )
}

struct ServeUserAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a staff account: its password is asked for (or read from standard input), and kept only as a bcrypt hash.",
        discussion: "Roles: secretariat, registrar, counter, scrutineer."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var server: ServerStateOptions

    @Argument(help: "The account name.")
    var name: String

    @Option(help: "secretariat, registrar, counter or scrutineer.")
    var role: StaffRole

    func execute() throws {
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
