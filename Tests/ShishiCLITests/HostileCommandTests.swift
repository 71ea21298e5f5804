import Foundation
import Testing

/// Wrong input from a user, or from a hostile one, through the commands: each refused with a
/// one-line message, nothing left behind, nothing broken for the next command.
@Suite(.serialized) struct HostileCommandTests {
    @Test func scoresRefuseNumbersOutOfRangeAndTheWorkspaceStaysReadable() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: [String]) throws -> CLI.Result { try CLI.run(arguments + ["--workspace", "ws.sqlite", "--lang", "en"], in: dir) }
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        #expect(try run(["projects", "adopt", "--result", WorkspaceCommandTests.example]).status == 0)
        try CLI.write("project,satisfied,basically,unsatisfied\n1,9223372036854775807,1,0\n", to: "overflow.csv", in: dir)
        try CLI.write("project,satisfied,basically,unsatisfied\n1,20,5,1\n2,10,10,6\n", to: "good.csv", in: dir)
        let importing = ["scores", "import", "good.csv", "--year", "2027", "--source", "常委会测评", "--weight", "30", "--evaluators", "29"]
        let overflow = try run(["scores", "import", "overflow.csv", "--year", "2027", "--source", "测评", "--weight", "30"])
        #expect(
            overflow.status == 1 && overflow.stderr.contains("more than the limit") && overflow.stderr.contains("overflow.csv line 2"), "\(overflow.stderr)")
        let refusals: [([String], String)] = [
            (["--weight", "inf"], "weight"), (["--weight", "1e999"], "weight"), (["--weight", "nan"], "weight"), (["--weight", "1001"], "weight"),
            (["--points", "nan,80,50"], "points"), (["--points", "100,inf,50"], "points"), (["--year", "0"], "year"), (["--source", ""], "source"),
            (["--source", " 测评"], "source"), (["--evaluators", "0"], "evaluators"),
        ]
        for (change, word) in refusals {
            var arguments = importing
            for pair in stride(from: 0, to: change.count, by: 2) {
                let at = arguments.firstIndex(of: change[pair]).map { $0 + 1 }
                if let at { arguments[at] = change[pair + 1] } else { arguments += [change[pair], change[pair + 1]] }
            }
            let refused = try run(arguments)
            #expect(
                refused.status == 1 && refused.stderr.lowercased().contains(word) && refused.stderr.split(separator: "\n").count == 1,
                "\(change): \(refused.stderr)")
            #expect(!refused.stderr.contains("SQLite"), "\(change)")
        }
        #expect(try run(importing).status == 0)
        for year in ["2027", "2028"] {
            let shown = try run(["scores", "show", "--year", year])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(!shown.stdout.contains("nan"))
        }
        #expect(try run(["report", "year", "--year", "2027", "--today", "2027-12-20", "--out", "year.html"]).status == 0)
    }

    /// A Pabulib file of `projects` projects and a ballot limit of `limit`.
    func pabulib(projects: Int, limit: Int, lineEnd: String = "\n", bom: Bool = false) -> Data {
        var lines = [
            "META", "key;value", "description;Test", "num_projects;\(projects)", "num_votes;3", "budget;250", "vote_type;approval", "max_length;\(limit)",
            "PROJECTS",
            "project_id;cost;name",
        ]
        lines += (1...projects).map { "\($0);100;Projekt \($0)" }
        lines += ["VOTES", "voter_id;vote", "1;1", "2;1,2", "3;2"]
        return (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data((lines.joined(separator: lineEnd) + lineEnd).utf8)
    }

    @Test func aRefusedImportLeavesNothingAndRealFileLayoutsRead() throws {
        let dir = CLI.temporaryFolder()
        // A vote naming a project the file does not list: refused with the line, and nothing stays behind.
        var unknown = String(decoding: pabulib(projects: 2, limit: 2), as: UTF8.self)
        unknown = unknown.replacingOccurrences(of: "3;2\n", with: "3;7\n")
        try Data(unknown.utf8).write(to: dir.appendingPathComponent("unknown.pb"))
        let refused = try CLI.run(["import", "pabulib", "unknown.pb", "--out", "unknown", "--lang", "en"], in: dir)
        #expect(refused.status == 1 && refused.stderr.split(separator: "\n").count == 1 && refused.stderr.contains("line 17"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["unknown.pb"])
        // Two projects for a ballot limit of two: not differential, imported all the same (the budget decides).
        try pabulib(projects: 2, limit: 2).write(to: dir.appendingPathComponent("small.pb"))
        let small = try CLI.run(["import", "pabulib", "small.pb", "--out", "small", "--lang", "en"], in: dir)
        #expect(small.status == 0 && small.stdout.contains("Count: adopted (2): 1, 2"), "\(small.stdout)\(small.stderr)")
        // CR LF line ends and a byte-order mark, as spreadsheet programs write them.
        try pabulib(projects: 4, limit: 2, lineEnd: "\r\n", bom: true).write(to: dir.appendingPathComponent("windows.pb"))
        let windows = try CLI.run(["import", "pabulib", "windows.pb", "--out", "windows"], in: dir)
        #expect(windows.status == 0, "\(windows.stderr)")
        // Not UTF-8: refused, not patched with replacement characters.
        var latin1 = pabulib(projects: 4, limit: 2)
        latin1[latin1.firstRange(of: Data("Projekt 3".utf8))!.lowerBound + 1] = 0xF3
        try latin1.write(to: dir.appendingPathComponent("latin1.pb"))
        let notUTF8 = try CLI.run(["import", "pabulib", "latin1.pb", "--out", "latin1", "--lang", "en"], in: dir)
        #expect(notUTF8.status == 1 && notUTF8.stderr.contains("not UTF-8"), "\(notUTF8.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("latin1").path))
        // A hotline export saved by Chinese Excel (GBK: 道路 is B5C0 C2B7) loads as it is; bytes
        // that are neither UTF-8 nor GB18030 are refused.
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        try (Data("record_id,date,category,text\nH1,2027-03-01,道路,".utf8) + Data([0xB5, 0xC0, 0xC2, 0xB7]) + Data("\n".utf8)).write(
            to: dir.appendingPathComponent("12345.csv"))
        let hotline = try CLI.run(["hotline", "import", "12345.csv", "--workspace", "ws.sqlite", "--lang", "en"], in: dir)
        #expect(hotline.status == 0 && hotline.stdout.contains("12345.csv: read as GB18030"), "\(hotline.stderr)")
        try (Data("record_id,date,category,text\nH2,2027-03-01,x,".utf8) + Data([0xFF, 0xFF]) + Data("\n".utf8)).write(
            to: dir.appendingPathComponent("bad.csv"))
        let bad = try CLI.run(["hotline", "import", "bad.csv", "--workspace", "ws.sqlite", "--lang", "en"], in: dir)
        #expect(bad.status == 1 && bad.stderr.contains("neither UTF-8 nor the GB18030"), "\(bad.stderr)")
    }

    @Test func voteInitNamesTheUsersFilesAndHasLimits() throws {
        let dir = CLI.temporaryFolder()
        for (name, kind) in [("secretariat", "ed25519"), ("registrar", "ed25519"), ("blind", "rsa-blind")] {
            #expect(try CLI.run(["key", "new", "--suite", kind, "--out", name], in: dir).status == 0)
        }
        func initVote(_ out: String, candidates: String = "candidates.csv", roster: String = "代表名单.csv", title: String = "票决") throws -> CLI.Result {
            try CLI.run(
                [
                    "vote", "init", out, "--title", title, "--seats", "1", "--candidates", candidates, "--roster", roster,
                    "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub", "--lang", "en",
                ], in: dir)
        }
        try CLI.write("id,title\n1,甲\n2,乙\n", to: "candidates.csv", in: dir)
        try CLI.write("id,name\nD1,王伟\nD2,\"李娜\nD3,张敏\n", to: "代表名单.csv", in: dir)
        let unclosed = try initVote("v1")
        #expect(unclosed.status == 1 && unclosed.stderr.contains("代表名单.csv line 3") && unclosed.stderr.contains("never closed"), "\(unclosed.stderr)")
        try CLI.write("id,name\nD1,王伟\nD1,李娜\n", to: "代表名单.csv", in: dir)
        let repeated = try initVote("v2")
        #expect(repeated.status == 1 && repeated.stderr.contains("代表名单.csv"), "\(repeated.stderr)")
        try CLI.write("id,name\nD1,王伟\nD2,李娜\nD3,张敏\n", to: "代表名单.csv", in: dir)
        let long = try initVote("v3", title: String(repeating: "长", count: 30_000))
        #expect(long.status == 1 && long.stderr.contains("more than the limit of 500"), "\(long.stderr)")
        try CLI.write("id,title\n1,甲\u{0}乙\n2,乙\n", to: "nul.csv", in: dir)
        let nul = try initVote("v4", candidates: "nul.csv")
        #expect(nul.status == 1 && nul.stderr.contains("control character"), "\(nul.stderr)")
        try CLI.write("id,title\n" + (1...110_000).map { "\($0),项目\($0)" }.joined(separator: "\n") + "\n", to: "many.csv", in: dir)
        let many = try initVote("v5", candidates: "many.csv")
        #expect(many.status == 1 && many.stderr.contains("limit of 1000"), "\(many.stderr)")
        for out in ["v1", "v2", "v3", "v4", "v5"] {
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(out).appendingPathComponent("manifest.json").path))
        }
        #expect(try initVote("v6").status == 0)
        // A ballot saved as UTF-16 is refused by ballot show as verify refuses it.
        #expect(
            try CLI.run(["signin", "v6", "--deputy", "D1", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "d1.cred"], in: dir).status
                == 0)
        let cast = try CLI.run(["ballot", "cast", "v6", "--credential", "d1.cred", "--yes", "1", "--json"], in: dir)
        let tracker = try #require((try JSONSerialization.jsonObject(with: Data(cast.stdout.utf8)) as? [String: String])?["tracker"])
        let file = dir.appendingPathComponent("v6/box/\(tracker.split(separator: ":")[1]).json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.data(using: .utf16)!.write(to: file)
        let shown = try CLI.run(["ballot", "show", file.path, "--lang", "en"], in: dir)
        #expect(shown.status == 1 && shown.stdout.contains("Verdict: rejected") && shown.stdout.contains("UTF-8"), "\(shown.stdout)")
    }

    @Test func progressLinesOnlyOnATerminalAndEndedWithALineFeed() throws {
        let dir = CLI.temporaryFolder()
        let simulated = try CLI.run(["simulate", "v", "--deputies", "30", "--present", "28", "--candidates", "5", "--seats", "3"], in: dir)
        #expect(simulated.status == 0 && !simulated.stderr.contains("/"), "\(simulated.stderr)")
        let piped = try CLI.run(["tally", "v", "--lang", "en"], in: dir)
        #expect(piped.status == 0 && !piped.stderr.contains("checking ballots"), "\(piped.stderr)")
        // On a terminal (a pseudo-terminal from util-linux's script), the line is drawn and ended.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let terminal = try CLI.runShell("script -qec '\(CLI.binary.path) verify v --lang en >/dev/null' /dev/null", in: dir)
        #expect(
            terminal.stdout.contains("rechecking ballots 28/28\r\n") || terminal.stdout.contains("rechecking ballots 28/28\n"),
            "\(terminal.stdout.debugDescription)")
    }
}
