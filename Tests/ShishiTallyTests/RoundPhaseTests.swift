import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Testing

/// The phases of a round as the libraries enforce them for every front end: sign-in open → sealed →
/// box closed → counted; and a ballot sent twice answered once.
@Suite struct RoundPhaseTests {
    func marking(_ made: Fixture.Made, yes: [String]) throws -> BallotMarking {
        try BallotMarking(yes: yes, no: [], manifest: made.vote.manifest)
    }

    @Test func thePhaseIsReadFromTheFilesInOrder() throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        #expect(made.vote.folder.phase == .signInOpen)
        try made.cast("D1", yes: ["1"], registrar: registrar)
        try registrar.seal()
        #expect(made.vote.folder.phase == .signInSealed)
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        #expect(made.vote.folder.phase == .boxClosed)
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        #expect(made.vote.folder.phase == .counted)
        #expect(RoundPhase.allCases.sorted() == [.signInOpen, .signInSealed, .boxClosed, .counted])
    }

    @Test func theBoxClosesOnlyAfterTheSealAndBeforeTheCount() throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        try made.cast("D1", yes: ["1"], registrar: registrar)
        let early = try #require(throws: ShishiError.self) { try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now) }
        #expect(early.code == .phaseRefused && early.message.en.contains("sign-in open") && early.message.en.contains("seals sign-in"))
        #expect(!made.vote.folder.isClosed)
        // Counted as an open box (the command line may), then no close can follow.
        try registrar.seal()
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        let late = try #require(throws: ShishiError.self) { try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now) }
        #expect(late.code == .phaseRefused && late.message.zh.contains("已计票"))
        #expect(throws: ShishiError.self) { try BoxClose.prepare(made.vote, now: Fixture.now) }
    }

    @Test func noBallotIsTakenIntoACountedRound() async throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        for deputy in [1, 3, 4, 5, 6, 7] { try made.cast("D\(deputy)", yes: ["1"], registrar: registrar) }
        let unused = try made.credential(for: "D2", registrar: registrar)
        try registrar.seal()
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        let refusal = try #require(throws: ShishiError.self) { try BallotCaster(vote: made.vote).cast(marking(made, yes: ["2"]), credential: unused) }
        #expect(refusal.code == .phaseRefused && refusal.message.en.contains("counted"))
        let envelope = try BallotCaster(vote: made.vote).seal(marking(made, yes: ["2"]), credential: unused)
        await #expect(throws: ShishiError.self) { _ = try await BallotIntake(vote: made.vote).cast(signed: StrictJSON.encode(envelope)) }
        #expect(try BallotBox(vote: made.vote).count() == 6)
        // And the result still verifies: nothing slipped in.
        _ = try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        #expect(try Verification.run(made.vote, previous: nil).verdict == .verified)
    }

    @Test func noOneSignsInAfterTheSealTheCloseOrTheCount() throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        try made.cast("D1", yes: ["1"], registrar: registrar)
        try registrar.seal()
        let sealed = try #require(throws: ShishiError.self) { try made.credential(for: "D2", registrar: registrar) }
        #expect(sealed.code == .registrarSealed)
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        let closed = try #require(throws: ShishiError.self) { try made.credential(for: "D3", registrar: registrar) }
        #expect(closed.code == .phaseRefused && closed.message.en.contains("box closed"))
        #expect(try registrar.currentEntries().count == 1)
    }

    @Test func aCountRefusesToWriteWhenABallotLandedWhileItRan() throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        try made.cast("D1", yes: ["1"], registrar: registrar)
        let second = try made.credential(for: "D2", registrar: registrar)
        try registrar.seal()
        let stamp = try BallotBox(vote: made.vote).stamp()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        // A booth's ballot arrives between the count's reading of the box and its result.
        try BallotCaster(vote: made.vote).cast(marking(made, yes: ["2"]), credential: second)
        let refusal = try #require(throws: ShishiError.self) { try ResultFile(vote: made.vote).write(run, box: stamp) }
        #expect(refusal.code == .boxChanged && !ResultFile(vote: made.vote).exists)
        // Counted again, it takes both ballots in.
        let outcome = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        #expect(outcome.result.figures.valid == 2)
    }

    @Test func theSameBallotSentAgainGetsItsReceiptAndAnotherIsRefused() async throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        let credential = try made.credential(for: "D1", registrar: registrar)
        let caster = BallotCaster(vote: made.vote)
        let envelope = try caster.seal(marking(made, yes: ["1", "2"]), credential: credential)
        let bytes = try StrictJSON.encode(envelope)
        let first = try caster.cast(signed: bytes)
        // The answer was lost: the very same bytes again, from the command line's path and the booth's.
        let again = try caster.cast(signed: bytes)
        #expect(again.tracker == first.tracker && again.file == first.file)
        let intake = BallotIntake(vote: made.vote)
        #expect(try await intake.cast(signed: bytes).tracker == first.tracker)
        // Two copies in one batch of the booth's group commit: one ballot, the same receipt twice.
        let other = try made.credential(for: "D2", registrar: registrar)
        let twice = try StrictJSON.encode(try caster.seal(marking(made, yes: ["3"]), credential: other))
        async let a = intake.cast(signed: twice)
        async let b = intake.cast(signed: twice)
        let (x, y) = try await (a, b)
        #expect(x.tracker == y.tracker)
        // A different ballot on a used credential stays refused.
        let changed = try StrictJSON.encode(try caster.seal(marking(made, yes: ["3"]), credential: credential))
        let refusal = try #require(throws: ShishiError.self) { try caster.cast(signed: changed) }
        #expect(refusal.code == .castCredentialUsed)
        #expect(try BallotBox(vote: made.vote).count() == 2)
        // After the close a ballot already in the box still gets its receipt; a new one does not.
        let third = try made.credential(for: "D3", registrar: registrar)
        try registrar.seal()
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        #expect(try caster.cast(signed: bytes).tracker == first.tracker)
        let closed = try #require(throws: ShishiError.self) { try caster.cast(marking(made, yes: ["1"]), credential: third) }
        #expect(closed.code == .castBoxClosed)
    }

    @Test func aSignInAfterTheCloseFailsCheck19AndIsNamed() throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        for deputy in ["D1", "D2", "D3"] { try made.cast(deputy, yes: ["1"], registrar: registrar) }
        try registrar.seal()
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        // The record names the sealed log's head: check 19 passes (no clock is compared).
        var record = try #require(try BoxClose.load(for: made.vote)).record
        #expect(record.issuanceHead == (try IssuanceSeal.sealedHead(for: made.vote)))
        #expect(try Tally(vote: made.vote).run(now: Fixture.now).result.checks.first { $0.check == .boxClose }?.passed == true)
        // A record naming the log's head after D1 (an older folder, closed while sign-in went on):
        // D2 and D3 signed in after the close, and check 19 names them.
        let firstLine = try #require(try String(contentsOf: made.vote.folder.issuanceLogURL, encoding: .utf8).split(separator: "\n").first)
        func rewrite(_ head: HashValue) throws {
            record.issuanceHead = head
            var envelope = try SignedEnvelope(payloadType: BoxClose.payloadType, encoding: record)
            try envelope.sign(with: made.officials.secretariat)
            try envelope.fileData().write(to: made.vote.folder.boxCloseURL)
        }
        try rewrite(made.vote.manifest.hash.digest(Data(firstLine.utf8)))
        let check = try #require(try Tally(vote: made.vote).run(now: Fixture.now).result.checks.first { $0.check == .boxClose })
        #expect(!check.passed && check.failed == 2 && check.detail.en.contains("2 signed in after the close: D2, D3"), "\(check.detail.en)")
        // A head that is no line of the sealed log: the log was changed after the close, the count stops.
        try rewrite(HashValue(algorithm: .sha256, bytes: Data(repeating: 1, count: 32)))
        let refusal = try #require(throws: ShishiError.self) { try Tally(vote: made.vote).run(now: Fixture.now) }
        #expect(refusal.code == .tallyCannotCount && refusal.message.en.contains("check 19"))
    }
}
