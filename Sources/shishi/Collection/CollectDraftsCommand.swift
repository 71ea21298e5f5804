import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct CollectDraftsCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "drafts",
        abstract: "The draft projects: what stands behind each (suggestions, deputies, complaints, sources), screening, shortlist, comments. 草案项目。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let drafts = try Collect.drafts(year: year, in: store.open())
        if json {
            try Console.json(drafts)
            return
        }
        Console.out(say("\(year) 年草案项目 \(drafts.count) 个", "Draft projects for \(year): \(drafts.count)"))
        for draft in drafts {
            Console.out("")
            Console.out(Self.lines(draft, language: global.lang).joined(separator: "\n"))
        }
    }

    /// A draft in a few lines: title, support, screening, shortlist and comments.
    static func lines(_ draft: Draft, language: Language) -> [String] {
        let say = { (zh: String, en: String) in Text(zh, en)(language) }
        let support = draft.support
        let sources = Collect.Source.allCases.compactMap { source in
            support.sources[source.rawValue].map { "\(source.title(language)) \($0)" }
        }.joined(separator: say("、", ", "))
        var lines = [
            "#\(draft.draft.id!)  \(draft.draft.title)",
            say(
                "  建议 \(support.suggestions) 条（\(sources)），代表 \(support.deputies) 人，热线工单 \(support.complaints) 件；建议编号 \(draft.suggestions.map { "#\($0.suggestion.id!)" }.joined(separator: " "))",
                "  \(support.suggestions, noun: "suggestion") (\(sources)), \(support.deputies, noun: "deputy"), \(support.complaints) hotline complaints; suggestions \(draft.suggestions.map { "#\($0.suggestion.id!)" }.joined(separator: " "))"
            ),
        ]
        if let screening = draft.screening {
            let cost = screening.cost.flatMap(Amount.init(parsing:))?.grouped ?? ""
            lines.append(
                screening.passed
                    ? say(
                        "  初审通过：\(screening.department ?? "")，估算 \(cost)\(screening.benefit.map { "，受益 \($0)" } ?? "")",
                        "  passed screening: \(screening.department ?? ""), estimated \(cost)\(screening.benefit.map { ", benefit \($0)" } ?? "")")
                    : say("  初审未通过：\(screening.reason ?? "")", "  did not pass screening: \(screening.reason ?? "")"))
        } else {
            lines.append(say("  尚未初审", "  not screened yet"))
        }
        if let entry = draft.shortlist {
            let c = draft.comments
            lines.append(
                say(
                    "  清单第 \(entry.position) 位；意见：支持 \(c.support)，反对 \(c.oppose)，其他 \(c.opinion)（截至 \(entry.commentsUntil)）",
                    "  shortlist place \(entry.position); comments: \(c.support) for, \(c.oppose) against, \(c.opinion) other (until \(entry.commentsUntil))"))
        }
        return lines
    }
}
