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
        // Casts that arrived together share a file: far fewer files than ballots, each line a
        // ballot in tracker order, the file named by its first; each reads back by its place.
        let box = BallotBox(vote: made.vote)
        let files = try box.files()
        #expect(try box.count() == 200 && files.count < 200 && files.contains { $0.pathExtension == "jsonl" })
        var places: [String] = []
        try box.forEachChunk(size: 64) { places += $0.map(\.name) }
        #expect(places.count == 200 && places.contains { $0.contains(".jsonl:") })
        for file in files where file.pathExtension == "jsonl" {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { try #require(SignedEnvelope.canonical(Data($0.utf8))) }
            let hexes = lines.map { $0.tracker(made.vote.manifest.hash).hex }
            #expect(hexes == hexes.sorted() && file.lastPathComponent == "\(hexes[0]).jsonl")
            let item = try box.item(named: "box/\(file.lastPathComponent):\(lines.count)")
            #expect(SignedEnvelope.canonical(item.data)?.tracker(made.vote.manifest.hash).hex == hexes.last)
            #expect(throws: ShishiError.self) { try box.item(named: "box/\(file.lastPathComponent):\(lines.count + 1)") }
        }
    }

    @Test func aChangedLineOfABatchFileIsRejectedByItsPlaceAndTheOthersCount() async throws {
        let made = try Fixture.vote(deputies: 40, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        let credentials = try (1...30).map { try made.credential(for: "D\($0)", registrar: registrar) }
        let envelopes = try (1...30).map { number in
            try BallotCaster(vote: made.vote).seal(
                BallotMarking(yes: ["\(number % 5 + 1)"], no: [], manifest: made.vote.manifest), credential: credentials[number - 1])
        }
        // Written as a server's group commit writes them, bypassing the intake (another process).
        let stored = BallotBox(vote: made.vote).put(batch: envelopes)
        let file = try #require(try stored.first?.get().file)
        #expect(file.pathExtension == "jsonl" && stored.allSatisfy { (try? $0.get().file) == file })
        // A credential in that file cannot vote again through the intake: the index reads the file.
        // (The very same ballot sent again gets its receipt: it is not a second ballot.)
        let again = try await BallotIntake(vote: made.vote).cast(signed: StrictJSON.encode(envelopes[4]))
        #expect(again.tracker == envelopes[4].tracker(made.vote.manifest.hash) && again.file == file)
        let secondBallot = try StrictJSON.encode(
            BallotCaster(vote: made.vote).seal(BallotMarking(yes: ["1"], no: ["2"], manifest: made.vote.manifest), credential: credentials[4]))
        await #expect(throws: ShishiError.self) { _ = try await BallotIntake(vote: made.vote).cast(signed: secondBallot) }
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // One signature changed by a character: the line still reads, its signature no longer holds.
        let at = try #require(lines[2].range(of: #""sig":""#)).upperBound
        lines[2].replaceSubrange(at...at, with: lines[2][at] == "A" ? "B" : "A")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.returnedElectronic == 29 && run.result.figures.rejected == 1)
        #expect(run.result.review.map(\.file) == ["box/\(file.lastPathComponent):3"])
    }

    @Test func twentyCastsOfOneCredentialAtOnceThroughTheIntakeLandOnce() async throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let credential = try made.credential(for: "D1", registrar: made.registrar())
        let caster = BallotCaster(vote: made.vote)
        let intake = BallotIntake(vote: made.vote)
        // Twenty different ballots (different marks) with one credential.
        let bodies = try (0..<20).map { index in
            try StrictJSON.encode(caster.seal(ConcurrentWriterTests.distinctMarking(index, manifest: made.vote.manifest), credential: credential))
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
        #expect(try BallotBox(vote: made.vote).count() == 1)
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
