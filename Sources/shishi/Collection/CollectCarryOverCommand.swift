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
        let carried = try Collect.carryOver(year: year, today: today ?? Dates.today(), in: store.open())
        Self.present(carried, year: year, language: global.lang)
    }

    /// Says which projects of the year before came in.
    static func present(_ carried: [SuggestionRecord], year: Int, language: Language) {
        let say = { (zh: String, en: String) in Text(zh, en)(language) }
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
