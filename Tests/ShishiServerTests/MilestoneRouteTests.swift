import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore
import Testing

/// A project's milestones in the browser: the office adds one and moves one still ahead; the
/// project's department marks one done with a date, a note and a file; every refusal in words,
/// every change in the audit log under its account.
@Suite struct MilestoneRouteTests {
    let year = YearRouteTests()

    @Test func theDepartmentMarksAMilestoneDoneAndTheOfficeAddsAndMovesThem() async throws {
        let configuration = try year.setUp()  // today 2027-04-08; milestone 1 “开工” due 2027-03-01 on project 1
        let sheet = Data("%PDF-1.4 验收单".utf8)
        try await year.app(configuration).test(.router) { client in
            // The office adds a milestone; a department may not.
            let office = HallRouteTests.Browser(client)
            #expect(try await year.login(office, "office").status == .seeOther)
            let officeToken = try await office.token("/project/1")
            let added = try await office.post("/project/1/milestone", form: ["csrf": officeToken, "title": "竣工验收", "due": "2027-09-30", "weight": "2"])
            #expect(added.status == .seeOther && added.headers[.location] == "/project/1?done=milestone-added-2#milestones")
            let addedPage = String(buffer: try await office.get("/project/1?done=milestone-added-2").body)
            #expect(addedPage.contains("已添加节点 #2") && addedPage.contains("竣工验收"))
            #expect(try await office.post("/project/1/milestone", form: ["csrf": officeToken, "title": "", "due": "2027-09-30"]).status == .badRequest)

            let department = HallRouteTests.Browser(client)
            #expect(try await year.login(department, "zhujian").status == .seeOther)
            let token = try await department.token("/project/1")
            let page = String(buffer: try await department.get("/project/1").body)
            #expect(
                page.contains(#"action="/milestone/1/done""#) && !page.contains(#"action="/milestone/1/due""#)
                    && !page.contains(#"action="/project/1/milestone""#))
            #expect(try await department.post("/project/1/milestone", form: ["csrf": token, "title": "x", "due": "2027-09-30"]).status == .forbidden)

            // Marked done late (the project that reported 190 of 200 lifts no longer stays overdue).
            let badDate = try await year.postMultipart(department, "/milestone/1/done", fields: ["csrf": token, "date": "四月五日"], files: [])
            #expect(badDate.status == .badRequest && String(buffer: badDate.body).contains("完成日期"), "\(String(buffer: badDate.body))")
            let done = try await year.postMultipart(
                department, "/milestone/1/done", fields: ["csrf": token, "date": "2027-04-05", "evidence": "开工令已下达"], files: [("files", "验收单.pdf", sheet)])
            #expect(done.status == .seeOther && done.headers[.location] == "/project/1?done=milestone-done-1#milestones")
            let donePage = String(buffer: try await department.get("/project/1?done=milestone-done-1").body)
            #expect(donePage.contains("节点 #1 已标记完成") && donePage.contains("完成 2027-04-05") && donePage.contains("开工令已下达"))
            let hash = HashAlgorithm.sha256.digest(sheet).hex
            #expect(donePage.contains("/file/\(hash)") && !donePage.contains(#"action="/milestone/1/done""#))
            #expect(try await department.get("/file/\(hash)").status == .ok)
            let twice = try await year.postMultipart(department, "/milestone/1/done", fields: ["csrf": token, "date": "2027-04-06"], files: [])
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("已于 2027-04-05 标记完成"))

            // A group member marks nothing.
            let member = HallRouteTests.Browser(client)
            #expect(try await year.login(member, "d1").status == .seeOther)
            let memberToken = try await member.token("/project/1")
            let refused = try await year.postMultipart(member, "/milestone/2/done", fields: ["csrf": memberToken, "date": "2027-04-08"], files: [])
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("不能填报"), "\(String(buffer: refused.body))")

            // The office moves a milestone still ahead; an overdue one keeps its date.
            let moved = try await office.post("/milestone/2/due", form: ["csrf": officeToken, "due": "2027-10-15"])
            #expect(moved.status == .seeOther)
            #expect(String(buffer: try await office.get("/project/1").body).contains("计划完成 2027-10-15"))
            #expect(try await office.post("/milestone/1/due", form: ["csrf": officeToken, "due": "2027-10-15"]).status == .conflict)
        }
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        let overdue = try workspace.addMilestone(project: 1, title: "围挡", due: "2027-04-01", weight: 1)
        let late = try #require(throws: ShishiError.self) { try workspace.rescheduleMilestone(overdue.id!, due: "2027-05-01", today: "2027-04-08") }
        #expect(late.code == "milestone.due" && late.message.zh.contains("逾期的节点不能改期"))
        let actions = try workspace.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, action FROM auditEntry WHERE action LIKE 'milestone.%' ORDER BY id").map {
                "\($0["actor"] as String) \($0["action"] as String)"
            }
        }
        #expect(actions == ["测试 milestone.add", "office milestone.add", "zhujian milestone.done", "office milestone.move", "check milestone.add"])
        #expect(try workspace.verifyAuditChain().entries > 0)
        #expect(try workspace.milestoneEvidence(project: 1)[1]?.map(\.name) == ["验收单.pdf"])
    }
}
