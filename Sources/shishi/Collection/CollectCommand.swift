import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Collection (征集): the year's call for suggestions and the suggestions it takes in. 征集。",
        subcommands: [
            CollectOpenCommand.self, CollectAddCommand.self, CollectImportCommand.self, CollectFromHotlineCommand.self, CollectCarryOverCommand.self,
            CollectListCommand.self, CollectMergeCommand.self, CollectDeclineCommand.self, CollectDraftsCommand.self, CollectScreenCommand.self,
            CollectShortlistCommand.self, CollectCommentCommand.self, CollectFixCommand.self, CollectReportCommand.self,
        ]
    )
}

struct CollectOpenCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the call for a year's projects. 开始征集。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The year whose projects are collected, e.g. 2028.")
    var year: Int

    @Option(help: "The last day suggestions are taken (YYYY-MM-DD).")
    var until: String

    @Option(help: "The seats the vote will fill, when known.")
    var seats: Int?

    @Option(help: "The day last year's unfinished projects are judged on (YYYY-MM-DD; default: today).")
    var today: String?

    func execute() throws {
        let opened = try Collect.open(year: year, until: until, seats: seats, today: today ?? Dates.today(), in: store.open())
        let call = opened.call
        Console.out(
            say(
                "已开始 \(call.year) 年民生实事项目征集，截至 \(call.until)\(call.seats.map { "，拟定 \($0) 项" } ?? "")。",
                "The call for \(call.year)'s projects is open until \(call.until)\(call.seats.map { ", for \($0) seats" } ?? "")."))
        CollectCarryOverCommand.present(opened.carriedOver, year: year, language: global.lang)
    }
}

struct CollectAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Take in one suggestion. 收录一条建议。",
        discussion: "A deputy's suggestion names its deputies by roster id with --deputy, proposer first, then co-signers."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Option(help: "A short title.")
    var title: String

    @Option(help: "The suggestion's text.")
    var text = ""

    @Option(help: "deputy, public, department, hotline or carried-over (代表, 群众, 部门, 12345, 结转).")
    var source: String

    @Option(parsing: .singleValue, help: "A deputy behind it, by roster id: the first proposes, the others co-sign.")
    var deputy: [String] = []

    @Option(help: "Who proposed it, in words, when not deputies.")
    var proposer: String?

    @Option(help: "The district it concerns.")
    var district: String?

    @Option(help: "Its category.")
    var category: String?

    @Option(help: "The date received (YYYY-MM-DD; default: today).")
    var date: String?

    @Option(help: "Its id in your own records; a reference is taken in once.")
    var reference: String?

    func execute() throws {
        guard let kind = Collect.Source(parsing: source) else {
            throw ShishiError(
                .collectBadSuggestion, zh: "“\(source)”不是来源：请写 deputy、public、department、hotline 或 carried-over（代表、群众、部门、12345、结转）。",
                en: "“\(source)” is not a source: write deputy, public, department, hotline or carried-over.")
        }
        let input = Collect.Input(
            reference: reference, title: title, text: text, source: kind, deputies: deputy, proposer: proposer, district: district, category: category,
            received: date ?? Dates.today())
        let added = try Collect.add(input, year: year, in: store.open())
        Console.out(say("已收录建议第 \(added.id!) 号：\(added.title)", "Suggestion \(added.id!) taken in: \(added.title)"))
    }
}

struct CollectImportCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import suggestions (reference,title,text,source,deputies,proposer,district,category,date); a file loads once. 导入建议。",
        discussion: "deputies lists roster ids separated by 、 or ; (proposer first). A bad row refuses the whole file with its line."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Argument(help: "The CSV file.")
    var file: String

    func execute() throws {
        let url = Paths.url(file)
        let outcome = try Collect.importFile(SheetInput.read(url, language: global.lang), source: url.lastPathComponent, year: year, into: store.open())
        Console.out(
            say(
                "已导入 \(url.lastPathComponent)：新增建议 \(outcome.added) 条，已收录的 \(outcome.skipped) 条未重复导入。",
                "Imported \(url.lastPathComponent): \(outcome.added, noun: "suggestion") added, \(outcome.skipped) already in (not taken twice)."))
    }
}

