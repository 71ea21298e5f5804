import Foundation
import ShishiBallot
import ShishiCore
import Testing

/// The fast reader and writer of paper batches agree with the strict JSON coders byte for byte.
@Suite struct PaperBatchCanonicalTests {
    func batch(_ ballots: [PaperBallot]) throws -> PaperBatch {
        PaperBatch(
            vote: try HashValue(parsing: "sha256:" + String(repeating: "ab", count: 32)), round: 1, box: 3, issued: 9, takenOut: ballots.count,
            enteredBy: "计票人 1", enteredAt: "2027-01-15T01:00:00Z", source: try HashValue(parsing: "sha256:" + String(repeating: "cd", count: 32)),
            ballots: ballots)
    }

    @Test func theFastPathWritesAndReadsWhatTheStrictPathDoes() throws {
        var generator = SystemRandomNumberGenerator()
        let ids = ["1", "2", "10", "XIII_4", "Ogród_3", "ŁÓDŹ-7", "b", "B"]
        for _ in 0..<50 {
            let ballots = (0..<Int.random(in: 0...20, using: &generator)).map { index in
                let chosen = ids.filter { _ in Bool.random(using: &generator) }
                return Bool.random(using: &generator)
                    ? PaperBallot(
                        serial: "S\(index)", line: index + 2,
                        marks: Dictionary(uniqueKeysWithValues: chosen.map { ($0, PaperMark.allCases.randomElement(using: &generator)!) }))
                    : PaperBallot(
                        serial: "v\(index)", line: index + 2, marks: [:],
                        points: Dictionary(uniqueKeysWithValues: chosen.map { ($0, Int.random(in: 0...9, using: &generator)) }))
            }
            let value = try batch(ballots)
            let strict = try StrictJSON.encode(value)
            #expect(value.canonicalBytes() == strict)
            #expect(PaperBatch.canonical(strict) == value)
        }
    }

    @Test func anythingElseIsLeftToTheStrictPath() throws {
        let value = try batch([PaperBallot(serial: "P1", line: 2, marks: ["1": .yes])])
        let strict = try StrictJSON.encode(value)
        // A serial that needs an escape is not written by the fast path.
        #expect(try batch([PaperBallot(serial: "P\"1", line: 2, marks: [:])]).canonicalBytes() == nil)
        // White space, a repeated key, reordered keys: declined, whatever the strict path then says.
        let text = String(decoding: strict, as: UTF8.self)
        for changed in [
            text.replacingOccurrences(of: #""box":3"#, with: #""box": 3"#), text.replacingOccurrences(of: #"{"1":"yes"}"#, with: #"{"1":"yes","1":"no"}"#),
            text.replacingOccurrences(of: #"{"line":2,"marks""#, with: #"{"marks""#), text + " ",
        ] {
            #expect(PaperBatch.canonical(Data(changed.utf8)) == nil, "\(changed)")
        }
    }
}
