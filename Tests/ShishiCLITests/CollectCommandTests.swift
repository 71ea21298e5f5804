import Foundation
import Testing

/// `shishi collect`: a call, suggestions one at a time and from a file, the list.
@Suite struct CollectCommandTests {
    @Test func aCallTakesSuggestionsInAndListsThem() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try run("workspace", "init", "shishi.sqlite").status == 0)
        let noCall = try run("collect", "add", "--year", "2028", "--title", "口袋公园", "--source", "群众", "--lang", "en")
        #expect(noCall.status == 1 && noCall.stderr.contains("collect open --year 2028") && noCall.stderr.split(separator: "\n").count == 1)
        let opened = try run("collect", "open", "--year", "2028", "--until", "2027-11-30", "--seats", "10")
        #expect(opened.status == 0 && opened.stdout.contains("截至 2027-11-30，拟定 10 项"), "\(opened.stdout)\(opened.stderr)")
        #expect(try run("collect", "open", "--year", "2028", "--until", "2027-11-30").status == 1)
        let added = try run("collect", "add", "--year", "2028", "--title", "口袋公园", "--source", "群众", "--proposer", "市民李某", "--date", "2027-10-09")
        #expect(added.status == 0 && added.stdout.contains("已收录建议第 1 号"), "\(added.stderr)")
        let unknown = try run("collect", "add", "--year", "2028", "--title", "加装电梯", "--source", "代表", "--deputy", "D1", "--date", "2027-10-09", "--lang", "en")
        #expect(unknown.status == 1 && unknown.stderr.contains("deputy “D1” is not on a roster"), "\(unknown.stderr)")
        let badSource = try run("collect", "add", "--year", "2028", "--title", "x", "--source", "媒体", "--lang", "en")
        #expect(badSource.status == 1 && badSource.stderr.contains("is not a source"))
        try CLI.write("reference,title,source,proposer,date\nS-1,公交微循环,hotline,,2027-10-10\nS-2,菜市场改造,carried-over,市商务局,2027-10-11\n", to: "s.csv", in: dir)
        let imported = try run("collect", "import", "s.csv", "--year", "2028", "--lang", "en")
        #expect(imported.status == 0 && imported.stdout.contains("2 suggestions added, 0 already in"), "\(imported.stdout)\(imported.stderr)")
        #expect(try run("collect", "import", "s.csv", "--year", "2028", "--lang", "en").stdout.contains("0 suggestions added, 2 already in"))
        let listed = try run("collect", "list", "--year", "2028")
        #expect(listed.status == 0 && listed.stdout.contains("建议 3 条") && listed.stdout.contains("上年结转") && listed.stdout.contains("市民李某"))
        let json = try JSONSerialization.jsonObject(with: Data(try run("collect", "list", "--year", "2028", "--json").stdout.utf8)) as! [[String: Any]]
        #expect(json.count == 3 && (json[1]["suggestion"] as? [String: Any])?["reference"] as? String == "S-1")
        try CLI.write("record_id,date,category,text\nH1,2027-01-05,道路,坑洼\nH2,2027-02-05,道路,积水\nH3,2027-03-05,停车,难\n", to: "12345.csv", in: dir)
        #expect(try run("hotline", "import", "12345.csv").status == 0)
        let topics = try run("collect", "from-hotline", "--year", "2027", "--top", "5", "--into", "2028", "--lang", "en")
        #expect(
            topics.status == 0 && topics.stdout.contains("1. 道路  ▇▇ 2") && topics.stderr.contains("Taken in as hotline suggestions: 2"),
            "\(topics.stdout)\(topics.stderr)")
        #expect(try run("collect", "list", "--year", "2028").stdout.contains("建议 5 条"))
        try CLI.write("topic,keyword\n出行,坑洼\n出行,停车\n", to: "k.csv", in: dir)
        let gathered = try run("collect", "from-hotline", "--year", "2027", "--keywords", "k.csv", "--lang", "en")
        #expect(gathered.status == 0 && gathered.stdout.contains("1. 出行  ▇▇ 2  (keywords: 坑洼, 停车)"), "\(gathered.stdout)")
        try CLI.write("topic,keyword\n出行,\n", to: "bad.csv", in: dir)
        let badRule = try run("collect", "from-hotline", "--year", "2027", "--keywords", "bad.csv")
        #expect(badRule.status == 1 && badRule.stderr.contains("bad.csv 第 2 行"))
        #expect(try run("log", "verify").status == 0)
    }

    @Test func fromSuggestionsToTheSignedListAndAVoteDefinedOnIt() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments + ["--workspace", "ws.sqlite"], in: dir) }
        func plain(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try plain("workspace", "init", "ws.sqlite").status == 0)
        #expect(try run("projects", "adopt", "--result", WorkspaceCommandTests.example).status == 0)
        #expect(try run("collect", "open", "--year", "2028", "--until", "2027-11-30", "--seats", "2", "--today", "2026-12-01").status == 0)
        try CLI.write(
            """
            reference,title,source,deputies,proposer,date
            A1,加装电梯,代表,D001、D002,,2027-10-01
            A2,电梯补贴,群众,,市民王某,2027-10-02
            A3,社区食堂,代表,D003,,2027-10-03
            A4,口袋公园,群众,,市民李某,2027-10-04
            A5,建机场,群众,,市民赵某,2027-10-05

            """, to: "s.csv", in: dir)
        #expect(try run("collect", "import", "s.csv", "--year", "2028").status == 0)
        let merged = try run("collect", "merge", "1", "2", "--year", "2028", "--title", "老旧小区加装电梯")
        #expect(merged.status == 0 && merged.stdout.contains("已并入草案第 1 号"), "\(merged.stderr)")
        #expect(try run("collect", "merge", "3", "--year", "2028", "--title", "社区老年助餐").status == 0)
        #expect(try run("collect", "merge", "4", "--year", "2028", "--title", "口袋公园").status == 0)
        let twice = try run("collect", "merge", "2", "--year", "2028", "--title", "x", "--lang", "en")
        #expect(twice.status == 1 && twice.stderr == "error: Suggestion 2 is already merged into draft 1.\n", "\(twice.stderr)")
        let noReason = try run("collect", "decline", "5", "--year", "2028", "--reason", "", "--lang", "en")
        #expect(noReason.status == 1 && noReason.stderr.contains("needs a reason"))
        #expect(try run("collect", "decline", "5", "--year", "2028", "--reason", "超出市级财力").status == 0)
        let early = try run("collect", "shortlist", "--year", "2028", "--comments-until", "2027-12-20", "--lang", "en")
        #expect(early.status == 1 && early.stderr.contains("Draft 1 (老旧小区加装电梯) is not screened yet"), "\(early.stderr)")
        let badCost = try run(
            "collect", "screen", "1", "--year", "2028", "--department", "市住建局", "--cost", "三千", "--feasible", "yes", "--this-year", "yes", "--pass")
        #expect(badCost.status == 1 && badCost.stderr.contains("估算金额“三千”不是金额"), "\(badCost.stderr)")
        let badYes = try run("collect", "screen", "1", "--year", "2028", "--feasible", "maybe", "--this-year", "yes", "--pass")
        #expect(badYes.status != 0)
        for (draft, department, cost) in [("1", "市住建局", "3000"), ("2", "市民政局", "800"), ("3", "市园林局", "1200")] {
            let screened = try run(
                "collect", "screen", draft, "--year", "2028", "--department", department, "--cost", cost, "--feasible", "是", "--this-year", "yes", "--pass")
            #expect(screened.status == 0, "\(screened.stderr)")
        }
        let tooFew = try run("collect", "shortlist", "--year", "2028", "--comments-until", "2027-12-20", "--seats", "3")
        #expect(tooFew.status == 1 && tooFew.stderr.contains("通过初审的草案只有 3 个，拟定 3 项"), "\(tooFew.stderr)")
        let published = try run("collect", "shortlist", "--year", "2028", "--comments-until", "2027-12-20")
        #expect(published.status == 0 && published.stdout.contains("1. #1  老旧小区加装电梯"), "\(published.stdout)\(published.stderr)")
        #expect(try run("collect", "comment", "3", "--year", "2028", "--stance", "反对", "--text", "不如修路", "--date", "2027-12-01").status == 0)
        let badStance = try run("collect", "comment", "3", "--year", "2028", "--stance", "meh", "--lang", "en")
        #expect(badStance.status == 1 && badStance.stderr.contains("is not a stance"))
        let drafts = try run("collect", "drafts", "--year", "2028")
        #expect(drafts.status == 0 && drafts.stdout.contains("代表 2 人") && drafts.stdout.contains("反对 1"), "\(drafts.stdout)")
        for name in ["secretariat", "registrar"] { #expect(try plain("key", "new", "--out", name, "--name", name).status == 0) }
        #expect(try plain("key", "new", "--suite", "rsa-blind", "--out", "blind", "--name", "blind").status == 0)
        let notDifferential = try run("collect", "fix", "--year", "2028", "--candidates", "2", "--out", "candidates.csv", "--key", "secretariat.key")
        #expect(notDifferential.status == 1 && notDifferential.stderr.contains("2 个候选项目，应选 2 项"), "\(notDifferential.stderr)")
        let fixed = try run("collect", "fix", "--year", "2028", "--candidates", "3", "--out", "candidates.csv", "--key", "secretariat.key")
        #expect(fixed.status == 0 && fixed.stdout.contains("P01  老旧小区加装电梯  市住建局  3,000  ← #1"), "\(fixed.stdout)\(fixed.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("candidates.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("id,title,department,cost,draft\nP01,老旧小区加装电梯,市住建局,3000,1\n"))
        // Written again from the workspace, byte for byte; beside the same files again (the list's
        // own folder), but never over a file that holds something else.
        #expect(try run("collect", "fix", "--year", "2028", "--out", "again.csv", "--list", "again.json").status == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("again.json")) == Data(contentsOf: dir.appendingPathComponent("candidate-list.json")))
        #expect(try run("collect", "fix", "--year", "2028", "--out", "again.csv", "--list", "third.json").status == 0)
        #expect(try run("collect", "fix", "--year", "2028", "--out", "fourth.csv").status == 0)
        try CLI.write("changed\n", to: "again.csv", in: dir)
        let over = try run("collect", "fix", "--year", "2028", "--out", "again.csv", "--list", "fifth.json")
        #expect(over.status == 1 && over.stderr.contains("内容不同"), "\(over.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("fifth.json").path))
        let defined = try plain(
            "vote", "init", "vote", "--title", "2028 年民生实事项目票决", "--seats", "2", "--candidates", "candidates.csv", "--list", "candidate-list.json",
            "--roster", "\(WorkspaceCommandTests.example)/roster.csv", "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub")
        #expect(defined.status == 0, "\(defined.stderr)")
        let shown = try plain("vote", "show", "vote", "--lang", "en")
        #expect(shown.status == 0 && shown.stdout.contains("The candidates are the collection's fixed list candidate-list.json"), "\(shown.stdout)")
        // A verifier follows each candidate back to the suggestions behind it, checked against the manifest.
        let inspected = try plain("ballot", "show", "vote/candidate-list.json", "--lang", "en")
        #expect(inspected.status == 0, "\(inspected.stdout)\(inspected.stderr)")
        #expect(inspected.stdout.contains("P01. 老旧小区加装电梯 (市住建局; 3,000) ← draft #1") && inspected.stdout.contains("#1 加装电梯 [deputy] D001, D002"))
        #expect(inspected.stdout.contains("[pass] the list hash the manifest names: matches"))
        try CLI.write(csv.replacingOccurrences(of: "3000", with: "2999"), to: "edited.csv", in: dir)
        let edited = try plain(
            "vote", "init", "vote2", "--title", "t", "--seats", "2", "--candidates", "edited.csv", "--list", "candidate-list.json", "--roster",
            "\(WorkspaceCommandTests.example)/roster.csv", "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub", "--lang",
            "en")
        #expect(edited.status == 1 && edited.stderr.contains("in cost: a fixed list cannot be changed"), "\(edited.stderr)")
        let report = try run("collect", "report", "--year", "2028", "--out", "collection.html", "--csv", "collection.csv", "--lang", "en")
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOf: dir.appendingPathComponent("collection.html"), encoding: .utf8)
        #expect(page.contains("The final candidate list") && page.contains("超出市级财力") && page.contains("<svg") && page.contains("#1 老旧小区加装电梯"))
        let sheet = try String(contentsOf: dir.appendingPathComponent("collection.csv"), encoding: .utf8)
        #expect(sheet.contains("5,A5,建机场,public,,市民赵某,,,2027-10-05,,declined,超出市级财力,,,,,,\n"), "\(sheet)")
        let json = try JSONSerialization.jsonObject(with: Data(try run("collect", "report", "--year", "2028", "--json").stdout.utf8)) as! [String: Any]
        #expect((json["list"] as? [String: Any])?["seats"] as? Int == 2 && (json["drafts"] as? [Any])?.count == 3)
        #expect(try run("collect", "report", "--year", "2028").status == 1)
        #expect(try run("log", "verify").status == 0)
    }
}
