import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Synchronization
import Testing

/// A signed vote folder against a hostile hand: changed bytes, repeated signatures, a count
/// killed mid-write, and what the folder itself tells about who voted when.
@Suite struct HostileFolderTests {
    /// A small counted and countersigned secret vote: 4 deputies, 3 electronic ballots and a paper box of one.
    func smallVote() throws -> Fixture.Made {
        let made = try Fixture.vote(deputies: 4, candidates: 3, seats: 1)
        let registrar = try made.registrar()
        try made.cast("D1", yes: ["1"], no: ["2"], registrar: registrar)
        try made.cast("D2", yes: ["2"], registrar: registrar)
        try made.cast("D3", yes: ["1"], registrar: registrar)
        try registrar.issuePaperBallot(to: "D4")
        try made.paperBox(1, rows: [["Y", "N", ""]], issued: 1)
        try registrar.seal()
        try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        return made
    }

    /// Whether `shishi verify` passes on the folder at `url`, as the command runs it.
    func verifies(_ url: URL) -> Bool {
        guard let vote = try? VoteFolder(url: url).open(), let verification = try? Verification.run(vote, previous: nil) else { return false }
        return verification.passed
    }

    /// The places of a pretty JSON file that are layout: white space between tokens, outside strings.
    func layout(_ data: Data) -> Set<Int> {
        var places: Set<Int> = []
        var inString = false
        var escaped = false
        for (index, byte) in data.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
            } else if byte == 0x22 {
                inString = true
            } else if byte == 0x20 || byte == 0x0A {
                places.insert(index)
            }
        }
        return places
    }

    @Test func everyChangedByteOfEverySignedFileFailsVerify() throws {
        let made = try smallVote()
        #expect(verifies(made.folder))
        let box = try BallotBox(vote: made.vote).files()
        let files = [
            made.vote.folder.manifestURL, made.vote.folder.issuanceSealURL, box[0], made.vote.folder.paperBatchURL(box: 1), ResultFile(vote: made.vote).url,
        ]
        // Work on copies in parallel: one folder per core.
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let copies = try (0..<workers).map { index -> URL in
            let copy = made.folder.deletingLastPathComponent().appendingPathComponent("copy-\(index)")
            try FileManager.default.copyItem(at: made.folder, to: copy)
            return copy
        }
        let relative = files.map { String($0.path.dropFirst(made.folder.path.count + 1)) }
        let survivors = Mutex([String]())
        let tried = Mutex(0)
        for name in relative {
            let original = try Data(contentsOf: made.folder.appendingPathComponent(name))
            let places = (0..<original.count).filter { !layout(original).contains($0) }
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let url = copies[worker].appendingPathComponent(name)
                for place in places where place % workers == worker {
                    var changed = original
                    changed[place] ^= 0x01
                    try! changed.write(to: url)
                    if verifies(copies[worker]) { survivors.withLock { $0.append("\(name) byte \(place)") } }
                    tried.withLock { $0 += 1 }
                }
                try! original.write(to: url)
            }
        }
        #expect(survivors.withLock { $0 }.isEmpty, "changes verify did not catch: \(survivors.withLock { $0 }.prefix(10))")
        #expect(tried.withLock { $0 } > 5_000)
        #expect(copies.allSatisfy(verifies))
    }

    @Test func aSignatureRepeatedOnTheResultCountsOnce() throws {
        let made = try smallVote()
        let file = ResultFile(vote: made.vote)
        var envelope = try SignedEnvelope.read(from: file.url)
        envelope.signatures.append(envelope.signatures[0])
        try envelope.fileData().write(to: file.url)
        #expect(file.signers(envelope).names == ["监票人乙"])
        #expect(!file.signers(envelope).allValid)
        let verification = try Verification.run(made.vote, previous: nil)
        #expect(verification.signers == ["监票人乙"])
        #expect(!verification.passed)
    }

    @Test func aBallotWithItsSignatureRepeatedIsRejected() throws {
        let made = try smallVote()
        let url = try BallotBox(vote: made.vote).files()[0]
        var envelope = try SignedEnvelope.read(from: url)
        envelope.signatures += Array(repeating: envelope.signatures[0], count: 10_000)
        let verdict = BallotVerifier(vote: made.vote).verify(try envelope.fileData(), source: "b.json")
        #expect(verdict.status == .rejected && verdict.reason?.en.contains("exactly one signature") == true)
    }

    @Test func aCountKilledMidWriteLeavesNothingTheNextCountKeeps() throws {
        let made = try Fixture.vote(deputies: 4, candidates: 3, seats: 1)
        let registrar = try made.registrar()
        for deputy in ["D1", "D2", "D3"] { try made.cast(deputy, yes: ["1"], registrar: registrar) }
        try registrar.seal()
        // What a count killed while writing leaves: a temporary file never linked, and a tracker list without its result.
        let folder = made.folder
        let abandoned = folder.appendingPathComponent(".counted-trackers.txt.\(UUID().uuidString).tmp")
        try Data(repeating: 0x61, count: 4096).write(to: abandoned)
        let inBox = made.vote.folder.boxURL.appendingPathComponent(".\(UUID().uuidString).json.\(UUID().uuidString).tmp")
        try Data("half a ballot".utf8).write(to: inBox)
        try Data("0123".utf8).write(to: ResultFile(vote: made.vote).trackersURL)
        // Files that only look alike are kept.
        let keep = folder.appendingPathComponent(".notes.tmp")
        try Data("mine".utf8).write(to: keep)
        try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(!FileManager.default.fileExists(atPath: inBox.path))
        #expect(FileManager.default.fileExists(atPath: keep.path))
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        #expect(try Verification.run(made.vote, previous: nil).passed)
    }

    @Test func ballotFilesCarryNoTimeOfTheirOwn() throws {
        let made = try smallVote()
        for url in try BallotBox(vote: made.vote).files() {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            #expect((attributes[.modificationDate] as? Date) == Date(timeIntervalSince1970: 0))
        }
    }
}
