import ArgumentParser
import Foundation
import ShishiCore

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Make keys. 生成密钥。",
        subcommands: [KeyNewCommand.self]
    )
}

struct KeyNewCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new key pair: NAME.key (private, mode 0600) and NAME.pub. 生成新密钥对。",
        discussion: """
            Suites: ed25519 (default), sm2 (SM2 with SM3, through the system OpenSSL), rsa-blind \
            (the registrar's RSA key for RFC 9474 blind signatures: make a fresh one for every vote).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "ed25519, sm2 or rsa-blind.")
    var suite = "ed25519"

    @Option(help: "The file name without extension: writes NAME.key and NAME.pub.")
    var out: String

    @Option(help: "Whose key it is, for people (e.g. 秘书处, 计票人 张三). Defaults to the file name.")
    var name: String?

    @Option(help: "RSA modulus size for rsa-blind keys (3072 or more).")
    var bits = 3072

    func execute() throws {
        let base = Paths.url(out)
        let owner = name ?? base.lastPathComponent
        let pair: (private: KeyFile, public: KeyFile)
        let fingerprint: String
        if ["rsa-blind", "rsabssa", BlindPublicKey.suiteName].contains(suite.lowercased()) {
            let key = try BlindPrivateKey(bits: bits)
            pair = KeyFile.pair(for: key, name: owner)
            fingerprint = key.publicKey.fingerprint
        } else {
            let key = try PrivateKey(generating: SignatureSuite(parsing: suite))
            pair = KeyFile.pair(for: key, name: owner)
            fingerprint = key.publicKey.fingerprint
        }
        let privateURL = base.appendingPathExtension("key")
        let publicURL = base.appendingPathExtension("pub")
        for url in [privateURL, publicURL] where FileManager.default.fileExists(atPath: url.path) {
            throw ShishiError(
                .fileExists,
                zh: "\(url.path) 已存在，shishi 不会覆盖密钥文件。请换一个 --out 名字。",
                en: "\(url.path) already exists and shishi will not overwrite a key file. Choose another --out name."
            )
        }
        try pair.private.write(to: privateURL)
        try pair.public.write(to: publicURL)
        let kind = ["ed25519": "an Ed25519", "sm2": "an SM2"][pair.public.suite] ?? "an RSA blind-signing"
        Console.out(say("已生成 \(pair.public.suite) 密钥“\(owner)”：", "Made \(kind) key for “\(owner)”:"))
        Console.out(say("  私钥 \(privateURL.path)（权限 0600，请妥善保管）", "  private \(privateURL.path) (mode 0600: keep it safe)"))
        Console.out(say("  公钥 \(publicURL.path)", "  public  \(publicURL.path)"))
        Console.out(say("  指纹 \(fingerprint)", "  fingerprint \(fingerprint)"))
    }
}
