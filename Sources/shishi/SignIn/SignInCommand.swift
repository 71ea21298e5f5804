import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore

struct SignInCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Sign a deputy in and issue one credential or paper ballot (terminal and registrar on one machine). 签到并领取凭证。",
        discussion: """
            Secret votes: the terminal makes a one-time key and blinds it; the registrar checks the roster,
            signs blind and logs only that the deputy received a credential; the terminal unblinds and
            writes the credential (mode 0600). To run the terminal and the registrar on separate machines,
            use `shishi terminal request` and `shishi registrar issue`.
            Recorded votes: logs the deputy's sign-in; the deputy then votes with the roster key.
            --paper: logs that the deputy received a paper ballot.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The vote folder.")
    var dir: String

    @Option(help: "The deputy's roster id.")
    var deputy: String

    @Option(name: .customLong("registrar-key"), help: "The registrar's private signing key.")
    var registrarKey: String

    @Option(name: .customLong("blind-key"), help: "The registrar's RSA blind-signing private key (secret votes).")
    var blindKey: String?

    @Option(help: "Where to write the credential (default: DEPUTY.credential.json).")
    var out: String?

    @Flag(help: "The deputy receives a paper ballot instead.")
    var paper = false

    func execute() throws {
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        let registrar = try Registrar(vote: vote, signingKey: Keys.signing(registrarKey), blindKey: blindKey.map(Keys.blind))
        let name = vote.roster[deputy]?.name ?? deputy
        if paper {
            try registrar.issuePaperBallot(to: deputy)
            Console.out(say("代表 \(deputy)（\(name)）已签到，领取纸质选票。", "Deputy \(deputy) (\(name)) signed in and received a paper ballot."))
            return
        }
        if vote.manifest.secrecy == .recorded {
            try registrar.admit(deputy)
            Console.out(say("代表 \(deputy)（\(name)）已签到，用本人密钥记名投票。", "Deputy \(deputy) (\(name)) signed in to vote with the roster key (recorded)."))
            return
        }
        let pending = try VotingTerminal(manifest: vote.signed).request(deputy: deputy)
        let url = Paths.url(out ?? "\(deputy).credential.json")
        if FileManager.default.fileExists(atPath: url.path) {
            throw ShishiError("file.exists", zh: "\(url.path) 已存在，不会覆盖：请换一个 --out。", en: "\(url.path) already exists and will not be overwritten: choose another --out.")
        }
        let credential = try pending.finalize(registrar.issue(pending.request))
        try credential.write(to: url)
        Console.out(say("代表 \(deputy)（\(name)）已签到，匿名凭证写入 \(url.path)（权限 0600）。", "Deputy \(deputy) (\(name)) signed in; anonymous credential written to \(url.path) (mode 0600)."))
        Console.out(say("登记员只记录了“该代表已领取凭证”，无法知道凭证内容。", "The registrar logged only that this deputy received a credential; it cannot know which one."))
    }
}

struct TerminalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal",
        abstract: "The voting terminal's side of sign-in, for a registrar on another machine. 表决终端。",
        subcommands: [TerminalRequestCommand.self]
    )
}

struct TerminalRequestCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Write a blinded credential request, wait for the registrar's grant, and write the credential.",
        discussion: """
            The blinding secret stays in this process's memory only: keep it running until the registrar
            (`shishi registrar issue`) has written the grant file, on a shared folder or a USB stick.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The vote folder (only the manifest is used).")
    var dir: String

    @Option(help: "The deputy's roster id.")
    var deputy: String

    @Option(help: "Where to write the request for the registrar.")
    var request: String

    @Option(help: "Where the registrar will write the grant.")
    var grant: String

    @Option(help: "Where to write the credential.")
    var out: String

    @Option(help: "Seconds to wait for the grant.")
    var timeout: Double = 600

    func execute() throws {
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        let outURL = Paths.url(out)
        if FileManager.default.fileExists(atPath: outURL.path) {
            throw ShishiError("file.exists", zh: "\(outURL.path) 已存在，不会覆盖。", en: "\(outURL.path) already exists and will not be overwritten.")
        }
        let pending = try VotingTerminal(manifest: vote.signed).request(deputy: deputy)
        try ExchangeFile.write(pending.request, to: Paths.url(request))
        Console.error(say("请求已写入 \(request)，等待登记员的答复 \(grant)…", "Request written to \(request); waiting for the registrar's grant at \(grant)…"))
        let grantURL = Paths.url(grant)
        let deadline = Date().addingTimeInterval(timeout)
        while !FileManager.default.fileExists(atPath: grantURL.path) {
            guard Date() < deadline else {
                throw ShishiError(
                    "terminal.timeout",
                    zh: "\(Int(timeout)) 秒内没有收到登记员的答复：请重新签到（此请求作废）。",
                    en: "No grant from the registrar within \(Int(timeout)) seconds: sign in again (this request is void)."
                )
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.1)  // the registrar writes the grant atomically; this only spaces the read
        let answer = try ExchangeFile.read(CredentialGrant.self, from: grantURL, format: CredentialGrant.format, formatOf: \.format)
        let credential = try pending.finalize(answer)
        try credential.write(to: outURL)
        Console.out(say("匿名凭证已写入 \(outURL.path)（权限 0600）。", "Anonymous credential written to \(outURL.path) (mode 0600)."))
    }
}

struct RegistrarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registrar",
        abstract: "The registrar's side of sign-in, on its own machine. 登记员。",
        subcommands: [RegistrarIssueCommand.self]
    )
}

struct RegistrarIssueCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Answer a terminal's credential request: check the roster, sign blind, log, write the grant."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The vote folder (holds the issuance log).")
    var dir: String

    @Option(help: "The terminal's request file.")
    var request: String

    @Option(help: "Where to write the grant.")
    var grant: String

    @Option(help: "The registrar's private signing key.")
    var key: String

    @Option(name: .customLong("blind-key"), help: "The registrar's RSA blind-signing private key.")
    var blindKey: String

    func execute() throws {
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        let registrar = try Registrar(vote: vote, signingKey: Keys.signing(key), blindKey: Keys.blind(blindKey))
        let asked = try ExchangeFile.read(CredentialRequest.self, from: Paths.url(request), format: CredentialRequest.format, formatOf: \.format)
        let answer = try registrar.issue(asked)
        try ExchangeFile.write(answer, to: Paths.url(grant))
        let name = vote.roster[asked.deputy]?.name ?? asked.deputy
        Console.out(say("已为代表 \(asked.deputy)（\(name)）盲签凭证，答复写入 \(grant)。", "Blind-signed a credential for deputy \(asked.deputy) (\(name)); grant written to \(grant)."))
    }
}

struct IssuanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuance",
        abstract: "The issuance log. 签到与凭证发放日志。",
        subcommands: [IssuanceSealCommand.self]
    )
}

struct IssuanceSealCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal sign-in: sign the issuance log into DIR/issuance.json. Nothing is issued after. 封存签到。"
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The vote folder.")
    var dir: String

    @Option(help: "The registrar's private signing key.")
    var key: String

    func execute() throws {
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        let seal = try Registrar(vote: vote, signingKey: Keys.signing(key), blindKey: nil).seal()
        Console.out(say(
            "签到已封存：代表 \(seal.deputies) 名，出席 \(seal.present) 名（电子 \(seal.credentials)，纸质 \(seal.paper)）。",
            "Sign-in sealed: \(seal.deputies) deputies, \(seal.present) present (\(seal.credentials) electronic, \(seal.paper) paper)."
        ))
        Console.out(say("日志链头 \(seal.head)", "Log chain head \(seal.head)"))
    }
}
