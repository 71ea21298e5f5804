import Foundation
import GRDB
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTally
import ShishiTestSupport
import Testing

@Suite struct FollowUpTests {
    /// A counted, countersigned vote of 9 deputies: projects 1 and 2 adopted, 3 outranked.
    func countedVote() throws -> Fixture.Made {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 2, base: .valid)
        let registrar = try made.registrar()
        for index in 1...8 {
            try made.cast("D\(index)", yes: index <= 6 ? ["1", "2"] : ["3"], registrar: registrar)
        }
        try registrar.seal()
        try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        return made
    }

    func workspace() throws -> Workspace {
        try Workspace(url: Fixture.temporaryFolder().appendingPathComponent("shishi.sqlite"), actor: "测试", clock: { Fixture.now })
    }

    @Test func aVerifiedResultIsAdoptedOnceAndAudited() throws {
        let made = try countedVote()
        let workspace = try workspace()
        let projects = try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace)
        #expect(projects.map(\.candidateId) == ["1", "2"])
        #expect(projects.map(\.rank) == [1, 2])
        #expect(projects.map(\.yes) == [6, 6])
        #expect(try #require(throws: ShishiError.self) { try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace) }.code == "adopt.already")
        let check = try workspace.verifyAuditChain()
        #expect(check.entries == 1 && check.firstBroken == nil)
        let entry = try workspace.read { try AuditEntry.fetchOne($0) }
        #expect(entry?.action == "vote.adopt" && entry?.actor == "测试" && entry?.at == Timestamp.string(Fixture.now))
    }

    @Test func theWorkspaceKeepsItsOwnRosterAndNeverReopensTheVote() throws {
        let made = try countedVote()
        let workspace = try workspace()
        let projects = try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace)
        let rows = try workspace.read { try RosterDeputyRecord.fetchAll($0) }
        #expect(rows.map(\.deputyId) == (1...9).map { "D\($0)" } && rows.first?.name == "代表1")
        // The vote folder is gone (moved to an archive, say): the year goes on without it.
        try FileManager.default.removeItem(at: made.folder)
        let group = try workspace.addGroupMembers(project: projects[0].id!, deputies: ["D2", "D3"], leader: "D1")
        #expect(group.map(\.deputyId) == ["D2", "D3", "D1"] && group.last?.role == .leader && group.first?.name == "代表2")
        let stranger = try #require(throws: ShishiError.self) { try workspace.addGroupMembers(project: projects[0].id!, deputies: ["D99"], leader: nil) }
        #expect(stranger.code == .groupNotOnRoster)
        #expect(try workspace.groupMembers(project: projects[0].id!).map(\.deputyId) == ["D1", "D2", "D3"])
    }

    @Test func anAlteredOrUnsignedResultIsRefusedWithTheReason() throws {
        let made = try countedVote()
        let url = ResultFile(vote: made.vote).url
        var envelope = try SignedEnvelope.read(from: url)
        var result = try envelope.decodePayload(TallyResult.self, expecting: TallyResult.payloadType, source: "result.json")
        result.allocation?.adopted = ["1", "3"]
        envelope.payload = try StrictJSON.encode(result)
        try envelope.fileData().write(to: url)
        let workspace = try workspace()
        let error = try #require(throws: ShishiError.self) { try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace) }
        #expect(error.code == "adopt.unverified" && error.message.en.contains("check 18"))
        #expect(try workspace.read { try ProjectRecord.fetchCount($0) } == 0)
        #expect(try workspace.verifyAuditChain().entries == 0)
    }

    @Test func aResultNoScrutineerHasSignedIsRefusedWithThatReason() throws {
        let made = try countedVote()
        var envelope = try SignedEnvelope.read(from: ResultFile(vote: made.vote).url)
        envelope.signatures = []
        try envelope.fileData().write(to: ResultFile(vote: made.vote).url)
        let workspace = try workspace()
        let error = try #require(throws: ShishiError.self) { try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace) }
        #expect(error.code == "adopt.unverified" && error.message.en.contains("no scrutineer has countersigned it yet"))
        #expect(try workspace.read { try ProjectRecord.fetchCount($0) } == 0)
    }

    @Test func statusFollowsTheMilestonesAtTheirBoundaries() throws {
        let project = ProjectRecord(id: 1, voteId: 1, candidateId: "1", title: "城区老旧小区改造", titleEn: nil, rank: 1, yes: 200, department: nil)
        let due = MilestoneRecord(projectId: 1, title: "开工", due: "2027-03-31", weight: 1)
        func status(_ milestones: [MilestoneRecord], _ reports: [ProgressReportRecord] = [], today: String) -> ProjectStatus {
            ProjectProgress.compute(project, milestones: milestones, reports: reports, today: today).status
        }
        #expect(status([due], today: "2027-03-30") == .notStarted)
        #expect(status([due], today: "2027-03-31") == .notStarted)  // due today: not yet overdue
        #expect(status([due], today: "2027-04-01") == .overdue)  // due yesterday and not done
        var done = due
        done.doneAt = "2027-03-31"
        #expect(status([done, MilestoneRecord(projectId: 1, title: "完工", due: "2027-12-31", weight: 3)], today: "2027-04-01") == .onTrack)
        #expect(status([done], today: "2027-04-01") == .completed)
        let behind = [
            done, MilestoneRecord(projectId: 1, title: "主体完工", due: "2027-06-30", weight: 1),
            MilestoneRecord(projectId: 1, title: "验收", due: "2027-12-31", weight: 2),
        ]
        let report = ProgressReportRecord(projectId: 1, date: "2027-06-30", percent: 10, spent: nil, narrative: "")
        #expect(status(behind, [report], today: "2027-06-30") == .atRisk)  // 50% planned, 10% done
        var accepted = project
        accepted.acceptedAt = "2027-12-31"
        #expect(ProjectProgress.compute(accepted, milestones: [due], reports: [], today: "2028-01-05").status == .accepted)
    }

    @Test func trackingChangesAreCheckedAndAudited() throws {
        let made = try countedVote()
        let workspace = try workspace()
        let projects = try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace)
        let id = try #require(projects.first?.id)
        let milestone = try workspace.addMilestone(project: id, title: "开工", due: "2027-03-31", weight: 1)
        try workspace.addProgress(project: id, date: "2027-03-15", percent: 20, spent: 1_000_000, narrative: "完成设计")
        try workspace.completeMilestone(milestone.id!, on: "2027-03-30")
        #expect(
            try #require(throws: ShishiError.self) { try workspace.addProgress(project: id, date: "2027-03-15", percent: 30, spent: nil, narrative: "") }.code
                == "progress.duplicate")
        #expect(
            try #require(throws: ShishiError.self) { try workspace.addProgress(project: id, date: "2027-02-30", percent: 30, spent: nil, narrative: "") }.code
                == "date.malformed")
        #expect(
            try #require(throws: ShishiError.self) { try workspace.addProgress(project: id, date: "2027-04-01", percent: 130, spent: nil, narrative: "") }.code
                == "progress.badPercent")
        #expect(
            try #require(throws: ShishiError.self) { try workspace.addMilestone(project: 999, title: "x", due: "2027-01-01", weight: 1) }.code
                == "project.missing")
        let rows = try workspace.projectProgress(today: "2027-04-01")
        // Its only milestone is done: the whole plan, more than the 20% last reported.
        #expect(rows.first?.status == .completed && rows.first?.percent == 100)
        #expect(rows.last?.status == .notStarted)
        #expect(try workspace.verifyAuditChain().entries == 4)
    }

    @Test func anEditedAuditRowIsDetected() throws {
        let made = try countedVote()
        let file = Fixture.temporaryFolder().appendingPathComponent("shishi.sqlite")
        let workspace = try Workspace(url: file, actor: "测试", clock: { Fixture.now })
        let projects = try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace)
        for day in 1...3 {
            try workspace.addProgress(project: projects[0].id!, date: "2027-0\(day)-10", percent: day * 10, spent: nil, narrative: "")
        }
        #expect(try workspace.verifyAuditChain().firstBroken == nil)
        // Someone edits the third entry with a SQLite tool.
        let tool = try DatabaseQueue(path: file.path)
        try tool.write { db in
            try db.execute(sql: "UPDATE auditEntry SET detail = replace(detail, '20', '90') WHERE id = 3")
        }
        let check = try workspace.verifyAuditChain()
        #expect(check.firstBroken?.id == 3)
        #expect(check.firstBroken?.reason.en.contains("was changed") == true)
    }
}

