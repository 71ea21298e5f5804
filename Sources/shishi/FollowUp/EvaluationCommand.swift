import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct EvaluationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluation",
        abstract: "Evaluation rounds (测评) run with blind credentials and counted by the tally engine. 满意度测评。",
        discussion: """
            1. shishi evaluation projects --out projects.csv        (every project, or --look-back YEAR)
            2. shishi vote init DIR --style rating --candidates projects.csv --roster evaluators.csv …
            3. sign-in, shishi ballot cast DIR --credential C --satisfied 1,2 --basic 3 --unsatisfied 4, seal
            4. shishi tally DIR; shishi result sign DIR --key scrutineer.key
            5. shishi evaluation import DIR --year 2027 --source 常委会测评 --weight 60
            """,
        subcommands: [EvaluationProjectsCommand.self, EvaluationImportCommand.self]
    )
}

struct EvaluationProjectsCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "Write the projects to rate as a candidates CSV for vote init --style rating. 生成测评项目表。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(name: .customLong("look-back"), help: "Only the projects graded unsatisfied in this year (the look-back list, 回头看).")
    var lookBack: Int?

    @Option(help: "Sub-items rated beside each project, comma-separated (e.g. 进度,质量,成效).")
    var items: String?

    /// The sub-item names as written: an empty one (`a,,b`) is kept, for the engine to refuse.
    static func itemNames(_ list: String) -> [String] {
        list.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map(String.init)
    }

    @Option(help: "The CSV file to write (default: standard output).")
    var out: String?

    func execute() throws {
        let text = try EvaluationRound.candidatesCSV(lookBackYear: lookBack, items: items.map(Self.itemNames) ?? [], in: store.open())
        guard let out else {
            print(text, terminator: "")
            return
        }
        try FileAccess.create(Paths.url(out), data: Data(text.utf8))
        let count = text.split(separator: "\n").count - 1
        Console.out(
            say(
                "已写入 \(out)：\(count) 个测评项（项目及分项）。下一步：shishi vote init 测评目录 --style rating --candidates \(out) --roster 测评人员.csv …",
                "Written \(out): \(count, noun: "item") to rate (projects and sub-items). Next: shishi vote init DIR --style rating --candidates \(out) --roster evaluators.csv …"
            ))
    }
}

struct EvaluationImportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Take in a counted evaluation round's ratings as a source of the year's scores; only a result that passes shishi verify. 导入测评结果。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The evaluation year.")
    var year: Int

    @Option(help: "The source's name (e.g. 常委会测评).")
    var source: String

    @OptionGroup var scoring: ScoringOptions

    func execute() throws {
        let count = try Scores.importRound(
            folder.url, year: year, source: source, weight: scoring.weight, points: scoring.mapping(), stage: scoring.stage, into: store.open())
        Console.out(
            say(
                "测评结果核验通过：已导入 \(year) 年“\(source)”对 \(count) 个项目的测评票数（权重 \(scoring.weight)\(scoring.stage == .lookBack ? "，回头看" : "")）。用 shishi scores show --year \(year) 查看等次与得分。",
                "The evaluation verifies: imported \(year) “\(source)” ratings for \(count, noun: "project") (weight \(scoring.weight)\(scoring.stage == .lookBack ? ", look-back" : "")). See grades and scores with shishi scores show --year \(year)."
            ))
    }
}

struct LookBackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookback",
        abstract: "The look-back (回头看) for projects graded unsatisfied. 回头看。",
        subcommands: [LookBackOpenCommand.self]
    )
}

struct LookBackOpenCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a rectification task, with a deadline, for each project graded unsatisfied in a year. 建立回头看整改任务。",
        discussion:
            "Running it again opens nothing twice. Close each task with shishi rectification update N --status closed --resolution …, then rate the projects again (evaluation projects --look-back YEAR)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The evaluation year.")
    var year: Int

    @Option(help: "The rectification deadline (YYYY-MM-DD).")
    var deadline: String

    func execute() throws {
        let opened = try LookBack.openTasks(year: year, deadline: deadline, in: store.open())
        Console.out(
            say("\(year) 年回头看：新建整改任务 \(opened.count) 项（已有的不重复建立）。", "\(year) look-back: \(opened.count) rectification tasks opened (none opened twice)."))
        for task in opened {
            Console.out("  #\(task.id!) \(say("项目", "project")) #\(task.projectId) · \(task.responsible) · \(say("期限", "due")) \(task.deadline)")
        }
    }
}
