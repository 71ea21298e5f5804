import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp

struct ProgressCorrectCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct a progress report: the new version replaces it, the earlier one is kept with the reason. 更正进度报告。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    @Option(help: "The date of the report to correct (YYYY-MM-DD).")
    var date: String

    @Option(help: "Percent done, 0 to 100 (default: as reported).")
    var percent: Int?

    @Option(help: "Money spent so far, in yuan (default: as reported).")
    var spent: Int?

    @Option(help: "What was done (default: as reported).")
    var narrative: String?

    @Option(help: "Why the report is corrected.")
    var reason: String

    func execute() throws {
        let workspace = try store.open()
        guard let report = try workspace.progressReport(project: project, date: date) else {
            throw ShishiError(
                .progressMissing, zh: "项目 \(project) 没有 \(date) 的进度报告：shishi progress export 列出全部报告。",
                en: "Project \(project) has no progress report of \(date): shishi progress export lists them all.")
        }
        try workspace.correctProgress(
            report.id!, percent: percent ?? report.percent, spent: spent ?? report.spent, narrative: narrative ?? report.narrative, reason: reason)
        Console.out(
            say(
                "项目 \(project) \(date) 的进度报告已更正；原内容与更正原因保留在更正记录中。",
                "Project \(project)'s report of \(date) is corrected; the earlier version is kept with the reason."))
    }
}
