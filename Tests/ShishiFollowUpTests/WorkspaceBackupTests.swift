import Foundation
import GRDB
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTestSupport
import Testing

/// Backups of a workspace: made while it is written to, checked, restored, never torn or
/// written over.
@Suite struct WorkspaceBackupTests {
    /// An adopted workspace with a progress report and two attachments.
    func filled() throws -> Workspace {
        let workspace = try ProgressSheetTests().adopted()
        try workspace.addProgress(project: 1, date: "2027-03-15", percent: 20, spent: nil, narrative: "开工")
        let folder = Fixture.temporaryFolder()
        let photo = folder.appendingPathComponent("现场照片.jpg")
        let sheet = folder.appendingPathComponent("验收单.pdf")
        try Data("photo bytes".utf8).write(to: photo)
        try Data("acceptance sheet".utf8).write(to: sheet)
        try workspace.attach([photo, sheet], project: 1, date: "2027-03-15")
        return workspace
    }

    @Test func aBackupMadeWhileWritingRestoresWhole() async throws {
        let workspace = try filled()
        let before = try workspace.verifyAuditChain().entries
        let target = Fixture.temporaryFolder().appendingPathComponent("backup")
        // The server goes on writing while the backup runs: the copy is one consistent moment.
        let writing = Task.detached {
            for day in 1...25 { try workspace.addProgress(project: 2, date: String(format: "2027-04-%02d", day), percent: day * 2, spent: nil, narrative: "") }
        }
        let report = try WorkspaceBackup.backup(workspace, to: target)
        try await writing.value
        #expect(report.files == 2 && report.entries >= before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).sorted() == ["workspace.sqlite", "workspace.sqlite.files"])
        // No temporary left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["backup"])
        let restored = target.deletingLastPathComponent().appendingPathComponent("restored.sqlite")
        #expect(try WorkspaceBackup.restore(from: target, to: restored) == report)
        let opened = try Workspace.open(url: restored, actor: "test")
        #expect(try opened.verifyAuditChain().firstBroken == nil && opened.verifyAuditChain().entries == report.entries)
        #expect(try opened.attachments(project: 1).map(\.state) == [.intact, .intact])
        // Never over an existing backup or workspace.
        #expect(throws: ShishiError.self) { try WorkspaceBackup.backup(workspace, to: target) }
        #expect(throws: ShishiError.self) { try WorkspaceBackup.restore(from: target, to: restored) }
    }

    @Test func aBackupWhoseChainOrFilesDoNotCheckIsRefused() throws {
        let workspace = try filled()
        let target = Fixture.temporaryFolder().appendingPathComponent("backup")
        try WorkspaceBackup.backup(workspace, to: target)
        let database = target.appendingPathComponent(WorkspaceBackup.databaseName)
        // An attachment gone from the backup's store: not whole.
        let store = URL(fileURLWithPath: database.path + ".files")
        let hash = HashAlgorithm.sha256.digest(Data("photo bytes".utf8)).hex
        let stored = Workspace.storedURL(hash, in: store)
        let kept = try Data(contentsOf: stored)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: stored.path)
        try FileManager.default.removeItem(at: stored)
        let missing = try #require(throws: ShishiError.self) { try WorkspaceBackup.check(database: database) }
        #expect(missing.code == .workspaceBackup && missing.message.en.contains("lacks the attachment"))
        try kept.write(to: stored)
        // An audit entry changed in the backup: its chain no longer holds, and it is not restored.
        let queue = try DatabaseQueue(path: database.path)
        try queue.write { db in try db.execute(sql: "UPDATE auditEntry SET subject = 'x' WHERE id = 2") }
        try queue.close()
        let restored = target.deletingLastPathComponent().appendingPathComponent("restored.sqlite")
        let broken = try #require(throws: ShishiError.self) { try WorkspaceBackup.restore(from: target, to: restored) }
        #expect(broken.code == .workspaceBackup && broken.message.en.contains("audit chain"))
        #expect(!FileManager.default.fileExists(atPath: restored.path))
    }
}
