import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct VerifyCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recount from the files alone and check result.json and its signatures: the official's tool. 核验。",
        discussion: "Prints every numbered check. Exit 0 only when all pass."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @OptionGroup var previous: PreviousRoundOption

    @Flag(help: "Print the checks as JSON.")
    var json = false

    func execute() throws {
        let vote = try folder.open()
        let lang = global.lang
        let verification = try Verification.run(vote, previous: previous.result()) { done, total in
            Console.progress(Text("重新核验选票 \(done)/\(total)", "rechecking ballots \(done)/\(total)")(lang), done: done == total)
        }
        if json {
            try Console.json(VerificationReport(passed: verification.passed, signers: verification.signers, checks: verification.checks))
        } else {
            Console.out(
                say(
                    "核验 \(vote.folder.url.path)（\(vote.manifest.title)，第 \(vote.manifest.round) 轮）：",
                    "Verifying \(vote.folder.url.path) (\(vote.manifest.title), round \(vote.manifest.round)):"))
            printChecks(verification.checks, language: lang)
            Console.out(
                verification.passed
                    ? say("结论：全部检查通过，公布的结果与重新计票一致。", "Verdict: every check passes; the published result matches the recount.")
                    : say("结论：有检查未通过，见上。", "Verdict: some checks failed; see above."))
        }
        if !verification.passed { throw ExitCode(1) }
    }
}

/// The JSON form of a verification.
struct VerificationReport: Encodable {
    var passed: Bool
    var signers: [String]
    var checks: [CheckOutcome]
}
