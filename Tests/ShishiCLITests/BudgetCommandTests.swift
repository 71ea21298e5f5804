import Foundation
import Testing

/// A 实事 vote with a budget, and a points vote on paper, from the command line.
@Suite struct BudgetCommandTests {
    func setUp(costs: Bool = true) throws -> URL {
        let dir = CLI.temporaryFolder()
        for (name, kind) in [("secretariat", "ed25519"), ("registrar", "ed25519"), ("counter", "ed25519"), ("scrutineer", "ed25519"), ("blind", "rsa-blind")] {
            #expect(try CLI.run(["key", "new", "--suite", kind, "--out", name, "--name", name], in: dir).status == 0)
        }
        try CLI.write(
            costs
                ? "编号,名称,估算金额\n1,老旧小区改造,60\n2,公办幼儿园,50\n3,社区食堂,30\n4,公共厕所,10\n"
                : "编号,名称\n1,老旧小区改造\n2,公办幼儿园\n3,社区食堂\n4,公共厕所\n",
            to: "candidates.csv", in: dir)
        try CLI.write("编号,姓名\nD1,王伟\nD2,李娜\nD3,张敏\nD4,刘洋\nD5,陈静\nD6,杨磊\n", to: "roster.csv", in: dir)
        return dir
    }

    func initVote(_ dir: URL, _ extra: [String]) throws -> CLI.Result {
        try CLI.run(
            [
                "vote", "init", "vote", "--title", "预算票决", "--candidates", "candidates.csv", "--roster", "roster.csv", "--key", "secretariat.key",
                "--registrar", "registrar.pub", "--blind-key", "blind.pub", "--counter", "counter.pub", "--scrutineer", "scrutineer.pub",
            ] + extra, in: dir)
    }

    /// Signs every deputy in on paper, enters `sheet` as box 1 and seals the log.
    func votePaper(_ dir: URL, sheet: String) throws {
        for deputy in 1...6 {
            #expect(try CLI.run(["signin", "vote", "--deputy", "D\(deputy)", "--registrar-key", "registrar.key", "--paper"], in: dir).status == 0)
        }
        try CLI.write(sheet, to: "box-1.csv", in: dir)
        let entered = try CLI.run(
            ["paper", "enter", "vote", "--box", "1", "--file", "box-1.csv", "--issued", "6", "--taken-out", "6", "--key", "counter.key"], in: dir)
        #expect(entered.status == 0, "\(entered.stderr)")
        #expect(try CLI.run(["issuance", "seal", "vote", "--key", "registrar.key"], in: dir).status == 0)
    }

