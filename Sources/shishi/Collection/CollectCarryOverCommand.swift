import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct CollectCarryOverCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "carry-over",
        abstract: "Take in last year's projects graded 不满意 or not completed, marked as carried over; each comes in once. 上年结转。",
        discussion: "collect open does this by itself; run it again once last year's evaluation is in or the year is over."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year (projects of the year before are looked at).")
    var year: Int

    @Option(help: "The day completion is judged on (YYYY-MM-DD; default: today).")
    var today: String?

    func execute() throws {
        let workspace = try store.open()
        let carried = try Collect.carryOver(year: year, today: today ?? Dates.today(), in: workspace)
        // Carried already (by collect open, or an earlier run): said so, not "none to carry".
        let earlier =
            try Collect.suggestions(year: year, in: workspace).filter { $0.suggestion.source == Collect.Source.carriedOver.rawValue }.count - carried.count
        Self.present(carried, year: year, earlier: earlier, language: global.lang)
    }

    /// Says which projects of the year before came in, and how many had come in before.
    static func present(_ carried: [SuggestionRecord], year: Int, earlier: Int = 0, language: Language) {
        let say = { (zh: String, en: String) in Text(zh, en)(language) }
        if carried.isEmpty, earlier > 0 {
            Console.out(
                say(
                    "\(year - 1) 年的项目已结转过 \(earlier) 项（collect open 或先前的结转），这次没有新的；shishi collect list --year \(year) 列出它们。",
                    "Of \(year - 1)'s projects, \(earlier, verb: "were") carried over already (by collect open or an earlier run); none is new. shishi collect list --year \(year) lists them."
                ))
            return
        }
        if carried.isEmpty {
            Console.out(say("\(year - 1) 年没有需要结转的项目（测评不满意或未完成）。", "No project of \(year - 1) to carry over (graded unsatisfied or not completed)."))
            return
        }
        Console.out(say("\(year - 1) 年结转为建议 \(carried.count) 项：", "Carried over from \(year - 1) as suggestions: \(carried.count)"))
        for suggestion in carried {
            Console.out("  #\(suggestion.id!)  \(suggestion.title)  \(suggestion.proposer ?? "")")
        }
    }
}
