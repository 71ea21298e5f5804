import Foundation
import ShishiCore
import ShishiTestSupport
import Testing

@testable import ShishiBallot

/// The issuance log's lines read in place against the full reading, and the chain's rules on logs
/// written line by line.
@Suite struct IssuanceChainTests {
    /// Log lines for `deputies` in order, chained from the manifest hash.
    func lines(_ deputies: [String], vote: Vote, kinds: [IssuanceEntry.Kind]? = nil) throws -> [Data] {
        var previous = vote.hash
        return try deputies.enumerated().map { index, deputy in
            let line = try IssuanceEntry(
                seq: index + 1, deputy: deputy, kind: kinds?[index] ?? .credential, at: "2027-01-15T01:00:0\(index % 10)Z", prev: previous
            ).lineBytes()
            previous = vote.manifest.hash.digest(line)
            return line
        }
    }

    func verify(_ lines: [Data], vote: Vote) throws -> IssuanceChain.Summary {
        try FileAccess.create(vote.folder.issuanceLogURL, data: lines.reduce(Data()) { $0 + $1 + [0x0A] })
        defer { try? FileManager.default.removeItem(at: vote.folder.issuanceLogURL) }
        return try IssuanceChain.verifyLog(vote: vote)
    }

    @Test func aLineReadInPlaceIsTheLineReadInFull() throws {
        let made = try Fixture.vote(deputies: 9)
        let vote = made.vote
        let log = try lines(["D3", "D1", "D9", "D2"], vote: vote, kinds: [.credential, .paper, .recorded, .credential])
        for line in log {
            let fast = try #require(line.withUnsafeBytes { IssuanceChain.Link(canonical: $0, vote: vote) })
            let full = IssuanceChain.Link(
                try #require(IssuanceEntry.canonical(line)), lineHash: line.withUnsafeBytes { vote.manifest.hash.digest32($0) }, vote: vote)
            #expect(fast.seq == full.seq && fast.paper == full.paper && fast.prevAlgorithm == full.prevAlgorithm)
            #expect(fast.prev == full.prev && fast.lineHash == full.lineHash && fast.position == full.position)
        }
        let text = String(decoding: log[1], as: UTF8.self)
        let hex = String(text[text.range(of: "sha256:")!.upperBound...].prefix(64))
        let declined = [
            text.replacingOccurrences(of: hex, with: hex.uppercased()),
            text.replacingOccurrences(of: #""at":"2027"#, with: #""at":"\u0032027"#),
            text.replacingOccurrences(of: #""at":"2027"#, with: #""at":"二〇二七"#),
            text.replacingOccurrences(of: #""deputy":"D1""#, with: #""deputy":"D99""#),
            text.replacingOccurrences(of: #","kind""#, with: #", "kind""#),
            text.replacingOccurrences(of: #""kind":"paper""#, with: #""kind":"ballot""#),
            text.replacingOccurrences(of: #""seq":2"#, with: #""seq":02"#),
            text + " ",
        ]
        for variant in declined {
            #expect(Data(variant.utf8).withUnsafeBytes { IssuanceChain.Link(canonical: $0, vote: vote) } == nil, "\(variant)")
        }
    }

    @Test func theChainRulesHoldOnLinesReadInPlace() throws {
        let made = try Fixture.vote(deputies: 9)
        let vote = made.vote
        let good = try verify(try lines(["D3", "D1", "D9"], vote: vote, kinds: [.credential, .paper, .credential]), vote: vote)
        #expect(good.entries == 3 && good.credentials == 2)
        func failure(_ lines: [Data]) throws -> ShishiError {
            try #require(throws: ShishiError.self) { try verify(lines, vote: vote) }
        }
        let twice = try failure(try lines(["D3", "D1", "D3"], vote: vote))
        #expect(twice.code == "issuance.duplicate" && twice.message.en.contains("“D3”") && twice.message.en.contains("entry 3"))
        let stranger = try failure(try lines(["D3", "D99"], vote: vote))
        #expect(stranger.code == "issuance.unknownDeputy" && stranger.message.en.contains("“D99”"))
        var reordered = try lines(["D3", "D1", "D9"], vote: vote)
        reordered.swapAt(1, 2)
        #expect(try failure(reordered).code == "issuance.badSequence")
        var broken = try lines(["D3", "D1", "D9"], vote: vote)
        broken[0] = try IssuanceEntry(seq: 1, deputy: "D4", kind: .credential, at: "2027-01-15T01:00:00Z", prev: vote.hash).lineBytes()
        #expect(try failure(broken).code == "issuance.brokenChain")
        var spaced = try lines(["D3", "D1"], vote: vote)
        spaced[1] = Data(String(decoding: spaced[1], as: UTF8.self).replacingOccurrences(of: #","kind""#, with: #", "kind""#).utf8)
        #expect(try failure(spaced).code == "json.notCanonical")
    }

    @Test func oneEntryGivesEveryDeputyAPaperBallotOnlyAsTheFirst() throws {
        let made = try Fixture.vote(deputies: 9)
        let vote = made.vote
        let all = try verify(try lines([""], vote: vote, kinds: [.paperForRoster]), vote: vote)
        #expect(all.entries == 9 && all.credentials == 0 && all.paper == 9)
        func failure(_ lines: [Data]) throws -> ShishiError {
            try #require(throws: ShishiError.self) { try verify(lines, vote: vote) }
        }
        let after = try failure(try lines(["D3", ""], vote: vote, kinds: [.credential, .paperForRoster]))
        #expect(after.code == "issuance.rosterNotFirst" && after.message.en.contains("entry 2"))
        let again = try failure(try lines(["", "D3"], vote: vote, kinds: [.paperForRoster, .paper]))
        #expect(again.code == "issuance.duplicate" && again.message.en.contains("“D3”"))
        let named = try failure(try lines(["D3"], vote: vote, kinds: [.paperForRoster]))
        #expect(named.code == "issuance.malformed")

        // The registrar writes it on an empty log only, and then refuses every deputy.
        let registrar = try made.registrar()
        try registrar.issuePaperBallotsToRoster()
        #expect(try registrar.currentPresence().count == 9 && registrar.currentPresence()["D5"] == .paper)
        #expect(throws: ShishiError.self) { try registrar.issuePaperBallot(to: "D5") }
        #expect(throws: ShishiError.self) { try registrar.requireEligible("D5") }
        #expect(throws: ShishiError.self) { try registrar.issuePaperBallotsToRoster() }
        let seal = try registrar.seal()
        #expect(seal.present == 9 && seal.paper == 9 && seal.credentials == 0)
        #expect(try IssuanceSeal.load(for: vote) == seal)

        let other = try Fixture.vote(deputies: 3)
        try other.registrar().issuePaperBallot(to: "D1")
        #expect(throws: ShishiError.self) { try other.registrar().issuePaperBallotsToRoster() }
    }
}
