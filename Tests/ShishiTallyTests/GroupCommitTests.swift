import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Synchronization
import Testing

/// The hall server's paths into the vote folder, which share one flush among the requests
/// arriving at the same moment (``GroupCommit``): every rule of the one-at-a-time paths holds,
/// each request gets its own answer, and the count reads what they wrote.
@Suite struct GroupCommitTests {
    @Test func eachItemOfABatchGetsItsOwnResultAndBatchesAreBounded() async throws {
        let commits = GroupCommit<Int, Int>(label: "test", largestBatch: 8)
        final class Sizes: Sendable { let sizes = Mutex([Int]()) }
        let batches = Sizes()
        let results = await withTaskGroup(of: Result<Int, any Error>.self) { group in
            for number in 0..<100 {
                group.addTask {
                    do {
                        return .success(
                            try await commits.submit(number) { items in
                                batches.sizes.withLock { $0.append(items.count) }
                                return items.map { $0 % 10 == 3 ? .failure(ShishiError(.castCredentialUsed, zh: "", en: "")) : .success($0 * 2) }
                            })
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var all: [Result<Int, any Error>] = []
            for await result in group { all.append(result) }
            return all
        }
        let values = results.compactMap { try? $0.get() }.sorted()
        #expect(values == (0..<100).filter { $0 % 10 != 3 }.map { $0 * 2 })
        #expect(results.count - values.count == 10)
        #expect(batches.sizes.withLock { $0 }.allSatisfy { $0 >= 1 && $0 <= 8 })
        #expect(batches.sizes.withLock { $0 }.reduce(0, +) == 100)
    }

    @Test func manyFilesCreatedTogetherAreWholeAndAnExistingOneFailsAlone() throws {
        let folder = Fixture.temporaryFolder()
        try Data("old".utf8).write(to: folder.appendingPathComponent("3.json"))
        let files = (0..<6).map { (url: folder.appendingPathComponent("\($0).json"), data: Data("file \($0)\n".utf8)) }
        let results = FileAccess.createAll(files, in: folder)
        for (index, result) in results.enumerated() {
            if index == 3 {
                #expect(throws: ShishiError.self) { try result.get() }
                #expect(try String(contentsOf: files[index].url, encoding: .utf8) == "old")
            } else {
                #expect(throws: Never.self) { try result.get() }
                #expect(try Data(contentsOf: files[index].url) == files[index].data)
            }
        }
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == (0..<6).map { "\($0).json" })
    }

    @Test func twoHundredBoothsAtOnceAreAllInTheBoxAndCounted() async throws {
        let made = try Fixture.vote(deputies: 220, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        let intake = BallotIntake(vote: made.vote)
        let envelopes = try (1...200).map { number in
            try BallotCaster(vote: made.vote).seal(
                BallotMarking(yes: ["\(number % 5 + 1)"], no: [], manifest: made.vote.manifest),
                credential: made.credential(for: "D\(number)", registrar: registrar))
        }
        let trackers = try await withThrowingTaskGroup(of: String.self) { group in
            for envelope in envelopes {
                group.addTask { try await intake.cast(signed: StrictJSON.encode(envelope)).tracker.description }
            }
            var all: [String] = []
            for try await tracker in group { all.append(tracker) }
            return all
        }
        #expect(Set(trackers).count == 200)
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.returnedElectronic == 200 && run.result.figures.rejected == 0)
        #expect(Set(run.countedTrackers.map(\.description)) == Set(trackers))
        // The files are those the one-at-a-time path writes: they read back as written.
        let file = made.folder.appendingPathComponent("box").appendingPathComponent("\(trackers[0].split(separator: ":")[1]).json")
        #expect(SignedEnvelope.canonicalFile(try Data(contentsOf: file)) != nil)
    }

    @Test func twentyCastsOfOneCredentialAtOnceThroughTheIntakeLandOnce() async throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let credential = try made.credential(for: "D1", registrar: made.registrar())
        let caster = BallotCaster(vote: made.vote)
        let intake = BallotIntake(vote: made.vote)
        // Twenty different ballots (different marks) with one credential.
        let bodies = try (0..<20).map { index in
            try StrictJSON.encode(
                caster.seal(BallotMarking(yes: index % 2 == 0 ? ["1"] : ["2"], no: ["\(index % 3 + 3)"], manifest: made.vote.manifest), credential: credential))
        }
        let outcomes = await withTaskGroup(of: String.self) { group in
            for body in bodies {
                group.addTask {
                    do {
                        _ = try await intake.cast(signed: body)
                        return "accepted"
                    } catch let error as ShishiError {
                        return error.code.rawValue
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == "accepted" }.count == 1)
        #expect(outcomes.filter { $0 == "cast.credentialUsed" }.count == 19)
        #expect(try BallotBox(vote: made.vote).files().count == 1)
    }

    @Test func credentialsIssuedTogetherMakeOneWellFormedLogAndADeputyGetsOne() async throws {
        let made = try Fixture.vote(deputies: 60, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        let terminal = VotingTerminal(manifest: made.vote.signed)
        // Fifty deputies, and D1 asking eleven times more.
        let requests = try (1...50).map { try terminal.request(deputy: "D\($0)") } + (0..<11).map { _ in try terminal.request(deputy: "D1") }
        let outcomes = await withTaskGroup(of: String.self) { group in
            for pending in requests {
                group.addTask {
                    do {
                        _ = try pending.finalize(try await registrar.issueInBatch(pending.request))
                        return "granted"
                    } catch let error as ShishiError {
                        return error.code.rawValue
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == "granted" }.count == 50)
        #expect(outcomes.filter { $0 == "registrar.alreadyIssued" }.count == 11)
        let summary = try IssuanceChain.verifyLog(vote: made.vote)
        #expect(summary.entries == 50 && summary.credentials == 50)
        // After the seal, the batched path refuses as the other does.
        try registrar.seal()
        await #expect(throws: ShishiError.self) { _ = try await registrar.issueInBatch(try terminal.request(deputy: "D55").request) }
    }
}