    @Test func aBudgetVoteAdoptsWhatFitsAndEveryOutputSaysWhatIsLeft() throws {
        let dir = try setUp()
        let defined = try initVote(dir, ["--budget", "100", "--max-yes", "2"])
        #expect(defined.status == 0, "\(defined.stderr)")
        #expect(defined.stdout.contains("不限名额；预算 100，候选项目合计 150") && defined.stdout.contains("同意至多 2 项"))
        // 1 has 5 yes and fits (60); 2 has 4, passes, but 50 no longer fits the 40 left; 3 and 4 do not pass.
        try votePaper(dir, sheet: "serial,1,2,3,4\nP1,Y,Y,,\nP2,Y,,Y,\nP3,Y,Y,,\nP4,Y,,Y,\nP5,Y,Y,,\nP6,,Y,,Y\n")
        let tally = try CLI.run(["tally", "vote"], in: dir)
        #expect(tally.status == 0, "\(tally.stderr)")
        #expect(tally.stdout.contains("预算 100，当选项目合计 60，剩余 40。") && tally.stdout.contains("通过，但超出剩余预算"))
        let notice = try String(contentsOf: dir.appendingPathComponent("vote/notice.txt"), encoding: .utf8)
        #expect(notice.contains("剩余 40"))
        let report = try String(contentsOf: dir.appendingPathComponent("vote/report.html"), encoding: .utf8)
        #expect(report.contains("Budget 100") || report.contains("预算 100，当选项目合计 60"))
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("vote/result.json"))) as! [String: Any]
        let payload = try JSONSerialization.jsonObject(with: Data(base64Encoded: result["payload"] as! String)!) as! [String: Any]
        let allocation = payload["allocation"] as! [String: Any]
        #expect(allocation["budget"] as? String == "100" && allocation["budgetUsed"] as? String == "60")
        #expect(try CLI.run(["result", "sign", "vote", "--key", "scrutineer.key"], in: dir).status == 0)
        let verify = try CLI.run(["verify", "vote", "--lang", "en"], in: dir)
        #expect(verify.status == 0 && verify.stdout.contains("The recount: Budget 100: the adopted projects cost 60, 40 is left."), "\(verify.stdout)")
        let json = try CLI.run(["verify", "vote", "--json"], in: dir)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(parsed["budgetLeft"] as? String == "40")
        // With three seats the same count leaves two seats and 40 of money: a second round, among the projects that still fit.
        let seats = try setUp()
        #expect(try initVote(seats, ["--budget", "100", "--seats", "3", "--majority-base", "present"]).status == 0)
        try votePaper(seats, sheet: "serial,1,2,3,4\nP1,Y,Y,,\nP2,Y,,Y,\nP3,Y,Y,,\nP4,Y,,Y,\nP5,Y,Y,,\nP6,,Y,,Y\n")
        let second = try CLI.run(["tally", "vote", "--lang", "en"], in: seats)
        #expect(second.stdout.contains("the budget left, 40, can still hold a project not adopted: a second round"), "\(second.stdout)")
    }

    @Test func wrongBudgetsAreRefusedInOneLine() throws {
        let dir = try setUp()
        let word = try initVote(dir, ["--budget", "a lot", "--seats", "2", "--lang", "en"])
        #expect(word.status == 1 && word.stderr.contains("“a lot” is not a positive amount") && word.stderr.split(separator: "\n").count == 1)
        let noLimit = try initVote(dir, ["--budget", "100", "--lang", "en"])
        #expect(noLimit.status == 1 && noLimit.stderr.contains("--max-yes"), "\(noLimit.stderr)")
        let bare = try setUp(costs: false)
        let noCost = try initVote(bare, ["--budget", "100", "--seats", "2", "--lang", "en"])
        #expect(noCost.status == 1 && noCost.stderr.contains("needs a cost: “1”"), "\(noCost.stderr)")
        try CLI.write("id,title,cost\n1,a,10\n2,b,-5\n3,c,5\n", to: "candidates.csv", in: bare)
        let negative = try initVote(bare, ["--budget", "100", "--seats", "2", "--lang", "en"])
        #expect(negative.status == 1 && negative.stderr.contains("line 3, column “cost”"), "\(negative.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bare.appendingPathComponent("vote/manifest.json").path))
    }

    @Test func aPointsVoteOnPaperIsCountedByPoints() throws {
        let dir = try setUp(costs: false)
        let pointsOnYesNo = try initVote(dir, ["--seats", "2", "--points-total", "5", "--lang", "en"])
        #expect(pointsOnYesNo.status == 1 && pointsOnYesNo.stderr.contains("points rule"), "\(pointsOnYesNo.stderr)")
        let defined = try initVote(dir, ["--seats", "2", "--style", "points", "--points-total", "5"])
        #expect(defined.status == 0 && defined.stdout.contains("打分式（每票合计至多 5 分"), "\(defined.stdout)\(defined.stderr)")
        try CLI.write("serial,1,2,3,4\nP1,Y,,,\n", to: "bad.csv", in: dir)
        let letters = try CLI.run(
            ["paper", "enter", "vote", "--box", "1", "--file", "bad.csv", "--issued", "1", "--taken-out", "1", "--key", "counter.key", "--lang", "en"], in: dir)
        #expect(letters.status == 1 && letters.stderr.contains("is not a number of points"), "\(letters.stderr)")
        try votePaper(dir, sheet: "serial,1,2,3,4\nP1,5,,,\nP2,2,3,,\nP3,,,4,1\nP4,,5,,\nP5,1,1,1,1\nP6,3,3,,\n")
        let tally = try CLI.run(["tally", "vote", "--lang", "en"], in: dir)
        #expect(tally.status == 0, "\(tally.stderr)")
        // 1: 5+2+1 = 8, 2: 3+5+1 = 9; P6 gave 6 of 5 and is invalid.
        #expect(tally.stdout.contains("#1  2. 公办幼儿园: 9 points (from 3 ballots)") && tally.stdout.contains("#2  1. 老旧小区改造: 8 points"), "\(tally.stdout)")
        #expect(tally.stdout.contains("5 valid (0 of them blank) and 1 invalid"))
    }

    /// A roster and candidate list saved by Chinese Excel (GB18030) are read, said so, and written
    /// into the folder as the UTF-8 CSV the manifest hashes.
    @Test func aVoteTakesTheRosterAndCandidatesChineseExcelSaves() throws {
        let dir = try setUp()
        func hex(_ text: String) -> Data {
            Data(stride(from: 0, to: text.count, by: 2).map { UInt8(text.dropFirst($0).prefix(2), radix: 16)! })
        }
        // "编号,姓名\nD1,王伟\n…" and "编号,名称,估算金额\n1,老旧小区改造,60\n…" in GB18030.
        try hex("b1e0bac52cd0d5c3fb0a44312ccdf5ceb00a44322cc0eec4c80a44332cd5c5c3f40a44342cc1f5d1f30a44352cb3c2beb20a44362cd1eec0da0a")
            .write(to: dir.appendingPathComponent("roster.csv"))
        try hex(
            "b1e0bac52cc3fbb3c62cb9c0cbe3bdf0b6ee0a312cc0cfbec9d0a1c7f8b8c4d4ec2c36300a322cb9abb0ecd3d7b6f9d4b02c35300a332cc9e7c7f8cab3ccc32c33300a342cb9abb9b2b2decbf92c31300a"
        ).write(to: dir.appendingPathComponent("candidates.csv"))
        let made = try initVote(dir, ["--seats", "2"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("roster.csv：按 GB18030") && made.stdout.contains("candidates.csv：按 GB18030"), "\(made.stdout)")
        let kept = try String(contentsOf: dir.appendingPathComponent("vote/roster.csv"), encoding: .utf8)
        #expect(kept.hasPrefix("编号,姓名\nD1,王伟"))
    }
}
