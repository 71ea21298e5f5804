public import Foundation
public import ShishiCore

/// A deputy's anonymous voting credential for one vote: a one-time key and the registrar's
/// RSA blind signature on it. It is secret to the deputy's terminal (file mode 0600).
///
/// Nobody, the registrar included, can link the credential to the deputy: the registrar signed
/// it blind, and the ballot carries only the one-time public key, the prefix and the signature.
public struct Credential: Sendable, Codable {
    /// The format of credential files.
    public static let format = "shishi/credential/v1"
    /// The domain label of the message the registrar signs.
    public static let messageType = "shishi/credential-key/v1"

    /// ``format``.
    public var format: String
    /// The manifest hash of the vote this credential is for.
    public var vote: HashValue
    /// The one-time private key, in the vote's suite encoding. Secret.
    public var secretKey: Data
    /// The one-time public key.
    public var publicKey: PublicKey
    /// The 32 random bytes of RFC 9474's randomised preparation.
    public var prefix: Data
    /// The registrar's unblinded RSA signature on `prefix || message(vote, publicKey)`.
    public var registrarSignature: Data

    /// Creates a credential.
    public init(vote: HashValue, secretKey: Data, publicKey: PublicKey, prefix: Data, registrarSignature: Data) {
        self.format = Self.format
        self.vote = vote
        self.secretKey = secretKey
        self.publicKey = publicKey
        self.prefix = prefix
        self.registrarSignature = registrarSignature
    }

    /// The message the registrar signs for a one-time key: a DSSE pre-authentication encoding
    /// of type ``messageType`` over `"<vote hash>\n<suite>:<base64 key>"`.
    public static func message(vote: HashValue, key: PublicKey) -> Data {
        SignedEnvelope.preAuthenticationEncoding(type: messageType, payload: Data("\(vote)\n\(key)".utf8))
    }

    /// The one-time signing key.
    public func signingKey() throws -> PrivateKey {
        let key = try PrivateKey(suite: publicKey.suite, rawRepresentation: secretKey)
        guard key.publicKey == publicKey else {
            throw ShishiError(
                .credentialCorrupt,
                zh: "凭证文件已损坏：私钥与公钥不匹配。",
                en: "The credential file is damaged: its private and public keys do not match."
            )
        }
        return key
    }

    /// Reads a credential file strictly.
    public static func read(_ url: URL) throws -> Credential {
        let credential = try StrictJSON.decode(Credential.self, from: FileAccess.read(url), source: url.lastPathComponent)
        guard credential.format == format else {
            throw ShishiError(
                .formatUnknownVersion,
                zh: "\(url.lastPathComponent)：未知的凭证格式“\(credential.format)”。",
                en: "\(url.lastPathComponent): unknown credential format “\(credential.format)”."
            )
        }
        return credential
    }

    /// Refuses `url` if a file is already there: checked before a credential is issued, so that
    /// none is issued that could not be written.
    public static func requireNew(_ url: URL) throws {
        if FileManager.default.fileExists(atPath: url.path) {
            throw ShishiError(
                .fileExists,
                zh: "\(url.path) 已存在，不会覆盖：请换一个文件名（--out）。",
                en: "\(url.path) already exists and will not be overwritten: choose another name (--out)."
            )
        }
    }

    /// Writes the credential to a new file with mode 0600.
    public func write(to url: URL) throws {
        var data = try StrictJSON.encode(self, pretty: true)
        data.append(0x0A)
        try FileAccess.create(url, data: data, mode: 0o600)
    }
}

/// What a voting terminal sends the registrar: who is signing in and a blinded message.
public struct CredentialRequest: Sendable, Codable, Equatable {
    /// The format of request files.
    public static let format = "shishi/credential-request/v1"
    /// ``format``.
    public var format: String
    /// The manifest hash of the vote.
    public var vote: HashValue
    /// The deputy's roster id.
    public var deputy: String
    /// The blinded message (RFC 9474 `blinded_msg`); it reveals nothing of the key inside.
    public var blindedMessage: Data

    /// Creates a request.
    public init(vote: HashValue, deputy: String, blindedMessage: Data) {
        self.format = Self.format
        self.vote = vote
        self.deputy = deputy
        self.blindedMessage = blindedMessage
    }
}

/// What the registrar answers: the blind signature (RFC 9474 `blind_sig`).
public struct CredentialGrant: Sendable, Codable, Equatable {
    /// The format of grant files.
    public static let format = "shishi/credential-grant/v1"
    /// ``format``.
    public var format: String
    /// The manifest hash of the vote.
    public var vote: HashValue
    /// The deputy's roster id.
    public var deputy: String
    /// The blind signature.
    public var blindSignature: Data

    /// Creates a grant.
    public init(vote: HashValue, deputy: String, blindSignature: Data) {
        self.format = Self.format
        self.vote = vote
        self.deputy = deputy
        self.blindSignature = blindSignature
    }
}
