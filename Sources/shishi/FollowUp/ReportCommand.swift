import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports from the workspace. 报告。",
        subcommands: [ReportYearCommand.self]
    )
}

struct ReportYearCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "year",
        abstract: "The year's report: each project's progress, milestones, inspections, hotline, ratings, grade, score and look-back. 年度报告。",
        discussion:
            "Writes one self-contained, printable HTML page (--out); --csv writes the same figures as a sheet, --json prints them. Existing files are not overwritten."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The year.")
    var year: Int

    @Option(help: "The day to judge standing by (YYYY-MM-DD; default: today, Beijing time).")
    var today: String?

    @Option(help: "The HTML page to write.")
    var out: String?

    @Option(help: "A CSV sheet to write, one row per project.")
    var csv: String?

    @Option(help: "The page's title.")
    var title: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    func execute() throws {
        guard out != nil || csv != nil || json else {
            throw ShishiError(
                .reportNoOutput, zh: "请用 --out report.html、--csv report.csv 或 --json 指定输出。",
                en: "Say where the report goes: --out report.html, --csv report.csv or --json.")
        }
        let report = try YearReport(year: year, today: today ?? Dates.today(), workspace: store.open())
        if let out {
            let heading = title ?? report.title(global.lang)
            try FileAccess.create(Paths.url(out), data: Data(report.html(title: heading, language: global.lang).utf8))
            Console.error(
                say(
                    "已写入 \(out)：\(report.projects.count) 个项目，可在浏览器中打开或打印。",
                    "Written \(out): \(report.projects.count, noun: "project"); open it in a browser or print it."))
        }
        if let csv {
            try FileAccess.create(Paths.url(csv), data: Data(report.csv().utf8))
            Console.error(say("已写入 \(csv)", "Written \(csv)"))
        }
        if json { try Console.json(report) }
    }
}
