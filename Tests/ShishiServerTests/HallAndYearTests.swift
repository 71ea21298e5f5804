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

/// The hall and the year served together: an evaluation round (测评) rated by phone through the
/// hall's desk and booth, counted in the hall, and taken into the year's scores from the office's
/// page; a vote's projects adopted the same way; both servers from one process.
@Suite struct HallAndYearTests {
    typealias Browser = HallRouteTests.Browser

    /// The year's workspace (projects 1 and 2) and an evaluation round over its projects, served
    /// by a hall with a registrar and a secretariat account.
    func setUp() throws -> (year: YearServerConfiguration, hall: ServerConfiguration, made: Fixture.Made) {
        var year = try YearRouteTests().setUp()
        let workspace = try Workspace.open(url: year.workspace, actor: "测试")
        let csv = try EvaluationRound.candidatesCSV(lookBackYear: nil, in: workspace)
        let table = try CSVTable(text: csv, source: "projects.csv", columns: Candidate.csvColumns)
        let made = try Fixture.vote(style: .rating, deputies: 5, list: Candidate.list(from: table))
        let state = made.folder.deletingLastPathComponent().appendingPathComponent("vote.server")
        let accounts = StaffAccounts(folder: state)
        try accounts.add(name: "desk1", role: .registrar, password: "correct horse battery")
        try accounts.add(name: "sec1", role: .secretariat, password: "correct horse battery")
        var hall = ServerConfiguration(voteFolder: made.folder, stateFolder: state, registrarKey: made.officials.registrar, blindKey: Fixture.blindKey)
        hall.secretariatKey = made.officials.secretariat
        hall.port = 8081
        year.hallVote = .init(folder: made.folder, address: hall.address)
        return (year, hall, made)
    }

    /// Signs `deputy` in at the desk and rates from a booth through the API, with the booth's
    /// cryptography done here as the browser does it.
    func rateByPhone(_ deputy: String, _ ratings: [Rating: [String]], desk: Browser, token: String, client: any TestClientProtocol, made: Fixture.Made)
        async throws
    {
        let page = String(buffer: try await desk.post("/desk/signin", form: ["csrf": token, "deputy": deputy, "mode": "booth"]).body)
        let range = try #require(page.range(of: #"class="code" aria-label="签到码">"#))
        let code = String(page[range.upperBound...].prefix(8))
        let phone = Browser(client)
        let pending = try VotingTerminal(manifest: made.vote.signed).request(deputy: deputy)
        let body = #"{"blindedMessage":"\#(pending.request.blindedMessage.base64EncodedString())","code":"\#(code)"}"#
        let answer = try await phone.send("/api/credential", method: .post, body: ByteBuffer(string: body), type: "application/json")
        #expect(answer.status == .ok, "\(String(buffer: answer.body))")
        let credential = try pending.finalize(try StrictJSON.decode(CredentialGrant.self, from: Data(buffer: answer.body), source: "grant"))
        let envelope = try BallotCaster(vote: made.vote).seal(BallotMarking(ratings: ratings, manifest: made.vote.manifest), credential: credential)
        let cast = try await phone.send("/api/cast", method: .post, body: ByteBuffer(bytes: try envelope.fileData()), type: "application/json")
        #expect(cast.status == .created, "\(String(buffer: cast.body))")
    }

