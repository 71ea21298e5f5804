import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTestSupport
import Testing

/// The yearly report: the figures it gathers, the sheet and the page.
@Suite struct YearReportTests {
    /// Two projects through a year: plans, progress, an inspection, complaints, ratings.
    func year() throws -> Workspace {
        let workspace = try ProgressSheetTests().adopted()
        try workspace.updateProject(1, details: .init(department: "市住建局", lead: "张<局长>", budget: 1_000_000, targets: "改造 30 个小区"))
        try workspace.updateProject(2, details: .init(department: "市教育局"))
        try workspace.addMilestone(project: 1, title: "开工", due: "2027-03-31", weight: 1)
        try workspace.addMilestone(project: 1, title: "完工", due: "2027-10-31", weight: 3)
        try workspace.completeMilestone(1, on: "2027-03-30")
        try workspace.addProgress(project: 1, date: "2027-06-30", percent: 45, spent: 400_000, narrative: "过半")
        try workspace.addInspection(project: 2, date: "2027-05-10", inspectors: "第二代表小组", findings: "食堂设备未到位", problems: [("设备未到位", "市教育局", "2027-06-01")])
        let complaints = "record_id,date,category,text,project\nA,2027-03-02,教育,学位,2\nB,2027-03-20,教育,学位,2\nC,2027-07-01,住建,漏水,1\nD,2026-12-30,住建,去年的,1\n"
        try Hotline.importFile(Data(complaints.utf8), source: "h.csv", rules: [], into: workspace)
        try Scores.importCounts(
            Data("project,satisfied,basically,unsatisfied\n1,17,11,1\n2,5,8,16\n".utf8), file: "c.csv", year: 2027, source: "常委会测评", weight: 60, evaluators: 29,
            points: PointsMapping(), into: workspace)
        return workspace
    }

    @Test func theReportGathersEachProjectsYear() throws {
        let report = try YearReport(year: 2027, today: "2027-08-15", workspace: year())
        #expect(report.projects.count == 2)
        let first = report.projects[0], second = report.projects[1]
        #expect(first.progress.status == .onTrack && first.progress.percent == 45 && first.milestones.count == 2)
        #expect(first.hotlineTotal == 1)  // the 2026 complaint is another year's
        #expect(second.progress.status == .overdue && second.openRectifications.count == 1 && second.hotlineTotal == 2)
        #expect(first.evaluation?.grade == .satisfied && second.evaluation?.grade == .unsatisfied && second.evaluation?.lookBack == true)

        let csv = report.csv().split(separator: "\n").map(String.init)
        #expect(csv[0] == YearReport.csvHeader.joined(separator: ","))
        #expect(csv[1].hasPrefix("1,项目1,市住建局,on-track,45,25,1,2,0,0,0,0,1,satisfied,"))
        #expect(csv[2].hasPrefix("2,项目2,市教育局,overdue,0,0,0,0,0,1,1,1,2,unsatisfied,") && csv[2].hasSuffix(",yes,"))
        #expect(throws: ShishiError.self) { try YearReport(year: 2027, today: "15/08/2027", workspace: try year()) }
    }

    @Test func thePageIsSelfContainedAndInBothLanguages() throws {
        let report = try YearReport(year: 2027, today: "2027-08-15", workspace: year())
        let zh = report.html(title: "2027 年民生实事项目年度报告", language: .zh)
        for part in ["<svg", "里程碑", "视察与整改", "12345 热线工单（2027 年 2 件）", "等次：", "列入回头看；整改 0/0 项已完成；尚未重新测评", "张&lt;局长&gt;"] {
            #expect(zh.contains(part), "\(part)")
        }
        #expect(!zh.contains("<script") && !zh.contains("src=\"http") && !zh.contains("<link"))
        #expect(!zh.contains("张<局长>"))
        let en = report.html(title: "The year 2027", language: .en)
        #expect(en.contains("Milestones") && en.contains("on the list; 0 of 0 rectification tasks closed; not yet rated again") && en.contains("lang=\"en\""))
    }
}