@Suite struct ProgressSheetTests {
    func adopted() throws -> Workspace {
        let made = try FollowUpTests().countedVote()
        let workspace = try Workspace(url: Fixture.temporaryFolder().appendingPathComponent("shishi.sqlite"), actor: "测试", clock: { Fixture.now })
        _ = try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace)
        return workspace
    }

    @Test func aSheetLoadsOnceAndExportsTheSameColumns() throws {
        let workspace = try adopted()
        let sheet = "项目编号,日期,完成百分比,已支出,进展情况\n1,2027-03-01,10,500000,完成设计\n2,2027-03-01,5,,\"招标中, 预计四月开工\"\n1,2027-04-01,25,900000,开工\n"
        let first = try ProgressSheet.importSheet(Data(sheet.utf8), source: "dept.csv", into: workspace)
        #expect(first == .init(added: 3, unchanged: 0))
        let again = try ProgressSheet.importSheet(Data(sheet.utf8), source: "dept.csv", into: workspace)
        #expect(again == .init(added: 0, unchanged: 3))
        let exported = try ProgressSheet.export(workspace)
        #expect(exported.hasPrefix("project,date,percent,spent,narrative\n1,2027-03-01,10,500000,完成设计\n"))
        #expect(exported.contains("\"招标中, 预计四月开工\""))
        // The export loads back as is.
        #expect(try ProgressSheet.importSheet(Data(exported.utf8), source: "export.csv", into: workspace) == .init(added: 0, unchanged: 3))
        #expect(try workspace.verifyAuditChain().entries == 4)
    }

    /// A sheet saved by Excel on a Chinese Windows ("CSV (comma delimited)": GB18030/GBK), or as
    /// "Unicode text" (UTF-16), loads as the UTF-8 one does; bytes that are none of them are refused.
    @Test func aSheetFromChineseExcelLoadsInItsOwnEncoding() throws {
        let workspace = try adopted()
        // "project,date,percent,narrative\n1,2027-05-01,50,主体施工\n" as GB18030 (iconv -t GB18030).
        let hex = "70726f6a6563742c646174652c70657263656e742c6e61727261746976650a312c323032372d30352d30312c35302cd6f7cce5caa9b9a40a"
        let gbk = Data(stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! })
        #expect(String(data: gbk, encoding: .utf8) == nil)
        #expect(try SpreadsheetText.decode(gbk, source: "dept.csv") == ("project,date,percent,narrative\n1,2027-05-01,50,主体施工\n", .gb18030))
        #expect(try ProgressSheet.importSheet(gbk, source: "dept.csv", into: workspace) == .init(added: 1, unchanged: 0))
        #expect(try workspace.read { try ProgressReportRecord.fetchAll($0) }.map(\.narrative) == ["主体施工"])
        let utf16 = Data([0xFF, 0xFE]) + "project,date,percent\n2,2027-05-01,20\n".data(using: .utf16LittleEndian)!
        #expect(try ProgressSheet.importSheet(utf16, source: "unicode.txt", into: workspace) == .init(added: 1, unchanged: 0))
        let neither = try #require(throws: ShishiError.self) {
            try ProgressSheet.importSheet(Data([0x31, 0x2C, 0xFF, 0xFF, 0x0A]), source: "x.csv", into: workspace)
        }
        #expect(neither.code == "csv.encoding" && neither.message.zh.contains("GB18030"))
    }

    @Test func aBadRowRefusesTheWholeFileWithItsLine() throws {
        let workspace = try adopted()
        let cases: [(String, String)] = [
            ("project,date,percent\n1,2027-03-01,10\n2,2027-02-30,10\n", "line 3, column “date”"),
            ("project,date,percent\n1,2027-03-01,10\n2,2027-03-01,110\n", "line 3, column “percent”"),
            ("project,date,percent\n1,2027-03-01,10\nX,2027-03-01,10\n", "line 3, column “project”"),
            ("project,date,percent\n1,2027-03-01,10\n1,2027-03-01,20\n", "line 3, column “date”"),
            ("project,date,percent\n1,2027-03-01,10\n99,2027-03-01,20\n", "line 3, column “project”"),
        ]
        for (sheet, place) in cases {
            let error = try #require(throws: ShishiError.self) { try ProgressSheet.importSheet(Data(sheet.utf8), source: "dept.csv", into: workspace) }
            #expect(error.message.en.contains(place) && error.message.en.contains("Nothing from this file was written"), "\(error.message.en)")
        }
        #expect(try workspace.read { try ProgressReportRecord.fetchCount($0) } == 0)
        // A row that contradicts what is recorded is refused too.
        _ = try ProgressSheet.importSheet(Data("project,date,percent\n1,2027-03-01,10\n".utf8), source: "a.csv", into: workspace)
        let conflict = try #require(throws: ShishiError.self) {
            try ProgressSheet.importSheet(Data("project,date,percent\n2,2027-05-01,30\n1,2027-03-01,15\n".utf8), source: "b.csv", into: workspace)
        }
        #expect(conflict.code == "progress.conflict" && conflict.message.en.contains("line 3"))
        #expect(try workspace.read { try ProgressReportRecord.fetchCount($0) } == 1)
    }
}

