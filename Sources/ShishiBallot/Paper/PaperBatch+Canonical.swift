public import Foundation
import ShishiCore

extension PaperBatch {
    /// Reads a batch payload in its canonical form without Foundation's JSON coders; `nil` for any
    /// other bytes, which the strict path then reads or refuses. What it accepts, it has re-written
    /// byte for byte, so it accepts exactly what the strict path accepts, with the same value.
    ///
    /// A box of a hundred thousand ballots (an imported Pabulib file) reads in a fraction of the
    /// time the generic decoder takes.
    public static func canonical(_ payload: Data) -> PaperBatch? {
        let parsed: PaperBatch? = payload.withUnsafeBytes { raw in
            var reader = CanonicalReader(raw)
            guard reader.expect(#"{"ballots":["#) else { return nil }
            var ballots: [PaperBallot] = []
            if !reader.expect(byte: 0x5D) {
                repeat {
                    guard let ballot = reader.paperBallot() else { return nil }
                    ballots.append(ballot)
                } while reader.expect(byte: 0x2C)
                guard reader.expect(byte: 0x5D) else { return nil }
            }
            var ballotsFile: String?
            if reader.expect(#","ballotsFile":"#) {
                guard let name = reader.string() else { return nil }
                ballotsFile = name
            }
            guard reader.expect(#","box":"#), let box = reader.integer(), reader.expect(#","enteredAt":"#), let enteredAt = reader.string(),
                reader.expect(#","enteredBy":"#), let enteredBy = reader.string(), reader.expect(#","issued":"#), let issued = reader.integer(),
                reader.expect(#","round":"#), let round = reader.integer(), reader.expect(#","source":"#), let sourceText = reader.string(),
                let source = try? HashValue(parsing: sourceText), reader.expect(#","takenOut":"#), let takenOut = reader.integer(),
                reader.expect(#","vote":"#), let voteText = reader.string(), let vote = try? HashValue(parsing: voteText), reader.expect(byte: 0x7D),
                reader.atEnd
            else { return nil }
            return PaperBatch(
                vote: vote, round: round, box: box, issued: issued, takenOut: takenOut, enteredBy: enteredBy, enteredAt: enteredAt, source: source,
                ballots: ballots, ballotsFile: ballotsFile)
        }
        guard let parsed, parsed.canonicalWriter().matches(payload) else { return nil }
        return parsed
    }

    /// The canonical payload bytes, as ``StrictJSON/encode(_:pretty:)`` writes them; `nil` when a
    /// string would need an escape.
    public func canonicalBytes() -> Data? { canonicalWriter().data }

    private func canonicalWriter() -> CanonicalWriter {
        var writer = CanonicalWriter(capacity: 256 + ballots.count * 64)
        writer.raw(#"{"ballots":["#)
        for (index, ballot) in ballots.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw(#"{"line":"#)
            writer.integer(ballot.line)
            writer.raw(#","marks":{"#)
            for (position, id) in ballot.marks.keys.sorted(by: CanonicalWriter.keyOrder).enumerated() {
                if position > 0 { writer.raw(",") }
                writer.string(id)
                writer.raw(":")
                writer.string(ballot.marks[id]!.rawValue)
            }
            writer.raw("}")
            if let points = ballot.points {
                writer.raw(#","points":{"#)
                for (position, id) in points.keys.sorted(by: CanonicalWriter.keyOrder).enumerated() {
                    if position > 0 { writer.raw(",") }
                    writer.string(id)
                    writer.raw(":")
                    writer.integer(points[id]!)
                }
                writer.raw("}")
            }
            writer.raw(#","serial":"#)
            writer.string(ballot.serial)
            writer.raw("}")
        }
        writer.raw("]")
        if let ballotsFile {
            writer.raw(#","ballotsFile":"#)
            writer.string(ballotsFile)
        }
        writer.raw(#","box":"#)
        writer.integer(box)
        writer.raw(#","enteredAt":"#)
        writer.string(enteredAt)
        writer.raw(#","enteredBy":"#)
        writer.string(enteredBy)
        writer.raw(#","issued":"#)
        writer.integer(issued)
        writer.raw(#","round":"#)
        writer.integer(round)
        writer.raw(#","source":"#)
        writer.string(source.description)
        writer.raw(#","takenOut":"#)
        writer.integer(takenOut)
        writer.raw(#","vote":"#)
        writer.string(vote.description)
        writer.raw("}")
        return writer
    }
}

extension CanonicalReader {
    /// One paper ballot of a canonical batch: `{"line":…,"marks":{…}[,"points":{…}],"serial":…}`.
    fileprivate mutating func paperBallot() -> PaperBallot? {
        guard expect(#"{"line":"#), let line = integer(), expect(#","marks":{"#) else { return nil }
        var marks: [String: PaperMark] = [:]
        if !expect(byte: 0x7D) {
            repeat {
                guard let id = string(), expect(byte: 0x3A), let text = string(), let mark = PaperMark(rawValue: text),
                    marks.updateValue(mark, forKey: id) == nil
                else { return nil }
            } while expect(byte: 0x2C)
            guard expect(byte: 0x7D) else { return nil }
        }
        var points: [String: Int]?
        if expect(#","points":{"#) {
            var given: [String: Int] = [:]
            if !expect(byte: 0x7D) {
                repeat {
                    guard let id = string(), expect(byte: 0x3A), let value = integer(), given.updateValue(value, forKey: id) == nil else { return nil }
                } while expect(byte: 0x2C)
                guard expect(byte: 0x7D) else { return nil }
            }
            points = given
        }
        guard expect(#","serial":"#), let serial = string(), expect(byte: 0x7D) else { return nil }
        return PaperBallot(serial: serial, line: line, marks: marks, points: points)
    }
}
