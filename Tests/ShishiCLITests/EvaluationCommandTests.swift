import Foundation
import Testing

/// A standing committee's evaluation round through the commands alone: projects from the
/// workspace, a rating vote with blind credentials, tally, countersign, import, look-back.
@Suite(.serialized) struct EvaluationCommandTests {
    @Test func aCommitteeRatesTheYearsProjects() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try run("workspace", "init", "ws.sqlite").status == 0)
        #expect(try run("projects", "adopt", "--result", WorkspaceCommandTests.example, "--workspace", "ws.sqlite").status == 0)
        let projects = try run("evaluation", "projects", "--workspace", "ws.sqlite", "--out", "projects.csv")
        #expect(projects.status == 0 && projects.stdout.contains("10 个测评项"), "\(projects.stderr)")
        let emptyItem = try run("evaluation", "projects", "--workspace", "ws.sqlite", "--items", "进度,,质量", "--out", "items.csv", "--lang", "en")
        #expect(emptyItem.status != 0 && emptyItem.stderr.contains("cannot be empty"), "\(emptyItem.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("items.csv").path))
        try CLI.write("id,name\nE1,委员一\nE2,委员二\nE3,委员三\nE4,委员四\n", to: "evaluators.csv", in: dir)
        for name in ["secretariat", "registrar", "scrutineer"] {
            #expect(try run("key", "new", "--suite", "ed25519", "--out", name, "--name", name).status == 0)
        }
        #expect(try run("key", "new", "--suite", "rsa-blind", "--out", "blind").status == 0)
        let seats = try run(
            "vote", "init", "eval", "--title", "2027 年民生实事项目满意度测评", "--seats", "3", "--candidates", "projects.csv", "--roster", "evaluators.csv",
            "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub", "--style", "rating", "--lang", "en")
        #expect(seats.status == 1 && seats.stderr.contains("drop --seats"))
        let made = try run(
            "vote", "init", "eval", "--title", "2027 年民生实事项目满意度测评", "--candidates", "projects.csv", "--roster", "evaluators.csv",
            "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub", "--style", "rating", "--scrutineer", "scrutineer.pub")
        #expect(made.status == 0 && made.stdout.contains("被测评项目 10 个"), "\(made.stderr)")
        for evaluator in 1...4 {
            #expect(
                try run(
                    "signin", "eval", "--deputy", "E\(evaluator)", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "E\(evaluator).cred"
                ).status == 0)
        }
        let yes = try run("ballot", "cast", "eval", "--credential", "E1.cred", "--yes", "1", "--lang", "en")
        #expect(yes.status == 1 && yes.stderr.contains("--satisfied"))
        let twice = try run("ballot", "cast", "eval", "--credential", "E1.cred", "--satisfied", "1", "--unsatisfied", "1")
        #expect(twice.status == 1 && twice.stderr.contains("不能同时标为“满意”和“不满意”"))
        // Projects 1–8 satisfied by all; 9 and 10 unsatisfied by three of four.
        for evaluator in 1...4 {
            let cast = try run(
                "ballot", "cast", "eval", "--credential", "E\(evaluator).cred", "--satisfied", "1,2,3,4,5,6,7,8",
                evaluator == 4 ? "--basic" : "--unsatisfied", "9,10")
            #expect(cast.status == 0 && cast.stdout.contains("跟踪码"), "\(cast.stderr)")
        }
        #expect(try run("issuance", "seal", "eval", "--key", "registrar.key").status == 0)
        let tally = try run("tally", "eval", "--lang", "en")
        #expect(tally.status == 0 && tally.stdout.contains("grade: unsatisfied") && tally.stdout.contains("look-back list"), "\(tally.stderr)")
        let early = try run("evaluation", "import", "eval", "--year", "2027", "--source", "常委会测评", "--weight", "60", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(early.status == 1 && early.stderr.contains("no scrutineer has countersigned it yet"))
        #expect(try run("result", "sign", "eval", "--key", "scrutineer.key").status == 0)
        let imported = try run("evaluation", "import", "eval", "--year", "2027", "--source", "常委会测评", "--weight", "60", "--workspace", "ws.sqlite")
        #expect(imported.status == 0 && imported.stdout.contains("10 个项目"), "\(imported.stderr)")
        let scores = try run("scores", "show", "--year", "2027", "--workspace", "ws.sqlite", "--json")
        let report = try JSONSerialization.jsonObject(with: Data(scores.stdout.utf8)) as! [String: Any]
        let rated = report["projects"] as! [[String: Any]]
        #expect(rated.count == 10 && rated.filter { $0["lookBack"] as? Bool == true }.count == 2)
        let opened = try run("lookback", "open", "--year", "2027", "--deadline", "2028-03-31", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(opened.status == 0 && opened.stdout.contains("2 rectification tasks opened"))
        let lookBack = try run("evaluation", "projects", "--look-back", "2027", "--workspace", "ws.sqlite")
        #expect(lookBack.status == 0 && lookBack.stdout.split(separator: "\n").count == 3)
        let vote = try run(
            "evaluation", "import", WorkspaceCommandTests.example, "--year", "2027", "--source", "x", "--weight", "1", "--workspace", "ws.sqlite")
        #expect(vote.status == 1 && vote.stderr.contains("shishi projects adopt"))
        #expect(try run("log", "verify", "--workspace", "ws.sqlite").status == 0)
    }
}
