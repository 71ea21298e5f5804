import ShishiCore
import ShishiFollowUp
import Testing

@Suite struct GradingTests {
    let rule = GradingRule()

    @Test func publishedFiguresGradeAsReported() {
        // A standing committee of 29 rating 17 / 11 / 1: 17 is more than half of 29.
        let committee = RatingCounts(satisfied: 17, basicallySatisfied: 11, unsatisfied: 1)
        #expect(rule.grade(committee, evaluators: 29) == .satisfied)
        // Ninghai 2021: 145 / 74 / 3 of 222 cast.
        let ninghai = RatingCounts(satisfied: 145, basicallySatisfied: 74, unsatisfied: 3)
        #expect(ninghai.cast == 222)
        #expect(rule.grade(ninghai, evaluators: 222) == .satisfied)
        #expect(abs(ninghai.satisfactionRate - 219.0 / 222.0) < 1e-12)
        #expect(rule.grade(RatingCounts(satisfied: 175, basicallySatisfied: 43, unsatisfied: 4), evaluators: 222) == .satisfied)
    }

    @Test func theBoundariesAreStrictMajorities() {
        // 29 evaluators: 14 satisfied is not more than half; with 1 basically it is 15.
        #expect(rule.grade(RatingCounts(satisfied: 15, basicallySatisfied: 0, unsatisfied: 14), evaluators: 29) == .satisfied)
        #expect(rule.grade(RatingCounts(satisfied: 14, basicallySatisfied: 1, unsatisfied: 14), evaluators: 29) == .basicallySatisfied)
        #expect(rule.grade(RatingCounts(satisfied: 14, basicallySatisfied: 0, unsatisfied: 15), evaluators: 29) == .unsatisfied)
        // An even number: exactly half is not more than half.
        #expect(rule.grade(RatingCounts(satisfied: 10, basicallySatisfied: 0, unsatisfied: 10), evaluators: 20) == .unsatisfied)
        // Absent evaluators count against a grade on the evaluators' base, not on the cast base.
        let few = RatingCounts(satisfied: 12, basicallySatisfied: 0, unsatisfied: 3)
        #expect(rule.grade(few, evaluators: 29) == .unsatisfied)
        #expect(GradingRule(base: .cast).grade(few, evaluators: 29) == .satisfied)
    }

    @Test func pointsAndWeightsCombine() throws {
        let mapping = PointsMapping()
        let counts = RatingCounts(satisfied: 6, basicallySatisfied: 3, unsatisfied: 1)
        let expectedScore: Double = 890.0 / 10.0  // (6 × 100 + 3 × 80 + 1 × 50) / 10
        #expect(mapping.score(counts) == expectedScore)
        #expect(mapping.score(RatingCounts(satisfied: 0, basicallySatisfied: 0, unsatisfied: 0)) == nil)
        // Survey 60, officials 30, online 10.
        let combined = try CombinedScore.combine([
            .init(source: "survey", weight: 60, score: 90), .init(source: "officials", weight: 30, score: 80), .init(source: "online", weight: 10, score: 70),
        ])
        let expectedCombined: Double = 8500.0 / 100.0  // (60 × 90 + 30 × 80 + 10 × 70) / 100
        #expect(combined == expectedCombined)
        // Deputies' "how far done" and residents' "how much it helped", 50 / 50; a missing source is re-weighted, not zero.
        #expect(try CombinedScore.combine([.init(source: "done", weight: 50, score: 96), .init(source: "helped", weight: 50, score: 84)]) == 90)
        #expect(try CombinedScore.combine([.init(source: "done", weight: 50, score: 96), .init(source: "helped", weight: 50, score: nil)]) == 96)
        #expect(throws: ShishiError.self) { try CombinedScore.combine([.init(source: "x", weight: -1, score: 50)]) }
    }
}

@Suite struct DateTests {
    @Test func onlyRealDatesPass() throws {
        for good in ["2027-03-31", "2028-02-29", "2000-02-29", "1980-01-01"] { try Dates.require(good, field: "d") }
        for bad in ["2027-02-29", "1900-02-29", "2027-13-01", "2027-04-31", "2027-4-1", "27-04-01", "2027/04/01", "2027-04-01x", ""] {
            #expect(throws: ShishiError.self, "\(bad)") { try Dates.require(bad, field: "d") }
        }
    }
}
