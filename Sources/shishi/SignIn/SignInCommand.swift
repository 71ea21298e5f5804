import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore

struct SignInCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Sign a deputy in and issue one credential or paper ballot (terminal and registrar on one machine). 签到并领取凭证。",
        discussion: """
            Secret votes: the terminal makes a one-time key and blinds it; the registrar checks the roster, \
            signs blind and logs only that the deputy received a credential; the terminal unblinds and \
            writes the credential (mode 0600). To run the terminal and the registrar on separate machines, \
            use `shishi terminal request` and `shishi registrar issue`.
            Recorded votes: logs the deputy's sign-in; the deputy then votes with the roster key.
            --paper: logs that the deputy received a paper ballot.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

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
        let vote = try folder.open()
        let registrar = try Registrar(vote: vote, signingKey: Keys.signing(registrarKey), blindKey: blindKey.map(Keys.blind))
        let name = vote.roster[deputy]?.name ?? deputy
        let url = Paths.url(out ?? "\(deputy).credential.json")
        switch try SignInDesk(registrar: registrar).signIn(deputy, paper: paper, credentialFile: url) {
        case .paperBallot:
            Console.out(say("代表 \(deputy)（\(name)）已签到，领取纸质选票。", "Deputy \(deputy) (\(name)) signed in and received a paper ballot."))
        case .recordedAdmission:
            Console.out(say("代表 \(deputy)（\(name)）已签到，用本人密钥记名投票。", "Deputy \(deputy) (\(name)) signed in to vote with the roster key (recorded)."))
        case .credential:
            Console.out(
                say(
                    "代表 \(deputy)（\(name)）已签到，匿名凭证写入 \(url.path)（权限 0600）。",
                    "Deputy \(deputy) (\(name)) signed in; anonymous credential written to \(url.path) (mode 0600)."))
            Console.out(say("登记员只记录了“该代表已领取凭证”，无法知道凭证内容。", "The registrar logged only that this deputy received a credential; it cannot know which one."))
        }
    }
}
