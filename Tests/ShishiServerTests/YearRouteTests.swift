import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore
import ShishiTally
import ShishiTestSupport
import Testing

/// The year's server in process: the public site and each project's 民生码, the office's and a
/// department's board, a progress report from the browser, and every refusal in words.
@Suite struct YearRouteTests {
    /// A workspace file with an adopted vote (projects 1 and 2, departments 市住建局 and 市教育局),
    /// a monitoring group on project 1 (D1, D2), and an account of each role.
    func setUp() throws -> YearServerConfiguration {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 2, base: .valid)
        let registrar = try made.registrar()
        for index in 1...8 { try made.cast("D\(index)", yes: index <= 6 ? ["1", "2"] : ["3"], registrar: registrar) }
        try registrar.seal()
        try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        let url = Fixture.temporaryFolder().appendingPathComponent("shishi.sqlite")
        let workspace = try Workspace(url: url, actor: "测试", clock: { Fixture.now })
        _ = try Adoption.adopt(resultIn: made.folder, previous: nil, into: workspace)
        try workspace.updateProject(1, details: .init(department: "市住建局"))
        try workspace.updateProject(2, details: .init(department: "市教育局"))
        try workspace.addMilestone(project: 1, title: "开工", due: "2027-03-01", weight: 1)
        try workspace.addProgress(project: 1, date: "2027-02-01", percent: 10, spent: 500_000, narrative: "<script>alert(1)</script>设计完成")
        try workspace.addGroupMembers(project: 1, deputies: ["D1", "D2"], leader: nil)
        try YearAccounts.add(YearAccount(name: "office", role: .secretariat), password: "correct horse battery", in: workspace)
        try YearAccounts.add(YearAccount(name: "zhujian", role: .department, department: "市住建局"), password: "correct horse battery", in: workspace)
        try YearAccounts.add(YearAccount(name: "d1", role: .member, deputyId: "D1"), password: "correct horse battery", in: workspace)
        var configuration = YearServerConfiguration(workspace: url)
        configuration.clock = { Date(timeIntervalSince1970: 1_807_174_800) }  // 2027-04-08
        configuration.publicAddress = "https://minsheng.example.gov.cn/"
        return configuration
    }

    func app(_ configuration: YearServerConfiguration) async throws -> some ApplicationProtocol {
        try await YearServer.buildApplication(configuration, logger: Logger(label: "test"))
    }

    func login(_ browser: HallRouteTests.Browser, _ name: String, password: String = "correct horse battery") async throws -> TestResponse {
        let token = try await browser.token("/office")
        return try await browser.post("/login", form: ["csrf": token, "name": name, "password": password])
    }

    @Test func thePublicSiteShowsEveryProjectAndItsCode() async throws {
        let configuration = try setUp()
        try await app(configuration).test(.router) { client in
            let browser = HallRouteTests.Browser(client)
            let list = try await browser.get("/")
            let page = String(buffer: list.body)
            #expect(list.status == .ok && page.contains("市住建局") && page.contains("市教育局"))
            // Overdue (the milestone of March is not done in April) comes first, in red.
            #expect(page.contains(#"<tr class="late">"#) && page.contains("逾期"))
            #expect(list.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            let filtered = String(buffer: try await browser.get("/?department=%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80").body)
            #expect(filtered.contains("/project/2") && !filtered.contains("/project/1\""))
            let overdue = String(buffer: try await browser.get("/?status=overdue").body)
            #expect(overdue.contains("/project/1") && !overdue.contains("/project/2\""))
            // Text search: every word found in the title, department, lead or targets.
            let searched = String(buffer: try await browser.get("/?q=%E4%BD%8F%E5%BB%BA").body)  // 住建
            #expect(searched.contains("/project/1\"") && !searched.contains("/project/2\"") && searched.contains(#"value="住建""#))
            let none = String(buffer: try await browser.get("/?q=%E6%9C%BA%E5%9C%BA%20%3Cb%3E").body)  // 机场 <b>
            #expect(none.contains("没有符合条件的项目") && none.contains("&lt;b&gt;") && !none.contains("/project/1\""))
            let project = String(buffer: try await browser.get("/project/1").body)
            #expect(project.contains("开工") && project.contains("500,000") && project.contains("10%"))
            // The timeline: what happened, newest first, each leading to its section.
            let timeline = try #require(project.components(separatedBy: #"<h2 id="timeline">"#).dropFirst().first?.components(separatedBy: "</ol>").first)
            #expect(timeline.contains("2027-02-01") && timeline.contains(##"<a href="#reports">进度报告：完成 10%</a>"##), "\(timeline)")
            #expect(timeline.contains("&lt;script&gt;alert(1)&lt;/script&gt;设计完成"))
            // A milestone not yet done says only when it is due, not "done" (an empty date is no date).
            let milestone = try #require(project.components(separatedBy: "<strong>开工</strong>").last?.components(separatedBy: "</li>").first)
            #expect(milestone.contains("2027-03-01") && !milestone.contains("· 完成"), "\(milestone)")
            // What a department wrote is escaped, never run.
            #expect(project.contains("&lt;script&gt;alert(1)&lt;/script&gt;设计完成") && !project.contains("<script>alert"))
            // No report form for the public.
            #expect(!project.contains(#"name="percent""#))
            let missing = try await browser.get("/project/99")
            #expect(missing.status == .notFound && String(buffer: missing.body).contains("没有编号为 99 的项目"))
            #expect(try await browser.get("/project/x").status == .notFound)
            let sign = try await browser.get("/project/1/code")
            let signPage = String(buffer: sign.body)
            #expect(sign.status == .ok && signPage.contains("<svg") && signPage.contains("https://minsheng.example.gov.cn/project/1"))
            #expect(try QRCode("https://minsheng.example.gov.cn/project/1").svg(title: "x").count > 100)
            let report = try await browser.get("/report")
            #expect(report.status == .ok && String(buffer: report.body).contains("2027 年民生实事项目年度报告"))
            #expect(report.headers[.contentSecurityPolicy] == YearReport.contentSecurityPolicy)
            // Its policy allows only its own style element: no other style element, no style attribute.
            let reportPage = String(buffer: report.body)
            #expect(reportPage.components(separatedBy: "<style").count == 2 && !reportPage.contains(" style="))
            let csv = try await browser.get("/report.csv?year=2027")
            #expect(csv.status == .ok && String(buffer: csv.body).hasPrefix(YearReport.csvHeader.joined(separator: ",")))
            let json = try JSONSerialization.jsonObject(with: Data(buffer: try await browser.get("/report.json").body)) as? [String: Any]
            #expect(json?["year"] as? Int == 2027 && (json?["projects"] as? [Any])?.count == 2)
            let badYear = try await browser.get("/report?year=27")
            #expect(badYear.status == .badRequest && String(buffer: badYear.body).contains("请写四位年份"))
            _ = try await browser.get("/lang?to=en&back=/project/1")
            let english = String(buffer: try await browser.get("/project/1").body)
            #expect(english.contains("Milestones") && english.contains(#"lang="en""#))
        }
    }

    @Test func aDepartmentReportsOnItsOwnProjectsOnlyAndTheLogNamesIt() async throws {
        let configuration = try setUp()
        try await app(configuration).test(.router) { client in
            let anonymous = HallRouteTests.Browser(client)
            #expect(try await anonymous.get("/office").status == .ok)  // the login form
            let forged = try await anonymous.post("/project/1/progress", form: ["csrf": "0", "date": "2027-04-01", "percent": "30"])
            #expect(forged.status == .forbidden && String(buffer: forged.body).contains("请先登录"))

            let department = HallRouteTests.Browser(client)
            let wrong = try await login(department, "zhujian", password: "not the password")
            #expect(wrong.status == .unauthorized && String(buffer: wrong.body).contains("账户名或密码不对"))
            let signedIn = try await login(department, "zhujian")
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/office")
            let board = String(buffer: try await department.get("/office").body)
            #expect(board.contains("/project/1") && !board.contains("/project/2\"") && board.contains("需要关注"))
            let token = try await department.token("/project/1")
            let reported = try await department.post(
                "/project/1/progress", form: ["csrf": token, "date": "2027-04-01", "percent": "30", "spent": "900000", "narrative": "主体施工"])
            #expect(
                reported.status == .seeOther && reported.headers[.location] == "/project/1?done=progress-reported-30#reports",
                "\(String(buffer: reported.body))")
            let after = String(buffer: try await department.get("/project/1?done=progress-reported-30").body)
            #expect(after.contains("进度报告已记录：完成 30%") && after.contains("主体施工") && after.contains("900,000"))
            // Another department's project, a stale token, a bad percent, a date taken: refused in words.
            let notTheirs = try await department.post("/project/2/progress", form: ["csrf": token, "date": "2027-04-01", "percent": "30"])
            #expect(notTheirs.status == .forbidden && String(buffer: notTheirs.body).contains("由市教育局负责"))
            #expect(try await department.post("/project/1/progress", form: ["csrf": "stale", "date": "2027-04-02", "percent": "30"]).status == .forbidden)
            let crossSite = try await department.post(
                "/project/1/progress", form: ["csrf": token, "date": "2027-04-02", "percent": "30"], origin: "https://elsewhere.example")
            #expect(crossSite.status == .forbidden)
            let badPercent = try await department.post("/project/1/progress", form: ["csrf": token, "date": "2027-04-02", "percent": "130"])
            #expect(badPercent.status == .badRequest && String(buffer: badPercent.body).contains("0 到 100"))
            let again = try await department.post("/project/1/progress", form: ["csrf": token, "date": "2027-04-01", "percent": "31"])
            #expect(again.status == .conflict && String(buffer: again.body).contains("已有进度报告"))

            // A group member sees the group's project on the board, and reports nothing.
            let member = HallRouteTests.Browser(client)
            #expect(try await login(member, "d1").status == .seeOther)
            let memberBoard = String(buffer: try await member.get("/office").body)
            #expect(memberBoard.contains("/project/1") && !memberBoard.contains("/project/2\""))
            let memberToken = try await member.token("/office")
            #expect(try await member.post("/project/1/progress", form: ["csrf": memberToken, "date": "2027-04-03", "percent": "40"]).status == .forbidden)

            let logout = try await department.post("/logout", form: ["csrf": token])
            #expect(logout.status == .seeOther)
            #expect(!String(buffer: try await department.get("/project/1").body).contains(#"name="percent""#))
        }
        // The browser's report is in the same audit log, under the account's name.
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        #expect(try workspace.verifyAuditChain().entries > 0)
        let actors = try workspace.read { db in try String.fetchAll(db, sql: "SELECT actor FROM auditEntry WHERE action = 'progress.add' ORDER BY id") }
        #expect(actors == ["测试", "zhujian"])
    }

    @Test func englishPagesUseEnglishPunctuation() async throws {
        try await app(try setUp()).test(.router) { client in
            let browser = HallRouteTests.Browser(client)
            _ = try await browser.get("/lang?to=en&back=/")
            for path in ["/", "/project/1", "/project/1/code", "/office"] {
                let page = String(buffer: try await browser.get(path).body)
                #expect(page.contains("lang=\"en\"") && !page.contains("（") && !page.contains("）") && !page.contains("："), "\(path)")
            }
        }
    }

    @Test func accountsNameARealDepartmentOrGroupMember() throws {
        let configuration = try setUp()
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        func code(_ account: YearAccount, _ password: String = "correct horse battery") -> String? {
            do { try YearAccounts.add(account, password: password, in: workspace) } catch let error as ShishiError { return error.code.rawValue } catch {
                return "\(error)"
            }
            return nil
        }
        #expect(code(YearAccount(name: "edu", role: .department, department: "市教育")) == "account.badRole")
        #expect(code(YearAccount(name: "edu", role: .department)) == "account.badRole")
        #expect(code(YearAccount(name: "d9", role: .member, deputyId: "D9")) == "account.badRole")
        #expect(code(YearAccount(name: "office", role: .secretariat)) == "account.exists")
        #expect(code(YearAccount(name: "bad name", role: .secretariat)) == "account.badName")
        #expect(code(YearAccount(name: "short", role: .secretariat), "short") == "server.badPassword")
        #expect(code(YearAccount(name: "edu", role: .department, department: "市教育局")) == nil)
        // The log records the account, never the password's hash.
        let details = try workspace.read { db in try String.fetchAll(db, sql: "SELECT detail FROM auditEntry WHERE action = 'account.add'") }
        #expect(details.count == 4 && details.allSatisfy { !$0.contains("$2b$") && !$0.contains("passwordHash") })
    }

    /// The residents' form token, read from a project's page.
    func formToken(_ browser: HallRouteTests.Browser, _ uri: String) async throws -> String {
        let page = String(buffer: try await browser.get(uri).body)
        let range = try #require(page.range(of: #"name="token" value=""#))
        return String(page[range.upperBound...].prefix(64))
    }

    @Test func residentsRateOncePerDeviceAndTheOfficeReviewsWhatTheyWrite() async throws {
        let configuration = try setUp()
        try await app(configuration).test(.router) { client in
            let resident = HallRouteTests.Browser(client)
            let token = try await formToken(resident, "/project/1")
            let rated = try await resident.post("/project/1/rate", form: ["token": token, "rating": "satisfied", "text": "<b>路灯</b>不亮"])
            // A rating with a problem leads to the problem's reference number.
            let receipt = try #require(rated.headers[.location])
            #expect(rated.status == .seeOther && receipt.hasPrefix("/lookup?ref=") && receipt.hasSuffix("&sent=both"), "\(receipt)")
            #expect(resident.cookies["shishi_device"] != nil)
            let page = String(buffer: try await resident.get("/project/1").body)
            #expect(page.contains("满意 1") && !page.contains("路灯"))
            let twice = try await resident.post("/project/1/rate", form: ["token": token, "rating": "unsatisfied"])
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("每台设备每年评价一次"))
            // The same device may rate another project; a forged cookie is a new device, not this one.
            #expect(try await resident.post("/project/2/rate", form: ["token": token, "rating": "unsatisfied"]).status == .seeOther)
            #expect(try await resident.post("/project/1/rate", form: ["token": "forged", "rating": "satisfied"]).status == .forbidden)
            #expect(try await resident.post("/project/1/rate", form: ["token": token, "rating": "great"]).status == .badRequest)
            let other = HallRouteTests.Browser(client)
            let otherToken = try await formToken(other, "/project/1")
            let long = String(repeating: "长", count: PublicFeedback.maximumText + 1)
            let tooLong = try await other.post("/project/1/rate", form: ["token": otherToken, "rating": "unsatisfied", "text": long])
            #expect(tooLong.status == .badRequest && String(buffer: tooLong.body).contains("超过上限"))
            #expect(try await other.post("/project/1/rate", form: ["token": otherToken, "rating": "unsatisfied"]).status == .seeOther)
            #expect(String(buffer: try await other.get("/project/1").body).contains("不满意 1"))

            // The office reviews: the department may not; accepted, it is a 民生码 complaint on the project.
            let department = HallRouteTests.Browser(client)
            #expect(try await login(department, "zhujian").status == .seeOther)
            #expect(try await department.get("/office/feedback").status == .forbidden)
            let office = HallRouteTests.Browser(client)
            #expect(try await login(office, "office").status == .seeOther)
            // The office's board says what needs attention and what waits, each leading to it.
            let board = String(buffer: try await office.get("/office").body)
            #expect(board.contains("节点“开工”逾期（应于 2027-03-01 完成）") && board.contains(#"<a href="/project/1">"#), "\(board)")
            #expect(board.contains(#"<a href="/office/feedback">居民反映 1 条待审核</a>"#))
            let review = String(buffer: try await office.get("/office/feedback").body)
            #expect(review.contains("&lt;b&gt;路灯&lt;/b&gt;不亮") && review.contains("满意 1"))
            let csrf = try await office.token("/office/feedback")
            let pending = try PublicFeedback.reports(.pending, in: Workspace.open(url: configuration.workspace, actor: "check"))
            #expect(pending.count == 1)
            let accepted = try await office.post("/office/feedback/review", form: ["csrf": csrf, "report": "\(pending[0].id!)", "decision": "accept"])
            #expect(accepted.status == .seeOther)
            // The page it comes back to says what was done, not only that something was.
            let location = try #require(accepted.headers[.location])
            #expect(String(buffer: try await office.get(location).body).contains("已受理第 \(pending[0].id!) 号居民反映"), "\(location)")
            #expect(String(buffer: try await office.get("/office/feedback?done=<script>").body).contains("&lt;script") == false)
            #expect(String(buffer: try await office.get("/project/1").body).contains("2027-04：1"))
            let again = try await office.post("/office/feedback/review", form: ["csrf": csrf, "report": "\(pending[0].id!)", "decision": "reject"])
            #expect(again.status == .conflict && String(buffer: again.body).contains("已经审核过"))
            let scores = try await office.post("/office/feedback/scores", form: ["csrf": csrf, "source": "民生码评价", "weight": "10"])
            #expect(scores.status == .seeOther, "\(String(buffer: scores.body))")
            // Two ratings make a score of 50 that says little: the office is told, and the score shows its count.
            let taken = String(buffer: try await office.get(try #require(scores.headers[.location])).body)
            #expect(taken.contains("共 2 （样本过少）") || taken.contains("共 2 <span class=\"bad\">（样本过少）"), "\(taken)")
            #expect(taken.contains("2 个项目的评价少于 30 份"))
            let scored = String(buffer: try await office.get("/project/1").body)
            #expect(scored.contains("2 份评价，样本过少，仅供参考"), "\(scored.components(separatedBy: "<dl").dropFirst().first ?? "")")
            #expect(try await office.post("/office/feedback/scores", form: ["csrf": csrf, "source": "民生码评价", "weight": "10"]).status == .conflict)
        }
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        let evaluated = try Scores.evaluate(year: 2027, in: workspace).projects
        let one = try #require(evaluated.first { $0.project.id == 1 }?.sources.first)
        #expect(one.source == "民生码评价" && one.counts == RatingCounts(satisfied: 1, basicallySatisfied: 0, unsatisfied: 1))
        let complaint = try workspace.read { db in try HotlineComplaintRecord.filter(Column("source") == "民生码").fetchOne(db) }
        #expect(complaint?.projectId == 1 && complaint?.recordId == "MSM-1" && complaint?.text == "<b>路灯</b>不亮")
        #expect(try workspace.verifyAuditChain().entries > 0)
    }

    @Test func oneAddressRatesAtMostThirtyTimesAnHour() async throws {
        let configuration = try setUp()
        try await app(configuration).test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<31 {
                let device = HallRouteTests.Browser(client)
                let token = try await formToken(device, "/project/2")
                statuses.append(try await device.post("/project/2/rate", form: ["token": token, "rating": "satisfied"]).status)
            }
            #expect(statuses.prefix(30).allSatisfy { $0 == .seeOther } && statuses.last == .tooManyRequests)
        }
    }

    /// Posts `fields` and `files` (field, name, bytes) as multipart/form-data.
    func postMultipart(
        _ browser: HallRouteTests.Browser, _ uri: String, fields: [String: String], files: [(String, String, Data)]
    ) async throws -> TestResponse {
        let boundary = "----shishi-test-boundary"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (field, name, data) in files {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        .utf8))
            body.append(data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await browser.send(uri, method: .post, body: ByteBuffer(bytes: body), type: "multipart/form-data; boundary=\(boundary)")
    }

    @Test func aReportCarriesPhotosAndFilesAndTheOfficeUploadsSheets() async throws {
        let configuration = try setUp()
        let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100))
        let sneaky = Data("root:x:0:0".utf8)
        try await app(configuration).test(.router) { client in
            let department = HallRouteTests.Browser(client)
            #expect(try await login(department, "zhujian").status == .seeOther)
            let csrf = try await department.token("/project/1")
            let reported = try await postMultipart(
                department, "/project/1/progress", fields: ["csrf": csrf, "date": "2027-04-02", "percent": "40", "narrative": "基坑完成"],
                files: [("files", "现场.png", photo), ("files", "../../etc/passwd", sneaky), ("files", "", Data())])
            #expect(reported.status == .seeOther, "\(String(buffer: reported.body))")
            let page = String(buffer: try await department.get("/project/1").body)
            let photoHash = HashAlgorithm.sha256.digest(photo).hex
            let sneakyHash = HashAlgorithm.sha256.digest(sneaky).hex
            #expect(page.contains("<img src=\"/file/\(photoHash)\" alt=\"现场.png\"") && page.contains(">passwd</a>") && !page.contains("../"))
            // The photos together, the other files not among them.
            let gallery = try #require(page.components(separatedBy: #"<h2 id="photos">"#).dropFirst().first?.components(separatedBy: "</ul>").first)
            #expect(gallery.contains("/file/\(photoHash)") && !gallery.contains("passwd"), "\(gallery)")
            let image = try await department.get("/file/\(photoHash)")
            #expect(image.status == .ok && image.headers[.contentType] == "image/png" && image.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            let download = try await department.get("/file/\(sneakyHash)")
            #expect(download.headers[.contentType] == "application/octet-stream" && download.headers[.contentDisposition] == "attachment; filename=\"passwd\"")
            #expect(try await department.get("/file/\(String(repeating: "0", count: 64))").status == .notFound)
            #expect(try await department.get("/file/..%2F..%2Fetc%2Fpasswd").status == .notFound)
            // Too large: refused in words, nothing written.
            let huge = try await postMultipart(
                department, "/project/1/progress", fields: ["csrf": csrf, "date": "2027-04-03", "percent": "41"],
                files: [("files", "big.jpg", Data(count: 20 * 1024 * 1024 + 1))])
            #expect(huge.status == .contentTooLarge && String(buffer: huge.body).contains("超过上限 20 MB"))
            // A department uploads no sheet; the office does, a bad row refusing the whole file.
            let sheet = "project,date,percent\n1,2027-05-01,50\n2,2027-05-01,20\n"
            #expect(
                try await postMultipart(department, "/office/upload/progress", fields: ["csrf": csrf], files: [("file", "s.csv", Data(sheet.utf8))]).status
                    == .forbidden)
            let office = HallRouteTests.Browser(client)
            #expect(try await login(office, "office").status == .seeOther)
            let officeToken = try await office.token("/office")
            let bad = try await postMultipart(
                office, "/office/upload/progress", fields: ["csrf": officeToken], files: [("file", "s.csv", Data((sheet + "9,2027-05-01,20\n").utf8))])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("第 4 行"), "\(String(buffer: bad.body))")
            let good = try await postMultipart(office, "/office/upload/progress", fields: ["csrf": officeToken], files: [("file", "s.csv", Data(sheet.utf8))])
            #expect(good.status == .ok && String(buffer: good.body).contains("新增进度报告 2 条"), "\(String(buffer: good.body))")
            // Saved by Chinese Excel: 道路 in GBK is B5C0 C2B7, and the page says how the file was read.
            let road = Data([0xB5, 0xC0, 0xC2, 0xB7])
            let complaints =
                Data("record_id,date,category,text\nH1,2027-04-05,".utf8) + road + Data(",厕所没水\nH2,2027-04-06,".utf8).gbk() + road
                + Data(",路灯\n".utf8).gbk()
            let hotline = try await postMultipart(
                office, "/office/upload/hotline", fields: ["csrf": officeToken],
                files: [("file", "12345.csv", complaints), ("rules", "rules.csv", Data("project,keyword\n1,厕所\n".utf8))])
            let answer = String(buffer: hotline.body)
            #expect(hotline.status == .ok && answer.contains("新增工单 2 件（其中 1 件关联到项目）") && answer.contains("12345.csv：按 GB18030"), "\(answer)")
            #expect(try await postMultipart(office, "/office/upload/hotline", fields: ["csrf": officeToken], files: []).status == .badRequest)
            #expect(try await postMultipart(office, "/office/upload/hotline", fields: ["csrf": "stale"], files: []).status == .forbidden)
        }
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        let attached = try workspace.attachments(project: 1)
        #expect(attached.map(\.attachment.name).sorted() == ["passwd", "现场.png"] && attached.allSatisfy { $0.state == .intact })
        #expect(try workspace.verifyAuditChain().entries > 0)
    }

    @Test func aGroupFilesAProblemTheDepartmentAnswersAndTheGroupClosesOrSendsBack() async throws {
        let configuration = try setUp()
        try YearAccounts.add(
            YearAccount(name: "edu", role: .department, department: "市教育局"), password: "correct horse battery",
            in: Workspace.open(url: configuration.workspace, actor: "setup"))
        try await app(configuration).test(.router) { client in
            let member = HallRouteTests.Browser(client)
            #expect(try await login(member, "d1").status == .seeOther)
            let page = String(buffer: try await member.get("/project/1").body)
            #expect(page.contains("填报视察") && !page.contains(#"name="percent""#))
            let token = try await member.token("/project/1")
            let filed = try await member.post(
                "/project/1/inspection",
                form: ["csrf": token, "date": "2027-04-05", "findings": "工地围挡破损", "problem1": "围挡破损", "responsible1": "市住建局", "deadline1": "2027-04-20"])
            #expect(filed.status == .seeOther && filed.headers[.location] == "/project/1?done=inspection-filed-1#inspections", "\(String(buffer: filed.body))")
            #expect(String(buffer: try await member.get(filed.headers[.location]!).body).contains("1 个问题已交责任单位整改"))
            // Not the group of project 2; a problem without a real deadline: refused in words.
            #expect(try await member.post("/project/2/inspection", form: ["csrf": token, "date": "2027-04-05", "findings": "x"]).status == .forbidden)
            let noDeadline = try await member.post(
                "/project/1/inspection", form: ["csrf": token, "date": "2027-04-05", "findings": "x", "problem1": "y", "deadline1": "2027-02-30"])
            #expect(noDeadline.status == .badRequest && String(buffer: noDeadline.body).contains("“整改期限”应为 YYYY-MM-DD"), "\(String(buffer: noDeadline.body))")
            // None at all: asked for by the form's own word.
            let empty = try await member.post(
                "/project/1/inspection", form: ["csrf": token, "date": "2027-04-05", "findings": "x", "problem1": "y", "deadline1": ""])
            #expect(empty.status == .badRequest && String(buffer: empty.body).contains("请填写“整改期限”"), "\(String(buffer: empty.body))")
            let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
            let problem = try #require(try workspace.read { db in try RectificationRecord.fetchOne(db) })
            #expect(problem.status == .open && problem.problem == "围挡破损")
            // The group cannot close what the department has not rectified.
            #expect(try await member.post("/rectification/\(problem.id!)/check", form: ["csrf": token, "decision": "close"]).status == .conflict)

            // Another project's department is refused before anything is stored.
            let store = configuration.workspace.path + ".files"
            let before = (try? FileManager.default.subpathsOfDirectory(atPath: store)) ?? []
            let edu = HallRouteTests.Browser(client)
            #expect(try await login(edu, "edu").status == .seeOther)
            let stranger = try await postMultipart(
                edu, "/rectification/\(problem.id!)/answer", fields: ["csrf": try await edu.token("/project/1"), "step": "rectified", "text": "不是本单位的"],
                files: [("evidence", "photo.jpg", Data(repeating: 7, count: 200_000))])
            #expect(stranger.status == .forbidden, "\(String(buffer: stranger.body))")
            #expect(((try? FileManager.default.subpathsOfDirectory(atPath: store)) ?? []) == before)

            let department = HallRouteTests.Browser(client)
            #expect(try await login(department, "zhujian").status == .seeOther)
            let departmentPage = String(buffer: try await department.get("/project/1").body)
            #expect(departmentPage.contains("/rectification/\(problem.id!)/answer") && !departmentPage.contains("填报视察"))
            let departmentToken = try await department.token("/project/1")
            #expect(
                try await department.post("/rectification/\(problem.id!)/answer", form: ["csrf": departmentToken, "step": "reply", "text": "已安排施工队"])
                    .status == .seeOther)
            #expect(
                try await department.post("/rectification/\(problem.id!)/answer", form: ["csrf": departmentToken, "step": "rectified", "text": ""]).status
                    == .badRequest)
            #expect(
                try await department.post("/rectification/\(problem.id!)/answer", form: ["csrf": departmentToken, "step": "rectified", "text": "围挡已更换"])
                    .status == .seeOther)
            #expect(
                try await department.post("/rectification/\(problem.id!)/check", form: ["csrf": departmentToken, "decision": "close"]).status == .forbidden)
            // Sent back with a reason (none: refused), answered again, then closed.
            #expect(try await member.post("/rectification/\(problem.id!)/check", form: ["csrf": token, "decision": "back", "note": ""]).status == .badRequest)
            #expect(
                try await member.post("/rectification/\(problem.id!)/check", form: ["csrf": token, "decision": "back", "note": "东侧仍未更换"]).status == .seeOther)
            // The page keeps every step, in order, saying who wrote which: the first reply is not lost.
            let sentBack = String(buffer: try await member.get("/project/1").body)
            let steps = ["zhujian</span> 答复：已安排施工队", "zhujian</span> 报告已整改：围挡已更换", "d1</span> 退回：东侧仍未更换"]
            let places = steps.map { sentBack.range(of: $0)?.lowerBound }
            #expect(places.allSatisfy { $0 != nil } && places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "\(sentBack)")
            _ = try await department.post("/rectification/\(problem.id!)/answer", form: ["csrf": departmentToken, "step": "rectified", "text": "东侧已更换"])
            #expect(
                try await member.post("/rectification/\(problem.id!)/check", form: ["csrf": token, "decision": "close", "note": "已核实"]).status == .seeOther)
            let closed = try #require(try workspace.read { db in try RectificationRecord.fetchOne(db, key: problem.id!) })
            #expect(closed.status == .closed && closed.closedAt == "2027-04-08" && closed.resolution == "东侧已更换 · 已核实")
            #expect(
                try await department.post("/rectification/\(problem.id!)/answer", form: ["csrf": departmentToken, "step": "reply", "text": "x"]).status
                    == .conflict)
            let actions = try workspace.read { db in
                try String.fetchAll(
                    db, sql: "SELECT actor || ':' || action FROM auditEntry WHERE action LIKE 'rectification.%' OR action = 'inspection.add' ORDER BY id")
            }
            #expect(
                actions == [
                    "d1:inspection.add", "zhujian:rectification.in-progress", "zhujian:rectification.rectified", "d1:rectification.sentBack",
                    "zhujian:rectification.rectified", "d1:rectification.closed",
                ])
        }
    }
}

extension Data {
    /// These UTF-8 bytes in GB18030, as Chinese Excel saves a sheet (the system's iconv).
    fileprivate func gbk() -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(self)
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
