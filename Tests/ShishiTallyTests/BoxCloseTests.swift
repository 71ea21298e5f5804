import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Testing

/// Closing the box: the secretariat's close record, the casts it refuses, and check 19.
@Suite struct BoxCloseTests {
    /// A vote with three ballots cast, a fourth deputy signed in who has not voted yet, and
    /// sign-in sealed: ready to close (the box closes only after the seal, ``RoundPhase``).
    func votedThree() throws -> (Fixture.Made, Registrar, Credential) {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        for deputy in ["D1", "D2", "D3"] { try made.cast(deputy, yes: ["1"], registrar: registrar) }
        let fourth = try made.credential(for: "D4", registrar: registrar)
        try registrar.seal()
        return (made, registrar, fourth)
    }

    func check19(_ run: Tally.Run) -> CheckOutcome? {
        run.result.checks.first { $0.check == .boxClose }
    }

    @Test func aFolderWithoutACloseRecordCountsAsBeforeAndSaysSo() throws {
        let (made, _, _) = try votedThree()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.returnedElectronic == 3 && run.countedTrackers.count == 3)
        // No check 19, so that folders counted before the close record existed verify as they did.
        #expect(check19(run) == nil)
    }

    @Test func aClosedBoxRefusesEveryCastAndASecondClose() async throws {
        let (made, _, credential) = try votedThree()
        let closed = try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        #expect(closed.record.ballots == 3)
        let marking = try BallotMarking(yes: ["2"], no: [], manifest: made.vote.manifest)
        let refusal = try #require(throws: ShishiError.self) { try BallotCaster(vote: made.vote).cast(marking, credential: credential) }
        #expect(refusal.code == .castBoxClosed)
        // The booth's path too.
        let envelope = try BallotCaster(vote: made.vote).seal(marking, credential: credential)
        await #expect(throws: ShishiError.self) { _ = try await BallotIntake(vote: made.vote).cast(signed: StrictJSON.encode(envelope)) }
        #expect(try BallotBox(vote: made.vote).count() == 3)
        let twice = try #require(throws: ShishiError.self) { try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now) }
        #expect(twice.code == .boxAlreadyClosed)
    }

    @Test func onlyTheSecretariatCloses() throws {
        let (made, _, _) = try votedThree()
        let refusal = try #require(throws: ShishiError.self) { try BoxClose.close(made.vote, secretariat: made.officials.registrar, now: Fixture.now) }
        #expect(refusal.code == .boxWrongKey)
        #expect(!made.vote.folder.isClosed)
    }

    @Test func aBallotSlippedInAfterTheCloseIsSetAsideAndNamed() throws {
        let (made, _, fourth) = try votedThree()
        // A ballot sealed before the close but dropped into box/ afterwards, past the caster.
        let late = try BallotCaster(vote: made.vote).seal(BallotMarking(yes: ["5"], no: [], manifest: made.vote.manifest), credential: fourth)
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        let tracker = late.tracker(made.vote.manifest.hash)
        try late.fileData().write(to: made.folder.appendingPathComponent("box/\(tracker.hex).json"))
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.countedTrackers.count == 3 && run.countedTrackers.index(of: tracker) == nil)
        #expect(run.result.figures.setAside == 1)
        #expect(run.result.candidates.first { $0.id == "5" }?.yes == 0)
        let check = try #require(check19(run))
        #expect(!check.passed && check.failed == 1)
        let item = try #require(run.result.review.first { $0.tracker == tracker })
        #expect(item.status == .setAside && item.check == 19 && item.reason.en.contains("after the box was closed"))
        // Published and verified as any other result.
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .en, now: Fixture.now)
        _ = try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        let verification = try Verification.run(made.vote, previous: nil)
        #expect(verification.differences.isEmpty)
        #expect(verification.checks.first { $0.check == .result }?.passed == true)
    }

    @Test func aBallotTakenOutAfterTheCloseStopsTheCount() throws {
        let (made, _, _) = try votedThree()
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        // The closed box is one file (the close rewrote it): a line of it taken out.
        let bundle = made.vote.folder.bundleURL
        let lines = try String(contentsOf: bundle, encoding: .utf8).split(separator: "\n")
        try (lines.dropFirst().joined(separator: "\n") + "\n").write(to: bundle, atomically: true, encoding: .utf8)
        let refusal = try #require(throws: ShishiError.self) { try Tally(vote: made.vote).run(now: Fixture.now) }
        #expect(refusal.code == .tallyCannotCount && refusal.message.en.contains("check 19"))
    }

    @Test func aTamperedCloseRecordStopsTheCount() throws {
        let (made, _, _) = try votedThree()
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        try Fixture.tamper(made.vote.folder.boxCloseURL)
        #expect(throws: ShishiError.self) { try Tally(vote: made.vote).run(now: Fixture.now) }
        // A tracker list that no longer matches the record, too.
        let other = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let otherRegistrar = try other.registrar()
        try other.cast("D1", yes: ["1"], registrar: otherRegistrar)
        try otherRegistrar.seal()
        try BoxClose.close(other.vote, secretariat: other.officials.secretariat, now: Fixture.now)
        try Data(String(repeating: "ab", count: 32).utf8).write(to: other.vote.folder.closedTrackersURL)
        let refusal = try #require(throws: ShishiError.self) { try Tally(vote: other.vote).run(now: Fixture.now) }
        #expect(refusal.message.en.contains("closed-trackers.txt"))
    }

    @Test func aCountersignatureOnAResultThatNoLongerMatchesARecountIsRefused() throws {
        let (made, _, fourth) = try votedThree()
        let extra = try BallotCaster(vote: made.vote).seal(BallotMarking(yes: ["4"], no: [], manifest: made.vote.manifest), credential: fourth)
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .en, now: Fixture.now)
        // A ballot appears after the count: the recount differs, and no scrutineer may sign.
        try extra.fileData().write(to: made.folder.appendingPathComponent("box/\(extra.tracker(made.vote.manifest.hash).hex).json"))
        let file = ResultFile(vote: made.vote)
        let refusal = try #require(throws: ShishiError.self) { try file.countersign(with: made.officials.scrutineer, previous: nil) }
        #expect(refusal.code == .resultMismatch)
        let (envelope, _) = try file.read()
        let signature = Signature(
            suite: .ed25519, key: made.officials.scrutineer.publicKey.fingerprint, sig: try made.officials.scrutineer.signature(for: envelope.signedBytes))
        #expect(throws: ShishiError.self) { try file.countersign(adding: signature, previous: nil) }
        #expect(try file.read().envelope.signatures.isEmpty)
    }

    @Test func aRecordSignedElsewhereIsWrittenOnlyIfTheBoxIsStillWhatItNames() throws {
        let (made, _, fourth) = try votedThree()
        var envelope = try BoxClose.prepare(made.vote, now: Fixture.now)
        // Another key than the secretariat's: refused.
        var wrong = envelope
        try wrong.sign(with: made.officials.registrar)
        #expect(throws: ShishiError.self) { try BoxClose.submit(wrong, for: made.vote) }
        try envelope.sign(with: made.officials.secretariat)
        // A ballot cast after the record was made: the record no longer holds; nothing is written.
        try BallotCaster(vote: made.vote).cast(BallotMarking(yes: ["2"], no: [], manifest: made.vote.manifest), credential: fourth)
        let changed = try #require(throws: ShishiError.self) { try BoxClose.submit(envelope, for: made.vote) }
        #expect(changed.code == .boxChanged && !made.vote.folder.isClosed)
        // Made again and signed, it is written and covers the four ballots.
        var again = try BoxClose.prepare(made.vote, now: Fixture.now)
        try again.sign(with: made.officials.secretariat)
        #expect(try BoxClose.submit(again, for: made.vote).record.ballots == 4)
        #expect(try BoxClose.load(for: made.vote)?.record.ballots == 4)
    }

    /// docs/ballot-format.md §3: at the close the box becomes one file in tracker order, keeping no
    /// order of arrival, and a crash at any point of that rewrite loses nothing and counts nothing twice.
    @Test func theClosedBoxIsOneFileInTrackerOrderAndACrashedRewriteIsFinished() throws {
        let (made, _, fourth) = try votedThree()
        try BallotCaster(vote: made.vote).cast(BallotMarking(yes: ["2"], no: [], manifest: made.vote.manifest), credential: fourth)
        let box = made.vote.folder.boxURL
        let before = try FileManager.default.contentsOfDirectory(atPath: box.path)
        let copies = Fixture.temporaryFolder()
        for name in before { try FileManager.default.copyItem(at: box.appendingPathComponent(name), to: copies.appendingPathComponent(name)) }
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        // No file a ballot in box/; one bundle, its lines in tracker order.
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.path).filter { !$0.hasPrefix(".") }.isEmpty)
        let lines = try String(contentsOf: made.vote.folder.bundleURL, encoding: .utf8).split(separator: "\n").map { Data($0.utf8) }
        let trackers = try lines.map { try #require(SignedEnvelope.stored($0, source: "line")).tracker(made.vote.manifest.hash).hex }
        #expect(lines.count == 4 && trackers == trackers.sorted())
        // A crash after the new bundle was in place but before box/ was emptied: the leftovers are
        // found and removed before the count, which counts each ballot once.
        for name in before { try FileManager.default.copyItem(at: copies.appendingPathComponent(name), to: box.appendingPathComponent(name)) }
        // And a crash before the rename: a temporary bundle never linked into place.
        try Data("partial".utf8).write(to: made.folder.appendingPathComponent(".box.jsonl.\(UUID().uuidString).tmp"))
        let outcome = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        #expect(outcome.result.figures.valid == 4 && outcome.result.figures.setAside == 0 && outcome.result.figures.rejected == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.path).filter { !$0.hasPrefix(".") }.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: made.folder.path).allSatisfy { !$0.hasSuffix(".tmp") })
        _ = try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        #expect(try Verification.run(made.vote, previous: nil).verdict == .checksFailed)  // 4 of 9 present: no quorum
        #expect(try Verification.run(made.vote, previous: nil).differences.isEmpty)
        // The very ballot sent again after the close still gets its receipt, from the bundle.
        let again = try BallotCaster(vote: made.vote).cast(
            BallotMarking(yes: ["2"], no: [], manifest: made.vote.manifest), credential: fourth)
        #expect(again.file == made.vote.folder.bundleURL)
    }
}
