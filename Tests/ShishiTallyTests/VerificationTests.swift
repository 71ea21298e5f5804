import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Testing

@Suite struct VerificationTests {
    /// A counted, countersigned vote: 8 electronic ballots of 9 deputies, then the trackers.
    func published() throws -> (Fixture.Made, [HashValue]) {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        var trackers: [HashValue] = []
        for index in 1...8 {
            trackers.append(try made.cast("D\(index)", yes: index % 2 == 0 ? ["1", "2"] : ["1", "3"], no: ["5"], registrar: registrar).tracker)
        }
        try registrar.seal()
        try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        return (made, trackers)
    }

    @Test func anUntouchedResultVerifies() throws {
        let (made, _) = try published()
        let verification = try Verification.run(made.vote, previous: nil)
        #expect(verification.passed)
        #expect(verification.signers == ["监票人乙"])
        #expect(verification.checks.last?.number == TallyCheck.result.rawValue)
    }

    @Test func anAlteredResultFailsWithTheReason() throws {
        let (made, _) = try published()
        let url = ResultFile(vote: made.vote).url
        var envelope = try SignedEnvelope.read(from: url)
        var result = try envelope.decodePayload(TallyResult.self, expecting: TallyResult.payloadType, source: "result.json")
        result.candidates[0].yes += 1
        envelope.payload = try StrictJSON.encode(result)
        try envelope.fileData().write(to: url)
        let verification = try Verification.run(made.vote, previous: nil)
        #expect(!verification.passed)
        let detail = verification.checks.last!.detail.en
        #expect(detail.contains("“candidates[1].yes” differs: published") && detail.contains("invalid signature"))
    }

    @Test func aBallotAddedOrRemovedAfterTheCountFailsVerification() throws {
        let (made, trackers) = try published()
        // Removed.
        let file = made.vote.folder.boxURL.appendingPathComponent("\(trackers[0].hex).json")
        let saved = try Data(contentsOf: file)
        try FileManager.default.removeItem(at: file)
        #expect(try !Verification.run(made.vote, previous: nil).passed)
        try saved.write(to: file)
        #expect(try Verification.run(made.vote, previous: nil).passed)
        // Altered issuance log: the recount cannot even start, and that is a change after the count.
        try Fixture.tamper(made.vote.folder.issuanceSealURL)
        let changed = try Verification.run(made.vote, previous: nil)
        #expect(!changed.passed && changed.verdict == .changed && changed.recount == nil)
    }

    @Test func onlyPublishedScrutineersSignAndOnlyOnce() throws {
        let (made, _) = try published()
        let file = ResultFile(vote: made.vote)
        #expect(try #require(throws: ShishiError.self) { try file.sign(with: made.officials.counter) }.code == "result.notScrutineer")
        #expect(try #require(throws: ShishiError.self) { try file.sign(with: made.officials.scrutineer) }.code == "result.alreadySigned")
        #expect(try #require(throws: ShishiError.self) { try file.write(Tally(vote: made.vote).run(now: Fixture.now)) }.code == "result.exists")
    }

    @Test func aReceiptProvesInclusionOrSaysWhy() throws {
        let (made, trackers) = try published()
        for tracker in trackers {
            let receipt = try Receipt.look(up: tracker.description, in: made.vote)
            #expect(receipt.status == .counted && receipt.proofValid == true)
            let short = try Receipt.look(up: String(tracker.hex.prefix(12)), in: made.vote)
            #expect(short.index == receipt.index)
        }
        #expect(try Receipt.look(up: "0123456789abcdef", in: made.vote).status == .absent)
        #expect(throws: ShishiError.self) { try Receipt.look(up: "xyz", in: made.vote) }
    }
}
