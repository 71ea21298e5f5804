import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct HotlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "12345 hotline complaints linked to projects. 12345 热线。",
        subcommands: [HotlineImportCommand.self, HotlineCountsCommand.self]
    )
}

struct HotlineImportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import complaints (record_id,date,category,text[,project]); a file loads once. 导入热线工单。",
        discussion: "Complaints without a project number are linked by --rules (project,keyword), or left unlinked."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "Matching rules: a CSV of project,keyword.")
    var rules: String?

    func execute() throws {
        let url = Paths.url(file)
        let matching = try rules.map { path in try Hotline.rules(FileAccess.read(Paths.url(path)), source: Paths.url(path).lastPathComponent) } ?? []
        let outcome = try Hotline.importFile(SheetInput.read(url, language: global.lang), source: url.lastPathComponent, rules: matching, into: store.open())
        Console.out(
            say(
                "已导入 \(url.lastPathComponent)：新增工单 \(outcome.added) 件（其中关联到项目 \(outcome.linked) 件），已存在 \(outcome.skipped) 件（未重复导入）。",
                "Imported \(url.lastPathComponent): \(outcome.added) complaints added (\(outcome.linked) linked to a project), \(outcome.skipped) already present (not imported twice)."
            ))
    }
}

struct HotlineCountsCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "counts", abstract: "Complaints per project and month. 各项目每月工单数。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let counts = try Hotline.counts(store.open())
        if json {
            try Console.json(counts)
            return
        }
        Console.out(say("热线工单（按项目、月份）：", "Hotline complaints by project and month:"))
        if counts.isEmpty { Console.out(say("  （没有关联到项目的工单）", "  (no complaint linked to a project)")) }
        for row in counts {
            Console.out("  #\(row.project)  \(row.month)  \(String(repeating: "▇", count: min(row.count, 40))) \(row.count)")
        }
    }
}
