public import Foundation
public import GRDB
public import ShishiCore
public import ShishiStore

/// Evaluation scores by year: counts from each source (`shishi scores import`), graded, scored and
/// combined with the year's weights (`shishi scores show`), the look-back list (回头看) of
/// projects graded 不满意, and departments scoring below 60 two years running.
public enum Scores {
    /// The columns of a counts file: one row per project.
    public static let columns: [CSVTable.Column] = [
        .init("project", aliases: ["项目编号"]),
        .init("satisfied", aliases: ["满意"]),
        .init("basically", aliases: ["基本满意"]),
        .init("unsatisfied", aliases: ["不满意"]),
    ]

    /// Imports one source's counts for a year, all or nothing; a source is imported once a year.
    @discardableResult
    public static func importCounts(_ data: Data, file: String, year: Int, source: String, weight: Double, evaluators: Int?, points: PointsMapping, into workspace: Workspace) throws -> Int {
        guard weight >= 0 else { throw ShishiError("score.badWeights", zh: "权重不能为负。", en: "A weight cannot be negative.") }
        if let evaluators, evaluators < 1 { throw ShishiError("score.badEvaluators", zh: "测评人数至少为 1。", en: "There must be at least one evaluator.") }
        let table = try CSVTable(text: String(decoding: data, as: UTF8.self), source: file, columns: columns)
        var rows: [(project: Int64, counts: RatingCounts, line: Int)] = []
        var seen: [Int64: Int] = [:]
        for row in table.rows {
            func refuse(_ column: String, _ zh: String, _ en: String) -> ShishiError {
                ShishiError("score.badRow", zh: "\(file) 第 \(row.line) 行，“\(column)”列：\(zh)。此文件的内容都未写入。", en: "\(file) line \(row.line), column “\(column)”: \(en). Nothing from this file was written.")
            }
            guard let project = Int64(row["project"]) else { throw refuse("project", "“\(row["project"])”不是项目编号", "“\(row["project"])” is not a project number") }
            if let first = seen[project] { throw refuse("project", "项目 \(project) 与第 \(first) 行重复", "project \(project) repeats line \(first)") }
            seen[project] = row.line
            var values: [Int] = []
            for column in ["satisfied", "basically", "unsatisfied"] {
                guard let value = Int(row[column]), value >= 0 else { throw refuse(column, "“\(row[column])”不是非负整数", "“\(row[column])” is not a whole number of ratings") }
                values.append(value)
            }
            let counts = RatingCounts(satisfied: values[0], basicallySatisfied: values[1], unsatisfied: values[2])
            if let evaluators, counts.cast > evaluators {
                throw refuse("unsatisfied", "共 \(counts.cast) 票，多于测评人数 \(evaluators)", "\(counts.cast) ratings, more than the \(evaluators) evaluators")
            }
            rows.append((project, counts, row.line))
        }
        let all = rows
        return try workspace.write { db, audit in
            if try ScoreSourceRecord.filter(Column("year") == year && Column("name") == source).fetchCount(db) > 0 {
                throw ShishiError("score.sourceExists", zh: "\(year) 年已导入过“\(source)”的测评数据，不会覆盖：如需更正，请以新的来源名称导入。", en: "“\(source)” has already been imported for \(year) and will not be overwritten; to correct it, import under a new source name.")
            }
            let projects = Set(try Int64.fetchAll(db, sql: "SELECT id FROM project"))
            var record = ScoreSourceRecord(year: year, name: source, weight: weight, evaluators: evaluators, satisfiedPoints: points.satisfied, basicallyPoints: points.basicallySatisfied, unsatisfiedPoints: points.unsatisfied, file: file)
            try record.insert(db)
            for row in all {
                guard projects.contains(row.project) else {
                    throw ShishiError("score.badRow", zh: "\(file) 第 \(row.line) 行：没有编号为 \(row.project) 的项目。此文件的内容都未写入。", en: "\(file) line \(row.line): there is no project \(row.project). Nothing from this file was written.")
                }
                var count = RatingCountRecord(scoreSourceId: record.id!, projectId: row.project, satisfied: row.counts.satisfied, basically: row.counts.basicallySatisfied, unsatisfied: row.counts.unsatisfied)
                try count.insert(db)
            }
            try audit.record("scores.import", subject: "year:\(year)", detail: ["source": source, "file": file, "weight": String(weight), "projects": String(all.count)])
            return all.count
        }
    }

