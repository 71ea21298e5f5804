import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct CollectMergeCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge suggestions about the same thing into one draft project, each kept as evidence. 合并为草案项目。",
        discussion: "shishi collect merge 12 17 31 --title \"…\" makes a new draft; --into 4 adds them to draft 4. One suggestion alone may become a draft."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Argument(help: "The suggestions' numbers.")
    var suggestions: [Int64] = []

    @Option(help: "The draft's title (required for a new draft; renames an existing one).")
    var title: String?

    @Option(help: "What the draft project would do.")
    var text: String?

    @Option(help: "Add to this existing draft instead of making a new one.")
    var into: Int64?

    func execute() throws {
        let draft = try Collect.merge(suggestions, title: title, text: text, into: into, year: year, in: store.open())
        let numbers = suggestions.map { "#\($0)" }.joined(separator: " ")
        Console.out(
            say(
                "建议 \(numbers) 已并入草案第 \(draft.id!) 号：\(draft.title)", "Suggestions \(numbers) merged into draft \(draft.id!): \(draft.title)"))
    }
}

struct CollectDeclineCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline", abstract: "Decline a suggestion with a reason its proposer sees; it stays on record. 不予采纳。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Argument(help: "The suggestion's number.")
    var suggestion: Int64

    @Option(help: "Why (the proposer sees it).")
    var reason: String

    func execute() throws {
        let declined = try Collect.decline(suggestion, reason: reason, year: year, in: store.open())
        Console.out(say("第 \(suggestion) 号建议不予采纳：\(declined.declinedReason ?? "")", "Suggestion \(suggestion) declined: \(declined.declinedReason ?? "")"))
    }
}
