import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct DemoCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk through the bundled example vote in ballots/example: what it is, and every file checked. 演示。"
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The vote folder to walk through (default: ballots/example of this repository).")
    var vote: String?

    func execute() throws {
        let folder = try vote.map(Paths.url) ?? Self.findExample()
        let L = global.lang
        Console.out(
            say("实事 shishi：民生实事项目代表票决。以下把一次投票的全部文件走一遍。", "shishi (实事): the deputies' vote on livelihood projects. A walk through every file of one vote."))
        Console.out(say("投票目录：\(folder.path)\n", "Vote folder: \(folder.path)\n"))

        Console.out(say("一、这次投票（manifest.json，秘书处签名已核验，代表名单哈希一致）", "1. The vote (manifest.json: secretariat signature checked, roster hash matches)"))
        let opened = try VoteFolder(url: folder).open()
        VoteDescription.lines(opened, language: L).forEach { Console.out("  " + $0) }

        Console.out(say("\n二、逐一核验每个文件", "\n2. Every file checked"))
        let audit = try BoxAudit.run(opened) { done, total in
            Console.progress(Text("  核验电子选票 \(done)/\(total)", "  checking electronic ballots \(done)/\(total)")(L), done: done == total)
        }
        if let seal = audit.seal {
            Console.out(
                say(
                    "  签到日志（issuance.json）：登记员签名、哈希链有效。代表 \(seal.deputies) 名，出席 \(seal.present) 名：电子凭证 \(seal.credentials) 份，纸质选票 \(seal.paper) 张。",
                    "  Issuance log (issuance.json): registrar signature and hash chain valid. \(seal.deputies, noun: "deputy"), \(seal.present) present: \(seal.credentials, noun: "electronic credential"), \(seal.paper, noun: "paper ballot")."
                ))
            let quorum = opened.manifest.rules.quorum
            let met = Attendance(seal: seal, vote: opened).quorumMet
            Console.out(
                say(
                    "  出席 \(seal.present)/\(seal.deputies)：\(met ? "超过" : "未超过")全体代表的 \(quorum)，\(met ? "可以" : "不能")进行表决。",
                    "  Present \(seal.present)/\(seal.deputies): \(met ? "more" : "not more") than \(quorum) of all deputies, so the vote \(met ? "may" : "may not") be held."
                ))
        } else if let problem = audit.sealProblem {
            Console.out(say("  签到日志：有问题：\(problem.zh)", "  Issuance log: problem: \(problem.en)"))
        }
        Console.out(
            say(
                "  电子选票（box/）：\(audit.ballots.count) 张，逐张核验登记员盲签名与选票签名：有效 \(audit.count(.valid)) 张，废票 \(audit.count(.invalid)) 张，拒收 \(audit.count(.rejected)) 张。",
                "  Electronic ballots (box/): \(audit.ballots.count), each checked for the registrar's blind signature and the ballot signature: \(audit.count(.valid)) valid, \(audit.count(.invalid)) invalid, \(audit.count(.rejected)) rejected."
            ))
        for entry in audit.ballots where entry.verdict.status != .valid {
            Console.out("    \(entry.file): \(entry.verdict.reason?(L) ?? "")")
        }
        for group in audit.duplicateCredentials {
            Console.out(
                say(
                    "    同一凭证投了多张票，均暂不计入，交监票人复核：\(group.joined(separator: "、"))",
                    "    One credential used for several ballots, all set aside for the scrutineers: \(group.joined(separator: ", "))"))
        }
        for entry in audit.paper {
            if let batch = entry.batch {
                let over = batch.invalidBallots(in: opened.manifest).count
                let blank = batch.ballots.filter(\.isBlank).count
                Console.out(
                    say(
                        "  纸质票箱 \(batch.box)（\(entry.file)）：计票人 \(batch.enteredBy) 签名有效\(entry.scrutineers.isEmpty ? "" : "，监票人 \(entry.scrutineers.joined(separator: "、")) 会签")；发出 \(batch.issued) 张，收回 \(batch.takenOut) 张；其中多选废票 \(over) 张、空白票 \(blank) 张（空白票按弃权计，是有效票）。",
                        "  Paper box \(batch.box) (\(entry.file)): counter \(batch.enteredBy)'s signature valid\(entry.scrutineers.isEmpty ? "" : ", countersigned by \(entry.scrutineers.joined(separator: ", "))"); \(batch.issued) issued, \(batch.takenOut) taken out; \(over) over-marked (invalid), \(blank) blank (valid: all abstentions)."
                    ))
            } else {
                Console.out(say("  纸质票箱 \(entry.file)：有问题：\(entry.problem?.zh ?? "")", "  Paper box \(entry.file): problem: \(entry.problem?.en ?? "")"))
            }
        }
        let returned = audit.ballots.count + audit.paperBallots
        let issued = audit.seal.map { $0.present } ?? 0
        let within = Attendance.returnedWithinIssued(returned: returned, issued: issued)
        Console.out(
            say(
                "  收回选票共 \(returned) 张（电子 \(audit.ballots.count) + 纸质 \(audit.paperBallots)），发出 \(issued) 张：\(within ? "收回不多于发出，有效" : "收回多于发出，本轮无效")。",
                "  Ballots returned: \(returned) (\(audit.ballots.count) electronic + \(audit.paperBallots) paper) for \(issued) issued: \(within ? "no more returned than issued, as required" : "more returned than issued: the round is void")."
            ))
        Console.out(
            say(
                audit.allAuthentic ? "\n结论：所有文件均通过核验，未发现被改动或伪造的文件。" : "\n结论：有文件未通过核验，见上。",
                audit.allAuthentic
                    ? "\nVerdict: every file checks out; nothing altered or forged was found." : "\nVerdict: some files failed their checks; see above."))

        let report = try countAndVerify(opened, language: L)

        Console.out(say("\n四、接下来可以看", "\n4. Where to look next"))
        if let report {
            Console.out(
                say("  计票报告（图表、编号检查、复核清单，可直接打印）：\(report.path)", "  The count report (chart, numbered checks, review queue; prints on A4): \(report.path)"))
        }
        if let sample = audit.ballots.first(where: { !$0.file.hasPrefix("box.jsonl:") }) {
            Console.out(say("  一张选票（用文字显示并核验）：", "  One ballot, in words and checked:"))
            Console.out("    swift run shishi ballot show \(folder.path)/box/\(sample.file)\(Text("", " --lang en")(L))")
            Console.out(say("  这张选票是否计入（包含证明）：", "  Whether that ballot was counted (inclusion proof):"))
            Console.out("    swift run shishi receipt \(folder.path) \(sample.file.prefix(12))\(Text("", " --lang en")(L))")
        }
        if let box = audit.paper.first {
            Console.out(say("  一个纸质票箱：", "  A paper box:"))
            Console.out("    swift run shishi ballot show \(folder.path)/paper/\(box.file)\(Text("", " --lang en")(L))")
        }
        Console.out(say("  像监票人一样核验：swift run shishi verify \(folder.path)", "  Verify as an official would: swift run shishi verify \(folder.path)"))
        Console.out(
            say(
                "  自己模拟一次投票：swift run shishi simulate /tmp/my-vote --seed 1 --paper 20 --over-marked 2 --blank 1",
                "  Simulate a vote of your own: swift run shishi simulate /tmp/my-vote --seed 1 --paper 20 --over-marked 2 --blank 1"))
        Console.out(say("  当选之后的一年（督办、测评、回头看、年度报告）：", "  The year after the vote (tracking, evaluation, look-back, the year report):"))
        Console.out(
            "    swift run shishi workspace init /tmp/shishi.sqlite && swift run shishi projects adopt --result \(folder.path) --workspace /tmp/shishi.sqlite")
        Console.out("    swift run shishi simulate /tmp/my-evaluation --style rating --deputies 29 --present 27 --candidates 10")
        Console.out(
            say(
                "  文件格式与规则：docs/ballot-format.md、docs/tally.md、docs/follow-up.md",
                "  File formats and rules: docs/ballot-format.md, docs/tally.md, docs/follow-up.md"))
        if !audit.allAuthentic { throw ExitCode(1) }
    }

    /// Part 3: on a copy of the folder, verify the published result, recount and write the texts and
    /// the report, and verify again. Returns the report's location, or `nil` when there is no result.
    func countAndVerify(_ vote: Vote, language L: Language) throws -> URL? {
        Console.out(say("\n三、计票与核验（在临时副本上进行，示例目录不变）", "\n3. Count and verify (on a temporary copy; the example stays as it is)"))
        guard ResultFile(vote: vote).exists else {
            Console.out(say("  此投票目录还没有计票结果：用 shishi tally 计票。", "  This folder has no result yet: count it with shishi tally."))
            return nil
        }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-demo-\(UUID().uuidString.prefix(8))").appendingPathComponent(
            vote.folder.url.lastPathComponent)
        try FileAccess.makeDirectory(copy.deletingLastPathComponent())
        do {
            try FileManager.default.copyItem(at: vote.folder.url, to: copy)
        } catch {
            throw ShishiError(.fileUnwritable, zh: "无法复制到 \(copy.path)。", en: "Cannot copy to \(copy.path).")
        }
        let working = try VoteFolder(url: copy).open()
        let first = try Verification.run(working, previous: nil)
        Console.out(
            say(
                "  核验公布的结果（18 项编号检查）：\(first.passed ? "全部通过" : "有未通过的检查")；监票人签名：\(first.signers.joined(separator: "、"))。",
                "  Verifying the published result (18 numbered checks): \(first.passed ? "all pass" : "some fail"); signed by \(first.signers.joined(separator: ", "))."
            ))
        // The same publication `shishi tally` makes: a recount that must match, then the texts.
        let matches: Bool
        do {
            _ = try Publication(vote: working).publish(previous: nil, language: L, now: Date())
            matches = true
        } catch let error as ShishiError where error.code == .tallyChanged {
            matches = false
        }
        let (_, published) = try ResultFile(vote: working).read()
        Console.out(
            say(
                "  重新计票：与公布的结果\(matches ? "一致" : "不一致")。宣布稿如下：\n",
                "  Recount: \(matches ? "matches" : "does NOT match") the published result. The announcement:\n"))
        Announcement.text(published, vote: working, language: L).split(separator: "\n", omittingEmptySubsequences: false).forEach { Console.out("    " + $0) }
        let report = Publication(vote: working).reportURL
        let again = try Verification.run(working, previous: nil)
        Console.out(say("  再次核验：\(again.passed ? "全部通过" : "有未通过的检查")。", "  Verifying again: \(again.passed ? "all pass" : "some fail")."))
        if !(first.passed && matches && again.passed) { throw ExitCode(1) }
        return report
    }

    /// `ballots/example` in the working directory or one of its parents, else the copy an installed
    /// package keeps beside the binary's tree (`/usr/lib/shishi/shishi` → `/usr/share/shishi/example`).
    static func findExample() throws -> URL {
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("ballots").appendingPathComponent("example")
            if VoteFolder(url: candidate).holdsVote { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let installed = Bundle.main.bundleURL.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/shishi/example")
        if VoteFolder(url: installed).holdsVote { return installed }
        throw ShishiError(
            .demoNoExample,
            zh: "找不到示例投票 ballots/example：请在 shishi 仓库目录中运行（安装的软件包在 /usr/share/shishi/example），或用 --vote 指定一个投票目录。",
            en:
                "Cannot find the example vote ballots/example: run from the shishi repository (an installed package keeps it in /usr/share/shishi/example), or name a vote folder with --vote."
        )
    }
}
