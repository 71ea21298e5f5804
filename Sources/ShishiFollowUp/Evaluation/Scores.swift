public import Foundation
import GRDB
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
    public static func importCounts(
        _ data: Data, file: String, year: Int, source: String, weight: Double, evaluators: Int?, points: PointsMapping,
        stage: ScoreSourceRecord.Stage = .regular, into workspace: Workspace
    ) throws -> Int {
        try checkSource(year: year, source: source, weight: weight, evaluators: evaluators, points: points)
        let table = try CSVTable(text: SheetFile.text(data, source: file), source: file, columns: columns)
        var rows: [Row] = []
        var seen: [Int64: Int] = [:]
        for row in table.rows {
            func refuse(_ column: String, _ zh: String, _ en: String) -> ShishiError {
                ShishiError(
                    .scoreBadRow, zh: "\(file) 第 \(row.line) 行，“\(column)”列：\(zh)。此文件的内容都未写入。",
                    en: "\(file) line \(row.line), column “\(column)”: \(en). Nothing from this file was written.")
            }
            guard let project = Int64(row["project"]) else {
                throw refuse("project", "“\(row["project"])”不是项目编号", "“\(row["project"])” is not a project number")
            }
            if let first = seen[project] { throw refuse("project", "项目 \(project) 与第 \(first) 行重复", "project \(project) repeats line \(first)") }
            seen[project] = row.line
            var values: [Int] = []
            for column in ["satisfied", "basically", "unsatisfied"] {
                guard let value = Int(row[column]), value >= 0 else {
                    throw refuse(column, "“\(row[column])”不是非负整数", "“\(row[column])” is not a whole number of ratings")
                }
                guard value <= RatingCounts.maximum else {
                    throw refuse(column, "\(value) 超过上限 \(RatingCounts.maximum)", "\(value) is more than the limit of \(RatingCounts.maximum)")
                }
                values.append(value)
            }
            let counts = RatingCounts(satisfied: values[0], basicallySatisfied: values[1], unsatisfied: values[2])
            if let evaluators, counts.cast > evaluators {
                throw refuse("unsatisfied", "共 \(counts.cast) 票，多于测评人数 \(evaluators)", "\(counts.cast, noun: "rating"), more than the \(evaluators) evaluators")
            }
            rows.append(Row(project: project, counts: counts, place: Text("\(file) 第 \(row.line) 行", "\(file) line \(row.line)")))
        }
        let record = ScoreSourceRecord(
            year: year, name: source, weight: weight, evaluators: evaluators, satisfiedPoints: points.satisfied, basicallyPoints: points.basicallySatisfied,
            unsatisfiedPoints: points.unsatisfied, file: file, stage: stage
        )
        return try insert(record, rows: rows, into: workspace, what: Text("此文件的内容都未写入", "Nothing from this file was written"))
    }

    /// Imports the counts of an evaluation round (style `rating`) from its vote folder, only when
    /// its result passes `shishi verify`: each project rated is a workspace project, named by its
    /// number as the candidate id; the evaluators are the round's roster, and the round's grading
    /// rule grades it. All or nothing; a source is imported once a year.
    @discardableResult
    public static func importRound(
        _ folder: URL, year: Int, source: String, weight: Double, points: PointsMapping, stage: ScoreSourceRecord.Stage = .regular, into workspace: Workspace
    ) throws -> Int {
        try checkSource(year: year, source: source, weight: weight, evaluators: nil, points: points)
        let verified = try VerifiedResult(folder: folder)
        let manifest = verified.vote.manifest
        guard manifest.style.isRating, let grading = manifest.rules.grading else {
            throw ShishiError(
                .evaluationNotRating,
                zh: "\(folder.lastPathComponent) 是一次项目票决，不是满意度测评（--style rating）：票决结果请用 shishi projects adopt 导入。",
                en:
                    "\(folder.lastPathComponent) is a vote on projects, not a satisfaction evaluation (--style rating): take a vote's result in with shishi projects adopt."
            )
        }
        guard verified.result.outcome == .counted else {
            throw ShishiError(
                .evaluationNotCounted,
                zh: "这次测评没有计票结果（不足法定人数或无效），没有可导入的测评票数。",
                en: "This evaluation was not counted (inquorate or void): there are no ratings to import."
            )
        }
        var rows: [Row] = []
        var items: [ItemRow] = []
        for candidate in verified.result.candidates {
            guard let subject = EvaluationRound.subject(id: candidate.id, title: candidate.title), let ratings = candidate.ratings else {
                throw ShishiError(
                    .evaluationBadProject,
                    zh: "测评项“\(candidate.id)”不是工作库的项目编号（或“编号-分项”）：测评的候选项目应由 shishi evaluation projects 生成。",
                    en:
                        "The rated id “\(candidate.id)” is not a workspace project number (or “number-item”): make the round's candidates with shishi evaluation projects."
                )
            }
            let place = Text("测评项 \(candidate.id)（\(candidate.title)）", "rated item \(candidate.id) (\(candidate.title))")
            if let item = subject.item {
                items.append(
                    ItemRow(
                        project: subject.project, item: item, counts: ratings, place: place,
                        title: String(candidate.title.dropLast(item.count + EvaluationRound.itemSeparator.count))))
            } else {
                rows.append(Row(project: subject.project, counts: ratings, place: place, title: candidate.title))
            }
        }
        if let orphan = items.first(where: { item in !rows.contains { $0.project == item.project } }) {
            throw ShishiError(
                .evaluationBadProject, zh: "\(orphan.place.zh)是项目 \(orphan.project) 的分项，但这次测评没有评该项目本身。",
                en: "\(orphan.place.en) is a sub-item of project \(orphan.project), but the round does not rate the project itself.")
        }
        let record = ScoreSourceRecord(
            year: year, name: source, weight: weight, evaluators: verified.result.figures.deputies, satisfiedPoints: points.satisfied,
            basicallyPoints: points.basicallySatisfied, unsatisfiedPoints: points.unsatisfied, file: folder.path, stage: stage,
            voteHash: verified.vote.hash.description, resultHash: verified.resultHash.description,
            gradingBase: grading.base.rawValue, gradingShare: grading.share.description
        )
        return try insert(record, rows: rows, items: items, into: workspace, what: Text("这次测评的票数都未写入", "Nothing from this round was written"))
    }

    /// The years a score may be given for.
    public static let years = 1949...9999
    /// The largest weight a source may have.
    public static let maximumWeight = 1_000.0
    /// The points a rating may be worth, at most.
    public static let maximumPoints = 1_000.0

    /// Checks what a user gives about a source, each number for range and finiteness, before
    /// anything is read or written: the one place these rules live.
    public static func checkSource(year: Int, source: String, weight: Double, evaluators: Int?, points: PointsMapping) throws {
        guard years.contains(year) else {
            throw ShishiError(
                .scoreBadYear, zh: "年份 \(year) 无效：应在 \(years.lowerBound) 与 \(years.upperBound) 之间。",
                en: "The year \(year) is not valid: give one between \(years.lowerBound) and \(years.upperBound).")
        }
        let name = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name == source, source.count <= 100, !source.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ShishiError(
                .scoreBadSource,
                zh: "来源名称“\(source.prefix(40))”无效：应为 1 至 100 个字符，首尾无空白，不含控制字符（如“常委会测评”）。",
                en:
                    "The source name “\(source.prefix(40))” is not valid: give 1 to 100 characters, without surrounding spaces or control characters (such as 常委会测评)."
            )
        }
        guard weight.isFinite, weight >= 0, weight <= maximumWeight else {
            throw ShishiError(
                .scoreBadWeights,
                zh: "权重 \(weight) 无效：应为 0 至 \(Int(maximumWeight)) 之间的数（如 60、30、10）。",
                en: "The weight \(weight) is not valid: give a number from 0 to \(Int(maximumWeight)) (such as 60, 30, 10)."
            )
        }
        if let evaluators, !(1...RatingCounts.maximum).contains(evaluators) {
            throw ShishiError(
                .scoreBadEvaluators,
                zh: "测评人数 \(evaluators) 无效：应在 1 与 \(RatingCounts.maximum) 之间。",
                en: "\(evaluators) evaluators is not valid: give a number from 1 to \(RatingCounts.maximum)."
            )
        }
        for value in [points.satisfied, points.basicallySatisfied, points.unsatisfied] where !(value.isFinite && value >= 0 && value <= maximumPoints) {
            throw ShishiError(
                .scoreBadPoints,
                zh: "分值 \(value) 无效：每个等次的分值应为 0 至 \(Int(maximumPoints)) 之间的数（如 100,80,50）。",
                en: "The points \(value) are not valid: each rating is worth a number from 0 to \(Int(maximumPoints)) (such as 100,80,50)."
            )
        }
    }

    /// One project's counts to write, and where they came from (for messages).
    struct Row: Sendable {
        var project: Int64
        var counts: RatingCounts
        var place: Text
        /// The title the source gives the project, checked against the workspace when present.
        var title: String?
    }

    /// One sub-item's counts to write.
    struct ItemRow: Sendable {
        var project: Int64
        var item: String
        var counts: RatingCounts
        var place: Text
        /// The project's title as the sub-item's title gives it.
        var title: String
    }

    /// Writes a source and its counts in one audited transaction, refusing a source already
    /// imported for the year and a project the workspace does not hold.
    static func insert(_ source: ScoreSourceRecord, rows: [Row], items: [ItemRow] = [], into workspace: Workspace, what: Text) throws -> Int {
        return try workspace.write { db, audit in
            if try ScoreSourceRecord.filter(ScoreSourceRecord.Columns.year == source.year && ScoreSourceRecord.Columns.name == source.name).fetchCount(db) > 0 {
                throw ShishiError(
                    .scoreSourceExists, zh: "\(source.year) 年已导入过“\(source.name)”的测评数据，不会覆盖：如需更正，请以新的来源名称导入。",
                    en:
                        "“\(source.name)” has already been imported for \(source.year) and will not be overwritten; to correct it, import under a new source name."
                )
            }
            if let voteHash = source.voteHash, let earlier = try ScoreSourceRecord.filter(ScoreSourceRecord.Columns.voteHash == voteHash).fetchOne(db) {
                throw ShishiError(
                    .scoreRoundImported, zh: "这次测评已作为 \(earlier.year) 年的“\(earlier.name)”导入过。",
                    en: "This evaluation round has already been imported as “\(earlier.name)” for \(earlier.year).")
            }
            let projects = Dictionary(uniqueKeysWithValues: try ProjectRecord.fetchAll(db).map { ($0.id!, $0) })
            var record = source
            try record.insert(db)
            for row in rows {
                guard let project = projects[row.project] else {
                    throw ShishiError(
                        .scoreBadRow, zh: "\(row.place.zh)：没有编号为 \(row.project) 的项目。\(what.zh)。",
                        en: "\(row.place.en): there is no project \(row.project). \(what.en).")
                }
                if let title = row.title, title != project.title {
                    throw ShishiError(
                        .scoreBadRow, zh: "\(row.place.zh)：工作库中项目 \(row.project) 是“\(project.title)”，名称不符。\(what.zh)。",
                        en: "\(row.place.en): project \(row.project) in the workspace is “\(project.title)”, a different title. \(what.en).")
                }
                var count = RatingCountRecord(
                    scoreSourceId: record.id!, projectId: row.project, satisfied: row.counts.satisfied, basically: row.counts.basicallySatisfied,
                    unsatisfied: row.counts.unsatisfied)
                try count.insert(db)
            }
            for item in items {
                guard projects[item.project]?.title == item.title else {
                    throw ShishiError(
                        .scoreBadRow, zh: "\(item.place.zh)：与工作库中项目 \(item.project) 的名称不符。\(what.zh)。",
                        en: "\(item.place.en): does not match project \(item.project)'s title in the workspace. \(what.en).")
                }
                var count = RatingItemCountRecord(
                    scoreSourceId: record.id!, projectId: item.project, item: item.item, satisfied: item.counts.satisfied,
                    basically: item.counts.basicallySatisfied, unsatisfied: item.counts.unsatisfied)
                try count.insert(db)
            }
            var detail = [
                "source": source.name, "file": source.file, "weight": String(source.weight), "projects": String(rows.count), "items": String(items.count),
                "stage": source.stage.rawValue,
            ]
            if let voteHash = source.voteHash { detail["voteHash"] = voteHash }
            if let resultHash = source.resultHash { detail["resultHash"] = resultHash }
            try audit.record("scores.import", subject: "year:\(source.year)", detail: detail)
            return rows.count
        }
    }

    /// The year's evaluation: every rated project, and the departments to flag.
    public static func evaluate(year: Int, in workspace: Workspace, rule: GradingRule = GradingRule()) throws -> (
        projects: [ProjectEvaluation], flags: [DepartmentFlag]
    ) {
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
        let (sources, counts, projects, items) = try workspace.read { db in
            let sources = try ScoreSourceRecord.filter(ScoreSourceRecord.Columns.year == year).order(
                ScoreSourceRecord.Columns.weight.desc, ScoreSourceRecord.Columns.name
            ).fetchAll(db)
            let counts = try RatingCountRecord.filter(sources.map(\.id!).contains(RatingCountRecord.Columns.scoreSourceId)).fetchAll(db)
            let projects = try ProjectRecord.filter(Set(counts.map(\.projectId)).contains(ProjectRecord.Columns.id)).order(
                ProjectRecord.Columns.voteId, ProjectRecord.Columns.rank
            ).fetchAll(db)
            let items = try RatingItemCountRecord.filter(sources.map(\.id!).contains(RatingItemCountRecord.Columns.scoreSourceId)).order(
                RatingItemCountRecord.Columns.id
            ).fetchAll(db)
            return (sources, counts, projects, items)
        }
        return try projects.map { project in
            let results = sources.compactMap { source -> SourceResult? in
                guard let row = counts.first(where: { $0.scoreSourceId == source.id && $0.projectId == project.id }) else { return nil }
                let tally = RatingCounts(satisfied: row.satisfied, basicallySatisfied: row.basically, unsatisfied: row.unsatisfied)
                let points = PointsMapping(satisfied: source.satisfiedPoints, basicallySatisfied: source.basicallyPoints, unsatisfied: source.unsatisfiedPoints)
                return SourceResult(
                    source: source.name, weight: source.weight, counts: tally, score: points.score(tally),
                    grade: source.evaluators.map { gradingRule(of: source, default: rule).grade(tally, evaluators: $0) },
                    satisfactionRate: tally.satisfactionRate,
                    stage: source.stage,
                    items: items.filter { $0.scoreSourceId == source.id && $0.projectId == project.id }.map { row in
                        let counts = RatingCounts(satisfied: row.satisfied, basicallySatisfied: row.basically, unsatisfied: row.unsatisfied)
                        return ItemResult(item: row.item, counts: counts, satisfactionRate: counts.satisfactionRate)
                    }
                )
            }
            let yearEnd = sources.filter { $0.stage == .regular }
            let combined =
                yearEnd.isEmpty
                ? nil
                : try CombinedScore.combine(
                    yearEnd.map { source in
                        CombinedScore.Part(source: source.name, weight: source.weight, score: results.first { $0.source == source.name }?.score)
                    })
            let grade = results.first { $0.stage == .regular && $0.grade != nil }?.grade
            let lookBackGrade = results.first { $0.stage == .lookBack && $0.grade != nil }?.grade
            return ProjectEvaluation(
                project: project, sources: results, combined: combined, grade: grade, lookBack: grade == .unsatisfied, lookBackGrade: lookBackGrade)
        }
    }

    /// The rule a source's grades follow: the evaluation round's own, else `fallback`.
    static func gradingRule(of source: ScoreSourceRecord, default fallback: GradingRule) -> GradingRule {
        guard let base = source.gradingBase.flatMap(GradingRule.Base.init(rawValue:)), let share = source.gradingShare.flatMap({ try? Fraction(parsing: $0) })
        else {
            return fallback
        }
        return GradingRule(base: base, share: share)
    }
}
