import Foundation
import GRDB
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTally
import ShishiTestSupport
import Testing

/// Evaluation rounds from the workspace's projects, taken back in only when verified, and the look-back.
@Suite struct EvaluationRoundTests {
    /// A workspace holding projects 1 (项目1) and 2 (项目2), adopted from a verified vote.
    func adopted() throws -> Workspace { try ProgressSheetTests().adopted() }

    /// An evaluation round of 5 evaluators over the projects of `csv`, counted and countersigned;
    /// `ratings[i]` is evaluator i's ballot.
    func round(_ csv: String, _ ratings: [[Rating: [String]]]) throws -> Fixture.Made {
        let table = try CSVTable(text: csv, source: "projects.csv", columns: Candidate.csvColumns)
        let made = try Fixture.vote(style: .rating, deputies: 5, list: Candidate.list(from: table))
        let registrar = try made.registrar()
        for (index, ballot) in ratings.enumerated() { try made.rate("D\(index + 1)", ballot, registrar: registrar) }
        try registrar.seal()
        try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        return made
    }

    @Test func aVerifiedRoundBecomesTheYearsGradedSource() throws {
        let workspace = try adopted()
        let csv = try EvaluationRound.candidatesCSV(lookBackYear: nil, in: workspace)
        #expect(csv == "id,title,title_en,department\n1,项目1,Project 1,\n2,项目2,Project 2,\n")
        // Project 1: 3 / 1 / 1 of 5 (满意); project 2: 1 / 1 / 3 (不满意).
        let made = try round(
            csv,
            [
                [.satisfied: ["1"], .unsatisfied: ["2"]], [.satisfied: ["1", "2"]], [.satisfied: ["1"], .basicallySatisfied: ["2"]],
                [.basicallySatisfied: ["1"], .unsatisfied: ["2"]], [.unsatisfied: ["1", "2"]],
            ])
        #expect(try Scores.importRound(made.folder, year: 2027, source: "常委会测评", weight: 60, points: PointsMapping(), into: workspace) == 2)
        let (projects, _) = try Scores.evaluate(year: 2027, in: workspace)
        #expect(projects.map(\.grade) == [.satisfied, .unsatisfied])
        #expect(projects[0].sources[0].counts == RatingCounts(satisfied: 3, basicallySatisfied: 1, unsatisfied: 1))
        #expect(projects[1].lookBack && projects[1].lookBackGrade == nil)
        let source = try #require(try workspace.read { try ScoreSourceRecord.fetchOne($0) })
        #expect(source.evaluators == 5 && source.voteHash == made.vote.hash.description && source.gradingBase == "evaluators" && source.gradingShare == "1/2")
        // Once only, under any name.
        #expect(
            try #require(throws: ShishiError.self) {
                try Scores.importRound(made.folder, year: 2027, source: "另一个名称", weight: 60, points: PointsMapping(), into: workspace)
            }.code == "score.roundImported")
        #expect(try workspace.verifyAuditChain().firstBroken == nil)
    }

    @Test func anUnverifiedForeignOrMismatchedRoundIsRefused() throws {
        let workspace = try adopted()
        // A vote on projects is not an evaluation.
        let vote = try FollowUpTests().countedVote()
        #expect(
            try #require(throws: ShishiError.self) {
                try Scores.importRound(vote.folder, year: 2027, source: "x", weight: 1, points: PointsMapping(), into: workspace)
            }.code == "evaluation.notRating")
        // An evaluation adopts nothing.
        let csv = try EvaluationRound.candidatesCSV(lookBackYear: nil, in: workspace)
        let made = try round(csv, Array(repeating: [.satisfied: ["1", "2"]], count: 4))
        #expect(try #require(throws: ShishiError.self) { try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace) }.code == "adopt.evaluation")
        // An altered count fails verification, with check 18 named.
        let url = ResultFile(vote: made.vote).url
        var envelope = try SignedEnvelope.read(from: url)
        var result = try envelope.decodePayload(TallyResult.self, expecting: TallyResult.payloadType, source: "result.json")
        result.candidates[1].ratings?.satisfied -= 1
        result.candidates[1].ratings?.unsatisfied += 1
        envelope.payload = try StrictJSON.encode(result)
        try envelope.fileData().write(to: url)
        let error = try #require(throws: ShishiError.self) {
            try Scores.importRound(made.folder, year: 2027, source: "x", weight: 1, points: PointsMapping(), into: workspace)
        }
        #expect(error.code == "adopt.unverified" && error.message.en.contains("check 18"))
        // Projects that are not the workspace's: a title that differs.
        let other = try round("id,title\n1,项目1\n2,别的项目\n", [[.satisfied: ["1"]], [.satisfied: ["1"]], [.satisfied: ["1"]], [.satisfied: ["2"]]])
        let mismatch = try #require(throws: ShishiError.self) {
            try Scores.importRound(other.folder, year: 2027, source: "x", weight: 1, points: PointsMapping(), into: workspace)
        }
        #expect(
            mismatch.code == "score.badRow" && mismatch.message.en.contains("rated item 2 (别的项目)")
                && mismatch.message.en.contains("Nothing from this round was written"))
        // A sub-item whose project the round does not rate.
        let orphan = try round("id,title\n1,项目1\n2-1,项目2 · 进度\n", Array(repeating: [.satisfied: ["1", "2-1"]], count: 4))
        let lone = try #require(throws: ShishiError.self) {
            try Scores.importRound(orphan.folder, year: 2027, source: "x", weight: 1, points: PointsMapping(), into: workspace)
        }
        #expect(lone.code == "evaluation.badProject" && lone.message.en.contains("sub-item of project 2"))
        #expect(try workspace.read { try ScoreSourceRecord.fetchCount($0) } == 0)
    }

    @Test func theLookBackRectifiesThenRatesAgainAndKeepsBothGrades() throws {
        let workspace = try adopted()
        try workspace.updateProject(2, details: .init(department: "市教育局"))
        let csv = try EvaluationRound.candidatesCSV(lookBackYear: nil, in: workspace)
        let first = try round(csv, Array(repeating: [.satisfied: ["1"], .unsatisfied: ["2"]], count: 4))
        try Scores.importRound(first.folder, year: 2027, source: "常委会测评", weight: 60, points: PointsMapping(), into: workspace)

        let tasks = try LookBack.openTasks(year: 2027, deadline: "2028-03-31", in: workspace)
        #expect(tasks.map(\.projectId) == [2] && tasks[0].responsible == "市教育局" && tasks[0].lookBackYear == 2027)
        #expect(try LookBack.openTasks(year: 2027, deadline: "2028-03-31", in: workspace).isEmpty)  // nothing opened twice
        // Past its deadline and still open, the task makes the project overdue.
        #expect(try workspace.projectProgress(today: "2028-04-01").first { $0.project.id == 2 }?.status == .overdue)
        try workspace.updateRectification(tasks[0].id!, status: .closed, date: "2028-03-20", resolution: "增设学位 200 个")

        let lookBackCSV = try EvaluationRound.candidatesCSV(lookBackYear: 2027, in: workspace)
        #expect(lookBackCSV == "id,title,title_en,department\n2,项目2,Project 2,市教育局\n")
        let again = try round(lookBackCSV, [[.satisfied: ["2"]], [.basicallySatisfied: ["2"]], [.basicallySatisfied: ["2"]], [.unsatisfied: ["2"]]])
        try Scores.importRound(again.folder, year: 2027, source: "回头看测评", weight: 0, points: PointsMapping(), stage: .lookBack, into: workspace)

        let (projects, _) = try Scores.evaluate(year: 2027, in: workspace)
        let project = try #require(projects.first { $0.project.id == 2 })
        #expect(project.grade == .unsatisfied && project.lookBack)  // the year-end grade stays
        #expect(project.lookBackGrade == .basicallySatisfied && project.standingGrade == .basicallySatisfied)
        #expect(project.sources.map(\.stage) == [.regular, .lookBack])
        #expect(project.combined == 50)  // the year's combined score is the year-end one
        #expect(try #require(throws: ShishiError.self) { try LookBack.openTasks(year: 2026, deadline: "2027-03-31", in: workspace) }.code == "lookBack.empty")
        #expect(try #require(throws: ShishiError.self) { try LookBack.openTasks(year: 2027, deadline: "2028-02-30", in: workspace) }.code == "date.malformed")
    }

    @Test func subItemsAreRatedBesideTheProjectAndKept() throws {
        let workspace = try adopted()
        let csv = try EvaluationRound.candidatesCSV(lookBackYear: nil, items: ["进度", "质量"], in: workspace)
        #expect(
            csv == """
                id,title,title_en,department
                1,项目1,Project 1,
                1-1,项目1 · 进度,Project 1 · 进度,
                1-2,项目1 · 质量,Project 1 · 质量,
                2,项目2,Project 2,
                2-1,项目2 · 进度,Project 2 · 进度,
                2-2,项目2 · 质量,Project 2 · 质量,

                """)
        #expect(
            try #require(throws: ShishiError.self) { try EvaluationRound.candidatesCSV(lookBackYear: nil, items: ["进度", "进度"], in: workspace) }.code
                == "evaluation.badItem")
        #expect(
            try #require(throws: ShishiError.self) { try EvaluationRound.candidatesCSV(lookBackYear: nil, items: ["a·b"], in: workspace) }.code
                == "evaluation.badItem")
        let made = try round(
            csv,
            [
                [.satisfied: ["1", "1-1", "2"], .unsatisfied: ["1-2", "2-1"]], [.satisfied: ["1", "1-1"], .basicallySatisfied: ["1-2", "2"]],
                [.satisfied: ["1"], .basicallySatisfied: ["1-1"]], [.unsatisfied: ["2", "2-2"]],
            ])
        try Scores.importRound(made.folder, year: 2027, source: "常委会测评", weight: 60, points: PointsMapping(), into: workspace)
        let (projects, _) = try Scores.evaluate(year: 2027, in: workspace)
        let first = try #require(projects.first { $0.project.id == 1 }?.sources.first)
        #expect(first.counts == RatingCounts(satisfied: 3, basicallySatisfied: 0, unsatisfied: 0))
        #expect(first.items.map(\.item) == ["进度", "质量"])
        #expect(first.items[0].counts == RatingCounts(satisfied: 2, basicallySatisfied: 1, unsatisfied: 0))
        #expect(first.items[1].counts == RatingCounts(satisfied: 0, basicallySatisfied: 1, unsatisfied: 1))
        let second = try #require(projects.first { $0.project.id == 2 }?.sources.first)
        #expect(
            second.items.map(\.counts) == [
                RatingCounts(satisfied: 0, basicallySatisfied: 0, unsatisfied: 1), RatingCounts(satisfied: 0, basicallySatisfied: 0, unsatisfied: 1),
            ])
        #expect(EvaluationRound.subject(id: "3-2", title: "老旧小区 · 质量")! == (3, "质量"))
        #expect(EvaluationRound.subject(id: "3", title: "老旧小区")! == (3, nil))
        for bad in [("x", "t"), ("3-x", "t · a"), ("3-1", "no separator"), ("3-1-1", "t · a"), ("-1", "t · a")] {
            #expect(EvaluationRound.subject(id: bad.0, title: bad.1) == nil, "\(bad)")
        }
    }
}
