import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct VerifyCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recount from the files alone and check result.json and its signatures: the official's tool. 核验。",
        discussion: """
            Prints every numbered check and a verdict. Exit status: 0 every check passes (the result is \
            countersigned); 1 the count's checks record problems (rejected or set-aside ballots, no quorum, \
            a void round) or the folder cannot be read; 2 the result does not match the files, or a \
            signature on it is invalid (changed or forged), or a signed file changed so that no recount \
            can run; 3 the result matches but no scrutineer has signed yet; 4 a public copy without the \
            ballots' marks (shishi result archive) agrees in everything it holds, and the ballots' own checks \
            need the full folder, which the scrutineers hold.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @OptionGroup var previous: PreviousRoundOption

    @Flag(help: "Print the checks as JSON.")
    var json = false

    func execute() throws {
        let lang = global.lang
        let opened = VoteFolder(url: folder.url)
        let (vote, verification) = try Verification.run(folder: opened, previous: previous.result) { done, total in
            Console.progress(Text("重新核验选票 \(done)/\(total)", "rechecking ballots \(done)/\(total)")(lang), done: done == total)
        }
        if json {
            try Console.json(
                VerificationReport(
                    passed: verification.passed, verdict: verification.verdict, signers: verification.signers, checks: verification.checks,
                    needsFullFolder: verification.isPublicCopy ? verification.needsFullFolder : nil,
                    budget: verification.recount?.allocation?.budget, budgetUsed: verification.recount?.allocation?.budgetUsed,
                    budgetLeft: verification.recount?.allocation?.budgetLeft))
        } else {
            Console.out(
                say(
                    vote.map { "核验 \($0.folder.url.path)（\($0.manifest.title)，第 \($0.manifest.round) 轮）：" } ?? "核验 \(opened.url.path)：",
                    vote.map { "Verifying \($0.folder.url.path) (\($0.manifest.title), round \($0.manifest.round)):" } ?? "Verifying \(opened.url.path):"))
            if verification.isPublicCopy {
                Console.out(
                    say(
                        "  这是公开副本：投票只公开计票结果，选票内容不在其中。检查 6–15 需要逐张选票，下面列出公布的结论，未重新核验。",
                        "  This is a public copy: the vote publishes the count only, and no ballot's marks are in it. Checks 6–15 need the ballots: their published outcomes are listed, not rechecked."
                    ))
            }
            printChecks(verification.checks, notRechecked: verification.needsFullFolder, language: lang)
            if let allocation = verification.recount?.allocation, let budget = Announcement.budgetText(allocation) {
                Console.out(say("重新计票：", "The recount: ") + budget(lang))
            }
            Console.out(say("结论：", "Verdict: ") + verification.verdict.title(lang))
        }
        let status = verification.verdict.exitStatus
        if status != 0 { throw ExitCode(status) }
    }
}

/// The JSON form of a verification.
struct VerificationReport: Encodable {
    var passed: Bool
    var verdict: Verification.Verdict
    var signers: [String]
    var checks: [CheckOutcome]
    /// On a public copy: the published outcomes of the checks that need the ballots (not rechecked).
    var needsFullFolder: [CheckOutcome]?
    /// The budget, what the recount's adopted projects cost, and what is left (votes with a budget).
    var budget: Amount?
    var budgetUsed: Amount?
    var budgetLeft: Amount?
}
