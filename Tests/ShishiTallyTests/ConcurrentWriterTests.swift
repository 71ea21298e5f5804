import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Synchronization
import Testing

/// Many writers on one vote folder at the same moment, each on its own thread with its own
/// registrar or caster (as separate requests of a server, or separate processes, would be):
/// the folder's lock and the re-reads under it keep every write whole and every rule kept.
/// The same races between processes are in ShishiCLITests' ConcurrentCommandTests.
@Suite struct ConcurrentWriterTests {
    /// Runs `body(0..<count)` on `count` threads released at the same moment; returns when all are done.
    func simultaneously(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let gate = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                gate.wait()
                body(index)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for _ in 0..<count { gate.signal() }
        group.wait()
    }

    @Test func fiftySignInsAtOnceMakeOneWellFormedLog() throws {
        let made = try Fixture.vote(deputies: 60, candidates: 5, seats: 3)
        let credentials = Mutex([Int: Credential]())
        let failures = Mutex([String]())
        simultaneously(50) { index in
            do {
                // Each thread its own registrar, as each request or process would have.
                let credential = try made.credential(for: "D\(index + 1)", registrar: made.registrar())
                credentials.withLock { $0[index] = credential }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(credentials.withLock { $0.count } == 50)
        let summary = try IssuanceChain.verifyLog(vote: made.vote)
        #expect(summary.entries == 50 && summary.credentials == 50)
        // The log goes on after the race, and seals.
        try made.registrar().issuePaperBallot(to: "D51")
        let seal = try made.registrar().seal()
        #expect(seal.present == 51)
    }

    @Test func oneDeputySignedInAtOnceByManyGetsOneCredential() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let granted = Mutex(0)
        let refusals = Mutex([String]())
        simultaneously(12) { _ in
            do {
                _ = try made.credential(for: "D1", registrar: made.registrar())
                granted.withLock { $0 += 1 }
            } catch let error as ShishiError {
                refusals.withLock { $0.append(error.code.rawValue) }
            } catch {
                refusals.withLock { $0.append("\(error)") }
            }
        }
        #expect(granted.withLock { $0 } == 1)
        #expect(refusals.withLock { $0 } == Array(repeating: "registrar.alreadyIssued", count: 11))
        #expect(try IssuanceChain.verifyLog(vote: made.vote).entries == 1)
    }

    /// The `index`-th of the markings with at most the yes limit (candidates marked yes, no or
    /// not at all, counted in base 3), so that no two casts of a test send the same ballot.
    static func distinctMarking(_ index: Int, manifest: VoteManifest) throws -> BallotMarking {
        var found = -1
        for code in 0... {
            var (yes, no, rest) = ([String](), [String](), code)
            for candidate in manifest.candidates {
                if rest % 3 == 1 { yes.append(candidate.id) } else if rest % 3 == 2 { no.append(candidate.id) }
                rest /= 3
            }
            guard yes.count <= manifest.yesLimit else { continue }
            found += 1
            if found == index { return try BallotMarking(yes: yes, no: no, manifest: manifest) }
        }
        fatalError("unreachable")
    }

    @Test func twentyCastsOfOneCredentialAtOnceLandOnce() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        let credential = try made.credential(for: "D1", registrar: registrar)
        let accepted = Mutex(0)
        let refusals = Mutex([String]())
        simultaneously(20) { index in
            do {
                // Different marks each time, so the ballots (and their trackers) all differ: the same
                // ballot sent again would be answered with its receipt, not refused.
                let marking = try Self.distinctMarking(index, manifest: made.vote.manifest)
                _ = try BallotCaster(vote: made.vote).cast(marking, credential: credential)
                accepted.withLock { $0 += 1 }
            } catch let error as ShishiError {
                refusals.withLock { $0.append(error.code.rawValue) }
            } catch {
                refusals.withLock { $0.append("\(error)") }
            }
        }
        #expect(accepted.withLock { $0 } == 1)
        #expect(refusals.withLock { $0 }.allSatisfy { $0 == "cast.credentialUsed" } && refusals.withLock { $0.count } == 19)
        #expect(try BallotBox(vote: made.vote).files().count == 1)
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.outcome != .void)
        #expect(run.result.figures.valid == 1)
    }

    @Test func castsRacingTheCloseAreEachInTheRecordOrRefused() throws {
        let made = try Fixture.vote(deputies: 40, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        let credentials = try (1...30).map { try made.credential(for: "D\($0)", registrar: registrar) }
        try registrar.seal()
        let accepted = Mutex([HashValue]())
        let refusals = Mutex([String]())
        // Thirty casts and the close at the same moment, each on its own thread.
        simultaneously(31) { index in
            do {
                if index == 30 {
                    try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
                    return
                }
                let marking = try BallotMarking(yes: [String(index % 5 + 1)], no: [], manifest: made.vote.manifest)
                let receipt = try BallotCaster(vote: made.vote).cast(marking, credential: credentials[index])
                accepted.withLock { $0.append(receipt.tracker) }
            } catch let error as ShishiError {
                refusals.withLock { $0.append(error.code.rawValue) }
            } catch {
                refusals.withLock { $0.append("\(error)") }
            }
        }
        // Every acknowledged ballot is in the close record; every other cast was refused as late.
        let closed = try #require(try BoxClose.load(for: made.vote))
        #expect(closed.trackers.count == accepted.withLock { $0.count })
        #expect(accepted.withLock { $0 }.allSatisfy { closed.trackers.index(of: $0) != nil })
        #expect(refusals.withLock { $0 }.allSatisfy { $0 == "cast.boxClosed" } && refusals.withLock { $0.count } == 30 - closed.record.ballots)
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.setAside == 0 && run.countedTrackers.count == closed.record.ballots)
    }

    @Test func twentyRecordedCastsOfOneDeputyAtOnceLandOnce() throws {
        let made = try Fixture.vote(secrecy: .recorded, suite: .sm2, deputies: 5, candidates: 4, seats: 2)
        let registrar = try made.registrar()
        try registrar.admit("D1")
        let accepted = Mutex(0)
        simultaneously(20) { index in
            let marking = try! Self.distinctMarking(index, manifest: made.vote.manifest)
            if (try? BallotCaster(vote: made.vote).cast(marking, deputy: "D1", key: made.officials.deputies[0])) != nil {
                accepted.withLock { $0 += 1 }
            }
        }
        #expect(accepted.withLock { $0 } == 1)
        #expect(try BallotBox(vote: made.vote).files().count == 1)
    }

    @Test func threeHundredCastsOfDifferentCredentialsAtOnceAreAllCounted() throws {
        let made = try Fixture.vote(deputies: 300, candidates: 12, seats: 10)
        let registrar = try made.registrar()
        let terminal = VotingTerminal(manifest: made.vote.signed)
        let pending = try (1...300).map { try terminal.request(deputy: "D\($0)") }
        let grants = try registrar.issue(batch: pending.map(\.request))
        let credentials = try zip(pending, grants).map { try $0.finalize($1) }
        let trackers = Mutex([HashValue]())
        simultaneously(300) { index in
            let marking = try! BallotMarking(yes: ["1", String(index % 11 + 2)], no: [], manifest: made.vote.manifest)
            if let receipt = try? BallotCaster(vote: made.vote).cast(marking, credential: credentials[index]) {
                trackers.withLock { $0.append(receipt.tracker) }
            }
        }
        #expect(trackers.withLock { $0.count } == 300)
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.valid == 300)
        #expect(run.result.candidates.first { $0.id == "1" }?.yes == 300)
        #expect(run.result.review.isEmpty)
    }

    @Test func twoCountersignaturesAtOnceAreBothKept() throws {
        for _ in 0..<5 {
            let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3, scrutineers: 2)
            let registrar = try made.registrar()
            for index in 1...7 { try made.cast("D\(index)", yes: ["1", "2"], registrar: registrar) }
            try registrar.issuePaperBallot(to: "D8")
            let ids = made.vote.manifest.candidates.map(\.id)
            let sheet = "serial," + ids.joined(separator: ",") + "\nP1,Y,Y,,,\n"
            try PaperEntry(vote: made.vote).enter(
                box: 1, csv: Data(sheet.utf8), source: "box-1.csv", issued: 1, takenOut: 1, counter: made.officials.counter, now: Fixture.now
            )
            try registrar.seal()
            let keys = [made.officials.scrutineer, made.officials.secondScrutineer]
            let failures = Mutex([String]())
            simultaneously(2) { index in
                do { try PaperEntry(vote: made.vote).countersign(box: 1, scrutineer: keys[index]) } catch { failures.withLock { $0.append("\(error)") } }
            }
            let batch = try SignedEnvelope.read(from: made.vote.folder.paperBatchURL(box: 1))
            #expect(try PaperEntry(vote: made.vote).verify(batch, source: "box-1.json").scrutineers.sorted() == ["监票人丙", "监票人乙"])

            try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
            simultaneously(2) { index in
                do { try ResultFile(vote: made.vote).sign(with: keys[index]) } catch { failures.withLock { $0.append("\(error)") } }
            }
            #expect(failures.withLock { $0 }.isEmpty)
            let verification = try Verification.run(made.vote, previous: nil)
            #expect(verification.signers.sorted() == ["监票人丙", "监票人乙"])
            #expect(verification.passed)
        }
    }

    @Test func twoCountsFinishingAtOnceWriteOneResult() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        for index in 1...7 { try made.cast("D\(index)", yes: ["1"], registrar: registrar) }
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        let written = Mutex(0)
        simultaneously(4) { _ in
            if (try? ResultFile(vote: made.vote).write(run)) != nil { written.withLock { $0 += 1 } }
        }
        #expect(written.withLock { $0 } == 1)
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        #expect(try Verification.run(made.vote, previous: nil).passed)
    }
}
