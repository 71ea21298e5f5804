import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore

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
            The blinding secret stays in this process's memory only: keep it running until the registrar \
            (`shishi registrar issue`) has written the grant file, on a shared folder or a USB stick.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

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

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError(global.lang, "--timeout 应为正的秒数。", "--timeout must be a positive number of seconds.") }
    }

    func execute() throws {
        let vote = try folder.open()
        let outURL = Paths.url(out)
        _ = try VotingTerminal(manifest: vote.signed).signInByFiles(
            deputy: deputy, request: Paths.url(request), grant: Paths.url(grant), credentialFile: outURL, timeout: .seconds(timeout)
        ) {
            Console.error(say("请求已写入 \(request)，等待登记员的答复 \(grant)…", "Request written to \(request); waiting for the registrar's grant at \(grant)…"))
        }
        Console.out(say("匿名凭证已写入 \(outURL.path)（权限 0600）。", "Anonymous credential written to \(outURL.path) (mode 0600)."))
    }
}
