import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct CollectShortlistCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist",
        abstract: "Publish the drafts that passed screening for comment, most support first. 公布草案清单征求意见。",
        discussion:
            "Refused while a suggestion is neither merged nor declined or a draft is not screened, and unless more drafts passed screening than there are seats (the vote is differential). Published once; drafts no longer change after."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Option(help: "The last day comments are taken (YYYY-MM-DD).")
    var commentsUntil: String

    @Option(help: "The seats the vote will fill, set now (default: the call's).")
    var seats: Int?

    func execute() throws {
        let listed = try Collect.publishShortlist(year: year, commentsUntil: commentsUntil, seats: seats, in: store.open())
        Console.out(
            say(
                "已公布 \(year) 年草案清单 \(listed.count) 项，征求意见至 \(commentsUntil)：",
                "Published the shortlist for \(year): \(listed.count, noun: "draft"), comments until \(commentsUntil):"))
        for draft in listed {
            Console.out("  \(draft.shortlist!.position). #\(draft.draft.id!)  \(draft.draft.title)")
        }
    }
}

struct CollectCommentCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment", abstract: "Take in a comment on a shortlisted draft (letter, phone, meeting): for, against or an opinion. 收录意见。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Argument(help: "The draft's number.")
    var draft: Int64

    @Option(help: "support, oppose or opinion (支持, 反对, 意见).")
    var stance: String

    @Option(help: "What it says.")
    var text = ""

    @Option(help: "The date received (YYYY-MM-DD; default: today).")
    var date: String?

    func execute() throws {
        guard let kind = Collect.Stance(parsing: stance) else {
            throw ShishiError(
                .collectBadComment, zh: "“\(stance)”不是态度：请写 support、oppose 或 opinion（支持、反对、意见）。",
                en: "“\(stance)” is not a stance: write support, oppose or opinion.")
        }
        let comment = try Collect.comment(on: draft, stance: kind, text: text, received: date ?? Dates.today(), year: year, in: store.open())
        Console.out(say("已收录对草案第 \(draft) 号的意见（\(kind.title.zh)），编号 \(comment.id!)。", "Comment \(comment.id!) on draft \(draft) taken in (\(kind.title.en))."))
    }
}
