import Foundation
import Testing

/// The whole path from the command line: keys, vote, sign-in, casting, paper, sealing, inspection.
@Suite(.serialized) struct CommandTests {
    /// A folder with keys and CSV files for a 6-deputy, 4-candidate, 2-seat vote.
    func setUp(suite: String = "ed25519") throws -> URL {
        let dir = CLI.temporaryFolder()
        for (name, kind) in [("secretariat", suite), ("registrar", suite), ("counter", suite), ("scrutineer", suite), ("blind", "rsa-blind")] {
            let result = try CLI.run(["key", "new", "--suite", kind, "--out", name, "--name", name], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
        }
        try CLI.write(
            "id,title,title_en,department\n1,老旧小区改造,Old compounds,住建局\n2,公办幼儿园,Kindergartens,教育局\n3,社区食堂,Canteens,民政局\n4,公共厕所,Toilets,城管局\n",
            to: "candidates.csv", in: dir)
        try CLI.write("编号,姓名,代表团\nD1,王伟,东城\nD2,李娜,东城\nD3,张敏,西城\nD4,刘洋,西城\nD5,陈静,南湖\nD6,杨磊,南湖\n", to: "roster.csv", in: dir)
        return dir
    }

    func initVote(_ dir: URL, extra: [String] = []) throws -> CLI.Result {
        try CLI.run(
            [
                "vote", "init", "vote", "--title", "测试票决", "--seats", "2", "--candidates", "candidates.csv", "--roster", "roster.csv",
                "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub",
                "--counter", "counter.pub", "--scrutineer", "scrutineer.pub",
            ] + extra, in: dir)
    }

    @Test func keysAreWrittenPrivatelyAndNeverOverwritten() throws {
        let dir = CLI.temporaryFolder()
        for suite in ["ed25519", "sm2"] {
            let result = try CLI.run(["key", "new", "--suite", suite, "--out", suite], in: dir)
            #expect(result.status == 0)
            let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("\(suite).key").path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let pub = try String(contentsOf: dir.appendingPathComponent("\(suite).pub"), encoding: .utf8)
            #expect(pub.contains("\"suite\" : \"\(suite)\"") && pub.contains("shishi/public-key/v1"))
        }
        let again = try CLI.run(["key", "new", "--out", "ed25519"], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("已存在"))
        let wrong = try CLI.run(["key", "new", "--suite", "rsa", "--out", "x", "--lang", "en"], in: dir)
        #expect(wrong.status == 1 && wrong.stderr.contains("Unknown signature suite") && wrong.stderr.split(separator: "\n").count == 1)
        let small = try CLI.run(["key", "new", "--suite", "rsa-blind", "--bits", "2048", "--out", "r", "--lang", "en"], in: dir)
        #expect(small.status == 1 && small.stderr.contains("3072"))
    }

    @Test func aSecretVoteFromDefinitionToInspection() throws {
        let dir = try setUp()
        let defined = try initVote(dir)
        #expect(defined.status == 0, "\(defined.stderr)")
        #expect(defined.stdout.contains("候选项目 4 个，应选 2 个"))
        // Sign-in and a credential.
        let signin = try CLI.run(
            ["signin", "vote", "--deputy", "D1", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "d1.cred"], in: dir)
        #expect(signin.status == 0, "\(signin.stderr)")
        let again = try CLI.run(
            ["signin", "vote", "--deputy", "D1", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "d1b.cred", "--lang", "en"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("has already received"))
        let stranger = try CLI.run(
            ["signin", "vote", "--deputy", "X9", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "x.cred"], in: dir)
        #expect(stranger.status == 1 && stranger.stderr.contains("不在本次投票的代表名单上"))
        // Casting: too many yes, then a good ballot, then reuse.
        let over = try CLI.run(["ballot", "cast", "vote", "--credential", "d1.cred", "--yes", "1,2,3"], in: dir)
        #expect(over.status == 1 && over.stderr.contains("最多只能同意 2 个"))
        let cast = try CLI.run(["ballot", "cast", "vote", "--credential", "d1.cred", "--yes", "1,3", "--no", "2", "--json"], in: dir)
        #expect(cast.status == 0, "\(cast.stderr)")
        let receipt = try JSONSerialization.jsonObject(with: Data(cast.stdout.utf8)) as! [String: String]
        let tracker = try #require(receipt["tracker"])
        #expect(tracker.hasPrefix("sha256:"))
        let reuse = try CLI.run(["ballot", "cast", "vote", "--credential", "d1.cred", "--yes", "4"], in: dir)
        #expect(reuse.status == 1 && reuse.stderr.contains("已经投过票"))
        // Paper sign-in, paper box, seal, then no more issuance.
        for deputy in ["D2", "D3"] {
            #expect(try CLI.run(["signin", "vote", "--deputy", deputy, "--registrar-key", "registrar.key", "--paper"], in: dir).status == 0)
        }
        try CLI.write("serial,1,2,3,4\nP1,Y,Y,Y,\nP2,,,,\n", to: "box-1.csv", in: dir)
        let paper = try CLI.run(
            ["paper", "enter", "vote", "--box", "1", "--file", "box-1.csv", "--issued", "2", "--taken-out", "2", "--key", "counter.key"], in: dir)
        #expect(paper.status == 0, "\(paper.stderr)")
        #expect(paper.stdout.contains("多选 1 张、空白 1 张"))
        #expect(try CLI.run(["paper", "countersign", "vote", "--box", "1", "--key", "scrutineer.key"], in: dir).status == 0)
        let sealed = try CLI.run(["issuance", "seal", "vote", "--key", "registrar.key", "--lang", "en"], in: dir)
        #expect(sealed.status == 0 && sealed.stdout.contains("3 present (1 electronic, 2 paper)"))
        let late = try CLI.run(
            ["signin", "vote", "--deputy", "D4", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "d4.cred"], in: dir)
        #expect(late.status == 1 && late.stderr.contains("封存"))
        // Inspection in both languages.
        let file = "vote/box/\(tracker.dropFirst("sha256:".count)).json"
        let zh = try CLI.run(["ballot", "show", file], in: dir)
        #expect(zh.status == 0 && zh.stdout.contains("结论：有效选票") && zh.stdout.contains("老旧小区改造") && zh.stdout.contains("弃权（未标记）"))
        let en = try CLI.run(["ballot", "show", file, "--lang", "en"], in: dir)
        #expect(en.status == 0 && en.stdout.contains("Verdict: a valid ballot.") && en.stdout.contains("Old compounds"))
        let json = try CLI.run(["ballot", "show", file, "--json"], in: dir)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(parsed["status"] as? String == "valid" && parsed["tracker"] as? String == tracker)
        let batch = try CLI.run(["ballot", "show", "vote/paper/box-1.json", "--lang", "en"], in: dir)
        #expect(batch.status == 0 && batch.stdout.contains("Over-marked (more than 2 yes): 1") && batch.stdout.contains("countersigned by scrutineer"))
        #expect(try CLI.run(["ballot", "show", "vote/issuance.json"], in: dir).status == 0)
        // The registrar's running log is JSON Lines: described as such, in the language asked for.
        let log = try CLI.run(["ballot", "show", "vote/issuance/log.jsonl"], in: dir)
        #expect(log.status == 0 && log.stdout.contains("签到日志（已封存") && log.stdout.contains("3 名代表") && !log.stdout.contains("JSON"), "\(log)")
        let logEnglish = try CLI.run(["ballot", "show", "vote/issuance/log.jsonl", "--lang", "en"], in: dir)
        #expect(logEnglish.stdout.contains("The sign-in log (sealed") && logEnglish.stdout.contains("1 electronic credential,"), "\(logEnglish)")
        // The example's version 1 seal is a seal, not a ballot.
        let example = try CLI.run(
            ["ballot", "show", IndependentVerifierTests.repository.appendingPathComponent("ballots/example/issuance.json").path], in: dir)
        #expect(example.status == 0 && example.stdout.contains("签到封存于"), "\(example)")
        #expect(try CLI.run(["demo", "--vote", "vote"], in: dir).status == 0)
        // A tampered ballot fails with the reason, and the file is left where it was.
        let url = dir.appendingPathComponent(file)
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"sig\" : \"", with: "\"sig\" : \"AA")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let tampered = try CLI.run(["ballot", "show", file, "--lang", "en"], in: dir)
        #expect(tampered.status == 1 && tampered.stdout.contains("Verdict: rejected"))
        #expect(FileManager.default.fileExists(atPath: url.path))
        let demo = try CLI.run(["demo", "--vote", "vote", "--lang", "en"], in: dir)
        #expect(demo.status == 1 && demo.stdout.contains("1 rejected"))
    }

    @Test func terminalAndRegistrarRunAsSeparateProcesses() throws {
        let dir = try setUp()
        #expect(try initVote(dir).status == 0)
        let terminal = try CLI.start(
            ["terminal", "request", "vote", "--deputy", "D5", "--request", "req.json", "--grant", "grant.json", "--out", "d5.cred", "--timeout", "60"], in: dir)
        let request = dir.appendingPathComponent("req.json")
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: request.path) { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.2)
        let registrar = try CLI.run(
            ["registrar", "issue", "vote", "--request", "req.json", "--grant", "grant.json", "--key", "registrar.key", "--blind-key", "blind.key"], in: dir)
        #expect(registrar.status == 0, "\(registrar.stderr)")
        terminal.waitUntilExit()
        #expect(terminal.terminationStatus == 0)
        let cast = try CLI.run(["ballot", "cast", "vote", "--credential", "d5.cred", "--yes", "2"], in: dir)
        #expect(cast.status == 0, "\(cast.stderr)")
        // The same request cannot be answered twice.
        let twice = try CLI.run(
            ["registrar", "issue", "vote", "--request", "req.json", "--grant", "grant2.json", "--key", "registrar.key", "--blind-key", "blind.key"], in: dir)
        #expect(twice.status == 1)
    }

