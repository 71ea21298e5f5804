import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

/// A changed byte in any file of a vote folder is caught, with the reason.
@Suite struct TamperTests {
    /// A vote with one electronic ballot, one paper box and a sealed log.
    func filledVote() throws -> Fixture.Made {
        let made = try Fixture.vote(seats: 3)
        let registrar = try made.registrar()
        let credential = try made.credential(for: "D1", registrar: registrar)
        for deputy in ["D2", "D3"] { try registrar.issuePaperBallot(to: deputy) }
        try registrar.seal()
        _ = try BallotCaster(vote: made.vote).cast(BallotMarking(yes: ["1", "2"], no: ["3"], manifest: made.vote.manifest), credential: credential)
        try PaperEntry(vote: made.vote).enter(
            box: 1, csv: Data("serial,1,2,3,4,5\nP1,Y,,,,\nP2,,,,,\n".utf8), source: "s", issued: 2, takenOut: 2,
            counter: made.officials.counter, scrutineer: made.officials.scrutineer, now: Fixture.now
        )
        return made
    }

    @Test func anUntouchedFolderPassesEveryCheck() throws {
        let made = try filledVote()
        let audit = try BoxAudit.run(made.vote)
        #expect(audit.allAuthentic)
        #expect(audit.count(.valid) == 1 && audit.paperBallots == 2 && audit.paperBlank == 1)
        for file in try BallotBox(vote: made.vote).files() + [
            made.vote.folder.paperBatchURL(box: 1), made.vote.folder.issuanceSealURL, made.vote.folder.manifestURL,
        ] {
            #expect(FileInspection.inspect(file, vote: made.vote, language: .en).ok, "\(file.lastPathComponent)")
        }
    }

    @Test func aTamperedBallotIsRejectedWithItsReason() throws {
        let made = try filledVote()
        let file = try #require(try BallotBox(vote: made.vote).files().first)
        try Fixture.tamper(file)
        let inspection = FileInspection.inspect(file, vote: made.vote, language: .en)
        #expect(!inspection.ok)
        #expect(inspection.status == .rejected)
        #expect(inspection.checks.contains { $0.passed == false })
        // The ballot stays in the box, reported, never dropped.
        let audit = try BoxAudit.run(made.vote)
        #expect(audit.ballots.count == 1 && audit.count(.rejected) == 1)
    }

    @Test func trailingGarbageInABallotIsCaught() throws {
        let made = try filledVote()
        let file = try #require(try BallotBox(vote: made.vote).files().first)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{}".utf8))
        try handle.close()
        let inspection = FileInspection.inspect(file, vote: made.vote, language: .zh)
        #expect(!inspection.ok)
        #expect(inspection.checks.first?.check == "parse" && inspection.checks.first?.passed == false)
    }

    @Test func aTamperedPaperBatchIsCaught() throws {
        let made = try filledVote()
        let url = made.vote.folder.paperBatchURL(box: 1)
        try Fixture.tamper(url)
        #expect(!FileInspection.inspect(url, vote: made.vote, language: .en).ok)
        let audit = try BoxAudit.run(made.vote)
        #expect(audit.paper.first?.problem != nil && !audit.allAuthentic)
    }

    @Test func aTamperedIssuanceLogIsCaught() throws {
        let made = try filledVote()
        try Fixture.tamper(made.vote.folder.issuanceSealURL)
        #expect(!FileInspection.inspect(made.vote.folder.issuanceSealURL, vote: made.vote, language: .en).ok)
        #expect(throws: ShishiError.self) { try IssuanceSeal.load(for: made.vote) }
    }

    @Test func theSealedLogStaysAsSealed() throws {
        // The seal names the chain head and counts; the lines stay in issuance/log.jsonl.
        func attempt(_ change: (String) -> String) throws -> String? {
            let made = try filledVote()
            #expect(try IssuanceSeal.load(for: made.vote).entries == nil)
            let url = made.vote.folder.issuanceLogURL
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
            do {
                _ = try IssuanceSeal.load(for: made.vote)
                return nil
            } catch let error as ShishiError {
                return error.code.rawValue
            }
        }
        #expect(try attempt { $0 } == nil)
        #expect(try attempt { $0.replacingOccurrences(of: #""deputy":"D2""#, with: #""deputy":"D4""#) } == "issuance.brokenChain")
        // The last line: the head.
        #expect(try attempt { $0.replacingOccurrences(of: #""deputy":"D3""#, with: #""deputy":"D4""#) } == "issuance.countsMismatch")
        #expect(try attempt { String($0.split(separator: "\n").dropLast().joined(separator: "\n") + "\n") } == "issuance.countsMismatch")
        #expect(try attempt { $0.replacingOccurrences(of: #","kind""#, with: #", "kind""#) } == "json.notCanonical")
        #expect(try attempt { _ in "" } == "issuance.countsMismatch")
    }

    @Test func aFirstVersionSealIsStillReadAndEachVersionHasItsShape() throws {
        let made = try filledVote()
        let sealed = try IssuanceSeal.load(for: made.vote)
        let entries = try String(contentsOf: made.vote.folder.issuanceLogURL, encoding: .utf8).split(separator: "\n").map {
            try StrictJSON.decode(IssuanceEntry.self, from: Data($0.utf8), source: "log")
        }
        func reseal(_ type: String, entries: [IssuanceEntry]?) throws -> String? {
            var seal = sealed
            seal.entries = entries
            var envelope = try SignedEnvelope(payloadType: type, encoding: seal)
            try envelope.sign(with: made.officials.registrar)
            try FileManager.default.removeItem(at: made.vote.folder.issuanceSealURL)
            try envelope.fileData().write(to: made.vote.folder.issuanceSealURL)
            do {
                _ = try IssuanceSeal.load(for: made.vote)
                return nil
            } catch let error as ShishiError {
                return error.code.rawValue
            }
        }
        #expect(try reseal(IssuanceSeal.firstPayloadType, entries: entries) == nil)
        #expect(try reseal(IssuanceSeal.firstPayloadType, entries: Array(entries.dropLast())) == "issuance.countsMismatch")
        #expect(try reseal(IssuanceSeal.firstPayloadType, entries: nil) == "issuance.malformed")
        #expect(try reseal(IssuanceSeal.payloadType, entries: entries) == "issuance.malformed")
        #expect(try reseal("shishi/issuance/v3", entries: nil) == "format.unknownVersion")
    }

    @Test func aTamperedManifestOrRosterStopsTheFolderFromOpening() throws {
        let made = try filledVote()
        try Fixture.tamper(made.vote.folder.manifestURL)
        #expect(throws: ShishiError.self) { try VoteFolder(url: made.folder).open() }

        let other = try filledVote()
        try Fixture.tamper(other.vote.folder.rosterURL)
        let error = try #require(throws: ShishiError.self) { try VoteFolder(url: other.folder).open() }
        #expect(error.code == "vote.rosterAltered")
    }
}
