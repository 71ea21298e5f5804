import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// How a source's ratings are weighed and scored: `scores import` and `evaluation import`.
struct ScoringOptions: ParsableArguments {
    @Option(help: "Its weight in the combined score (e.g. 60, 30, 10).")
    var weight: Double

    @Option(help: "Points for satisfied, basically satisfied, unsatisfied (default 100,80,50).")
    var points = "100,80,50"

    @Option(help: "regular (the year-end evaluation, default) or look-back (a new rating after rectification: 回头看).")
    var stage: ScoreSourceRecord.Stage = .regular

    /// The three numbers of `--points`, or `nil` when it does not hold three.
    private var values: [Double]? {
        let values = points.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 3, !values.contains(nil) else { return nil }
        return values.compactMap { $0 }
    }

    /// The points as a mapping (their ranges are the library's to check).
    func mapping() throws -> PointsMapping {
        guard let values else {
            throw ShishiError(.scoreBadPoints, zh: "--points 应为三个数，如 100,80,50。", en: "--points takes three numbers, such as 100,80,50.")
        }
        return PointsMapping(satisfied: values[0], basicallySatisfied: values[1], unsatisfied: values[2])
    }
}

struct ScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "Satisfaction evaluation (测评): counts by source, grades, combined scores, look-back. 测评与评分。",
        subcommands: [ScoresImportCommand.self, ScoresShowCommand.self]
    )
}

struct ScoresImportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import one source's rating counts for a year (project,satisfied,basically,unsatisfied). 导入测评票数。",
        discussion: "Give --evaluators for a graded source (e.g. the 29 members of a standing committee); surveys are scored but not graded."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "The evaluation year.")
    var year: Int

    @Option(help: "The source's name (e.g. 常委会测评, 群众满意度调查).")
    var source: String

    @Option(help: "How many could rate: makes the source graded under the common rule.")
    var evaluators: Int?

    @OptionGroup var scoring: ScoringOptions

    func execute() throws {
        let url = Paths.url(file)
        let count = try Scores.importCounts(
            SheetInput.read(url, language: global.lang), file: url.lastPathComponent, year: year, source: source, weight: scoring.weight,
            evaluators: evaluators,
            points: scoring.mapping(), stage: scoring.stage, into: store.open()
        )
        Console.out(
            say(
                "已导入 \(year) 年“\(source)”对 \(count) 个项目的测评票数（权重 \(scoring.weight)）。",
                "Imported \(year) “\(source)” counts for \(count, noun: "project") (weight \(scoring.weight))."))
    }
}

struct ScoresShowCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Each project's grade, satisfaction rate and combined score for a year; the look-back list; departments to review. 测评结果。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The evaluation year.")
    var year: Int

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let (projects, flags) = try Scores.evaluate(year: year, in: store.open())
        if json {
            try Console.json(ScoresReport(year: year, projects: projects, departmentsForReview: flags))
            return
        }
        let L = global.lang
        Console.out(say("\(year) 年测评结果：", "Evaluation results for \(year):"))
        if projects.isEmpty {
            Console.out(say("  （这一年没有测评数据：用 shishi scores import 导入）", "  (no ratings for this year: import them with shishi scores import)"))
        }
        let (colon, comma, open, close) = (L.colon, L.comma, Text("（", " (")(L), Text("）", ")")(L))
        for item in projects {
            let title = L.title(item.project.title, english: item.project.titleEn)
            let combined = item.combinedText(L) ?? "—"
            Console.out(
                "  #\(item.project.id!) \(title)\(colon)\(say("等次", "grade")) \(item.grade?.title(L) ?? "—")\(comma)\(say("综合得分", "combined score")) \(combined)\(item.lookBack ? say("　→ 回头看", "  → look-back") : "")\(item.lookBackGrade.map { say("，回头看测评：\($0.title.zh)", "; look-back rating: \($0.title.en)") } ?? "")"
            )
            for source in item.sources {
                let counts = "\(source.counts.satisfied)/\(source.counts.basicallySatisfied)/\(source.counts.unsatisfied)"
                let score = source.score.map { String(format: "%.1f", $0) } ?? "—"
                Console.out(
                    "      \(source.source)\(source.stage == .lookBack ? say("［回头看］", " [look-back]") : "")\(open)\(say("权重", "weight")) \(source.weight)\(close)\(colon)\(counts)\(comma)\(say("满意率", "satisfaction")) \(String(format: "%.1f%%", source.satisfactionRate * 100))\(comma)\(say("得分", "score")) \(score)\(source.grade.map { "\(comma)\($0.title(L))" } ?? "")"
                )
                for item in source.items {
                    Console.out(
                        "          \(item.item)\(colon)\(item.counts.satisfied)/\(item.counts.basicallySatisfied)/\(item.counts.unsatisfied)\(comma)\(say("满意率", "satisfaction")) \(String(format: "%.1f%%", item.satisfactionRate * 100))"
                    )
                }
            }
        }
        let lookBack = projects.filter(\.lookBack)
        Console.out(
            say(
                "回头看名单：\(lookBack.isEmpty ? "无" : lookBack.map { "#\($0.project.id!) \($0.project.title)（\($0.lookBackGrade.map { "回头看测评：\($0.title.zh)" } ?? "尚未重新测评")）" }.joined(separator: "、"))",
                "Look-back list: \(lookBack.isEmpty ? "none" : lookBack.map { "#\($0.project.id!) \($0.project.titleEn ?? $0.project.title) (\($0.lookBackGrade.map { "look-back rating: \($0.title.en)" } ?? "not yet rated again"))" }.joined(separator: ", "))"
            ))
        for flag in flags {
            Console.out(
                say(
                    "专项审议：\(flag.department) 连续两年得分低于 60（\(year - 1) 年 \(String(format: "%.1f", flag.previous))，\(year) 年 \(String(format: "%.1f", flag.score))）",
                    "Special review: \(flag.department) scored below 60 two years running (\(year - 1): \(String(format: "%.1f", flag.previous)), \(year): \(String(format: "%.1f", flag.score)))"
                ))
        }
    }
}

/// The JSON form of a year's evaluation.
struct ScoresReport: Encodable {
    var year: Int
    var projects: [Scores.ProjectEvaluation]
    var departmentsForReview: [Scores.DepartmentFlag]
}
