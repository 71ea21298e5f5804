public import Foundation
import ShishiCore

extension Ballot {
    /// Reads a ballot payload in its canonical form without Foundation's JSON coders; `nil` for any
    /// other bytes, which the strict path then reads or refuses. What it accepts, it has re-written
    /// byte for byte, so it accepts exactly what the strict path accepts, with the same value.
    public static func canonical(_ payload: Data) -> Ballot? {
        let parsed: Ballot? = payload.withUnsafeBytes { raw in
            var reader = CanonicalReader(raw)
            guard reader.expect(byte: 0x7B) else { return nil }
            var credential: BallotCredential?
            if reader.expect(#""credential":{"key":"#) {
                guard let keyText = reader.string(), let key = try? PublicKey(parsing: keyText),
                    reader.expect(#","prefix":"#), let prefixText = reader.string(), let prefix = Data(base64Encoded: prefixText),
                    reader.expect(#","registrarSignature":"#), let signatureText = reader.string(), let signature = Data(base64Encoded: signatureText),
                    reader.expect("},")
                else { return nil }
                credential = BallotCredential(key: key, prefix: prefix, registrarSignature: signature)
            }
            guard reader.expect(#""marks":{"#) else { return nil }
            var marks: [String: Mark] = [:]
            if !reader.expect(byte: 0x7D) {
                repeat {
                    guard let id = reader.string(), reader.expect(byte: 0x3A), let markText = reader.string(), let mark = Mark(rawValue: markText),
                        marks.updateValue(mark, forKey: id) == nil
                    else { return nil }
                } while reader.expect(byte: 0x2C)
                guard reader.expect(byte: 0x7D) else { return nil }
            }
            guard reader.expect(#","round":"#), let round = reader.integer(), reader.expect(#","vote":"#), let voteText = reader.string(),
                let vote = try? HashValue(parsing: voteText)
            else { return nil }
            var voter: String?
            if reader.expect(#","voter":"#) {
                guard let text = reader.string() else { return nil }
                voter = text
            }
            guard reader.expect(byte: 0x7D), reader.atEnd else { return nil }
            return Ballot(vote: vote, round: round, marks: marks, credential: credential, voter: voter)
        }
        guard let parsed, parsed.canonicalWriter().matches(payload) else { return nil }
        return parsed
    }

    /// The canonical payload bytes, as ``StrictJSON/encode(_:pretty:)`` writes them; `nil` when a
    /// string would need an escape.
    public func canonicalBytes() -> Data? { canonicalWriter().data }

    private func canonicalWriter() -> CanonicalWriter {
        var writer = CanonicalWriter(capacity: 256 + marks.count * 16)
        writer.raw("{")
        if let credential {
            writer.raw(#""credential":{"key":"#)
            writer.string(credential.key.description)
            writer.raw(#","prefix":"#)
            writer.base64(credential.prefix)
            writer.raw(#","registrarSignature":"#)
            writer.base64(credential.registrarSignature)
            writer.raw("},")
        }
        writer.raw(#""marks":{"#)
        for (index, id) in marks.keys.sorted(by: CanonicalWriter.keyOrder).enumerated() {
            if index > 0 { writer.raw(",") }
            writer.string(id)
            writer.raw(":")
            writer.string(marks[id]!.rawValue)
        }
        writer.raw(#"},"round":"#)
        writer.integer(round)
        writer.raw(#","vote":"#)
        writer.string(vote.description)
        if let voter {
            writer.raw(#","voter":"#)
            writer.string(voter)
        }
        writer.raw("}")
        return writer
    }
}