struct CollectFromHotlineCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "from-hotline",
        abstract:
            "The year's most frequent 12345 complaint topics (categories, and --keywords topics), with their counts; --into takes them in as suggestions. 热线高频诉求。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The year of the complaints, e.g. 2027.")
    var year: Int

    @Option(help: "How many categories.")
    var top = 20

    @Option(help: "Take the topics in as suggestions to this year's call (e.g. 2028).")
    var into: Int?

    @Option(help: "A keywords file (topic,keyword): complaints mentioning a keyword count for its topic too.")
    var keywords: String?

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let workspace = try store.open()
        let rules = try keywords.map { path in try Collect.topicKeywords(FileAccess.read(Paths.url(path)), source: Paths.url(path).lastPathComponent) } ?? []
        let topics = try Collect.hotlineTopics(year: year, top: top, keywords: rules, in: workspace)
        if json {
            try Console.json(topics)
        } else {
            Console.out(say("\(year) 年 12345 热线工单最多的类别：", "The categories with most 12345 complaints in \(year):"))
            if topics.isEmpty { Console.out(say("  （这一年没有工单）", "  (no complaints that year)")) }
            for (index, topic) in topics.enumerated() {
                let words =
                    topic.keywords.isEmpty
                    ? "" : say("  （关键词：\(topic.keywords.joined(separator: "、"))）", "  (keywords: \(topic.keywords.joined(separator: ", ")))")
                Console.out("  \(index + 1). \(topic.topic)  \(String(repeating: "▇", count: min(topic.complaints, 40))) \(topic.complaints)\(words)")
            }
        }
        if let into {
            let outcome = try Collect.takeInHotlineTopics(year: year, top: top, keywords: rules, call: into, received: Dates.today(), in: workspace)
            Console.error(
                say(
                    "已作为热线建议收录 \(outcome.added) 条，已收录的 \(outcome.skipped) 条未重复收录。",
                    "Taken in as hotline suggestions: \(outcome.added); \(outcome.skipped) already in (not taken twice)."))
        }
    }
}

struct CollectListCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The call's suggestions, and how many from each source. 建议清单。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let workspace = try store.open()
        let call = try Collect.call(year: year, in: workspace)
        let listed = try Collect.suggestions(year: year, in: workspace)
        if json {
            try Console.json(listed)
            return
        }
        Console.out(
            say(
                "\(call.year) 年征集（截至 \(call.until)）：建议 \(listed.count) 条",
                "The call for \(call.year) (until \(call.until)): \(listed.count, noun: "suggestion")"))
        for source in Collect.Source.allCases {
            let count = listed.filter { $0.suggestion.source == source.rawValue }.count
            guard count > 0 else { continue }
            Console.out("  \(source.title(global.lang))  \(String(repeating: "▇", count: min(count, 40))) \(count)")
        }
        for item in listed {
            let s = item.suggestion
            let deputies = item.deputies.map { $0.cosigner ? $0.name : "\($0.name)（\(say("领衔", "lead"))）" }.joined(separator: say("、", ", "))
            let by = deputies.isEmpty ? (s.proposer ?? "") : deputies
            let answer =
                s.draftProjectId.map { say("  → 草案 \($0)", "  → draft \($0)") }
                ?? s.declinedReason.map { say("  ✗ 不予采纳：\($0)", "  ✗ declined: \($0)") } ?? ""
            Console.out(
                "  #\(s.id!)  \(s.title)  [\(Collect.Source(rawValue: s.source)?.title(global.lang) ?? s.source)]\(by.isEmpty ? "" : "  \(by)")  \(s.received)\(answer)"
            )
        }
    }
}
