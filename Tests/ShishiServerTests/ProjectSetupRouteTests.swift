import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore
import Testing

/// A project set up and kept in the browser: the office sets its details and group, adds
/// milestones and moves one still ahead; the project's department marks one done with a date, a
/// note and a file; every refusal in words, every change in the audit log under its account.
@Suite struct ProjectSetupRouteTests {
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

    /// The office sets a project up without a terminal: details as people write them, and the
    /// monitoring group chosen by name from the vote's roster.
    @Test func theOfficeSetsTheProjectsDetailsAndGroupInTheBrowser() async throws {
        let configuration = try year.setUp()  // project 1: 市住建局, group D1 and D2
        try await year.app(configuration).test(.router) { client in
            let office = HallRouteTests.Browser(client)
            #expect(try await year.login(office, "office").status == .seeOther)
            let token = try await office.token("/project/1")
            let page = String(buffer: try await office.get("/project/1").body)
            // The roster's deputies not yet on the group are offered by name; those on it are not.
            #expect(page.contains(#"<option value="D3">"#) && !page.contains(#"<option value="D1">"#) && page.contains(#"<option value="市教育局">"#))
            let bad = try await office.post("/project/1/details", form: ["csrf": token, "department": "市住建局", "budget": "一百万"])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("应为整数（元）"))
            let saved = try await office.post(
                "/project/1/details", form: ["csrf": token, "department": "市城市管理局", "lead": "王局长", "budget": "1,200,000 元", "targets": "加装电梯 200 部"])
            #expect(saved.status == .seeOther && saved.headers[.location] == "/project/1?done=project-updated-1#setup")
            let after = String(buffer: try await office.get("/project/1?done=project-updated-1").body)
            #expect(after.contains("项目 #1 的责任单位、负责人、预算与目标已更新") && after.contains("市城市管理局") && after.contains("王局长") && after.contains("1,200,000"))
            #expect(after.contains("加装电梯 200 部"))
            let added = try await office.post("/project/1/group", form: ["csrf": token, "deputy": "D3", "leader": "yes"])
            #expect(added.status == .seeOther)
            let grouped = String(buffer: try await office.get("/project/1").body)
            #expect(grouped.contains("（组长）") && !grouped.contains(#"<option value="D3">"#))
            let twice = try await office.post("/project/1/group", form: ["csrf": token, "deputy": "D1"])
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("已在项目 1 的代表小组中"))
            let stranger = try await office.post("/project/1/group", form: ["csrf": token, "deputy": "D999"])
            #expect(stranger.status == .conflict && String(buffer: stranger.body).contains("不在该项目所属投票的代表名单上"), "\(stranger.status)")
            // A visitor sees the group but no form.
            let visitor = String(buffer: try await HallRouteTests.Browser(client).get("/project/1").body)
            #expect(visitor.contains("代表小组") && !visitor.contains(#"action="/project/1/details""#))
        }
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        let actors = try workspace.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, action FROM auditEntry WHERE action IN ('project.update', 'group.add') ORDER BY id").map {
                "\($0["actor"] as String) \($0["action"] as String)"
            }
        }
        #expect(actors.suffix(2) == ["office project.update", "office group.add"])
        #expect(try workspace.read { db in try ProjectRecord.fetchOne(db, key: 1) }?.budget == 1_200_000)
    }

    /// A wrong report is corrected by its department: the new version in place, the earlier one
    /// kept and shown with who corrected it and why.
    @Test func aDepartmentCorrectsAReportAndTheEarlierVersionStays() async throws {
        let configuration = try year.setUp()  // project 1 reported 10 % on 2027-02-01 (report 1)
        try await year.app(configuration).test(.router) { client in
            let department = HallRouteTests.Browser(client)
            #expect(try await year.login(department, "zhujian").status == .seeOther)
            let token = try await department.token("/project/1")
            #expect(String(buffer: try await department.get("/project/1").body).contains(#"action="/progress/1/correct""#))
            let noReason = try await department.post("/progress/1/correct", form: ["csrf": token, "percent": "12", "narrative": "设计完成"])
            #expect(noReason.status == .badRequest && String(buffer: noReason.body).contains("请写明更正的原因"))
            let corrected = try await department.post(
                "/progress/1/correct", form: ["csrf": token, "percent": "12", "spent": "500000", "narrative": "设计完成（含地勘）", "reason": "漏报地勘"])
            #expect(corrected.status == .seeOther && corrected.headers[.location] == "/project/1?done=progress-corrected-1#reports")
            let page = String(buffer: try await department.get("/project/1?done=progress-corrected-1").body)
            #expect(page.contains("进度报告已更正") && page.contains("设计完成（含地勘）") && page.contains("更正记录"))
            #expect(page.contains("zhujian 更正：漏报地勘") && page.contains("10%") && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;设计完成"))
            let same = try await department.post(
                "/progress/1/correct", form: ["csrf": token, "percent": "12", "spent": "500000", "narrative": "设计完成（含地勘）", "reason": "再次"])
            #expect(same.status == .conflict && String(buffer: same.body).contains("没有需要更正的内容"))
            let member = HallRouteTests.Browser(client)
            #expect(try await year.login(member, "d1").status == .seeOther)
            let memberToken = try await member.token("/project/1")
            #expect(try await member.post("/progress/1/correct", form: ["csrf": memberToken, "percent": "90", "reason": "x"]).status == .forbidden)
        }
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        let reports = try workspace.read { try ProgressReportRecord.fetchAll($0) }
        #expect(reports.map(\.percent) == [12] && reports.map(\.narrative) == ["设计完成（含地勘）"])
        #expect(try workspace.progressCorrections(project: 1)[1]?.map { "\($0.percent) \($0.correctedBy) \($0.reason)" } == ["10 zhujian 漏报地勘"])
        #expect(try workspace.verifyAuditChain().entries > 0)
    }

    /// A monitoring group files its inspection with the photos it took: shown under the inspection
    /// and in the project's photos, served by their hash, in the audit log with the inspection.
    @Test func aGroupFilesAnInspectionWithItsPhotos() async throws {
        let configuration = try year.setUp()
        let photo = Data("\u{89}PNG 现场".utf8)
        try await year.app(configuration).test(.router) { client in
            let member = HallRouteTests.Browser(client)
            #expect(try await year.login(member, "d1").status == .seeOther)
            let token = try await member.token("/project/1")
            #expect(String(buffer: try await member.get("/project/1").body).contains(#"name="photos" type="file""#))
            let filed = try await year.postMultipart(
                member, "/project/1/inspection", fields: ["csrf": token, "date": "2027-04-07", "findings": "井盖松动"], files: [("photos", "井盖.png", photo)])
            #expect(filed.status == .seeOther, "\(String(buffer: filed.body))")
            let hash = HashAlgorithm.sha256.digest(photo).hex
            let page = String(buffer: try await member.get("/project/1").body)
            let inspections = try #require(page.components(separatedBy: #"<h2 id="inspections">"#).dropFirst().first)
            #expect(inspections.contains("井盖松动") && inspections.contains(#"<img src="/file/\#(hash)" alt="井盖.png""#))
            let gallery = try #require(page.components(separatedBy: #"<h2 id="photos">"#).dropFirst().first?.components(separatedBy: "</ul>").first)
            #expect(gallery.contains("/file/\(hash)"))
            #expect(try await member.get("/file/\(hash)").status == .ok)
        }
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        let detail = try workspace.read { db in try String.fetchOne(db, sql: "SELECT detail FROM auditEntry WHERE action = 'inspection.add'") }
        #expect(detail?.contains(HashAlgorithm.sha256.digest(photo).hex) == true)
    }
}
