import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

/// Paper ballots held compactly read back as the ballots they were, and follow the same rules.
@Suite struct CompactPaperBallotsTests {
    @Test func everyMarkAndEveryPointReadsBackAndTheRulesAgree() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 2)
        let ids = made.vote.manifest.candidates.map(\.id)
        let ballots = [
            PaperBallot(serial: "A", line: 2, marks: [ids[0]: .yes, ids[1]: .no, ids[2]: .unclear]),
            PaperBallot(serial: "B", line: 3, marks: [ids[4]: .satisfied, ids[3]: .basicallySatisfied, ids[2]: .unsatisfied]),
            PaperBallot(serial: "C", line: 4, marks: [ids[0]: .yes, ids[1]: .yes, ids[2]: .yes]),
            PaperBallot(serial: "D", line: 5, marks: [:]),
        ]
        let compact = CompactPaperBallots(ballots, candidateIDs: ids, points: false)
        #expect(compact.ballots == ballots && compact.count == 4)
        for index in ballots.indices {
            #expect(compact.yesCount(index) == ballots[index].yesCount && compact.isBlank(index) == ballots[index].isBlank)
            #expect(compact.isValid(index, in: made.vote.manifest) == PaperBallot.isValid(ballots[index], in: made.vote.manifest))
        }
        #expect(!compact.isValid(2, in: made.vote.manifest))
        // The pass a count makes hands over the same entries, in order, one ballot at a time.
        var visited: [Int] = []
        compact.forEach { index, entries in
            visited.append(index)
            let (places, values) = compact.entries(index)
            #expect(Array(entries.places) == Array(places) && Array(entries.values) == Array(values))
            #expect(entries.isBlank == ballots[index].isBlank && entries.yesCount == ballots[index].yesCount)
            #expect(entries.isValid(in: made.vote.manifest) == PaperBallot.isValid(ballots[index], in: made.vote.manifest))
        }
        #expect(visited == [0, 1, 2, 3])
        // Grades do not fit a yes/no/abstain vote; yes, no and unreadable marks do.
        #expect(compact.misfit(for: .yesNoAbstain) == 1 && compact.misfit(for: .rating) == 0 && compact.misfit(for: .points) == 0)

        let points = [
            PaperBallot(serial: "P", line: 7, marks: [:], points: [ids[1]: 3, ids[0]: 2]), PaperBallot(serial: "Q", line: 8, marks: [:], points: [:]),
        ]
        let given = CompactPaperBallots(points, candidateIDs: ids, points: true)
        #expect(given.ballots == points && given.isBlank(1) && !given.isBlank(0) && given.yesCount(0) == 0)
        #expect(given.misfit(for: .points) == nil && given.misfit(for: .approval) == 0)
    }
}
