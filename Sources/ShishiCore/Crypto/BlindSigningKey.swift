internal import Crypto
internal import CryptoExtras
public import Foundation

/// The registrar's RSA public key for blind signatures (RFC 9474, RSABSSA-SHA384-PSS-Randomized),
/// written `rsabssa-sha384-pss-randomized:<base64 SubjectPublicKeyInfo DER>`.
///
/// The randomised preparation of RFC 9474 prepends 32 random bytes (`msg_prefix`) to the message.
/// shishi makes those bytes itself and keeps them in the credential, then runs the identity
/// preparation over `msg_prefix || msg`: on the wire this is exactly RSABSSA-SHA384-PSS-Randomized,
/// and it lets any verifier rebuild the prepared message from the credential's bytes alone.
public struct BlindPublicKey: Sendable, Hashable, TextCodable {
    /// The suite label in key files and manifests.
    public static let suiteName = "rsabssa-sha384-pss-randomized"
    /// The smallest modulus shishi accepts for a registrar key.
    public static let minimumBits = 3072
    /// The length of the random message prefix of RFC 9474's randomised preparation.
    public static let prefixLength = 32

    /// The key as SubjectPublicKeyInfo DER.
    public let derRepresentation: Data
    let key: _RSA.BlindSigning.PublicKey<SHA384>

    /// Reads a key from SubjectPublicKeyInfo DER and checks its size.
    public init(derRepresentation: Data) throws {
        let key: _RSA.BlindSigning.PublicKey<SHA384>
        do {
            key = try _RSA.BlindSigning.PublicKey(derRepresentation: derRepresentation, parameters: .RSABSSA_SHA384_PSS_Deterministic)
        } catch {
            throw ShishiError(
                .keyMalformed,
                zh: "这不是有效的 RSA 盲签名公钥（应为 SubjectPublicKeyInfo DER）。",
                en: "This is not a valid RSA blind-signing public key (expected SubjectPublicKeyInfo DER)."
            )
        }
        guard key.keySizeInBits >= Self.minimumBits else {
            throw ShishiError(
                .keyTooSmall,
                zh: "登记员的 RSA 密钥只有 \(key.keySizeInBits) 位，至少需要 \(Self.minimumBits) 位。请用 shishi key new --suite rsa-blind 重新生成。",
                en:
                    "The registrar's RSA key has \(key.keySizeInBits) bits; at least \(Self.minimumBits) are required. Make a new one with shishi key new --suite rsa-blind."
            )
        }
        self.key = key
        self.derRepresentation = key.derRepresentation
    }

    /// Creates a key from its modulus and public exponent (big-endian bytes), checking its size.
    public init(modulus: Data, publicExponent: Data) throws {
        let key: _RSA.BlindSigning.PublicKey<SHA384>
        do {
            key = try _RSA.BlindSigning.PublicKey(n: modulus, e: publicExponent, parameters: .RSABSSA_SHA384_PSS_Deterministic)
        } catch {
            throw ShishiError(.keyMalformed, zh: "无效的 RSA 模数或公钥指数。", en: "Not a valid RSA modulus and public exponent.")
        }
        try self.init(derRepresentation: key.derRepresentation)
    }

    init(key: _RSA.BlindSigning.PublicKey<SHA384>) {
        self.key = key
        self.derRepresentation = key.derRepresentation
    }

    /// Parses `rsabssa-sha384-pss-randomized:<base64>`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == Self.suiteName, let der = Data(canonicalBase64: parts[1]) else {
            throw ShishiError(
                .keyMalformed,
                zh: "无法识别的盲签名公钥：应为 \(Self.suiteName):<base64>。",
                en: "Unrecognised blind-signing public key: expected \(Self.suiteName):<base64>."
            )
        }
        try self.init(derRepresentation: der)
    }

    /// The modulus size in bits.
    public var keySizeInBits: Int { key.keySizeInBits }

    /// The SHA-256 of the DER key, in hex, as published in the manifest.
    public var fingerprint: String { Data(SHA256.hash(data: derRepresentation)).hexString }

    /// `rsabssa-sha384-pss-randomized:<base64>`.
    public var description: String { "\(Self.suiteName):\(derRepresentation.base64EncodedString())" }

    /// The prepared message `msg_prefix || msg` of RFC 9474.
    func prepare(prefix: Data, message: Data) -> _RSA.BlindSigning.PreparedMessage {
        key.prepare(prefix + message)
    }

    /// Whether `signature` is the registrar's valid (unblinded) signature on `prefix || message`.
    public func isValidSignature(_ signature: Data, prefix: Data, message: Data) -> Bool {
        guard prefix.count == Self.prefixLength else { return false }
        return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: prepare(prefix: prefix, message: message))
    }

    /// Starts a blind-signature exchange for `message`: makes the random prefix, prepares and blinds.
    ///
    /// The returned ``BlindingState`` stays with the requester (the voting terminal); only its
    /// ``BlindingState/blindedMessage`` goes to the registrar.
    public func blind(_ message: Data) throws -> BlindingState {
        var prefix = Data(count: Self.prefixLength)
        var generator = SystemRandomNumberGenerator()
        for index in prefix.indices { prefix[index] = UInt8.random(in: .min ... .max, using: &generator) }
        return try blind(message, prefix: prefix)
    }

    /// Starts a blind-signature exchange with a given prefix (for reproducible simulations).
    public func blind(_ message: Data, prefix: Data) throws -> BlindingState {
        precondition(prefix.count == Self.prefixLength, "the RFC 9474 message prefix is 32 bytes")
        let prepared = prepare(prefix: prefix, message: message)
        let result = try key.blind(prepared)
        return BlindingState(key: self, message: message, prefix: prefix, prepared: prepared, result: result)
    }

    /// Whether the two are equal.
    public static func == (lhs: BlindPublicKey, rhs: BlindPublicKey) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) { hasher.combine(derRepresentation) }

}

