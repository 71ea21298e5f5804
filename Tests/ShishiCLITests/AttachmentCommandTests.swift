import Foundation
import Testing

@Suite(.serialized) struct AttachmentCommandTests {
    /// A new folder holding `ws.sqlite`, with the bundled example's projects adopted.
    static func adoptedWorkspace() throws -> URL {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        #expect(try CLI.run(["projects", "adopt", "--result", WorkspaceCommandTests.example, "--workspace", "ws.sqlite"], in: dir).status == 0)
        return dir
    }

    @Test func reportsCarryFilesThatAreCheckedLater() throws {
        let dir = try Self.adoptedWorkspace()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        try CLI.write("site photo", to: "photo.jpg", in: dir)
        let missing = try run(
            "progress", "add", "--project", "1", "--date", "2027-03-15", "--percent", "20", "--attach", "nope.jpg", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(missing.status == 1 && missing.stderr.contains("nope.jpg"))
        let added = try run("progress", "add", "--project", "1", "--date", "2027-03-15", "--percent", "20", "--attach", "photo.jpg", "--workspace", "ws.sqlite")
        #expect(added.status == 0 && added.stdout.contains("附件 1 个：photo.jpg"), "\(added.stderr)")
        let files = try run("progress", "files", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(files.status == 0 && files.stdout.contains("photo.jpg  [intact]"))
        let noReport = try run("progress", "attach", "--project", "1", "--date", "2027-04-01", "photo.jpg", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(noReport.status == 1 && noReport.stderr.contains("shishi progress add"))
        // Remove the stored copy: the check fails and names the file.
        let store = dir.appendingPathComponent("ws.sqlite.files")
        try FileManager.default.removeItem(at: store)
        let damaged = try run("progress", "files", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(damaged.status == 1 && damaged.stdout.contains("[MISSING]") && damaged.stderr.contains("photo.jpg"))
    }

    @Test func aMilestoneIsMarkedDoneWithItsEvidenceAndMovesOnlyWhileAhead() throws {
        let dir = try Self.adoptedWorkspace()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try run("milestone", "add", "--project", "1", "--title", "开工", "--due", "2027-03-31", "--workspace", "ws.sqlite").status == 0)
        let moved = try run("milestone", "move", "1", "--due", "2027-04-15", "--today", "2027-03-01", "--workspace", "ws.sqlite")
        #expect(moved.status == 0 && moved.stdout.contains("改为 2027-04-15"), "\(moved.stderr)")
        let overdue = try run("milestone", "move", "1", "--due", "2027-05-15", "--today", "2027-04-20", "--workspace", "ws.sqlite")
        #expect(overdue.status == 1 && overdue.stderr.contains("逾期的节点不能改期"))
        try CLI.write("signed acceptance", to: "sheet.pdf", in: dir)
        let done = try run(
            "milestone", "done", "1", "--date", "2027-04-14", "--note", "开工令已下达", "--evidence", "sheet.pdf", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(done.status == 0 && done.stdout.contains("marked done on 2027-04-14, with 1 evidence file."), "\(done.stderr)")
        let again = try run("milestone", "done", "1", "--workspace", "ws.sqlite")
        #expect(again.status == 1 && again.stderr.contains("已于 2027-04-14 标记完成"))
        #expect(try run("log", "verify", "--workspace", "ws.sqlite").status == 0)
    }

    @Test func aProgressReportIsCorrectedAndItsEarlierVersionKept() throws {
        let dir = try Self.adoptedWorkspace()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try run("progress", "add", "--project", "1", "--date", "2027-03-15", "--percent", "20", "--workspace", "ws.sqlite").status == 0)
        let missing = try run("progress", "correct", "--project", "1", "--date", "2027-03-16", "--percent", "25", "--reason", "x", "--workspace", "ws.sqlite")
        #expect(missing.status == 1 && missing.stderr.contains("没有 2027-03-16 的进度报告"))
        let corrected = try run(
            "progress", "correct", "--project", "1", "--date", "2027-03-15", "--percent", "25", "--reason", "填报有误", "--workspace", "ws.sqlite")
        #expect(corrected.status == 0 && corrected.stdout.contains("已更正"), "\(corrected.stderr)")
        #expect(try run("progress", "export", "--workspace", "ws.sqlite").stdout.contains("1,2027-03-15,25,"))
        #expect(try run("log", "verify", "--workspace", "ws.sqlite").status == 0)
    }

    @Test func aRectificationIsClosedWithItsEvidence() throws {
        let dir = try Self.adoptedWorkspace()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        let filed = try run(
            "inspection", "add", "--project", "1", "--date", "2027-04-01", "--inspectors", "D001", "--findings", "围挡破损", "--problem",
            "围挡破损|市住建局|2027-04-20", "--workspace", "ws.sqlite")
        #expect(filed.status == 0, "\(filed.stderr)")
        try CLI.write("the repaired fence", to: "fence.jpg", in: dir)
        let missing = try run(
            "rectification", "update", "1", "--status", "closed", "--resolution", "已更换", "--evidence", "nope.jpg", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(missing.status == 1 && missing.stderr.contains("nope.jpg"))
        let closed = try run(
            "rectification", "update", "1", "--status", "closed", "--resolution", "已更换", "--evidence", "fence.jpg", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(closed.status == 0 && closed.stdout.contains("1 evidence file stored"), "\(closed.stderr)")
        let stored = dir.appendingPathComponent("ws.sqlite.files/sha256")
        #expect((FileManager.default.subpaths(atPath: stored.path) ?? []).count == 2)  // one folder, one file
        #expect(try run("log", "verify", "--workspace", "ws.sqlite").status == 0)
        let listed = try run("rectification", "files", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(listed.status == 0 && listed.stdout.contains("1 evidence file:") && listed.stdout.contains("fence.jpg  [intact]"), "\(listed.stderr)")
        // An altered stored copy is found and named, and the command exits 1.
        let copy = try #require(FileManager.default.subpaths(atPath: stored.path)?.first { $0.contains("/") })
        let url = stored.appendingPathComponent(copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        try Data("not the fence".utf8).write(to: url)
        let altered = try run("rectification", "files", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(altered.status == 1 && altered.stdout.contains("[ALTERED]") && altered.stderr.contains("fence.jpg"))
    }
}