    /// One source's view of a project.
    public struct SourceResult: Sendable, Codable {
        /// The source.
        public var source: String
        /// Its weight.
        public var weight: Double
        /// The counts.
        public var counts: RatingCounts
        /// The score out of 100.
        public var score: Double?
        /// The grade, for graded sources (those with a number of evaluators).
        public var grade: Rating?
        /// (satisfied + basically) / cast.
        public var satisfactionRate: Double
    }

    /// A project's evaluation in a year.
    public struct ProjectEvaluation: Sendable, Codable {
        /// The project.
        public var project: ProjectRecord
        /// Each source.
        public var sources: [SourceResult]
        /// The weighted combined score.
        public var combined: Double?
        /// The grade: that of the heaviest graded source.
        public var grade: Rating?
        /// Whether it goes on the look-back list (graded 不满意).
        public var lookBack: Bool
    }

    /// A department below 60 two years running: called to a special review.
    public struct DepartmentFlag: Sendable, Codable, Equatable {
        /// The department.
        public var department: String
        /// Its mean combined score this year.
        public var score: Double
        /// And the year before.
        public var previous: Double

        /// Creates a flag.
        public init(department: String, score: Double, previous: Double) {
            self.department = department
            self.score = score
            self.previous = previous
        }
    }

    /// The year's evaluation: every rated project, and the departments to flag.
    public static func evaluate(year: Int, in workspace: Workspace, rule: GradingRule = GradingRule()) throws -> (projects: [ProjectEvaluation], flags: [DepartmentFlag]) {
        let projects = try projectsEvaluated(year: year, in: workspace, rule: rule)
        let previous = try projectsEvaluated(year: year - 1, in: workspace, rule: rule)
        func departmentScores(_ list: [ProjectEvaluation]) -> [String: Double] {
            var grouped: [String: [Double]] = [:]
            for item in list {
                guard let department = item.project.department, let score = item.combined else { continue }
                grouped[department, default: []].append(score)
            }
            return grouped.mapValues { $0.reduce(0, +) / Double($0.count) }
        }
        let now = departmentScores(projects)
        let before = departmentScores(previous)
        let flags = now.compactMap { department, score -> DepartmentFlag? in
            guard score < 60, let last = before[department], last < 60 else { return nil }
            return DepartmentFlag(department: department, score: score, previous: last)
        }.sorted { $0.department < $1.department }
        return (projects, flags)
    }

    static func projectsEvaluated(year: Int, in workspace: Workspace, rule: GradingRule) throws -> [ProjectEvaluation] {
        let (sources, counts, projects) = try workspace.read { db in
            let sources = try ScoreSourceRecord.filter(Column("year") == year).order(Column("weight").desc, Column("name")).fetchAll(db)
            let counts = try RatingCountRecord.filter(sources.map(\.id!).contains(Column("scoreSourceId"))).fetchAll(db)
            let projects = try ProjectRecord.filter(Set(counts.map(\.projectId)).contains(Column("id"))).order(Column("voteId"), Column("rank")).fetchAll(db)
            return (sources, counts, projects)
        }
        return try projects.map { project in
            let results = sources.compactMap { source -> SourceResult? in
                guard let row = counts.first(where: { $0.scoreSourceId == source.id && $0.projectId == project.id }) else { return nil }
                let tally = RatingCounts(satisfied: row.satisfied, basicallySatisfied: row.basically, unsatisfied: row.unsatisfied)
                let points = PointsMapping(satisfied: source.satisfiedPoints, basicallySatisfied: source.basicallyPoints, unsatisfied: source.unsatisfiedPoints)
                return SourceResult(
                    source: source.name, weight: source.weight, counts: tally, score: points.score(tally),
                    grade: source.evaluators.map { rule.grade(tally, evaluators: $0) }, satisfactionRate: tally.satisfactionRate
                )
            }
            let combined = try CombinedScore.combine(sources.map { source in
                CombinedScore.Part(source: source.name, weight: source.weight, score: results.first { $0.source == source.name }?.score)
            })
            let grade = results.first { $0.grade != nil }?.grade
            return ProjectEvaluation(project: project, sources: results, combined: combined, grade: grade, lookBack: grade == .unsatisfied)
        }
    }
}
