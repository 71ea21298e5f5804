public import Foundation

/// A key file: `NAME.key` (private, mode 0600) or `NAME.pub` (public), JSON with a format version.
///
/// ```json
/// {"format":"shishi/public-key/v1","key":"<base64>","name":"秘书处","suite":"ed25519"}
/// ```
public struct KeyFile: Sendable, Codable, Equatable {
    /// The format of private key files.
    public static let privateFormat = "shishi/private-key/v1"
    /// The format of public key files.
    public static let publicFormat = "shishi/public-key/v1"

    /// ``privateFormat`` or ``publicFormat``.
    public var format: String
    /// `ed25519`, `sm2` or `rsabssa-sha384-pss-randomized`.
    public var suite: String
    /// Whose key this is, for people (a deputy's name, "秘书处", "计票人 张三").
    public var name: String
    /// The key bytes in the suite's encoding.
    public var key: Data

    /// Creates a key file record.
    public init(format: String, suite: String, name: String, key: Data) {
        self.format = format
        self.suite = suite
        self.name = name
        self.key = key
    }

    /// Whether this is a private key file.
    public var isPrivate: Bool { format == Self.privateFormat }

    /// Reads a key file strictly.
    public static func read(_ url: URL) throws -> KeyFile {
        let file = try StrictJSON.decode(KeyFile.self, from: FileAccess.read(url), source: url.lastPathComponent)
        guard file.format == privateFormat || file.format == publicFormat else {
            throw ShishiError(
                .formatUnknownVersion,
                zh: "\(url.lastPathComponent)：未知的密钥文件格式“\(file.format)”。",
                en: "\(url.lastPathComponent): unknown key file format “\(file.format)”."
            )
        }
        return file
    }

    /// Writes the file, refusing to replace an existing one; private keys get mode 0600.
    public func write(to url: URL) throws {
        var data = try StrictJSON.encode(self, pretty: true)
        data.append(0x0A)
        try FileAccess.create(url, data: data, mode: isPrivate ? 0o600 : 0o644)
    }

    private func wrongKind(_ url: URL, wanted: Text) -> ShishiError {
        ShishiError(
            .keyWrongKind,
            zh: "\(url.lastPathComponent) 是 \(suite) \(isPrivate ? "私钥" : "公钥")，这里需要\(wanted.zh)。",
            en: "\(url.lastPathComponent) is a \(suite) \(isPrivate ? "private" : "public") key; \(wanted.en) is needed here."
        )
    }

    /// The signing private key in this file.
    public func signingPrivateKey(_ url: URL) throws -> PrivateKey {
        guard isPrivate, let suite = SignatureSuite(rawValue: suite) else {
            throw wrongKind(url, wanted: Text("签名私钥（ed25519 或 sm2 的 .key 文件）", "a signing private key (an ed25519 or sm2 .key file)"))
        }
        return try PrivateKey(suite: suite, rawRepresentation: key)
    }

    /// The signing public key in this file (or the public half of a private key file).
    public func signingPublicKey(_ url: URL) throws -> PublicKey {
        guard let suite = SignatureSuite(rawValue: suite) else {
            throw wrongKind(url, wanted: Text("签名公钥（ed25519 或 sm2 的 .pub 文件）", "a signing public key (an ed25519 or sm2 .pub file)"))
        }
        return isPrivate ? try PrivateKey(suite: suite, rawRepresentation: key).publicKey : try PublicKey(suite: suite, rawRepresentation: key)
    }

    /// The registrar's blind-signing private key in this file.
    public func blindPrivateKey(_ url: URL) throws -> BlindPrivateKey {
        guard isPrivate, suite == BlindPublicKey.suiteName else {
            throw wrongKind(url, wanted: Text("登记员的 RSA 盲签名私钥", "the registrar's RSA blind-signing private key"))
        }
        return try BlindPrivateKey(derRepresentation: key)
    }

    /// The registrar's blind-signing public key in this file.
    public func blindPublicKey(_ url: URL) throws -> BlindPublicKey {
        guard suite == BlindPublicKey.suiteName else {
            throw wrongKind(url, wanted: Text("登记员的 RSA 盲签名公钥", "the registrar's RSA blind-signing public key"))
        }
        return isPrivate ? try BlindPrivateKey(derRepresentation: key).publicKey : try BlindPublicKey(derRepresentation: key)
    }

    /// The private and public files of a new signing key.
    public static func pair(for key: PrivateKey, name: String) -> (private: KeyFile, public: KeyFile) {
        (
            KeyFile(format: privateFormat, suite: key.suite.rawValue, name: name, key: key.rawRepresentation),
            KeyFile(format: publicFormat, suite: key.suite.rawValue, name: name, key: key.publicKey.rawRepresentation)
        )
    }

    /// The private and public files of a new blind-signing key.
    public static func pair(for key: BlindPrivateKey, name: String) -> (private: KeyFile, public: KeyFile) {
        (
            KeyFile(format: privateFormat, suite: BlindPublicKey.suiteName, name: name, key: key.derRepresentation),
            KeyFile(format: publicFormat, suite: BlindPublicKey.suiteName, name: name, key: key.publicKey.derRepresentation)
        )
    }
}