@Suite struct HotlineTests {
    let file = """
        工单编号,受理日期,诉求类别,诉求内容,项目编号
        H001,2027-03-02,城市管理,小区改造施工噪音扰民,1
        H002,2027-03-15,交通,公交站台遮雨棚损坏,
        H003,2027-04-01,住房,老旧小区楼道照明未修,
        H004,2027-04-03,其他,咨询社保政策,
        """

    @Test func complaintsLinkByNumberOrRuleAndLoadOnce() throws {
        let workspace = try ProgressSheetTests().adopted()
        let rules = try Hotline.rules(Data("project,keyword\n1,老旧小区\n2,公交\n".utf8), source: "rules.csv")
        let first = try Hotline.importFile(Data(file.utf8), source: "12345.csv", rules: rules, into: workspace)
        #expect(first == .init(added: 4, linked: 3, skipped: 0))
        let again = try Hotline.importFile(Data(file.utf8), source: "12345.csv", rules: rules, into: workspace)
        #expect(again == .init(added: 0, linked: 0, skipped: 4))
        let counts = try Hotline.counts(workspace)
        #expect(
            counts == [
                .init(project: 1, month: "2027-03", count: 1), .init(project: 1, month: "2027-04", count: 1), .init(project: 2, month: "2027-03", count: 1),
            ])
    }

    @Test func aBadRowRefusesTheFile() throws {
        let workspace = try ProgressSheetTests().adopted()
        let bad = file.replacingOccurrences(of: "H003,2027-04-01", with: "H003,2027-04-31")
        let error = try #require(throws: ShishiError.self) { try Hotline.importFile(Data(bad.utf8), source: "12345.csv", rules: [], into: workspace) }
        #expect(error.message.en.contains("line 4") && error.message.en.contains("Nothing from this file was written"))
        let unknown = file.replacingOccurrences(of: "扰民,1", with: "扰民,42")
        #expect(throws: ShishiError.self) { try Hotline.importFile(Data(unknown.utf8), source: "12345.csv", rules: [], into: workspace) }
        #expect(try Hotline.counts(workspace).isEmpty)
    }
}

