import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore
import Testing

/// A resident's problem from its sending to its answer: a reference number at once, the
/// office's review, the text on the project's page for its department and group, the
/// department's answers in order, and the look-up by number, in both languages; a problem
/// without a rating; every refusal in words.
@Suite struct ResidentReportRouteTests {
    let year = YearRouteTests()

    /// A project's page, kept for visitors while the workspace is unchanged, still gives each
    /// visitor the token of its own cookie, and shows a change at once.
    @Test func aKeptProjectPageCarriesEachVisitorsOwnToken() async throws {
        let configuration = try year.setUp()
        try await year.app(configuration).test(.router) { client in
            let first = HallRouteTests.Browser(client)
            let second = HallRouteTests.Browser(client)
            let one = try await year.formToken(first, "/project/1")
            let two = try await year.formToken(second, "/project/1")
            #expect(one != two && one == first.cookies["shishi_form"] && two == second.cookies["shishi_form"])
            // Asked again, the same visitor gets the same token (the cookie's), not the placeholder.
            #expect(try await year.formToken(first, "/project/1") == one)
            #expect(!String(buffer: try await first.get("/project/1").body).contains("placeholder"))
            // Each token works for its own visitor only.
            let rated = try await second.post("/project/1/rate", form: ["token": two, "rating": "satisfied"])
            #expect(rated.status == .seeOther)
            let crossed = try await first.post("/project/1/rate", form: ["token": two, "rating": "satisfied"])
            #expect(crossed.status != .seeOther)
            // A report written meanwhile by a command shows on the next visit.
            let workspace = try Workspace.open(url: configuration.workspace, actor: "命令")
            try workspace.addProgress(project: 1, date: "2027-03-01", percent: 30, spent: nil, narrative: "主体完工")
            try await Task.sleep(for: .milliseconds(5))
            #expect(String(buffer: try await first.get("/project/1").body).contains("主体完工"))
        }
    }

