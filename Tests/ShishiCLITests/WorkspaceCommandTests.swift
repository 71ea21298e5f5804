import Foundation
import Testing

@Suite(.serialized) struct WorkspaceCommandTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ballots").appendingPathComponent("example").path

    @Test func theYearFromAdoptionToStatus() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        let again = try CLI.run(["workspace", "init", "ws.sqlite", "--lang", "en"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        let adopt = try CLI.run(["projects", "adopt", "--result", Self.example, "--workspace", "ws.sqlite"], in: dir)
        #expect(adopt.status == 0 && adopt.stdout.contains("已导入 10 个项目"), "\(adopt.stderr)")
        #expect(try CLI.run(["projects", "adopt", "--result", Self.example, "--workspace", "ws.sqlite"], in: dir).status == 1)
        #expect(try CLI.run(["milestone", "add", "--project", "1", "--title", "开工", "--due", "2027-03-31", "--workspace", "ws.sqlite"], in: dir).status == 0)
        let badDate = try CLI.run(["milestone", "add", "--project", "1", "--title", "x", "--due", "31/03/2027", "--workspace", "ws.sqlite"], in: dir)
        #expect(badDate.status == 1 && badDate.stderr.contains("YYYY-MM-DD"))
        #expect(try CLI.run(["progress", "add", "--project", "2", "--date", "2027-03-15", "--percent", "30", "--workspace", "ws.sqlite"], in: dir).status == 0)
        let status = try CLI.run(["projects", "status", "--today", "2027-04-01", "--workspace", "ws.sqlite"], in: dir)
        #expect(status.status == 0 && status.stdout.contains("逾期") && status.stdout.contains("███░░░░░░░  30%"))
        let overdue = try CLI.run(["projects", "status", "--today", "2027-04-01", "--overdue", "--json", "--workspace", "ws.sqlite"], in: dir)
        let rows = try JSONSerialization.jsonObject(with: Data(overdue.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 1 && rows[0]["status"] as? String == "overdue")
        let log = try CLI.run(["log", "verify", "--workspace", "ws.sqlite", "--lang", "en"], in: dir)
        #expect(log.status == 0 && log.stdout.contains("3 entries"))
        let missing = try CLI.run(["projects", "status", "--workspace", "none.sqlite"], in: dir)
        #expect(missing.status == 1 && missing.stderr.contains("shishi workspace init"))
    }

    @Test func killingAnImportHalfwayLeavesTheWorkspaceAsItWas() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        #expect(try CLI.run(["projects", "adopt", "--result", Self.example, "--workspace", "ws.sqlite"], in: dir).status == 0)
        // 60,000 rows: long enough to be killed while it writes.
        var sheet = "project,date,percent,spent,narrative\n"
        let calendar = Calendar(identifier: .gregorian)
        let start = calendar.date(from: DateComponents(timeZone: TimeZone(identifier: "UTC"), year: 1980, month: 1, day: 1))!
        var formatter = Date.ISO8601FormatStyle().year().month().day()
        formatter.timeZone = TimeZone(identifier: "UTC")!
        for day in 0..<6_000 {
            let date = calendar.date(byAdding: .day, value: day, to: start)!.formatted(formatter)
            for project in 1...10 { sheet += "\(project),\(date),\(day % 101),\(day),第 \(day) 天\n" }
        }
        try sheet.write(to: dir.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        let child = try CLI.start(["progress", "import", "big.csv", "--workspace", "ws.sqlite"], in: dir)
        // Wait until the transaction is writing (its pages spill into the WAL), then kill it.
        let wal = dir.appendingPathComponent("ws.sqlite-wal").path
        for _ in 0..<600 {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > 1_000_000 || !child.isRunning { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let killedMidway = child.isRunning
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        // All or nothing: never some of the rows.
        let export = try CLI.run(["progress", "export", "--workspace", "ws.sqlite"], in: dir)
        #expect(export.status == 0)
        let rows = export.stdout.split(separator: "\n").count - 1
        #expect(rows == 0 || rows == 60_000, "a partial import: \(rows) rows")
        if killedMidway { #expect(rows == 0) }
        let log = try CLI.run(["log", "verify", "--workspace", "ws.sqlite"], in: dir)
        #expect(log.status == 0, "\(log.stderr)")
        // And the file loads in full afterwards.
        let retry = try CLI.run(["progress", "import", "big.csv", "--workspace", "ws.sqlite", "--lang", "en"], in: dir)
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains(rows == 0 ? "60000 reports added" : "0 reports added, 60000 already present"))
    }

    @Test func yearAccountsAreAddedToTheWorkspaceAndAnAccountBelongsToOneServer() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        #expect(try CLI.run(["projects", "adopt", "--result", Self.example, "--workspace", "ws.sqlite"], in: dir).status == 0)
        let shishi = CLI.binary.path
        let added = try CLI.runShell(
            "echo 'correct horse battery' | \(shishi) serve user add minzheng --role department --department 市民政局 --workspace ws.sqlite", in: dir)
        #expect(added.status == 0 && added.stdout.contains("已添加账户 minzheng（责任单位）"), "\(added.stdout)\(added.stderr)")
        let unknown = try CLI.runShell(
            "echo 'correct horse battery' | \(shishi) serve user add edu --role department --department 教育 --workspace ws.sqlite --lang en 2>&1", in: dir)
        #expect(unknown.status == 1 && unknown.stdout.contains("No project belongs to “教育”"), "\(unknown.stdout)")
        let badRole = try CLI.runShell("echo 'correct horse battery' | \(shishi) serve user add x --role boss --workspace ws.sqlite --lang en 2>&1", in: dir)
        #expect(badRole.status == 1 && badRole.stdout.contains("write secretariat, department or member"))
        let both = try CLI.runShell(
            "echo 'correct horse battery' | \(shishi) serve user add x --role secretariat --workspace ws.sqlite --vote v --lang en 2>&1", in: dir)
        #expect(both.status != 0 && both.stdout.contains("An account belongs to the hall (--vote) or to the year (--workspace)"), "\(both.stdout)")
        let neither = try CLI.run(["serve", "--lang", "en"], in: dir)
        #expect(neither.status != 0 && neither.stderr.contains("Give --vote DIR (the voting hall), --workspace FILE (the year's projects), or both"))
        let hallPortAlone = try CLI.run(["serve", "--workspace", "ws.sqlite", "--hall-port", "9000", "--lang", "en"], in: dir)
        #expect(hallPortAlone.status != 0 && hallPortAlone.stderr.contains("--hall-port goes with both --vote and --workspace"))
        let hallWithoutKey = try CLI.run(["serve", "--vote", "v"], in: dir)
        #expect(hallWithoutKey.status != 0 && hallWithoutKey.stderr.contains("--registrar-key"))
        let log = try CLI.run(["log", "verify", "--workspace", "ws.sqlite"], in: dir)
        #expect(log.status == 0)
    }
}
