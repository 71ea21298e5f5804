import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTestSupport
import Testing

/// Files attached to progress reports, kept by their SHA-256 beside the workspace.
@Suite struct AttachmentTests {
    @Test func filesAreStoredOnceByHashAndCheckedLater() throws {
        let workspace = try ProgressSheetTests().adopted()
        let store = try #require(workspace.filesFolder)
        try workspace.addProgress(project: 1, date: "2027-03-15", percent: 20, spent: nil, narrative: "开工")
        try workspace.addProgress(project: 2, date: "2027-03-15", percent: 10, spent: nil, narrative: "")
        let folder = Fixture.temporaryFolder()
        let photo = folder.appendingPathComponent("现场照片.jpg")
        let sheet = folder.appendingPathComponent("验收单.pdf")
        try Data("photo bytes".utf8).write(to: photo)
        try Data("acceptance sheet".utf8).write(to: sheet)

        let records = try workspace.attach([photo, sheet], project: 1, date: "2027-03-15")
        #expect(records.map(\.name) == ["现场照片.jpg", "验收单.pdf"])
        let hash = HashAlgorithm.sha256.digest(Data("photo bytes".utf8)).hex
        #expect(records[0].sha256 == hash && records[0].size == 11)
        let stored = Workspace.storedURL(hash, in: store)
        #expect(try Data(contentsOf: stored) == Data("photo bytes".utf8))
        // The same photo on another report: recorded again, stored once.
        try workspace.attach([photo], project: 2, date: "2027-03-15")
        #expect(try FileManager.default.contentsOfDirectory(atPath: stored.deletingLastPathComponent().path).filter { !$0.hasPrefix(".") } == [hash])
        #expect(try workspace.attachments().map(\.state) == [.intact, .intact, .intact])
        #expect(try workspace.attachments(project: 2).count == 1)

        func code(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let error as ShishiError { return error.code.rawValue } catch { return "\(error)" }
        }
        #expect(code { try workspace.attach([photo], project: 1, date: "2027-03-15") } == "attachment.already")
        #expect(code { try workspace.attach([sheet], project: 1, date: "2027-04-15") } == "attachment.noReport")
        #expect(code { try workspace.attach([sheet], project: 9, date: "2027-03-15") } == "project.missing")
        #expect(code { try workspace.attach([photo, photo], project: 2, date: "2027-03-15") } == "attachment.twice")
        #expect(code { try workspace.attach([folder.appendingPathComponent("none.jpg")], project: 2, date: "2027-03-15") } != nil)

        // A stored copy changed behind the workspace's back is reported, and never overwritten.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: stored.path)
        try Data("edited".utf8).write(to: stored)
        #expect(try workspace.attachments(project: 1).map(\.state) == [.altered, .intact])
        #expect(code { try workspace.attach([photo], project: 2, date: "2027-03-15") } == "attachment.storeAltered")
        try FileManager.default.removeItem(at: stored)
        #expect(try workspace.attachments(project: 1).map(\.state) == [.missing, .intact])
        #expect(try workspace.verifyAuditChain().firstBroken == nil)
    }
}
