public import ArgumentParser
import Foundation
import Logging
import ShishiCore
import ShishiServer
import ShishiStore
import Synchronization

extension Language: ExpressibleByArgument {}
extension SignatureSuite: ExpressibleByArgument {}
extension BallotStyle: ExpressibleByArgument {}
extension Secrecy: ExpressibleByArgument {}
extension BallotPublication: ExpressibleByArgument {}
extension MajorityBase: ExpressibleByArgument {}
extension TieRule: ExpressibleByArgument {}
extension ShortfallRule: ExpressibleByArgument {}
extension GradingRule.Base: ExpressibleByArgument {}
extension RectificationRecord.Status: ExpressibleByArgument {}
extension ScoreSourceRecord.Stage: ExpressibleByArgument {}
extension StaffRole: ExpressibleByArgument {}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Output language: zh (default) or en. 输出语言：zh（默认）或 en。")
    var lang: Language = .zh

    @Flag(name: .long, help: "Log each step to standard error.")
    var verbose = false
}

extension ValidationError {
    /// A usage error in the command's language (the parser itself says "Error:" and shows the usage).
    init(_ language: Language, _ zh: String, _ en: String) {
        self.init(Text(zh, en)(language))
    }

    /// `--time-zone` names no time zone.
    static func notATimeZone(_ identifier: String, _ language: Language) -> ValidationError {
        ValidationError(language, "“\(identifier)”不是时区：请写 Asia/Shanghai 这样的名称。", "“\(identifier)” is not a time zone: write one such as Asia/Shanghai.")
    }
}

/// A command with shishi's global options (language, verbosity).
protocol GlobalOptionsCommand {
    var global: GlobalOptions { get }
}

extension GlobalOptionsCommand {
    /// Text in the command's language.
    func say(_ zh: String, _ en: String) -> String { Text(zh, en)(global.lang) }
}

/// A shishi command: `execute` does the work; errors become one line on standard error and exit status 1.
protocol ShishiCommand: ParsableCommand, GlobalOptionsCommand {
    func execute() throws
}

extension ShishiCommand {
    func run() throws {
        Log.bootstrap(verbose: global.verbose)
        do {
            try execute()
        } catch let error as ShishiError {
            throw global.refuse(error)
        }
    }
}

/// A shishi command that awaits (a server, a publication): as ``ShishiCommand``, `execute` does
/// the work and errors become one line on standard error and exit status 1.
protocol AsyncShishiCommand: AsyncParsableCommand, GlobalOptionsCommand {
    func execute() async throws
}

extension AsyncShishiCommand {
    func run() async throws {
        Log.bootstrap(verbose: global.verbose)
        do {
            try await execute()
        } catch let error as ShishiError {
            throw global.refuse(error)
        }
    }
}

extension GlobalOptions {
    /// Says `error` in one line on standard error, in the command's language; the exit status a
    /// refusal ends with.
    func refuse(_ error: ShishiError) -> ExitCode {
        Console.error(Text("错误：", "error: ")(lang) + error.localized(lang))
        return ExitCode(1)
    }
}

/// Standard output and error.
enum Console {
    /// Prints a line to standard output.
    static func out(_ line: String) {
        print(line)
    }

    /// Prints a line to standard error (after ending a progress line left open).
    static func error(_ line: String) {
        let open = progressOpen.withLock { open in
            defer { open = false }
            return open
        }
        FileHandle.standardError.write(Data(((open ? "\n" : "") + line + "\n").utf8))
    }

    /// Whether a progress line is on the terminal without its line feed yet.
    private static let progressOpen = Mutex(false)

    /// Writes a progress line to standard error, rewriting it in place, only when standard error
    /// is a terminal: piped or redirected output stays clean. The last one (`done`) ends with a
    /// line feed.
    static func progress(_ line: String, done: Bool) {
        guard isatty(2) == 1 else { return }
        progressOpen.withLock { open in
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (done ? "\n" : "")).utf8))
            open = !done
        }
    }

    /// Prints `value` as pretty JSON on standard output.
    static func json<T: Encodable>(_ value: T) throws {
        print(String(decoding: try StrictJSON.encode(value, pretty: true), as: UTF8.self))
    }
}

/// Logging through swift-log, to standard error.
enum Log {
    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var handler = DeferredMetadataLogHandler(standardErrorLabel: label)
            handler.logLevel = verboseRequested ? .debug : .warning
            return handler
        }
    }()
    nonisolated(unsafe) private static var verboseRequested = false

    /// The command-line tool's logger.
    static let logger = Logger(label: "shishi")

    static func bootstrap(verbose: Bool) {
        verboseRequested = verbose
        _ = once
    }
}

/// Paths given on the command line.
enum Paths {
    /// A URL for a path given by the user, relative to the working directory.
    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
    }
}

/// Reading keys named on the command line.
enum Keys {
    static func signing(_ path: String) throws -> PrivateKey {
        let url = Paths.url(path)
        return try KeyFile.read(url).signingPrivateKey(url)
    }

    static func signingPublic(_ path: String) throws -> (key: PublicKey, name: String) {
        let url = Paths.url(path)
        let file = try KeyFile.read(url)
        return (try file.signingPublicKey(url), file.name)
    }

    static func blind(_ path: String) throws -> BlindPrivateKey {
        let url = Paths.url(path)
        return try KeyFile.read(url).blindPrivateKey(url)
    }

    static func blindPublic(_ path: String) throws -> BlindPublicKey {
        let url = Paths.url(path)
        return try KeyFile.read(url).blindPublicKey(url)
    }
}