    @Test func voteDefinitionRefusals() throws {
        let dir = try setUp()
        let notDifferential = try CLI.run(
            [
                "vote", "init", "v1", "--title", "t", "--seats", "4", "--candidates", "candidates.csv", "--roster", "roster.csv",
                "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub", "--lang", "en",
            ], in: dir)
        #expect(notDifferential.status == 1 && notDifferential.stderr.contains("differential"))
        try CLI.write("id,title\n1,a\n2,b,extra\n3,c\n", to: "bad.csv", in: dir)
        let malformed = try CLI.run(
            [
                "vote", "init", "v2", "--title", "t", "--seats", "1", "--candidates", "bad.csv", "--roster", "roster.csv",
                "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub",
            ], in: dir)
        #expect(malformed.status == 1 && malformed.stderr.contains("bad.csv 第 3 行"))
        let noBlind = try CLI.run(
            [
                "vote", "init", "v3", "--title", "t", "--seats", "1", "--candidates", "candidates.csv", "--roster", "roster.csv",
                "--key", "secretariat.key", "--registrar", "registrar.pub",
            ], in: dir)
        #expect(noBlind.status == 1 && noBlind.stderr.contains("--blind-key"))
        let mixed = try CLI.run(
            [
                "vote", "init", "v4", "--title", "t", "--seats", "1", "--candidates", "candidates.csv", "--roster", "roster.csv",
                "--key", "secretariat.key", "--registrar", "blind.pub", "--blind-key", "blind.pub",
            ], in: dir)
        #expect(mixed.status == 1)
        #expect(try initVote(dir).status == 0)
        let twice = try initVote(dir)
        #expect(twice.status == 1 && twice.stderr.contains("不会覆盖"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("v1").path + "/manifest.json"))
        let usage = try CLI.run(["vote", "init"], in: dir)
        #expect(usage.status == 64)
    }

