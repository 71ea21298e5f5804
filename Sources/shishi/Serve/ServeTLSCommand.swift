import ArgumentParser
import Foundation
import ShishiCore
import ShishiServer

/// `shishi serve tls`: certificates for the hall's own network.
struct ServeTLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Certificates for the hall's own network. 大厅网络的证书。",
        subcommands: [ServeTLSInitCommand.self]
    )
}

struct ServeTLSInitCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a hall authority (to install on the hall's tablets) and a server certificate for the hall's names. 制作大厅证书。",
        discussion: """
            Writes DIR/hall-authority.pem (install it on the hall's devices as a trusted authority: it can vouch \
            only for the names and addresses given here), DIR/hall.pem and DIR/hall.key (--tls-cert and \
            --tls-key of shishi serve). The authority's private key is not kept, so no other certificate can \
            ever be made with it; to renew, run this again and install the new authority.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("name"), help: "A host name the hall's devices use (repeat for several), such as hall.local.")
    var names: [String] = []

    @Option(name: .customLong("ip"), help: "An address the hall's devices use (repeat for several), such as 10.0.0.5.")
    var addresses: [String] = []

    @Option(help: "How many days the certificates are valid (default 400: browsers refuse longer).")
    var days = 400

    @Option(help: "The folder to write the three files into; shishi will not overwrite a file.")
    var out: String

    func validate() throws {
        guard (1...400).contains(days) else { throw ValidationError(global.lang, "--days 应在 1 与 400 之间。", "--days must be between 1 and 400.") }
    }

    func execute() throws {
        let made = try HallCertificates.make(names: names, addresses: addresses, now: Date(), days: days)
        let folder = Paths.url(out)
        try HallCertificates.write(made, to: folder)
        Console.out(
            say(
                """
                已写入 \(folder.path)：
                  \(HallCertificates.FileName.authority)  大厅证书颁发机构：安装到大厅的平板和手机上（只能为 \((names + addresses).joined(separator: "、")) 作证）
                  \(HallCertificates.FileName.chain)  服务器证书：shishi serve --tls-cert
                  \(HallCertificates.FileName.key)  服务器私钥（仅所有者可读）：shishi serve --tls-key
                颁发机构的私钥没有保存：不能再用它签发任何证书。
                """,
                """
                Wrote \(folder.path):
                  \(HallCertificates.FileName.authority)  the hall authority: install it on the hall's tablets and phones (it vouches only for \((names + addresses).joined(separator: ", ")))
                  \(HallCertificates.FileName.chain)  the server's certificate: shishi serve --tls-cert
                  \(HallCertificates.FileName.key)  the server's private key (owner only): shishi serve --tls-key
                The authority's private key was not kept: no other certificate can be made with it.
                """))
    }
}
