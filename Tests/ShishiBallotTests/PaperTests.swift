import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

@Suite struct PaperTests {
    let sheet = """
        serial,1,2,3,4,5
        A1,Y,N,,同意,
        A2,Y,Y,Y,Y,Y
        A3,,,,,
        A4,✓,不同意,?,弃权,N
        """

    @Test func overMarkedAndBlankBallotsAreRecordedAsTheyAre() throws {
        let made = try Fixture.vote(seats: 3)
        let entry = PaperEntry(vote: made.vote)
        let batch = try entry.enter(
            box: 1, csv: Data(sheet.utf8), source: "box-1.csv", issued: 5, takenOut: 4,
            counter: made.officials.counter, scrutineer: made.officials.scrutineer, now: Fixture.now
        )
        #expect(batch.ballots.count == 4)
        #expect(batch.ballots[1].yesCount == 5)  // over-marked, kept
        #expect(batch.ballots[2].isBlank)  // blank, kept
        #expect(batch.ballots[0].marks == ["1": .yes, "2": .no, "4": .yes])
        #expect(batch.ballots[3].marks == ["1": .yes, "2": .no, "3": .unclear, "5": .no])
        #expect(batch.ballots.map(\.line) == [2, 3, 4, 5])
        let (read, scrutineers) = try entry.verify(SignedEnvelope.read(from: made.vote.folder.paperBatchURL(box: 1)), source: "box-1.json")
        #expect(read == batch)
        #expect(scrutineers == ["监票人乙"])
    }

    @Test func anUnreadableCellNamesTheLineAndTheColumn() throws {
        let made = try Fixture.vote()
        let bad = "serial,1,2,3,4,5\nA1,Y,,,,\nA2,Y,maybe,,,\n"
        let error = try #require(throws: ShishiError.self) { try PaperEntry(vote: made.vote).ballots(csv: Data(bad.utf8), source: "box-1.csv") }
        #expect(error.code == "paper.badMark")
        #expect(error.message.en.contains("line 3") && error.message.en.contains("column “2”") && error.message.en.contains("maybe"))
    }

    @Test func refusalsLeaveNothingWritten() throws {
        let made = try Fixture.vote()
        let entry = PaperEntry(vote: made.vote)
        let url = made.vote.folder.paperBatchURL(box: 1)
        // Rows must match the ballots taken out.
        #expect(
            try #require(throws: ShishiError.self) {
                try entry.enter(box: 1, csv: Data(sheet.utf8), source: "s", issued: 5, takenOut: 5, counter: made.officials.counter, now: Fixture.now)
            }.code == "paper.countMismatch")
        // Only a published counter may enter.
        #expect(
            try #require(throws: ShishiError.self) {
                try entry.enter(box: 1, csv: Data(sheet.utf8), source: "s", issued: 5, takenOut: 4, counter: made.officials.scrutineer, now: Fixture.now)
            }.code == "paper.notCounter")
        // Every candidate needs a column.
        #expect(
            try #require(throws: ShishiError.self) {
                try entry.ballots(csv: Data("serial,1,2\nA,Y,N\n".utf8), source: "s")
            }.code == "paper.missingCandidate")
        #expect(!FileManager.default.fileExists(atPath: url.path))
        // A box is entered once.
        try entry.enter(box: 1, csv: Data(sheet.utf8), source: "s", issued: 5, takenOut: 4, counter: made.officials.counter, now: Fixture.now)
        #expect(
            try #require(throws: ShishiError.self) {
                try entry.enter(box: 1, csv: Data(sheet.utf8), source: "s", issued: 5, takenOut: 4, counter: made.officials.counter, now: Fixture.now)
            }.code == "paper.boxEntered")
    }

    @Test func approvalSheetsHaveNoNo() throws {
        let made = try Fixture.vote(style: .approval)
        let error = try #require(throws: ShishiError.self) {
            try PaperEntry(vote: made.vote).ballots(csv: Data("1,2,3,4,5\nY,N,,,\n".utf8), source: "s")
        }
        #expect(error.code == "paper.noOnApproval")
    }

    @Test func aCountersignatureAddsASignatureAndKeepsThePayload() throws {
        let made = try Fixture.vote(seats: 3)
        let entry = PaperEntry(vote: made.vote)
        try entry.enter(box: 2, csv: Data(sheet.utf8), source: "s", issued: 4, takenOut: 4, counter: made.officials.counter, now: Fixture.now)
        let url = made.vote.folder.paperBatchURL(box: 2)
        let before = try SignedEnvelope.read(from: url)
        #expect(try #require(throws: ShishiError.self) { try entry.countersign(box: 2, scrutineer: made.officials.counter) }.code == "paper.notScrutineer")
        try entry.countersign(box: 2, scrutineer: made.officials.scrutineer)
        let after = try SignedEnvelope.read(from: url)
        #expect(after.payload == before.payload)
        #expect(after.signatures.count == 2)
        #expect(try entry.verify(after, source: "box-2.json").scrutineers == ["监票人乙"])
        #expect(
            try #require(throws: ShishiError.self) { try entry.countersign(box: 2, scrutineer: made.officials.scrutineer) }.code == "paper.alreadyCountersigned"
        )
    }
}