@Suite struct RectificationTests {
    @Test func aRectificationPastItsDeadlineMakesTheProjectOverdueUntilClosed() throws {
        let workspace = try ProgressSheetTests().adopted()
        let (inspection, items) = try workspace.addInspection(
            project: 1, date: "2027-04-10", inspectors: "第一代表小组", findings: "围挡破损，夜间施工扰民",
            problems: [("围挡破损", "市城市管理局", "2027-04-20"), ("夜间施工", "施工单位", "2027-05-10")]
        )
        #expect(inspection.id != nil && items.count == 2 && items.allSatisfy { $0.status == .open })
        try workspace.addProgress(project: 1, date: "2027-04-01", percent: 30, spent: nil, narrative: "")
        func status(_ day: String) throws -> ProjectStatus { try workspace.projectProgress(today: day).first { $0.project.id == 1 }!.status }
        #expect(try status("2027-04-20") == .onTrack)  // the deadline is today: not yet overdue
        #expect(try status("2027-04-21") == .overdue)  // it was yesterday
        #expect(
            try #require(throws: ShishiError.self) { try workspace.updateRectification(items[0].id!, status: .closed, date: "2027-04-21", resolution: nil) }
                .code == "rectification.noResolution")
        try workspace.updateRectification(items[0].id!, status: .inProgress, date: "2027-04-21", resolution: nil)
        #expect(try status("2027-04-21") == .overdue)  // in progress is not closed
        try workspace.updateRectification(items[0].id!, status: .closed, date: "2027-04-22", resolution: "已更换围挡")
        #expect(try status("2027-04-22") == .onTrack)
        #expect(
            try #require(throws: ShishiError.self) { try workspace.updateRectification(items[0].id!, status: .inProgress, date: "2027-04-23", resolution: nil) }
                .code == "rectification.closed")
        #expect(try status("2027-05-11") == .overdue)  // the second one is late now
        #expect(try workspace.verifyAuditChain().firstBroken == nil)
    }
}

