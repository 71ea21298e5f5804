import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Progress reports. 进度报告。",
        subcommands: [
            ProgressAddCommand.self, ProgressCorrectCommand.self, ProgressAttachCommand.self, ProgressFilesCommand.self, ProgressImportCommand.self,
            ProgressExportCommand.self,
        ]
    )
}

struct ProgressImportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a progress spreadsheet (project,date,percent,spent,narrative; CSV or an Excel workbook): all rows or none. 导入进度表。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The sheet: CSV (UTF-8, or GB18030 as Chinese Excel saves it) or an Excel workbook (.xlsx).")
    var file: String

    func execute() throws {
        let url = Paths.url(file)
        let lang = global.lang
        let outcome = try ProgressSheet.importSheet(SheetInput.read(url, language: global.lang), source: url.lastPathComponent, into: store.open()) {
            done, total in
            Console.progress(Text("写入 \(done)/\(total)", "writing \(done)/\(total)")(lang), done: done == total)
        }
        Console.out(
            say(
                "已导入 \(url.lastPathComponent)：新增 \(outcome.added) 条进度报告，\(outcome.unchanged) 条已存在（未重复写入）。",
                "Imported \(url.lastPathComponent): \(outcome.added, noun: "report") added, \(outcome.unchanged) already present (not written twice)."))
    }
}

struct ProgressExportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every progress report as the spreadsheet progress import reads. 导出进度表。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The CSV file to write (default: standard output).")
    var out: String?

    func execute() throws {
        let text = try ProgressSheet.export(store.open())
        if let out {
            try FileAccess.create(Paths.url(out), data: Data(text.utf8))
            Console.error(say("已写入 \(out)", "Written to \(out)"))
        } else {
            print(text, terminator: "")
        }
    }
}

struct ProgressAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a progress report. 记录进度。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    @Option(help: "The date (YYYY-MM-DD).")
    var date: String

    @Option(help: "Percent done, 0 to 100.")
    var percent: Int

    @Option(help: "Money spent so far, in yuan.")
    var spent: Int?

    @Option(help: "What was done.")
    var narrative = ""

    @Option(parsing: .singleValue, help: "A file to attach (photo, acceptance sheet…); repeat for each.")
    var attach: [String] = []

    func execute() throws {
        let workspace = try store.open()
        for path in attach { _ = try FileAccess.read(Paths.url(path)) }  // an unreadable file refuses the whole report
        try workspace.addProgress(project: project, date: date, percent: percent, spent: spent, narrative: narrative)
        Console.out(say("已记录项目 #\(project) 在 \(date) 的进度：\(percent)%。", "Progress recorded for project #\(project) on \(date): \(percent)%."))
        guard !attach.isEmpty else { return }
        let records = try workspace.attach(attach.map(Paths.url), project: project, date: date)
        Console.out(
            say(
                "附件 \(records.count) 个：\(records.map(\.name).joined(separator: "、"))",
                "\(records.count, noun: "file") attached: \(records.map(\.name).joined(separator: ", "))"))
    }
}
