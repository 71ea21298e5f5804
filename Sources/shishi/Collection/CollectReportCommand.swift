import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct CollectReportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The collection in a page, a sheet or JSON: suggestions by source, the merge tree, screening with reasons, the final list. 征集报告。",
        discussion:
            "Writes one self-contained, printable HTML page (--out); --csv writes one row per suggestion; --json prints everything. Existing files are not overwritten."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Option(help: "The HTML page to write.")
    var out: String?

    @Option(help: "The CSV sheet to write.")
    var csv: String?

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        guard out != nil || csv != nil || json else {
            throw ShishiError(
                .reportNoOutput, zh: "请用 --out collection.html、--csv collection.csv 或 --json 指定输出。",
                en: "Say where the report goes: --out collection.html, --csv collection.csv or --json.")
        }
        let report = try CollectionReport(year: year, workspace: store.open())
        if let out {
            try FileAccess.create(Paths.url(out), data: Data(report.html(language: global.lang).utf8))
            Console.error(
                say(
                    "已写入 \(out)：建议 \(report.suggestions.count) 条，草案项目 \(report.drafts.count) 个，可在浏览器中打开或打印。",
                    "Written \(out): \(report.suggestions.count, noun: "suggestion"), \(report.drafts.count, noun: "draft project"); open it in a browser or print it."
                ))
        }
        if let csv {
            try FileAccess.create(Paths.url(csv), data: Data(report.csv().utf8))
            Console.error(say("已写入 \(csv)：每条建议一行。", "Written \(csv): one row per suggestion."))
        }
        if json { try Console.json(report) }
    }
}