    @Test func aProblemGetsANumberIsAnsweredByItsDepartmentAndIsLookedUpByTheNumber() async throws {
        let configuration = try year.setUp()
        try await year.app(configuration).test(.router) { client in
            // A problem without a rating.
            let resident = HallRouteTests.Browser(client)
            let token = try await year.formToken(resident, "/project/1")
            let sent = try await resident.post("/project/1/rate", form: ["token": token, "text": "小区东门的路灯\n一直不亮"])
            let receipt = try #require(sent.headers[.location])
            #expect(sent.status == .seeOther && receipt.hasSuffix("&sent=report"), "\(receipt)")
            let reference = String(try #require(receipt.split(separator: "=").dropFirst().first?.split(separator: "&").first))
            #expect(ReferenceNumber.normalized(reference) == reference)
            let receiptPage = try await resident.get(receipt)
            let shown = String(buffer: receiptPage.body)
            #expect(receiptPage.headers[.cacheControl] == "no-store")
            #expect(shown.contains("已收到您反映的问题") && shown.contains(reference) && shown.contains("等待人大办公室审核") && shown.contains("一直不亮"))
            // No rating was counted, and the same device may still rate.
            #expect(String(buffer: try await resident.get("/project/1").body).contains("满意 0"))
            #expect(
                try await resident.post("/project/1/rate", form: ["token": token, "rating": "basically-satisfied"]).headers[.location]
                    == "/project/1?rated=1#residents")
            // Neither a rating nor a problem: said in words.
            let empty = try await resident.post("/project/1/rate", form: ["token": token, "text": "  "])
            #expect(empty.status == .badRequest && String(buffer: empty.body).contains("请选择一项评价，或写下要反映的问题"))

            // Not on any page before the office has reviewed it.
            #expect(!String(buffer: try await resident.get("/project/1").body).contains("一直不亮"))
            let department = HallRouteTests.Browser(client)
            #expect(try await year.login(department, "zhujian").status == .seeOther)
            let departmentToken = try await department.token("/project/1")
            let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
            let report = try #require(try PublicFeedback.reports(.pending, in: workspace).first)
            let early = try await department.post("/resident-report/\(report.id!)/answer", form: ["csrf": departmentToken, "text": "已派人查看"])
            #expect(early.status == .conflict && String(buffer: early.body).contains("还没有被人大办公室受理"))

            let office = HallRouteTests.Browser(client)
            #expect(try await year.login(office, "office").status == .seeOther)
            let officeToken = try await office.token("/office/feedback")
            #expect(
                try await office.post("/office/feedback/review", form: ["csrf": officeToken, "report": "\(report.id!)", "decision": "accept"]).status
                    == .seeOther)

            // Accepted: on the project's page, and on the department's board until answered.
            let project = String(buffer: try await resident.get("/project/1").body)
            #expect(project.contains("群众反映与答复") && project.contains("一直不亮") && project.contains("责任单位尚未答复"))
            #expect(!project.contains("/resident-report/"))
            let board = String(buffer: try await department.get("/office").body)
            #expect(board.contains("居民反映待答复") && board.contains("#resident-report-\(report.id!)"), "\(board)")
            #expect(String(buffer: try await resident.get(receipt).body).contains("已受理，转市住建局答复"))

            // The department answers, twice; a group member sees but may not answer.
            let blank = try await department.post("/resident-report/\(report.id!)/answer", form: ["csrf": departmentToken, "text": " "])
            #expect(blank.status == .badRequest && String(buffer: blank.body).contains("答复不能为空"))
            let answered = try await department.post("/resident-report/\(report.id!)/answer", form: ["csrf": departmentToken, "text": "已派人查看，线路老化"])
            #expect(
                answered.status == .seeOther && answered.headers[.location] == "/project/1?done=resident-answered-\(report.id!)#resident-report-\(report.id!)")
            #expect(String(buffer: try await department.get(answered.headers[.location]!).body).contains("已答复第 \(report.id!) 号居民反映"))
            _ = try await department.post("/resident-report/\(report.id!)/answer", form: ["csrf": departmentToken, "text": "<i>4月20日</i>前更换"])
            let member = HallRouteTests.Browser(client)
            #expect(try await year.login(member, "d1").status == .seeOther)
            let memberToken = try await member.token("/project/1")
            #expect(String(buffer: try await member.get("/project/1").body).contains("线路老化"))
            let refused = try await member.post("/resident-report/\(report.id!)/answer", form: ["csrf": memberToken, "text": "我来答"])
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("不能答复"))
            #expect(!String(buffer: try await department.get("/office").body).contains("居民反映待答复"))

            // The resident looks it up by the number as typed: spaces, full-width digits.
            let typed = reference.replacingOccurrences(of: "-", with: " ").map { c -> String in
                c.isNumber ? String(Character(Unicode.Scalar(c.unicodeScalars.first!.value - 0x30 + 0xFF10)!)) : String(c)
            }.joined()
            let lookedUp = String(buffer: try await resident.get("/lookup?ref=" + typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).body)
            #expect(lookedUp.contains("已派人查看，线路老化") && lookedUp.contains("&lt;i&gt;4月20日") && lookedUp.contains("市住建局"), "\(lookedUp)")
            #expect(lookedUp.firstRange(of: "线路老化")!.lowerBound < lookedUp.firstRange(of: "4月20日")!.lowerBound)
            let visitor = HallRouteTests.Browser(client)
            _ = try await visitor.get("/lang?to=en&back=/")
            let english = String(buffer: try await visitor.get("/lookup?ref=\(reference)").body)
            #expect(english.contains("Accepted on") && english.contains("Where it stands"), "\(english)")
            // A wrong number is said beside what was typed; the form stays.
            let wrong = String(buffer: try await resident.get("/lookup?ref=12ab").body)
            #expect(wrong.contains("受理编号是 12 位数字") && wrong.contains(#"value="12ab""#))
            #expect(String(buffer: try await resident.get("/lookup?ref=0000-0000-0000").body).contains("没有受理编号为 0000-0000-0000 的反映"))

            // The audit log has every step, and never the reference number.
            let actions = try workspace.read { db in try String.fetchAll(db, sql: "SELECT action || ' ' || actor || ' ' || detail FROM auditEntry") }
            #expect(actions.filter { $0.hasPrefix("public.answer zhujian") }.count == 2)
            #expect(!actions.contains { $0.contains(reference) })
        }
    }

    @Test func lookUpsFromOneAddressAreLimited() async throws {
        let configuration = try year.setUp()
        try await year.app(configuration).test(.router) { client in
            let browser = HallRouteTests.Browser(client)
            for _ in 0..<30 { _ = try await browser.get("/lookup?ref=1234-5678-9012") }
            let refused = String(buffer: try await browser.get("/lookup?ref=1234-5678-9013").body)
            #expect(refused.contains("查询过多"))
        }
    }
}