@Suite struct ProjectDetailsTests {
    @Test func detailsAndTheMonitoringGroupComeFromTheRoster() throws {
        let workspace = try ProgressSheetTests().adopted()
        let updated = try workspace.updateProject(1, details: .init(lead: "张伟", budget: 12_000_000, targets: "120 座"))
        #expect(updated.lead == "张伟" && updated.budget == 12_000_000 && updated.department == nil)
        let again = try workspace.updateProject(1, details: .init(department: "市城市管理局"))
        #expect(again.lead == "张伟" && again.department == "市城市管理局")  // fields not given stay
        #expect(try #require(throws: ShishiError.self) { try workspace.updateProject(1, details: .init(budget: -1)) }.code == "project.badBudget")
        let members = try workspace.addGroupMembers(project: 1, deputies: ["D1", "D2"], leader: "D3")
        #expect(members.map(\.name) == ["代表1", "代表2", "代表3"])
        #expect(try workspace.groupMembers(project: 1).first?.deputyId == "D3")  // the leader first
        #expect(
            try #require(throws: ShishiError.self) { try workspace.addGroupMembers(project: 1, deputies: ["D42"], leader: nil) }.code == "group.notOnRoster")
        #expect(try #require(throws: ShishiError.self) { try workspace.addGroupMembers(project: 1, deputies: ["D1"], leader: nil) }.code == "group.already")
        #expect(try workspace.groupMembers(project: 1).count == 3)
        #expect(try workspace.verifyAuditChain().entries == 4)
    }
}
