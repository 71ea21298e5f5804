import Foundation
import GRDB
import Testing

@testable import ShishiStore

/// The workspace's schema: made from an empty file, and brought up to date from a workspace of
/// each earlier version. `Fixtures/schema-NN.sql` is a workspace as the version whose last
/// migration is the NN-th left it (a `sqlite3 .dump`, with audit entries, a vote, a project, a
/// milestone and a progress report where that version had them). A new migration needs the
/// fixture of the version before it: run this suite once with `SHISHI_WRITE_SCHEMA_FIXTURES=1`
/// to write the missing ones (never to rewrite the kept ones), and commit them.
@Suite struct MigrationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let identifiers = Workspace.migrator.migrations

    static func fixture(_ count: Int) -> URL {
        fixtures.appendingPathComponent(String(format: "schema-%02d.sql", count))
    }

    @Test func anEmptyFileGetsEveryMigration() throws {
        let queue = try DatabaseQueue()
        let workspace = try Workspace(writer: queue, actor: "test")
        let applied = try queue.read { db in try Workspace.migrator.appliedIdentifiers(db) }
        #expect(Array(applied).sorted() == Self.identifiers.sorted())
        try workspace.write { _, audit in try audit.record("test", subject: "-", detail: ["ok": true]) }
        #expect(try workspace.verifyAuditChain().firstBroken == nil)
    }

    @Test func everyEarlierVersionHasItsFixture() throws {
        for count in 1..<Self.identifiers.count {
            #expect(FileManager.default.fileExists(atPath: Self.fixture(count).path), "schema-\(count): run with SHISHI_WRITE_SCHEMA_FIXTURES=1")
        }
    }

    @Test(arguments: 1..<Workspace.migrator.migrations.count)
    func aWorkspaceOfAnEarlierVersionOpensAndMigrates(count: Int) throws {
        let dump = try String(contentsOf: Self.fixture(count), encoding: .utf8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        try DatabaseQueue(path: url.path).writeWithoutTransaction { db in try db.execute(sql: dump) }
        let before = try DatabaseQueue(path: url.path).read { db in try Workspace.migrator.appliedIdentifiers(db) }
        #expect(before == Set(Self.identifiers.prefix(count)), "the fixture is of version \(count)")

        let workspace = try Workspace(url: url, actor: "test")
        let after = try workspace.read { db in try Workspace.migrator.appliedIdentifiers(db) }
        #expect(after == Set(Self.identifiers))
        // What the earlier version kept is kept, the chain holds, and the workspace takes new work.
        let check = try workspace.verifyAuditChain()
        #expect(check.firstBroken == nil && check.entries == (count >= 2 ? 2 : 1))
        if count >= 2 {
            let project = try #require(try workspace.read { db in try ProjectRecord.fetchOne(db, key: 1) })
            #expect(project.title == "老旧小区加装电梯")
            #expect(try workspace.read { db in try MilestoneRecord.fetchCount(db) } == 1)
            #expect(try workspace.read { db in try ProgressReportRecord.fetchOne(db)?.percent } == 40)
        }
        try workspace.write { _, audit in try audit.record("after upgrade", subject: "-", detail: ["count": count]) }
        #expect(try workspace.verifyAuditChain().firstBroken == nil)
    }

    /// Residents' reports sent before reference numbers existed get one each when the workspace
    /// is upgraded, all different and of the shape residents type.
    @Test func reportsOfAnEarlierVersionGetReferenceNumbers() throws {
        let index = try #require(Self.identifiers.firstIndex { $0.hasPrefix("v21") })
        let dump = try String(contentsOf: Self.fixture(index), encoding: .utf8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        try DatabaseQueue(path: url.path).writeWithoutTransaction { db in
            try db.execute(sql: dump)
            for text in ["路灯不亮", "电梯噪音", "井盖松动"] {
                try db.execute(
                    sql: "INSERT INTO publicReport (projectId, text, at, status) VALUES (1, ?, '2027-03-01T08:00:00Z', 'pending')", arguments: [text])
            }
        }
        let workspace = try Workspace(url: url, actor: "test")
        let references = try workspace.read { db in try PublicReportRecord.fetchAll(db) }.map(\.reference)
        #expect(references.count == 3 && Set(references).count == 3)
        #expect(references.allSatisfy { $0.flatMap(ReferenceNumber.normalized) == $0 && $0 != nil })
        #expect(ReferenceNumber.normalized("１２３４ ５６７８－９０１２") == "1234-5678-9012")
        #expect(ReferenceNumber.normalized("1234-5678-901") == nil && ReferenceNumber.normalized("1234-5678-901a") == nil)
    }

    /// Writes the fixture of every earlier version that has none: the schema as that version's
    /// migrations made it, and its data. Run only on purpose (see the suite's note).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SHISHI_WRITE_SCHEMA_FIXTURES"] == "1"))
    func writeMissingFixtures() throws {
        try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
        for count in 1..<Self.identifiers.count where !FileManager.default.fileExists(atPath: Self.fixture(count).path) {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-\(UUID().uuidString).sqlite")
            defer { try? FileManager.default.removeItem(at: url) }
            let queue = try DatabaseQueue(path: url.path)
            try Workspace.migrator.migrate(queue, upTo: Self.identifiers[count - 1])
            try queue.write { db in
                let audit = AuditTrail(db: db, actor: "秘书处", at: "2027-01-05T08:00:00Z")
                try audit.record("workspace made", subject: "-", detail: ["version": count])
                if count >= 2 {
                    try db.execute(
                        sql: """
                            INSERT INTO vote (id, voteHash, title, session, round, folder, resultHash, boxDigest, signers, adoptedAt)
                            VALUES (1, 'sha256:\(String(repeating: "a", count: 64))', '2027 年民生实事项目票决', '第一次会议', 1, 'votes/2027',
                                    'sha256:\(String(repeating: "b", count: 64))', 'sha256:\(String(repeating: "c", count: 64))', 'scrutineer', '2027-01-05');
                            INSERT INTO project (id, voteId, candidateId, title, rank, yes, department)
                            VALUES (1, 1, '1', '老旧小区加装电梯', 1, 80, '市住建局');
                            INSERT INTO milestone (projectId, title, due) VALUES (1, '开工', '2027-03-01');
                            INSERT INTO progressReport (projectId, date, percent, narrative) VALUES (1, '2027-04-01', 40, '已完成 40 台');
                            """)
                    try audit.record("projects adopted", subject: "vote 1", detail: ["projects": 1])
                }
            }
            let dump = Process()
            dump.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            dump.arguments = [url.path, ".dump"]
            let pipe = Pipe()
            dump.standardOutput = pipe
            try dump.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            dump.waitUntilExit()
            #expect(dump.terminationStatus == 0)
            try data.write(to: Self.fixture(count))
        }
    }
}
