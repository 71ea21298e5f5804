public import Foundation

/// A signed file: exact payload bytes, their type (the domain label and version) and signatures.
///
/// The layout is DSSE (the Dead Simple Signing Envelope of in-toto and Sigstore): every signature
/// covers the pre-authentication encoding
/// `"DSSEv1" SP LEN(type) SP type SP LEN(payload) SP payload`, so a signature made for a ballot
/// (`shishi/ballot/v1`) can never pass for a manifest, and no re-encoding of the JSON payload can
/// change what was signed: the payload is kept as the exact bytes that were signed.
public struct SignedEnvelope: Sendable, Codable, Equatable {
    /// The domain label and version of the payload, e.g. `shishi/ballot/v1`.
    public var payloadType: String
    /// The exact signed bytes: canonical JSON of the payload.
    public var payload: Data
    /// The signatures, in the order they were added.
    public var signatures: [Signature]

    /// Creates an envelope with no signatures yet.
    public init(payloadType: String, payload: Data) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = []
    }

    /// Encodes `value` as the payload of a new envelope of type `payloadType`.
    public init<T: Encodable>(payloadType: String, encoding value: T) throws {
        self.init(payloadType: payloadType, payload: try StrictJSON.encode(value))
    }

    /// The DSSE pre-authentication encoding of a type and payload: the bytes every signature covers.
    public static func preAuthenticationEncoding(type: String, payload: Data) -> Data {
        var out = Data("DSSEv1 \(type.utf8.count) \(type) \(payload.count) ".utf8)
        out.append(payload)
        return out
    }

    /// The bytes every signature of this envelope covers.
    public var signedBytes: Data { Self.preAuthenticationEncoding(type: payloadType, payload: payload) }

    /// Adds a signature by `key` over ``signedBytes``.
    public mutating func sign(with key: PrivateKey) throws {
        let sig = try key.signature(for: signedBytes)
        signatures.append(Signature(suite: key.suite, key: key.publicKey.fingerprint, sig: sig))
    }

    /// Whether `key` made one of the signatures.
    public func isSigned(by key: PublicKey) -> Bool {
        isSigned(by: key, signedBytes: signedBytes)
    }

    /// Whether `key` made one of the signatures over `message`, this envelope's ``signedBytes``
    /// already computed (a count of a million ballots computes them once per ballot).
    public func isSigned(by key: PublicKey, signedBytes message: Data) -> Bool {
        let fingerprint = key.fingerprint
        return signatures.contains { signature in
            signature.suite == key.suite && signature.key == fingerprint && key.isValidSignature(signature.sig, for: message)
        }
    }

    /// Checks that `key` signed the envelope; `role` names the signer in the message.
    public func requireSignature(by key: PublicKey, role: Text, source: String) throws {
        guard isSigned(by: key) else {
            let present = signatures.contains { $0.key == key.fingerprint }
            throw ShishiError(
                .signatureInvalid,
                zh: "\(source)：\(present ? "\(role.zh)的签名无效，文件内容在签名后被改动过" : "缺少\(role.zh)的签名")。",
                en:
                    "\(source): \(present ? "the \(role.en)'s signature does not verify; the content was changed after signing" : "no signature by the \(role.en)")."
            )
        }
    }

    /// Checks the payload type and decodes the payload strictly.
    public func decodePayload<T: Codable>(_ type: T.Type, expecting payloadType: String, source: String) throws -> T {
        guard self.payloadType == payloadType else {
            throw ShishiError(
                .formatUnknownVersion,
                zh: "\(source)：文件类型为“\(self.payloadType)”，这里需要“\(payloadType)”。若是更新版本的 shishi 写的，请升级 shishi。",
                en: "\(source): the file is “\(self.payloadType)” where “\(payloadType)” is expected. If a newer shishi wrote it, upgrade shishi."
            )
        }
        return try StrictJSON.decode(T.self, from: payload, source: "\(source) (payload)", canonical: true)
    }

    /// Reads an envelope as a box stores one, in either form (a file's layout or a compact line)
    /// without Foundation's coders, or strictly from any other JSON; `nil` when it is not one.
    public static func stored(_ data: Data, source: String) -> SignedEnvelope? {
        canonicalFile(data) ?? canonical(data) ?? (try? StrictJSON.decode(SignedEnvelope.self, from: data, source: source))
    }

    /// Reads an envelope file strictly.
    public static func read(from url: URL) throws -> SignedEnvelope {
        let data = try FileAccess.read(url)
        return try canonicalFile(data) ?? StrictJSON.decode(SignedEnvelope.self, from: data, source: url.lastPathComponent)
    }

    /// The file form: pretty JSON with sorted keys and a final newline.
    ///
    /// The usual envelope (strings of plain printable ASCII, at least one signature) is written
    /// directly, byte for byte as the JSON encoder writes it (``canonicalFile(_:)`` reads it
    /// back the same way); anything else goes through the encoder.
    public func fileData() throws -> Data {
        if let direct = directFileData() { return direct }
        var data = try StrictJSON.encode(self, pretty: true)
        data.append(0x0A)
        return data
    }

    /// The file form written without the encoder, or `nil` where a string would need escaping.
    private func directFileData() -> Data? {
        let plain = { (text: String) in text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C } }
        guard !signatures.isEmpty, plain(payloadType), signatures.allSatisfy({ plain($0.key) && plain($0.suite.rawValue) }) else { return nil }
        var text = "{\n  \"payload\" : \"\(payload.base64EncodedString())\",\n  \"payloadType\" : \"\(payloadType)\",\n  \"signatures\" : [\n"
        text += signatures.map { signature in
            "    {\n      \"key\" : \"\(signature.key)\",\n      \"sig\" : \"\(signature.sig.base64EncodedString())\",\n      \"suite\" : \"\(signature.suite.rawValue)\"\n    }"
        }.joined(separator: ",\n")
        text += "\n  ]\n}\n"
        return Data(text.utf8)
    }
}
