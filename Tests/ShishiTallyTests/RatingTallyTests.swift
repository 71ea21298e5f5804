import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Testing

/// Evaluation rounds counted and verified by the same engine and checks as votes.
@Suite struct RatingTallyTests {
    /// 29 evaluators (a standing committee) rate 3 projects; 28 rate electronically, the 29th on paper.
    ///
    /// Project 1: 17 / 11 / 1 (a published figure: 满意). Project 2: 14 / 2 / 13 (14 satisfied is
    /// not more than half of 29, 16 with basically is: 基本满意). Project 3: 6 / 8 / 14 and one
    /// abstention (不满意).
    func committee() throws -> (Fixture.Made, Tally.Run) {
        let made = try Fixture.vote(style: .rating, deputies: 29, candidates: 3)
        let registrar = try made.registrar()
        func rating(_ counts: (Int, Int, Int), _ evaluator: Int) -> Rating? {
            evaluator < counts.0
                ? .satisfied : evaluator < counts.0 + counts.1 ? .basicallySatisfied : evaluator < counts.0 + counts.1 + counts.2 ? .unsatisfied : nil
        }
        let plans = [(17, 10, 1), (13, 2, 13), (6, 8, 13)]
        for evaluator in 0..<28 {
            var ratings: [Rating: [String]] = [:]
            for (index, counts) in plans.enumerated() {
                if let r = rating(counts, evaluator) { ratings[r, default: []].append("\(index + 1)") }
            }
            try made.rate("D\(evaluator + 1)", ratings, registrar: registrar)
        }
        try registrar.issuePaperBallots(to: ["D29"])
        try made.paperBox(1, rows: [["基本满意", "满意", "不满意"]], issued: 1)
        try registrar.seal()
        return (made, try Tally(vote: made.vote).run(now: Fixture.now))
    }

    @Test func gradesFollowTheCommonRule() throws {
        let (_, run) = try committee()
        let r = run.result
        #expect(r.outcome == .counted)
        #expect(r.checks.allSatisfy { $0.passed })
        #expect(r.allocation == nil)
        #expect(r.figures.present == 29 && r.figures.valid == 29 && r.figures.invalid == 0)
        #expect(
            r.candidates.map(\.ratings) == [
                RatingCounts(satisfied: 17, basicallySatisfied: 11, unsatisfied: 1),
                RatingCounts(satisfied: 14, basicallySatisfied: 2, unsatisfied: 13),
                RatingCounts(satisfied: 6, basicallySatisfied: 8, unsatisfied: 14),
            ])
        #expect(r.candidates.map(\.abstain) == [0, 0, 1])
        #expect(r.candidates.map(\.grade) == [.satisfied, .basicallySatisfied, .unsatisfied])
        for candidate in r.candidates {
            let ratings = try #require(candidate.ratings)
            #expect(ratings.cast + candidate.abstain == r.figures.valid)
            #expect(candidate.yes == 0 && candidate.no == 0)
        }
    }

    @Test func theAnnouncementAndReportCarryTheGrades() throws {
        let (made, run) = try committee()
        let text = Announcement.text(run.result, vote: made.vote, language: .zh)
        #expect(text.contains("满意 17 票，基本满意 11 票，不满意 1 票，弃权 0 票"))
        #expect(text.contains("列入回头看：3. 项目3"))
        let english = Announcement.text(run.result, vote: made.vote, language: .en)
        #expect(english.contains("grade: unsatisfied"))
        let page = HTMLReport.page(run.result, vote: made.vote, signers: [], language: .zh)
        #expect(page.contains("<svg") && page.contains("class=\"u\"") && page.contains("半数"))
        #expect(!page.contains("<script"))
        let notice = Announcement.notice(run.result, vote: made.vote, number: 2, language: .zh)
        #expect(notice.contains("满意度测评") && notice.contains("3. 项目3：不满意"))
    }

    @Test func anEvaluationVerifiesAndATamperedCountFails() throws {
        let (made, run) = try committee()
        let file = ResultFile(vote: made.vote)
        try file.write(run)
        try file.sign(with: made.officials.scrutineer)
        #expect(try Verification.run(made.vote, previous: nil).passed)

        // A published result that moves one rating from unsatisfied to satisfied fails check 18.
        var altered = run.result
        altered.candidates[2].ratings?.satisfied += 1
        altered.candidates[2].ratings?.unsatisfied -= 1
        let differences = Verification.differences(altered, run.result)
        #expect(differences.contains { $0.en.contains(".ratings” differs: published 7/8/13") })
        #expect(differences.count == 1)
    }

    @Test func anEvaluationHasNoNextRoundAndNoPabulibForm() throws {
        let (made, run) = try committee()
        let next = try #require(throws: ShishiError.self) {
            try NextRound.definition(after: run.result, of: made.vote, registrar: made.officials.registrar.publicKey, blind: Fixture.otherBlindKey.publicKey)
        }
        #expect(next.code == "round.rating")
        #expect(try #require(throws: ShishiError.self) { try Pabulib.export(made.vote) }.code == "pabulib.rating")
    }
}