    @Test func anEvaluationRatedByPhoneIsCountedInTheHallAndTakenIntoTheYearsScores() async throws {
        let (yearConfiguration, hallConfiguration, made) = try setUp()
        let hallApp = try await HallServer.buildApplication(hallConfiguration, logger: Logger(label: "test"))
        let yearApp = try await YearServer.buildApplication(yearConfiguration, logger: Logger(label: "test"))
        try await hallApp.test(.router) { hall in
            try await yearApp.test(.router) { year in
                let office = Browser(year)
                _ = try await YearRouteTests().login(office, "office")
                // The office's board links to the hall's vote; a department account is refused it.
                #expect(String(buffer: try await office.get("/office").body).contains(#"href="/office/vote""#))
                let department = Browser(year)
                _ = try await YearRouteTests().login(department, "zhujian")
                let refused = try await department.get("/office/vote")
                #expect(refused.status == .forbidden && String(buffer: refused.body).contains("只有人大办公室"))
                var page = String(buffer: try await office.get("/office/vote").body)
                #expect(page.contains("满意度测评") && page.contains("投票进行中") && page.contains("http://127.0.0.1:8081/") && !page.contains("take-in"))

                // Five members rate on their phones: project 1 mostly 满意, project 2 mostly 不满意.
                let desk = Browser(hall)
                _ = try await desk.login("desk1")
                let token = try await desk.token("/desk?q=D")
                let ballots: [[Rating: [String]]] = [
                    [.satisfied: ["1"], .unsatisfied: ["2"]], [.satisfied: ["1", "2"]], [.satisfied: ["1"], .basicallySatisfied: ["2"]],
                    [.basicallySatisfied: ["1"], .unsatisfied: ["2"]], [.unsatisfied: ["1", "2"]],
                ]
                for (index, ratings) in ballots.enumerated() {
                    try await rateByPhone("D\(index + 1)", ratings, desk: desk, token: token, client: hall, made: made)
                }
                #expect(try await desk.post("/desk/seal", form: ["csrf": token, "confirm": "1"]).status == .seeOther)

                // The secretariat closes the box and counts in the hall.
                let secretariat = Browser(hall)
                _ = try await secretariat.login("sec1")
                let countToken = try await secretariat.token("/count")
                #expect(try await secretariat.post("/count/close", form: ["csrf": countToken]).status == .seeOther)
                #expect(try await secretariat.post("/count/run", form: ["csrf": countToken]).status == .seeOther)
                for _ in 0..<200 where !ResultFile(vote: made.vote).exists { try await Task.sleep(for: .milliseconds(50)) }
                #expect(ResultFile(vote: made.vote).exists)

                // Counted but not countersigned: the page says so, and taking it in is refused in words.
                page = String(buffer: try await office.get("/office/vote").body)
                #expect(page.contains("待监票人会签") && page.contains("常委会测评"))
                let yearToken = try await office.token("/office/vote")
                let form = [
                    "csrf": yearToken, "year": "2027", "source": "常委会测评", "weight": "60", "satisfied": "100", "basically": "80", "unsatisfied": "50",
                    "stage": "regular",
                ]
                let unsigned = try await office.post("/office/vote/take-in", form: form)
                #expect(unsigned.status == .conflict && String(buffer: unsigned.body).contains("还没有监票人会签"))
                #expect(try await office.post("/office/vote/take-in", form: form.merging(["csrf": "forged"]) { $1 }).status == .forbidden)
                #expect(try await office.post("/office/vote/take-in", form: form.merging(["weight": "很多"]) { $1 }).status == .badRequest)

                // Countersigned: taken in, graded as the commands grade it, named in the log.
                try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
                let done = try await office.post("/office/vote/take-in", form: form)
                #expect(done.status == .seeOther && done.headers[.location] == "/office/vote?done=rated-2")
                let after = String(buffer: try await office.get("/office/vote?done=rated-2").body)
                #expect(after.contains("已导入 2 个项目的测评票数") && after.contains("已作为 2027 年的“常委会测评”（权重 60.0）计入测评") && !after.contains("take-in"))
                let workspace = try Workspace.open(url: yearConfiguration.workspace, actor: "测试")
                let (projects, _) = try Scores.evaluate(year: 2027, in: workspace)
                #expect(projects.map(\.grade) == [.satisfied, .unsatisfied])
                #expect(projects[0].sources[0].counts == RatingCounts(satisfied: 3, basicallySatisfied: 1, unsatisfied: 1))
                // Once only.
                let twice = try await office.post("/office/vote/take-in", form: form)
                #expect(twice.status == .conflict && String(buffer: twice.body).contains("导入过"))
                let actors = try workspace.read { db in try String.fetchAll(db, sql: "SELECT actor FROM auditEntry WHERE action LIKE 'score%' ORDER BY id") }
                #expect(actors == ["office"])
                #expect(try workspace.verifyAuditChain().firstBroken == nil)
                // In English too.
                _ = try await office.get("/lang?to=en&back=/office/vote")
                #expect(String(buffer: try await office.get("/office/vote").body).contains("satisfaction evaluation"))
            }
        }
    }