/// The requester's side of one blind-signature exchange: what it must keep to unblind the answer.
///
/// It lives only in the requester's memory: RFC 9474's blinding inverse is never written anywhere.
public struct BlindingState: @unchecked Sendable {
    let key: BlindPublicKey
    /// The message being signed (without the prefix).
    public let message: Data
    /// The 32 random bytes prepended to the message.
    public let prefix: Data
    let prepared: _RSA.BlindSigning.PreparedMessage
    let result: _RSA.BlindSigning.BlindingResult

    /// The blinded message to send to the signer: it reveals nothing of ``message``.
    public var blindedMessage: Data { result.blindedMessage }

    /// Unblinds the signer's answer and checks the resulting signature.
    public func finalize(blindSignature: Data) throws -> Data {
        do {
            let signature = try key.key.finalize(
                _RSA.BlindSigning.BlindSignature(rawRepresentation: blindSignature),
                for: prepared,
                blindingInverse: result.inverse
            )
            return signature.rawRepresentation
        } catch {
            throw ShishiError(
                .credentialBadBlindSignature,
                zh: "登记员返回的盲签名无法验证：它不是本次投票登记员密钥的签名。请勿使用此凭证，并报告监票人。",
                en:
                    "The registrar's blind signature does not verify: it was not made with this vote's registrar key. Do not use this credential; tell the scrutineers."
            )
        }
    }
}

/// The registrar's RSA private key for blind signatures. Fresh for each vote and used for nothing else.
public struct BlindPrivateKey: Sendable {
    let key: _RSA.BlindSigning.PrivateKey<SHA384>

    /// Generates a new key of `bits` bits (3072 or more).
    public init(bits: Int = 3072) throws {
        guard bits >= BlindPublicKey.minimumBits, bits % 1024 == 0 else {
            throw ShishiError(
                .keyTooSmall,
                zh: "登记员的 RSA 密钥应为 3072 位或更大（1024 的倍数），而不是 \(bits)。",
                en: "A registrar RSA key must have 3072 bits or more (a multiple of 1024), not \(bits)."
            )
        }
        key = try _RSA.BlindSigning.PrivateKey(keySize: .init(bitCount: bits), parameters: .RSABSSA_SHA384_PSS_Deterministic)
    }

    /// Reads a key from its DER representation.
    public init(derRepresentation: Data) throws {
        do {
            key = try _RSA.BlindSigning.PrivateKey(derRepresentation: derRepresentation, parameters: .RSABSSA_SHA384_PSS_Deterministic)
        } catch {
            throw ShishiError(.keyMalformed, zh: "这不是有效的 RSA 盲签名私钥。", en: "This is not a valid RSA blind-signing private key.")
        }
        guard key.keySizeInBits >= BlindPublicKey.minimumBits else {
            throw ShishiError(
                .keyTooSmall,
                zh: "登记员的 RSA 密钥只有 \(key.keySizeInBits) 位，至少需要 3072 位。",
                en: "The registrar's RSA key has \(key.keySizeInBits) bits; at least 3072 are required."
            )
        }
    }

    /// The key as DER. Keep it secret.
    public var derRepresentation: Data { key.derRepresentation }

    /// The matching public key.
    public var publicKey: BlindPublicKey { BlindPublicKey(key: key.publicKey) }

    /// Signs a blinded message: the signer learns nothing of what it signs.
    public func blindSignature(for blindedMessage: Data) throws -> Data {
        do {
            return try key.blindSignature(for: blindedMessage).rawRepresentation
        } catch {
            throw ShishiError(
                .credentialBadRequest,
                zh: "无法对该请求盲签名：被盲化的消息长度或取值不对。",
                en: "Cannot blind-sign this request: the blinded message has the wrong length or value."
            )
        }
    }
}