    @Test func anSM2VoteEndToEnd() throws {
        let dir = try setUp(suite: "sm2")
        let defined = try initVote(dir, extra: ["--style", "approval", "--lang", "en"])
        #expect(defined.status == 0, "\(defined.stderr)")
        #expect(defined.stdout.contains("suite sm2, hash sm3"))
        #expect(
            try CLI.run(["signin", "vote", "--deputy", "D2", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "d2.cred"], in: dir)
                .status == 0)
        let no = try CLI.run(["ballot", "cast", "vote", "--credential", "d2.cred", "--yes", "1", "--no", "2"], in: dir)
        #expect(no.status == 1 && no.stderr.contains("勾选式"))
        let cast = try CLI.run(["ballot", "cast", "vote", "--credential", "d2.cred", "--yes", "1,4"], in: dir)
        #expect(cast.status == 0 && cast.stdout.contains("sm3:"))
        // Before sign-in is sealed the folder is not complete, and the walk-through says so.
        let unsealed = try CLI.run(["demo", "--vote", "vote", "--lang", "en"], in: dir)
        #expect(unsealed.status == 1 && unsealed.stdout.contains("has not been sealed"))
        #expect(try CLI.run(["issuance", "seal", "vote", "--key", "registrar.key"], in: dir).status == 0)
        #expect(try CLI.run(["demo", "--vote", "vote"], in: dir).status == 0)
    }

    @Test func simulateThenDemo() throws {
        let dir = CLI.temporaryFolder()
        let sim = try CLI.run(
            [
                "simulate", "v", "--deputies", "30", "--present", "25", "--candidates", "6", "--seats", "4", "--paper", "5", "--over-marked", "1", "--blank",
                "1", "--json",
            ], in: dir)
        #expect(sim.status == 0, "\(sim.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(sim.stdout.utf8)) as! [String: Any]
        #expect(summary["electronic"] as? Int == 20 && summary["paper"] as? Int == 5 && summary["overMarked"] as? Int == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("v/keys/secretariat.key").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("v.private-keys/secretariat.key").path))
        let demo = try CLI.run(["demo", "--vote", "v", "--lang", "en"], in: dir)
        #expect(demo.status == 0 && demo.stdout.contains("20 valid, 0 invalid, 0 rejected") && demo.stdout.contains("every file checks out"))
        let again = try CLI.run(["simulate", "v"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("不会覆盖"))
        let bad = try CLI.run(["simulate", "w", "--present", "400", "--lang", "en"], in: dir)
        #expect(bad.status == 1 && bad.stderr.contains("Deputies present (400)"))
    }

    @Test func theBundledExampleChecksOut() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let demo = try CLI.run(["demo"], in: root)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("结论：所有文件均通过核验"))
    }
}