    @Test func aVotesProjectsAreAdoptedFromTheOfficesPageOnceVerified() async throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 2, base: .valid)
        let registrar = try made.registrar()
        for index in 1...8 { try made.cast("D\(index)", yes: index <= 6 ? ["1", "2"] : ["3"], registrar: registrar) }
        try registrar.seal()
        try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
        let url = Fixture.temporaryFolder().appendingPathComponent("shishi.sqlite")
        let workspace = try Workspace(url: url, actor: "测试", clock: { Fixture.now })
        try YearAccounts.add(YearAccount(name: "office", role: .secretariat), password: "correct horse battery", in: workspace)
        var configuration = YearServerConfiguration(workspace: url)
        configuration.hallVote = .init(folder: made.folder, address: "https://hall.example/")
        try await YearServer.buildApplication(configuration, logger: Logger(label: "test")).test(.router) { client in
            let office = Browser(client)
            _ = try await YearRouteTests().login(office, "office")
            let page = String(buffer: try await office.get("/office/vote").body)
            #expect(page.contains("项目票决") && page.contains("核验并导入当选项目") && !page.contains(#"name="weight""#))
            let token = try await office.token("/office/vote")
            let unsigned = try await office.post("/office/vote/take-in", form: ["csrf": token])
            #expect(unsigned.status == .conflict && String(buffer: unsigned.body).contains("还没有监票人会签"))
            #expect(try workspace.read { try ProjectRecord.fetchCount($0) } == 0)
            try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
            let done = try await office.post("/office/vote/take-in", form: ["csrf": token])
            #expect(done.status == .seeOther && done.headers[.location] == "/office/vote?done=adopted-2")
            #expect(try workspace.read { try ProjectRecord.order(Column("id")).fetchAll($0) }.map(\.title) == ["项目1", "项目2"])
            #expect(String(buffer: try await office.get("/office/vote").body).contains("导入 2 个当选项目"))
            // The public list shows them at once.
            #expect(String(buffer: try await Browser(client).get("/").body).contains("/project/2"))
        }
    }

    @Test func aYearServedAloneSaysThereIsNoHall() async throws {
        let configuration = try YearRouteTests().setUp()
        try await YearServer.buildApplication(configuration, logger: Logger(label: "test")).test(.router) { client in
            let office = Browser(client)
            _ = try await YearRouteTests().login(office, "office")
            #expect(!String(buffer: try await office.get("/office").body).contains("/office/vote"))
            let page = try await office.get("/office/vote")
            #expect(page.status == .badRequest && String(buffer: page.body).contains("没有同时开启票决大厅"))
        }
    }

    @Test func oneProcessServesTheHallAndTheYearOnTheirOwnPorts() async throws {
        var (year, hall, _) = try setUp()
        year.hallVote = nil
        year.port = try Self.freePort()
        hall.port = try Self.freePort()
        let running = Task { try await HallAndYear.run(hall: hall, year: year, logger: Logger(label: "test")) }
        defer { running.cancel() }
        // Under a loaded machine the servers may take a while to listen: ask until both answer (or the group stops).
        var yearPage = ""
        var hallPage = ""
        for _ in 0..<120 where !(yearPage.contains("民生实事项目") && hallPage.contains("工作人员登录")) {
            yearPage = try await Self.curl("http://127.0.0.1:\(year.port)/")
            hallPage = try await Self.curl("http://127.0.0.1:\(hall.port)/")
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(yearPage.contains("民生实事项目") && yearPage.contains("/project/1"))
        #expect(hallPage.contains("工作人员登录"))
        running.cancel()
        _ = await running.result
    }

    /// A port nothing listens on now, from the kernel.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(descriptor, raw, length) == 0, getsockname(descriptor, raw, &length) == 0 else { throw POSIXError(.EADDRINUSE) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A page fetched by curl (retrying while the server starts), on a thread of its own.
    static func curl(_ address: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try TLSTests().run("/usr/bin/curl", ["-s", "--max-time", "30", address])
                            .output
                    })
            }.start()
        }
    }
}

