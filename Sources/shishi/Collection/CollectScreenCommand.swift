import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// yes / no on the command line, in English or Chinese.
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no

    init?(argument: String) {
        switch argument.lowercased() {
        case "yes", "y", "是", "可行", "能": self = .yes
        case "no", "n", "否", "不可行", "不能": self = .no
        default: return nil
        }
    }

    var bool: Bool { self == .yes }
}

struct CollectScreenCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Record the government's screening of a draft project: passed, or not with the reason. 初审。",
        discussion: "The latest screening of a draft stands; every one is kept. A pass needs --department, --cost, feasible and finishable this year."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Argument(help: "The draft's number.")
    var draft: Int64

    @Option(help: "The responsible department proposed.")
    var department: String?

    @Option(help: "The estimated cost (e.g. 1200 or 35.5, in the unit the vote will use).")
    var cost: String?

    @Option(help: "Is it feasible? yes or no.")
    var feasible: YesNo

    @Option(name: .customLong("this-year"), help: "Can it be finished within the year? yes or no.")
    var thisYear: YesNo

    @Option(help: "The breadth of benefit (population, districts).")
    var benefit: String?

    @Option(help: "A note.")
    var note: String?

    @Flag(exclusivity: .exclusive, help: "The verdict: give one of --pass and --fail.")
    var verdict: Verdict?

    @Option(help: "Why it does not pass (required with --fail).")
    var reason: String?

    enum Verdict: String, EnumerableFlag {
        case pass, fail
    }

    func validate() throws {
        guard verdict != nil else { throw ValidationError(global.lang, "请写明 --pass（通过）或 --fail（不通过）。", "Give --pass or --fail.") }
    }

    func execute() throws {
        guard let verdict else { return }
        let amount = try cost.map { try Amount(cost: $0) }
        let screening = Collect.Screening(
            department: department, cost: amount, feasible: feasible.bool, finishable: thisYear.bool, benefit: benefit, note: note,
            passed: verdict == .pass, reason: reason)
        try Collect.screen(draft, screening, year: year, in: store.open())
        Console.out(
            verdict == .pass
                ? say(
                    "草案第 \(draft) 号通过初审：\(department ?? "")，估算 \(amount?.grouped ?? "")。",
                    "Draft \(draft) passed screening: \(department ?? ""), estimated \(amount?.grouped ?? "").")
                : say("草案第 \(draft) 号未通过初审：\(reason ?? "")", "Draft \(draft) did not pass screening: \(reason ?? "")"))
    }
}
