import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore
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

@Suite struct ScoresTests {
    @Test func aYearIsGradedScoredAndLookedBackAt() throws {
        let workspace = try ProgressSheetTests().adopted()
        try workspace.updateProject(1, details: .init(department: "市住建局"))
        try workspace.updateProject(2, details: .init(department: "市教育局"))
        // The standing committee (29 members, weight 30) and a public survey (weight 70).
        let committee = "项目编号,满意,基本满意,不满意\n1,17,11,1\n2,5,8,16\n"
        let survey = "project,satisfied,basically,unsatisfied\n1,145,74,3\n2,40,60,122\n"
        try Scores.importCounts(
            Data(committee.utf8), file: "committee.csv", year: 2027, source: "常委会测评", weight: 30, evaluators: 29, points: PointsMapping(), into: workspace)
        try Scores.importCounts(
            Data(survey.utf8), file: "survey.csv", year: 2027, source: "群众满意度调查", weight: 70, evaluators: nil, points: PointsMapping(), into: workspace)
        let (projects, flags) = try Scores.evaluate(year: 2027, in: workspace)
        #expect(projects.count == 2 && flags.isEmpty)
        #expect(projects[0].grade == .satisfied && !projects[0].lookBack)
        #expect(projects[1].grade == .unsatisfied && projects[1].lookBack)  // 5 + 8 is not more than half of 29
        let committeeScore: Double = 2630.0 / 29  // (17 × 100 + 11 × 80 + 1 × 50) / 29
        let surveyScore: Double = 20570.0 / 222  // (145 × 100 + 74 × 80 + 3 × 50) / 222
        let expected = (30 * committeeScore + 70 * surveyScore) / 100
        #expect(abs(projects[0].combined! - expected) < 1e-9)
        #expect(projects[0].sources.first { $0.source == "群众满意度调查" }?.grade == nil)  // surveys are scored, not graded
        // A source is imported once a year.
        #expect(
            try #require(throws: ShishiError.self) {
                try Scores.importCounts(
                    Data(committee.utf8), file: "committee.csv", year: 2027, source: "常委会测评", weight: 30, evaluators: 29, points: PointsMapping(),
                    into: workspace)
            }.code == "score.sourceExists")
    }

    @Test func aDepartmentBelowSixtyTwoYearsRunningIsFlagged() throws {
        let workspace = try ProgressSheetTests().adopted()
        try workspace.updateProject(1, details: .init(department: "市住建局"))
        try workspace.updateProject(2, details: .init(department: "市教育局"))
        // Points 100/60/0: project 2 scores below 60 in both years, project 1 only in 2026.
        let points = PointsMapping(satisfied: 100, basicallySatisfied: 60, unsatisfied: 0)
        try Scores.importCounts(
            Data("project,satisfied,basically,unsatisfied\n1,2,2,6\n2,1,2,7\n".utf8), file: "2026.csv", year: 2026, source: "survey", weight: 1,
            evaluators: nil, points: points, into: workspace)
        try Scores.importCounts(
            Data("project,satisfied,basically,unsatisfied\n1,8,2,0\n2,2,3,5\n".utf8), file: "2027.csv", year: 2027, source: "survey", weight: 1,
            evaluators: nil, points: points, into: workspace)
        let (_, flags) = try Scores.evaluate(year: 2027, in: workspace)
        // 市教育局: 2026 (1 × 100 + 2 × 60) / 10 = 22, 2027 (2 × 100 + 3 × 60) / 10 = 38.
        #expect(flags == [Scores.DepartmentFlag(department: "市教育局", score: 38, previous: 22)])
        #expect(try Scores.evaluate(year: 2026, in: workspace).flags.isEmpty)  // no 2025 to compare with
    }

    @Test func badCountFilesAreRefusedWithTheLine() throws {
        let workspace = try ProgressSheetTests().adopted()
        let cases: [(String, String)] = [
            ("project,satisfied,basically,unsatisfied\n1,17,11,1\n2,x,1,1\n", "line 3, column “satisfied”"),
            ("project,satisfied,basically,unsatisfied\n1,17,11,1\n1,1,1,1\n", "line 3, column “project”"),
            ("project,satisfied,basically,unsatisfied\n1,17,11,1\n2,20,10,1\n", "more than the 29 evaluators"),
            ("project,satisfied,basically,unsatisfied\n1,17,11,1\n9,1,1,1\n", "line 3: there is no project 9"),
        ]
        for (file, message) in cases {
            let error = try #require(throws: ShishiError.self) {
                try Scores.importCounts(
                    Data(file.utf8), file: "c.csv", year: 2027, source: "常委会", weight: 30, evaluators: 29, points: PointsMapping(), into: workspace)
            }
            #expect(error.message.en.contains(message), "\(error.message.en)")
        }
        #expect(try Scores.evaluate(year: 2027, in: workspace).projects.isEmpty)
    }
}