extension YearRouteTests {
    @Test func thePublicListIsKeptOnlyWhileTheWorkspaceIsUnchanged() async throws {
        let configuration = try setUp()
        try await app(configuration).test(.router) { client in
            let visitor = HallRouteTests.Browser(client)
            let first = String(buffer: try await visitor.get("/").body)
            #expect(first.contains("/project/1") && !first.contains("新的名称"))
            #expect(String(buffer: try await visitor.get("/").body) == first)
            // A change from another connection (a command in a terminal) shows at once.
            let terminal = try Workspace.open(url: configuration.workspace, actor: "测试")
            try terminal.updateProject(2, details: .init(department: "新的名称"))
            let second = String(buffer: try await visitor.get("/").body)
            #expect(second.contains("新的名称"))
            // So does one made through this server.
            let department = HallRouteTests.Browser(client)
            _ = try await login(department, "zhujian")
            let token = try await department.token("/project/1")
            let reported = try await department.post(
                "/project/1/progress", form: ["csrf": token, "date": "2027-04-05", "percent": "64", "spent": "", "narrative": ""])
            #expect(reported.status == .seeOther)
            #expect(String(buffer: try await visitor.get("/").body).contains("64%"))
            // Each language and filter is kept apart.
            _ = try await visitor.get("/lang?to=en&back=/")
            let english = String(buffer: try await visitor.get("/").body)
            #expect(english.contains(#"lang="en""#))
            #expect(!String(buffer: try await visitor.get("/?department=%E6%96%B0%E7%9A%84%E5%90%8D%E7%A7%B0").body).contains("/project/1\""))
            // A signed-in account gets its own page, with its name, never the kept one.
            let own = String(buffer: try await department.get("/").body)
            #expect(own.contains("zhujian"))
            #expect(!String(buffer: try await HallRouteTests.Browser(client).get("/").body).contains("zhujian"))
        }
    }
}

extension YearRouteTests {
    @Test func aRectificationCarriesItsEvidenceAndAHostileNameIsCutToItsLastPart() async throws {
        let configuration = try setUp()
        let workspace = try Workspace.open(url: configuration.workspace, actor: "测试")
        _ = try workspace.addInspection(
            project: 1, date: "2027-04-01", inspectors: "D1", findings: "围挡破损", problems: [(problem: "围挡破损", responsible: "市住建局", deadline: "2027-04-20")])
        let problem = try #require(try workspace.read { db in try RectificationRecord.fetchOne(db) })
        let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("the repaired fence".utf8)
        let sheet = Data("验收单".utf8)
        let before = try workspace.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry") }
        try await app(configuration).test(.router) { client in
            let department = HallRouteTests.Browser(client)
            _ = try await login(department, "zhujian")
            let token = try await department.token("/project/1")
            #expect(String(buffer: try await department.get("/project/1").body).contains(#"name="evidence""#))
            // The same file twice: refused whole, nothing recorded.
            let twice = try await postMultipart(
                department, "/rectification/\(problem.id!)/answer", fields: ["csrf": token, "step": "rectified", "text": "围挡已更换"],
                files: [("evidence", "a.png", photo), ("evidence", "b.png", photo)])
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("内容相同"))
            #expect(try workspace.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry") } == before)
            #expect(try workspace.read { try RectificationRecord.fetchOne($0, key: problem.id!) }?.status == .open)
            let answered = try await postMultipart(
                department, "/rectification/\(problem.id!)/answer", fields: ["csrf": token, "step": "rectified", "text": "围挡已更换"],
                files: [("evidence", "fence.png", photo), ("evidence", "../../etc/passwd", sheet)])
            #expect(answered.status == .seeOther, "\(String(buffer: answered.body))")
            let evidence = try workspace.rectificationEvidence(project: 1)[problem.id!] ?? []
            #expect(evidence.map(\.name) == ["fence.png", "passwd"])
            // Anyone sees it on the project's page, and the file is served from the store.
            let page = String(buffer: try await HallRouteTests.Browser(client).get("/project/1").body)
            let hash = HashAlgorithm.sha256.digest(photo).hex
            #expect(page.contains(#"<ul class="files evidence""#) && page.contains("/file/\(hash)"))
            let file = try await HallRouteTests.Browser(client).get("/file/\(hash)")
            #expect(file.status == .ok && Data(buffer: file.body) == photo)
            let other = try await HallRouteTests.Browser(client).get("/file/\(HashAlgorithm.sha256.digest(sheet).hex)")
            #expect(other.status == .ok && other.headers[.contentDisposition]?.contains("passwd") == true)
            // The log names the account and the evidence; the chain holds.
            let detail = try workspace.read { db in
                try String.fetchOne(db, sql: "SELECT actor || ' ' || detail FROM auditEntry WHERE action = 'rectification.rectified'")
            }
            #expect(detail?.hasPrefix("zhujian ") == true && detail?.contains(hash) == true)
            #expect(try workspace.verifyAuditChain().firstBroken == nil)
        }
    }
}
