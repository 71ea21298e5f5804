public import Foundation

extension SignedEnvelope {
    /// Reads an envelope in its compact canonical form (a line of `box.jsonl`) without Foundation's
    /// JSON coders; `nil` for any other bytes, which the strict path then reads or refuses.
    ///
    /// What it accepts, it has re-written byte for byte: exactly what ``StrictJSON/decode(_:from:source:canonical:)``
    /// accepts on its own fast path, with the same value.
    public static func canonical(_ data: Data) -> SignedEnvelope? {
        let parsed: SignedEnvelope? = data.withUnsafeBytes { raw in
            var reader = CanonicalReader(raw)
            guard reader.expect(#"{"payload":"#), let payloadText = reader.string(), let payload = Data(base64Encoded: payloadText),
                reader.expect(#","payloadType":"#), let type = reader.string(), reader.expect(#","signatures":["#)
            else { return nil }
            var envelope = SignedEnvelope(payloadType: type, payload: payload)
            if !reader.expect(byte: 0x5D) {
                repeat {
                    guard reader.expect(#"{"key":"#), let key = reader.string(), reader.expect(#","sig":"#), let sigText = reader.string(),
                        let sig = Data(base64Encoded: sigText), reader.expect(#","suite":"#), let suiteText = reader.string(),
                        let suite = SignatureSuite(rawValue: suiteText), reader.expect(byte: 0x7D)
                    else { return nil }
                    envelope.signatures.append(Signature(suite: suite, key: key, sig: sig))
                } while reader.expect(byte: 0x2C)
                guard reader.expect(byte: 0x5D) else { return nil }
            }
            guard reader.expect(byte: 0x7D), reader.atEnd else { return nil }
            return envelope
        }
        guard let parsed, parsed.compactWriter().matches(data) else { return nil }
        return parsed
    }

    /// The compact canonical bytes of the envelope, as ``StrictJSON/encode(_:pretty:)`` writes
    /// them; `nil` when a string would need an escape.
    public func canonicalBytes() -> Data? { compactWriter().data }

    private func compactWriter() -> CanonicalWriter {
        var writer = CanonicalWriter(capacity: payload.count * 4 / 3 + 256)
        writer.raw(#"{"payload":"#)
        writer.base64(payload)
        writer.raw(#","payloadType":"#)
        writer.string(payloadType)
        writer.raw(#","signatures":["#)
        for (index, signature) in signatures.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw(#"{"key":"#)
            writer.string(signature.key)
            writer.raw(#","sig":"#)
            writer.base64(signature.sig)
            writer.raw(#","suite":"#)
            writer.string(signature.suite.rawValue)
            writer.raw("}")
        }
        writer.raw("]}")
        return writer
    }

    /// Reads an envelope file in the exact layout ``fileData()`` writes (pretty, with a final line
    /// break) without Foundation's JSON coders; `nil` for any other bytes, which the strict path
    /// then reads or refuses. Used for large signed files such as a sealed issuance log.
    public static func canonicalFile(_ data: Data) -> SignedEnvelope? {
        let parsed: SignedEnvelope? = data.withUnsafeBytes { raw in
            var reader = CanonicalReader(raw)
            guard reader.expect("{\n  \"payload\" : "), let payloadText = reader.string(), let payload = Data(base64Encoded: payloadText),
                reader.expect(",\n  \"payloadType\" : "), let type = reader.string(), reader.expect(",\n  \"signatures\" : [\n")
            else { return nil }
            var envelope = SignedEnvelope(payloadType: type, payload: payload)
            repeat {
                guard reader.expect("    {\n      \"key\" : "), let key = reader.string(), reader.expect(",\n      \"sig\" : "), let sigText = reader.string(),
                    let sig = Data(base64Encoded: sigText), reader.expect(",\n      \"suite\" : "), let suiteText = reader.string(),
                    let suite = SignatureSuite(rawValue: suiteText), reader.expect("\n    }")
                else { return nil }
                envelope.signatures.append(Signature(suite: suite, key: key, sig: sig))
            } while reader.expect(",\n")
            guard reader.expect("\n  ]\n}\n"), reader.atEnd else { return nil }
            return envelope
        }
        guard let parsed, parsed.fileWriter()?.matches(data) == true else { return nil }
        return parsed
    }

    /// The bytes of ``fileData()``, written without Foundation's encoder; `nil` when a string
    /// would need an escape or there is no signature (that layout is left to the encoder).
    public func canonicalFileBytes() -> Data? { fileWriter()?.data }

    private func fileWriter() -> CanonicalWriter? {
        guard !signatures.isEmpty else { return nil }
        var writer = CanonicalWriter(capacity: payload.count * 4 / 3 + 512)
        writer.raw("{\n  \"payload\" : ")
        writer.base64(payload)
        writer.raw(",\n  \"payloadType\" : ")
        writer.string(payloadType)
        writer.raw(",\n  \"signatures\" : [\n")
        for (index, signature) in signatures.enumerated() {
            if index > 0 { writer.raw(",\n") }
            writer.raw("    {\n      \"key\" : ")
            writer.string(signature.key)
            writer.raw(",\n      \"sig\" : ")
            writer.base64(signature.sig)
            writer.raw(",\n      \"suite\" : ")
            writer.string(signature.suite.rawValue)
            writer.raw("\n    }")
        }
        writer.raw("\n  ]\n}\n")
        return writer
    }
}
