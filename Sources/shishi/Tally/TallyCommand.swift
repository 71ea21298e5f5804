import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

/// Opens the previous round's result named by `--previous`.
func previousResult(_ path: String?) throws -> TallyResult? {
    guard let path else { return nil }
    let vote = try VoteFolder(url: Paths.url(path)).open()
    return try ResultFile(vote: vote).read().result
}

/// Prints the numbered checks, one line each.
func printChecks(_ checks: [CheckOutcome], language L: Language) {
    for check in checks {
        let mark = check.passed ? Text("通过", "pass") : Text("未通过", "FAIL")
        let counts = check.checked > 1 || check.failed > 0 ? Text("（\(check.checked) 项，\(check.failed) 项未通过）", " (\(check.checked) checked, \(check.failed) failed)")(L) : ""
        Console.out("  \(String(format: "%2d", check.number)). [\(mark(L))] \(check.check?.title(L) ?? check.name)\(counts)\(L == .zh ? "：" : ": ")\(check.detail(L))")
    }
}

struct TallyCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Check every file and count the round: write result.json, the announcement, the notice and report.html. 计票。",
        discussion: """
            Exit status: 0 when the round was counted (even with no project adopted); 3 when it was not
            (no quorum, or more ballots returned than issued: the round must be held again); 1 when the
            folder cannot be counted (the message says why). Running it again on a counted folder
            recounts, and rewrites the announcement, notice and report only if the recount matches.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The vote folder.")
    var dir: String

    @Option(help: "The previous round's folder, for a run-off or second round.")
    var previous: String?

    @Option(name: .customLong("notice-number"), help: "The number of the public notice (公告第 N 号).")
    var noticeNumber = 1

    @Flag(help: "Print the result as JSON.")
    var json = false

    func execute() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        Log.logger.debug("vote opened: manifest and roster checked", metadata: ["elapsed": "\(clock.now - started)"])
        let lang = global.lang
        let run = try Tally(vote: vote).run(previous: previousResult(previous), now: Date()) { done, total in
            Console.progress(Text("核验选票 \(done)/\(total)", "checking ballots \(done)/\(total)")(lang), done: done == total)
        }
        let file = ResultFile(vote: vote)
        var result = run.result
        var signers: [String] = []
        if file.exists {
            let (envelope, published) = try file.read()
            guard Verification.differences(published, run.result.stamped(published.countedAt)).isEmpty else {
                throw ShishiError(
                    "tally.changed",
                    zh: "本轮已计过票，但投票目录自那以后有变化：重新计票与 result.json 不符。请运行 shishi verify 查看差异。",
                    en: "This round was counted already, but the folder has changed since: the recount differs from result.json. Run shishi verify to see how."
                )
            }
            result = published
            signers = file.signers(envelope).names
            Console.error(say("本轮已计过票，重新计票与 result.json 一致；重写宣布稿、公告和报告。", "Already counted and the recount matches result.json; rewriting the announcement, notice and report."))
        } else {
            try file.write(run)
            Log.logger.debug("result.json and counted-trackers.txt written", metadata: ["elapsed": "\(clock.now - started)"])
        }
        let folder = vote.folder.url
        try Data(Announcement.text(result, vote: vote, language: lang).utf8).write(to: folder.appendingPathComponent("announcement.txt"))
        try Data(Announcement.notice(result, vote: vote, number: noticeNumber, language: lang).utf8).write(to: folder.appendingPathComponent("notice.txt"))
        try Data(HTMLReport.page(result, vote: vote, signers: signers, language: lang).utf8).write(to: folder.appendingPathComponent("report.html"))
        if json {
            try Console.json(result)
        } else {
            Console.out(Announcement.text(result, vote: vote, language: lang))
            Console.out(say("检查：", "Checks:"))
            printChecks(result.checks, language: lang)
            if !result.review.isEmpty {
                Console.out(say("复核清单（\(result.review.count) 项，见 report.html）：", "Review queue (\(result.review.count), see report.html):"))
                for item in result.review.prefix(20) {
                    Console.out("  \(item.status) \(item.file)\(item.serial.map { " #\($0)" } ?? ""): \(item.reason(lang))")
                }
            }
            Console.out(say("\n写入：\(folder.path)/result.json、announcement.txt、notice.txt、report.html", "\nWritten: \(folder.path)/result.json, announcement.txt, notice.txt, report.html"))
            Console.out(say("下一步：监票人会签 shishi result sign \(dir) --key 监票人.key；任何人可核验 shishi verify \(dir)", "Next: scrutineers countersign with shishi result sign \(dir) --key scrutineer.key; anyone can check with shishi verify \(dir)"))
        }
        if result.outcome != .counted { throw ExitCode(3) }
    }
}

struct VerifyCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recount from the files alone and check result.json and its signatures: the official's tool. 核验。",
        discussion: "Prints every numbered check. Exit 0 only when all pass."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The vote folder.")
    var dir: String

    @Option(help: "The previous round's folder, for a run-off or second round.")
    var previous: String?

    @Flag(help: "Print the checks as JSON.")
    var json = false

    func execute() throws {
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        let lang = global.lang
        let verification = try Verification.run(vote, previous: previousResult(previous)) { done, total in
            Console.progress(Text("重新核验选票 \(done)/\(total)", "rechecking ballots \(done)/\(total)")(lang), done: done == total)
        }
        if json {
            try Console.json(VerificationReport(passed: verification.passed, signers: verification.signers, checks: verification.checks))
        } else {
            Console.out(say("核验 \(vote.folder.url.path)（\(vote.manifest.title)，第 \(vote.manifest.round) 轮）：", "Verifying \(vote.folder.url.path) (\(vote.manifest.title), round \(vote.manifest.round)):"))
            printChecks(verification.checks, language: lang)
            Console.out(verification.passed
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

struct ResultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "result",
        abstract: "The signed result. 计票结果。",
        subcommands: [ResultSignCommand.self]
    )
}

struct ResultSignCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Countersign result.json as a scrutineer, after checking it against a recount. 监票人会签结果。"
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The vote folder.")
    var dir: String

    @Option(help: "The scrutineer's private key.")
    var key: String

    @Option(help: "The previous round's folder, for a run-off or second round.")
    var previous: String?

    func execute() throws {
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        let scrutineer = try Keys.signing(key)
        // A scrutineer signs only what the files say: recount first.
        let verification = try Verification.run(vote, previous: previousResult(previous))
        guard verification.differences.isEmpty else {
            throw ShishiError(
                "result.mismatch",
                zh: "result.json 与重新计票不符，不能签名：\(verification.differences.map(\.zh).joined(separator: "；"))",
                en: "result.json does not match the recount and cannot be signed: \(verification.differences.map(\.en).joined(separator: "; "))"
            )
        }
        let signers = try ResultFile(vote: vote).sign(with: scrutineer)
        Console.out(say("已会签。result.json 现有监票人签名：\(signers.joined(separator: "、"))", "Countersigned. result.json is now signed by: \(signers.joined(separator: ", "))"))
    }
}

struct ReceiptCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Tell a deputy what became of a ballot, with its inclusion proof. 查询选票是否计入。"
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The vote folder.")
    var dir: String

    @Argument(help: "The tracker printed when the ballot was cast (or its first 8+ hex digits).")
    var tracker: String

    @Flag(help: "Print the receipt as JSON.")
    var json = false

    func execute() throws {
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        let receipt = try Receipt.look(up: tracker, in: vote)
        if json {
            try Console.json(receipt)
        } else {
            switch receipt.status {
            case "counted":
                Console.out(say("已计入：跟踪码 \(receipt.tracker) 是有效票，已计入本轮结果。", "Counted: the ballot with tracker \(receipt.tracker) is valid and counted in this round."))
            case "invalid":
                Console.out(say("已收回但为废票：\(receipt.reason?.zh ?? "")", "Returned but invalid: \(receipt.reason?.en ?? "")"))
            case "set-aside":
                Console.out(say("暂不计入：\(receipt.reason?.zh ?? "")", "Set aside: \(receipt.reason?.en ?? "")"))
            case "rejected":
                Console.out(say("拒收：\(receipt.reason?.zh ?? "")", "Rejected: \(receipt.reason?.en ?? "")"))
            default:
                Console.out(say("没有找到跟踪码为 \(receipt.tracker) 的选票：它不在本轮票箱中。请核对跟踪码，或向监票人报告。", "No ballot with tracker \(receipt.tracker) is in this round's box. Check the tracker, or tell the scrutineers."))
            }
            if let proof = receipt.proof, let index = receipt.index {
                Console.out(say("包含证明（第 \(index + 1)/\(receipt.counted) 张，共 \(proof.count) 步）对公布的票箱摘要 \(receipt.boxDigest)：\(receipt.proofValid == true ? "有效" : "无效")", "Inclusion proof (ballot \(index + 1) of \(receipt.counted), \(proof.count) steps) against the published box digest \(receipt.boxDigest): \(receipt.proofValid == true ? "valid" : "INVALID")"))
                for step in proof { Console.out("  \(step.side == "left" ? "L" : "R") \(step.hash)") }
            }
        }
        if receipt.status == "absent" || receipt.proofValid == false { throw ExitCode(1) }
    }
}

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Rounds of a vote. 轮次。",
        subcommands: [RoundNextCommand.self]
    )
}

struct RoundNextCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Write the next round's vote folder: a run-off among tied candidates or a second round for the remaining seats. 下一轮。"
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The counted round's folder.")
    var dir: String

    @Option(help: "The new round's folder.")
    var out: String

    @Option(help: "The secretariat's private key (signs the new manifest).")
    var key: String

    @Option(help: "The registrar's public signing key.")
    var registrar: String

    @Option(name: .customLong("blind-key"), help: "A fresh registrar RSA blind-signing public key for the new round (secret votes).")
    var blindKey: String?

    func execute() throws {
        let vote = try VoteFolder(url: Paths.url(dir)).open()
        let (_, result) = try ResultFile(vote: vote).read()
        let definition = try NextRound.definition(
            after: result, of: vote, registrar: Keys.signingPublic(registrar).key, blind: blindKey.map(Keys.blindPublic)
        )
        let next = try definition.create(at: Paths.url(out), secretariat: Keys.signing(key), now: Date())
        Console.out(say("已写入第 \(next.manifest.round) 轮：\(Paths.url(out).path)/manifest.json", "Round \(next.manifest.round) written: \(Paths.url(out).path)/manifest.json"))
        VoteDescription.lines(next, language: global.lang).forEach { Console.out("  " + $0) }
        Console.out(say("计票时请加 --previous \(dir)。", "When counting it, add --previous \(dir)."))
    }
}
