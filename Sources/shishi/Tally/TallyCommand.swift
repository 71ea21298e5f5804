import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct TallyCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Check every file and count the round: write result.json, the announcement, the notice and report.html. 计票。",
        discussion: """
            Exit status: 0 when the round was counted (even with no project adopted); 3 when it was not \
            (no quorum, or more ballots returned than issued: the round must be held again); 1 when the \
            folder cannot be counted (the message says why). Running it again on a counted folder \
            recounts, and rewrites the announcement, notice and report only if the recount matches.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @OptionGroup var previous: PreviousRoundOption

    @Option(name: .customLong("notice-number"), help: "The number of the public notice (公告第 N 号).")
    var noticeNumber = 1

    @Flag(help: "Print the result as JSON.")
    var json = false

    func execute() throws {
        let vote = try folder.open()
        let lang = global.lang
        let published = try Publication(vote: vote).publish(
            previous: previous.result(), noticeNumber: noticeNumber, language: lang, now: Date(), logger: Log.logger
        ) { done, total in
            Console.progress(Text("核验选票 \(done)/\(total)", "checking ballots \(done)/\(total)")(lang), done: done == total)
        }
        let result = published.result
        if published.alreadyCounted {
            Console.error(
                say(
                    "本轮已计过票，重新计票与 result.json 一致；重写宣布稿、公告和报告。",
                    "Already counted and the recount matches result.json; rewriting the announcement, notice and report."))
        }
        let written = vote.folder.url.path
        if json {
            try Console.json(result)
        } else {
            Console.out(Announcement.text(result, vote: vote, language: lang))
            Console.out(say("检查：", "Checks:"))
            printChecks(result.checks, language: lang)
            if !result.review.isEmpty {
                Console.out(say("复核清单（\(result.review.count) 项，见 report.html）：", "Review queue (\(result.review.count), see report.html):"))
                for item in result.review.prefix(20) {
                    Console.out("  \(item.status.title(lang)) \(item.file)\(item.serial.map { " #\($0)" } ?? "")\(lang.colon)\(item.reason(lang))")
                }
            }
            Console.out(
                say(
                    "\n写入：\(written)/result.json、announcement.txt、notice.txt、report.html",
                    "\nWritten: \(written)/result.json, announcement.txt, notice.txt, report.html"))
            // The next step as the result stands: countersigned already, or still to be.
            Console.out(
                published.signers.isEmpty
                    ? say(
                        "下一步：监票人会签 shishi result sign \(folder.dir) --key 监票人.key；任何人可核验 shishi verify \(folder.dir)",
                        "Next: scrutineers countersign with shishi result sign \(folder.dir) --key scrutineer.key; anyone can check with shishi verify \(folder.dir)"
                    )
                    : say(
                        "已由监票人会签（\(published.signers.joined(separator: "、"))）；任何人可核验 shishi verify \(folder.dir)",
                        "Countersigned by \(published.signers.joined(separator: ", ")); anyone can check with shishi verify \(folder.dir)"))
        }
        if result.outcome != .counted { throw ExitCode(3) }
    }
}
