import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Testing

/// What the public may see of a secret vote: the public copy, without any ballot's marks, and
/// what `verify` checks on it (docs/ballot-format.md §12, docs/tally.md §5).
@Suite struct PublicCopyTests {
    /// A secret vote of 9 deputies: five electronic ballots (one of them tampered with, so
    /// rejected), three paper ballots (one over-marked), the box closed, counted and countersigned.
    func counted(publication: BallotPublication? = nil, alter: (inout TallyResult) -> Void = { _ in }) throws -> Fixture.Made {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 2, publication: publication)
        let registrar = try made.registrar()
        let marks: [[String]] = [["1", "2"], ["1"], ["1", "3"], ["2"], ["1", "2"]]
        var receipts: [BallotCaster.Receipt] = []
        for (index, yes) in marks.enumerated() { receipts.append(try made.cast("D\(index + 1)", yes: yes, registrar: registrar)) }
        try Fixture.tamper(made.vote.folder.boxURL.appendingPathComponent("\(receipts[4].tracker.hex).json"))
        try registrar.issuePaperBallots(to: ["D6", "D7", "D8"])
        try made.paperBox(1, rows: [["Y", "", "", "", ""], ["Y", "Y", "Y", "", ""], ["", "Y", "N", "", ""]], issued: 3)
        try registrar.seal()
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        try BoxClose.finishConsolidation(of: made.vote)
        var run = try Tally(vote: made.vote).run(now: Fixture.now)
        alter(&run.result)
        let file = ResultFile(vote: made.vote)
        try file.write(run)
        try file.sign(with: made.officials.scrutineer)
        return made
    }

    /// Packs `made`'s folder as `contents`, unpacks it elsewhere and opens it.
    func unpacked(_ made: Fixture.Made, _ contents: VoteArchive.Contents) throws -> Vote {
        let place = Fixture.temporaryFolder()
        let archive = place.appendingPathComponent("vote.tar.gz")
        try VoteArchive.write(made.vote, contents, to: archive)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xzf", archive.path, "-C", place.path]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        return try VoteFolder(url: place.appendingPathComponent("vote")).open()
    }

    @Test func aSecretVotePublishesTheCountOnlyByDefaultAndOlderFoldersTheirBallots() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 2)
        #expect(made.vote.manifest.publication == .count && made.vote.manifest.publishes == .count)
        #expect(VoteArchive.forPublic(made.vote) == .publicCopy)
        let recorded = try Fixture.vote(secrecy: .recorded, deputies: 9, candidates: 5, seats: 2)
        #expect(recorded.vote.manifest.publication == .ballots)
        // A manifest made before the choice existed has no field, and published every ballot.
        let example = try VoteFolder(url: Fixture.repository.appendingPathComponent("ballots/example")).open()
        #expect(example.manifest.publication == nil && example.manifest.publishes == .ballots)
        #expect(VoteArchive.forPublic(example) == .fullFolder)
    }

    @Test func thePublicCopyHoldsNoMarksAndVerifiesAsFarAsItCan() throws {
        let made = try counted()
        let files = try VoteArchive.files(of: made.vote, .publicCopy)
        #expect(files.contains("result.json") && files.contains("close.json") && files.contains("issuance/log.jsonl"))
        #expect(!files.contains { $0.hasPrefix("box") || $0.hasPrefix("paper/") || $0.hasSuffix(".key") })
        let copy = try unpacked(made, .publicCopy)
        #expect(!copy.folder.holdsBallots)
        let verification = try Verification.run(copy, previous: nil)
        #expect(verification.differences.isEmpty, "\(verification.differences.map(\.en))")
        #expect(verification.isPublicCopy && verification.verdict == .partial && verification.verdict.exitStatus == 4)
        #expect(verification.checks.map(\.number) == [1, 2, 3, 4, 5, 19, 16, 17, 18])
        #expect(verification.checks.allSatisfy { $0.passed })
        // What it cannot recheck is listed as published: one rejected ballot among checks 6 to 11.
        #expect(verification.needsFullFolder.map(\.number) == Array(6...15))
        #expect(verification.needsFullFolder.filter { (6...11).contains($0.number) }.map(\.failed).reduce(0, +) == 1)
        // The full folder still recounts as before.
        #expect(try Verification.run(made.vote, previous: nil).verdict == .checksFailed)
        let full = try unpacked(made, .fullFolder)
        #expect(try Verification.run(full, previous: nil).verdict == .checksFailed)
    }

    @Test func aCopyWhoseResultDoesNotAddUpIsChangedAndSaysWhereInWords() throws {
        // The allocation does not follow from the published counts.
        var made = try counted { result in result.allocation?.adopted = ["3"] }
        var verification = try Verification.run(unpacked(made, .publicCopy), previous: nil)
        #expect(verification.verdict == .changed)
        #expect(verification.differences.contains { $0.en.contains("“allocation.adopted” differs: published") })
        // More present than the sealed log says, and a candidate with more votes than valid ballots.
        made = try counted { result in
            result.figures.present += 1
            result.candidates[3].yes = 50
        }
        verification = try Verification.run(unpacked(made, .publicCopy), previous: nil)
        #expect(verification.differences.contains { $0.en.contains("“figures.present” differs: published 9, the public files give 8") })
        #expect(verification.differences.contains { $0.en.contains("cannot come from valid ballots: candidate 4") })
        // A rejected ballot left off the review list: the rejected figure and check 10 no longer fit it.
        made = try counted { result in result.review.removeAll { $0.status == .rejected } }
        verification = try Verification.run(unpacked(made, .publicCopy), previous: nil)
        #expect(verification.differences.contains { $0.en.contains("“figures.rejected” differs: published 1, the public files give 0") })
        #expect(verification.differences.contains { $0.en.contains("].failed” differs: published 1, the public files give 0") })
        #expect(!verification.differences.contains { $0.en.contains("ShishiTally.") || $0.en.contains("Figures(") })
    }

    @Test func aCopyMissingACountedTrackerOrABallotOfTheCloseIsChanged() throws {
        let made = try counted()
        let copy = try unpacked(made, .publicCopy)
        let trackers = copy.folder.countedTrackersURL
        var lines = try String(contentsOf: trackers, encoding: .utf8).split(separator: "\n")
        lines.removeFirst()
        try (lines.joined(separator: "\n") + "\n").write(to: trackers, atomically: true, encoding: .utf8)
        let verification = try Verification.run(copy, previous: nil)
        #expect(verification.verdict == .changed)
        #expect(verification.differences.contains { $0.en.contains("“boxDigest” differs") })
        #expect(verification.differences.contains { $0.en.contains("neither counted nor on the review list") })
    }

    @Test func aVoteThatPublishesItsBallotsHandsOutTheWholeFolder() throws {
        let made = try counted(publication: .ballots)
        #expect(VoteArchive.forPublic(made.vote) == .fullFolder)
        let copy = try unpacked(made, VoteArchive.forPublic(made.vote))
        #expect(copy.folder.holdsBallots)
        let verification = try Verification.run(copy, previous: nil)
        #expect(!verification.isPublicCopy && verification.verdict == .checksFailed && verification.differences.isEmpty)
    }

    @Test func aPublicCopyIsNeitherCountedNorCountersignedNorTakenIn() throws {
        let made = try counted()
        let copy = try unpacked(made, .publicCopy)
        let count = try #require(throws: ShishiError.self) { try Publication(vote: copy).publish(previous: nil, language: .en, now: Fixture.now) }
        #expect(count.code == .tallyPublicCopy && count.message.en.contains("full vote folder"))
        let sign = try #require(throws: ShishiError.self) {
            try ResultFile(vote: copy).countersign(with: made.officials.scrutineer, previous: nil)
        }
        #expect(sign.code == .tallyPublicCopy)
        // Nothing was rewritten.
        #expect(!copy.folder.holdsBallots && FileManager.default.fileExists(atPath: copy.folder.resultURL.path))
    }

    @Test func anArchiveIsNeverWrittenOverAFile() throws {
        let made = try counted()
        let target = Fixture.temporaryFolder().appendingPathComponent("vote.tar.gz")
        try Data("keep me".utf8).write(to: target)
        let refusal = try #require(throws: ShishiError.self) { try VoteArchive.write(made.vote, .publicCopy, to: target) }
        #expect(refusal.code == .fileExists)
        #expect(try Data(contentsOf: target) == Data("keep me".utf8))
    }
}