/// The help of every command, as a newcomer reads it: each of the command tree's commands answers
/// `--help` with its usage (exit 0), in the tree argument-parser itself describes.
@Suite struct HelpTests {
    struct Node: Decodable {
        var commandName: String
        var subcommands: [Node]?
    }

    struct Dump: Decodable {
        var command: Node
    }

    @Test func everyCommandAnswersHelp() throws {
        let dir = CLI.temporaryFolder()
        let dump = try CLI.run(["--experimental-dump-help"], in: dir)
        let tree = try JSONDecoder().decode(Dump.self, from: Data(dump.stdout.utf8)).command
        func paths(_ node: Node, _ path: [String]) -> [[String]] {
            [path] + (node.subcommands ?? []).flatMap { paths($0, path + [$0.commandName]) }
        }
        let all = paths(tree, [])
        #expect(all.count > 60)
        for path in all {
            let help = try CLI.run(path + ["--help"], in: dir)
            #expect(help.status == 0 && help.stdout.contains("USAGE: shishi"), "shishi \(path.joined(separator: " ")) --help: \(help.stderr)")
        }
    }

    /// A usage error of shishi's own is in the command's language only (the parser's "Error:"
    /// and usage aside).
    @Test func aScreeningWithoutItsVerdictIsRefusedInTheCommandsLanguage() throws {
        let screen = ["collect", "screen", "--year", "2028", "3", "--feasible", "yes", "--this-year", "yes"]
        let chinese = try CLI.run(screen, in: CLI.temporaryFolder())
        #expect(chinese.status == 64 && chinese.stderr.contains("请写明 --pass（通过）或 --fail（不通过）") && !chinese.stderr.contains("Give"), "\(chinese.stderr)")
        let english = try CLI.run(screen + ["--lang", "en"], in: CLI.temporaryFolder())
        #expect(english.status == 64 && english.stderr.contains("Give --pass or --fail.") && !english.stderr.contains("请写明"), "\(english.stderr)")
    }

    @Test func aTimeZoneThatIsNoneIsRefusedInTheCommandsLanguage() throws {
        let dir = CLI.temporaryFolder()
        let serve = ["serve", "--vote", "v", "--registrar-key", "r.key", "--time-zone", "Mars/Base"]
        let chinese = try CLI.run(serve, in: dir)
        #expect(chinese.status == 64 && chinese.stderr.contains("“Mars/Base”不是时区") && !chinese.stderr.contains("is not a time zone"), "\(chinese.stderr)")
        let english = try CLI.run(serve + ["--lang", "en"], in: dir)
        #expect(english.status == 64 && english.stderr.contains("“Mars/Base” is not a time zone") && !english.stderr.contains("不是时区"), "\(english.stderr)")
    }
}

/// The bundled example is what `shishi tally` writes today: its texts are regenerated whenever
/// their making changes (`shishi tally ballots/example`), so a newcomer's re-tally changes nothing.
@Suite struct BundledExampleTests {
    @Test func theCommittedExampleIsWhatTallyWritesToday() throws {
        let dir = CLI.temporaryFolder()
        let copy = dir.appendingPathComponent("example")
        try FileManager.default.copyItem(at: IndependentVerifierTests.repository.appendingPathComponent("ballots/example"), to: copy)
        let tally = try CLI.run(["tally", "example"], in: dir)
        #expect(tally.status == 0, "\(tally.stderr)")
        for name in ["result.json", "counted-trackers.txt", "announcement.txt", "notice.txt", "report.html"] {
            let committed = try Data(contentsOf: IndependentVerifierTests.repository.appendingPathComponent("ballots/example/\(name)"))
            #expect(try Data(contentsOf: copy.appendingPathComponent(name)) == committed, "ballots/example/\(name) differs from what shishi tally writes today")
        }
    }
}
