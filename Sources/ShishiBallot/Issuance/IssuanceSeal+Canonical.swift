public import Foundation
import ShishiCore

extension IssuanceEntry {
    /// Writes the entry's canonical line without Foundation's encoder (the writer fails when a
    /// string would need an escape; then ``lineBytes()`` uses the encoder).
    func write(to writer: inout CanonicalWriter) {
        writer.raw(#"{"at":"#)
        writer.string(at)
        writer.raw(#","deputy":"#)
        writer.string(deputy)
        writer.raw(#","kind":"#)
        writer.string(kind.rawValue)
        writer.raw(#","prev":"#)
        writer.string(prev.description)
        writer.raw(#","seq":"#)
        writer.integer(seq)
        writer.raw("}")
    }

    /// Reads a log line in its canonical form without Foundation's JSON coders; `nil` for any
    /// other bytes. What it accepts, it has re-written byte for byte.
    public static func canonical(_ line: Data) -> IssuanceEntry? {
        let parsed: IssuanceEntry? = line.withUnsafeBytes { raw in
            var reader = CanonicalReader(raw)
            guard let entry = read(&reader), reader.atEnd else { return nil }
            return entry
        }
        guard let parsed else { return nil }
        var writer = CanonicalWriter(capacity: line.count)
        parsed.write(to: &writer)
        return writer.matches(line) ? parsed : nil
    }

    /// Reads one entry in its canonical form.
    static func read(_ reader: inout CanonicalReader) -> IssuanceEntry? {
        guard reader.expect(#"{"at":"#), let at = reader.string(), reader.expect(#","deputy":"#), let deputy = reader.string(),
            reader.expect(#","kind":"#), let kindText = reader.string(), let kind = Kind(rawValue: kindText),
            reader.expect(#","prev":"#), let prevText = reader.string(), let prev = try? HashValue(parsing: prevText),
            reader.expect(#","seq":"#), let seq = reader.integer(), reader.expect(byte: 0x7D)
        else { return nil }
        return IssuanceEntry(seq: seq, deputy: deputy, kind: kind, at: at, prev: prev)
    }
}

extension IssuanceSeal {
    /// Reads a sealed log's payload in its canonical form without Foundation's JSON coders (a log
    /// of a million sign-ins reads in a second); `nil` for any other bytes, which the strict path
    /// then reads or refuses. What it accepts, it has re-written byte for byte.
    public static func canonical(_ payload: Data) -> IssuanceSeal? {
        let parsed: IssuanceSeal? = payload.withUnsafeBytes { raw in
            var reader = CanonicalReader(raw)
            guard reader.expect(#"{"credentials":"#), let credentials = reader.integer(), reader.expect(#","deputies":"#), let deputies = reader.integer(),
                reader.peek == 0x2C
            else { return nil }
            var entries: [IssuanceEntry]?
            if reader.expect(#","entries":["#) {
                var list: [IssuanceEntry] = []
                if !reader.expect(byte: 0x5D) {
                    repeat {
                        guard let entry = IssuanceEntry.read(&reader) else { return nil }
                        list.append(entry)
                    } while reader.expect(byte: 0x2C)
                    guard reader.expect(byte: 0x5D) else { return nil }
                }
                entries = list
            }
            guard reader.expect(#","head":"#), let headText = reader.string(), let head = try? HashValue(parsing: headText),
                reader.expect(#","paper":"#), let paper = reader.integer(), reader.expect(#","present":"#), let present = reader.integer(),
                reader.expect(#","sealedAt":"#), let sealedAt = reader.string(), reader.expect(#","vote":"#), let voteText = reader.string(),
                let vote = try? HashValue(parsing: voteText), reader.expect(byte: 0x7D), reader.atEnd
            else { return nil }
            return IssuanceSeal(
                vote: vote, sealedAt: sealedAt, deputies: deputies, present: present, credentials: credentials, paper: paper, head: head, entries: entries)
        }
        guard let parsed, parsed.canonicalWriter().matches(payload) else { return nil }
        return parsed
    }

    /// The canonical payload, as ``StrictJSON/encode(_:pretty:)`` writes it; `nil` when a string
    /// would need an escape.
    public func canonicalBytes() -> Data? { canonicalWriter().data }

    private func canonicalWriter() -> CanonicalWriter {
        var writer = CanonicalWriter(capacity: 256 + (entries?.count ?? 0) * 160)
        writer.raw(#"{"credentials":"#)
        writer.integer(credentials)
        writer.raw(#","deputies":"#)
        writer.integer(deputies)
        if let entries {
            writer.raw(#","entries":["#)
            for (index, entry) in entries.enumerated() {
                if index > 0 { writer.raw(",") }
                entry.write(to: &writer)
            }
            writer.raw("]")
        }
        writer.raw(#","head":"#)
        writer.string(head.description)
        writer.raw(#","paper":"#)
        writer.integer(paper)
        writer.raw(#","present":"#)
        writer.integer(present)
        writer.raw(#","sealedAt":"#)
        writer.string(sealedAt)
        writer.raw(#","vote":"#)
        writer.string(vote.description)
        writer.raw("}")
        return writer
    }
}
