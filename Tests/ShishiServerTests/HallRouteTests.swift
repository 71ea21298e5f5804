import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ShishiBallot
import ShishiCore
import ShishiServer
import ShishiTally
import ShishiTestSupport
import Testing

/// The hall server in process (HummingbirdTesting's router framework): every page and refusal,
/// the booth's API with the real cryptography, and a vote made through the web that then passes
/// the tally and verify.
@Suite struct HallRouteTests {
    /// A browser: keeps its cookies between requests.
    final class Browser: @unchecked Sendable {
        let client: any TestClientProtocol
        var cookies: [String: String] = [:]

        init(_ client: any TestClientProtocol) { self.client = client }

        @discardableResult
        func get(_ uri: String) async throws -> TestResponse {
            try await send(uri, method: .get, body: nil, type: nil)
        }

        @discardableResult
        func post(_ uri: String, form: [String: String], origin: String? = nil) async throws -> TestResponse {
            let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            return try await send(uri, method: .post, body: ByteBuffer(string: body), type: "application/x-www-form-urlencoded", origin: origin)
        }

        func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, type: String?, origin: String? = nil) async throws -> TestResponse {
            var headers: HTTPFields = [:]
            if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            if let type { headers[.contentType] = type }
            if let origin { headers[.origin] = origin }
            let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
            for field in response.headers[values: .setCookie] {
                let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { cookies[pair[0]] = pair[1] }
            }
            return response
        }

        /// Posts `json` as a page's script does, with the session's token `csrf` in `X-CSRF-Token`.
        @discardableResult
        func post(_ uri: String, json: Data, csrf: String) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/json", .init("X-CSRF-Token")!: csrf]
            if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(data: json))
        }

        /// The session's form token, read from the page at `uri`.
        func token(_ uri: String) async throws -> String {
            let page = String(buffer: try await get(uri).body)
            let range = try #require(page.range(of: #"name="csrf" value=""#))
            return String(page[range.upperBound...].prefix(64))
        }

        /// Signs in as `name`.
        func login(_ name: String, password: String = "correct horse battery") async throws -> TestResponse {
            let token = try await self.token("/")
            return try await post("/login", form: ["csrf": token, "name": name, "password": password])
        }
    }

    struct Setup {
        var made: Fixture.Made
        var configuration: ServerConfiguration
    }

    func setUp(secrecy: Secrecy = .secret, names: [String]? = nil, publication: BallotPublication? = nil) throws -> Setup {
        let made = try Fixture.vote(secrecy: secrecy, deputies: 9, candidates: 5, seats: 3, publication: publication)
        let state = made.folder.deletingLastPathComponent().appendingPathComponent("vote.server")
        let accounts = StaffAccounts(folder: state)
        try accounts.add(name: "desk1", role: .registrar, password: "correct horse battery")
        try accounts.add(name: "count1", role: .counter, password: "correct horse battery")
        try accounts.add(name: "sec1", role: .secretariat, password: "correct horse battery")
        try accounts.add(name: "scrut1", role: .scrutineer, password: "correct horse battery")
        var configuration = ServerConfiguration(
            voteFolder: made.folder, stateFolder: state, registrarKey: made.officials.registrar, blindKey: secrecy == .secret ? Fixture.blindKey : nil
        )
        configuration.secretariatKey = made.officials.secretariat
        return Setup(made: made, configuration: configuration)
    }

    func app(_ setup: Setup) async throws -> some ApplicationProtocol {
        try await HallServer.buildApplication(setup.configuration, logger: Logger(label: "test"))
    }

    @Test func theHomePageIsSafeAndBilingual() async throws {
        let setup = try setUp()
        try await app(setup).test(.router) { client in
            let browser = Browser(client)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(home.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            let page = String(buffer: home.body)
            #expect(page.contains("工作人员登录") && page.contains("测试票决") && page.contains(#"<html lang="zh-CN">"#))
            let english = try await browser.get("/lang?to=en&back=/")
            #expect(english.status == .seeOther && english.headers[.location] == "/")
            #expect(String(buffer: try await browser.get("/").body).contains("Staff sign-in"))
            // The language switch goes back only to a path on this site.
            #expect(try await browser.get("/lang?to=zh&back=//evil.example/x").headers[.location] == "/")
            #expect(try await browser.get("/lang?to=zh&back=https://evil.example/").headers[.location] == "/")
            // A tab, a line feed or a backslash after the first slash would lead browsers off-site too.
            for back in ["/%09/evil.example", "/%0A/evil.example", "/%5C/evil.example", "/%20/evil.example", "/%7F/x"] {
                #expect(try await browser.get("/lang?to=zh&back=\(back)").headers[.location] == "/", "\(back)")
            }
            #expect(try await browser.get("/lang?to=zh&back=/board%23tracker").headers[.location] == "/board#tracker")
            // Signing out with a wrong or missing token is refused in words, not a bare 500.
            for form in [["csrf": "forged"], [:]] {
                let logout = try await browser.post("/logout", form: form)
                #expect(logout.status != .internalServerError && !String(buffer: logout.body).isEmpty, "\(logout.status)")
            }
        }
    }

    @Test func loginsAreCheckedSlowedAndLocked() async throws {
        let setup = try setUp()
        try await app(setup).test(.router) { client in
            let browser = Browser(client)
            let wrong = try await browser.login("desk1", password: "not the password")
            #expect(wrong.status == .unauthorized && String(buffer: wrong.body).contains("账户名或密码不对"))
            // A login form posted without the page's token (from another site) is refused.
            let forged = try await browser.post("/login", form: ["csrf": "0", "name": "desk1", "password": "correct horse battery"])
            #expect(forged.status == .forbidden)
            for _ in 0..<4 { _ = try await browser.login("desk1", password: "guess") }
            let locked = try await browser.login("desk1")
            #expect(locked.status == .tooManyRequests && String(buffer: locked.body).contains("15"))
        }
    }

    @Test func theDeskSignsDeputiesInAndRefusesInWords() async throws {
        let setup = try setUp()
        try await app(setup).test(.router) { client in
            let browser = Browser(client)
            // Not signed in, or the wrong role: refused on the page.
            #expect(try await browser.get("/desk").status == .forbidden)
            let counter = Browser(client)
            #expect(try await counter.login("count1").status == .seeOther)
            let notYours = try await counter.get("/desk")
            #expect(notYours.status == .forbidden && String(buffer: notYours.body).contains("只有登记员"))

            let login = try await browser.login("desk1")
            #expect(login.status == .seeOther && login.headers[.location] == "/desk")
            // The header says who is signed in with the language's own brackets.
            #expect(String(buffer: try await browser.get("/desk").body).contains("当前账户 desk1（"))
            _ = try await browser.get("/lang?to=en&back=/desk")
            let english = String(buffer: try await browser.get("/desk").body)
            #expect(english.contains("Signed in as desk1 (") && !english.contains("desk1（"))
            _ = try await browser.get("/lang?to=zh&back=/desk")
            let search = String(buffer: try await browser.get("/desk?q=%E4%BB%A3%E8%A1%A83").body)
            #expect(search.contains("D3") && search.contains("未签到") && !search.contains(">D4<"))
            let token = try await browser.token("/desk?q=D")
            let booth = try await browser.post("/desk/signin", form: ["csrf": token, "deputy": "D3", "mode": "booth"])
            let issued = String(buffer: booth.body)
            #expect(booth.status == .ok && issued.contains("<svg") && issued.contains(#"class="code""#))
            let twice = try await browser.post("/desk/signin", form: ["csrf": token, "deputy": "D3", "mode": "booth"])
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("尚未使用的签到码"))
            let paper = try await browser.post("/desk/signin", form: ["csrf": token, "deputy": "D4", "mode": "paper"])
            #expect(String(buffer: paper.body).contains("纸质选票"))
            let again = try await browser.post("/desk/signin", form: ["csrf": token, "deputy": "D4", "mode": "paper"])
            #expect(again.status == .conflict && String(buffer: again.body).contains("已经领取过"))
            let stranger = try await browser.post("/desk/signin", form: ["csrf": token, "deputy": "X9", "mode": "paper"])
            #expect(stranger.status == .conflict && String(buffer: stranger.body).contains("不在本次投票的代表名单上"))
            // A form without the session's token, or from another origin, changes nothing.
            #expect(try await browser.post("/desk/signin", form: ["csrf": "forged", "deputy": "D5", "mode": "paper"]).status == .forbidden)
            #expect(
                try await browser.post("/desk/signin", form: ["csrf": token, "deputy": "D5", "mode": "paper"], origin: "http://evil.example").status
                    == .forbidden)
            #expect(try setup.made.registrar().currentEntries().map(\.deputy) == ["D4"])
            // Sealing is a button; after it, no one signs in.
            // Sealing cannot be undone: without the ticked confirmation it is refused in words.
            let unconfirmedSeal = try await browser.post("/desk/seal", form: ["csrf": token])
            #expect(unconfirmedSeal.status == .conflict && String(buffer: unconfirmedSeal.body).contains("勾选确认"))
            #expect(!FileManager.default.fileExists(atPath: setup.made.vote.folder.issuanceSealURL.path))
            #expect(try await browser.post("/desk/seal", form: ["csrf": token, "confirm": "1"]).status == .seeOther)
            let late = try await browser.post("/desk/signin", form: ["csrf": token, "deputy": "D6", "mode": "paper"])
            #expect(late.status == .conflict && String(buffer: late.body).contains("封存"))
            let screen = String(buffer: try await browser.get("/screen").body)
            #expect(screen.contains(#"data-figure="present">1<"#) && screen.contains("/static/screen.js"))
            #expect(try await browser.get("/static/screen.js").status == .ok)
        }
    }

    @Test func theBoothSaysPlainlyWhatABrowserCannotDo() async throws {
        for (suite, secrecy, words) in [(SignatureSuite.sm2, Secrecy.secret, "浏览器（WebCrypto）不支持"), (.ed25519, .recorded, "这是记名投票")] {
            let made = try Fixture.vote(secrecy: secrecy, suite: suite, deputies: 5, candidates: 4, seats: 2)
            let state = made.folder.deletingLastPathComponent().appendingPathComponent("vote.server")
            let configuration = ServerConfiguration(
                voteFolder: made.folder, stateFolder: state, registrarKey: made.officials.registrar, blindKey: secrecy == .secret ? Fixture.blindKey : nil
            )
            try await HallServer.buildApplication(configuration, logger: Logger(label: "test")).test(.router) { client in
                let page = String(buffer: try await Browser(client).get("/booth").body)
                #expect(page.contains(words) && page.contains("shishi ballot cast") && !page.contains("booth.js"))
            }
        }
    }

    @Test func scriptInAnyNameIsEscaped() async throws {
        let setup = try setUp()
        // Whatever a visitor types comes back escaped.
        try await app(setup).test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.login("desk1")
            let page = String(buffer: try await browser.get("/desk?q=%3Cscript%3Ealert(1)%3C/script%3E").body)
            #expect(!page.contains("<script>alert(1)</script>") && page.contains("&lt;script&gt;"))
        }
    }

    @Test func aBoothSignsInAndCastsThroughTheAPIAndTheFolderVerifies() async throws {
        let setup = try setUp()
        let made = setup.made
        try await app(setup).test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.login("desk1")
            let token = try await browser.token("/desk?q=D")
            let manifest = try await browser.get("/api/vote")
            #expect(manifest.status == .ok && String(buffer: manifest.body).contains("shishi/manifest/v1"))
            let booth = Browser(client)
            var trackers: [String] = []
            for deputy in 1...7 {
                let page = String(buffer: try await browser.post("/desk/signin", form: ["csrf": token, "deputy": "D\(deputy)", "mode": "booth"]).body)
                let range = try #require(page.range(of: #"class="code" aria-label="签到码">"#))
                let code = String(page[range.upperBound...].prefix(8))
                // The booth's work (in the browser, in real use): a one-time key, blinded.
                let pending = try VotingTerminal(manifest: made.vote.signed).request(deputy: "D\(deputy)")
                let body = #"{"blindedMessage":"\#(pending.request.blindedMessage.base64EncodedString())","code":"\#(code)"}"#
                let answer = try await booth.send("/api/credential", method: .post, body: ByteBuffer(string: body), type: "application/json")
                #expect(answer.status == .ok, "\(String(buffer: answer.body))")
                let grant = try StrictJSON.decode(CredentialGrant.self, from: Data(buffer: answer.body), source: "grant")
                #expect(grant.deputy == "D\(deputy)")
                // The same code does not work twice.
                let reuse = try await booth.send("/api/credential", method: .post, body: ByteBuffer(string: body), type: "application/json")
                #expect(reuse.status == .forbidden && String(buffer: reuse.body).contains("desk.badCode"))
                let credential = try pending.finalize(grant)
                let marking = try BallotMarking(yes: deputy <= 5 ? ["1", "2"] : ["3"], no: [], manifest: made.vote.manifest)
                let envelope = try BallotCaster(vote: made.vote).seal(marking, credential: credential)
                let cast = try await booth.send("/api/cast", method: .post, body: ByteBuffer(bytes: try envelope.fileData()), type: "application/json")
                #expect(cast.status == .created, "\(String(buffer: cast.body))")
                trackers.append(String(buffer: cast.body))
                // A second ballot with the same credential: refused, the first stands.
                let other = try BallotCaster(vote: made.vote).seal(try BallotMarking(yes: ["4"], no: [], manifest: made.vote.manifest), credential: credential)
                let twice = try await booth.send("/api/cast", method: .post, body: ByteBuffer(bytes: try other.fileData()), type: "application/json")
                #expect(twice.status == .conflict && String(buffer: twice.body).contains("cast.credentialUsed"))
            }
            // Bad input: not JSON, malformed JSON, a ballot whose signature fails.
            let plain = try await booth.send("/api/cast", method: .post, body: ByteBuffer(string: "{}"), type: "text/plain")
            #expect(plain.status == .badRequest)
            let malformed = try await booth.send("/api/credential", method: .post, body: ByteBuffer(string: "{\"code\":"), type: "application/json")
            #expect(malformed.status == .badRequest)
            let huge = try await booth.send("/api/cast", method: .post, body: ByteBuffer(repeating: 0x20, count: 100_000), type: "application/json")
            #expect(huge.status == .badRequest)
            // JSON that is not a ballot: refused in words, one sentence with one full stop.
            let notBallot = try await booth.send("/api/cast", method: .post, body: ByteBuffer(string: #"{"x":1}"#), type: "application/json")
            let refusal = try StrictJSON.decode(BoothAPIRefusal.self, from: Data(buffer: notBallot.body), source: "refusal")
            #expect(notBallot.status == .conflict && refusal.error == "booth.notValid")
            #expect(
                refusal.message.en.hasPrefix("The ballot does not pass the checks: ") && refusal.message.en.hasSuffix("“payloadType”."), "\(refusal.message)")
            #expect(refusal.message.zh.hasSuffix("“payloadType”。"), "\(refusal.message)")
            // The server cannot write the box (a full disk, a folder gone): the booth is told so
            // without the server's paths.
            let box = made.folder.appendingPathComponent("box")
            let moved = made.folder.deletingLastPathComponent().appendingPathComponent("box-kept")
            try FileManager.default.moveItem(at: box, to: moved)
            try Data().write(to: box)
            let unsaved = try BallotCaster(vote: made.vote).seal(
                try BallotMarking(yes: ["1"], no: [], manifest: made.vote.manifest), credential: made.credential(for: "D9", registrar: made.registrar()))
            let full = try await booth.send("/api/cast", method: .post, body: ByteBuffer(bytes: try unsaved.fileData()), type: "application/json")
            #expect(full.status == .serviceUnavailable && !String(buffer: full.body).contains(made.folder.path), "\(String(buffer: full.body))")
            try FileManager.default.removeItem(at: box)
            try FileManager.default.moveItem(at: moved, to: box)
            #expect(try await browser.post("/desk/seal", form: ["csrf": token, "confirm": "1"]).status == .seeOther)
            #expect(trackers.count == 7)
        }
        // The folder the web made is a vote folder like any other: counted and verified.
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.outcome == .counted && run.result.figures.valid == 7 && run.result.allocation?.adopted == ["1", "2"])
        try ResultFile(vote: made.vote).write(run)
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        #expect(try Verification.run(VoteFolder(url: made.folder).open(), previous: nil).passed)
    }
}

extension HallRouteTests {
    @Test func theSecretariatClosesTheBoxCountsAndTheScreenShowsTheResult() async throws {
        let setup = try setUp()
        let made = setup.made
        // The desk and the count room keep one clock, as on the day (the close record's time is
        // compared with the sign-ins' by check 19).
        let registrar = try Registrar(vote: made.vote, signingKey: made.officials.registrar, blindKey: Fixture.blindKey)
        for deputy in 1...6 { try made.cast("D\(deputy)", yes: deputy <= 4 ? ["1", "3"] : ["2"], registrar: registrar) }
        let late = try made.credential(for: "D7", registrar: registrar)
        try await app(setup).test(.router) { client in
            let secretariat = Browser(client)
            // Only the secretariat: a registrar is refused in words.
            let desk = Browser(client)
            _ = try await desk.login("desk1")
            let refused = try await desk.get("/count")
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("秘书处"))
            _ = try await secretariat.login("sec1")
            var page = String(buffer: try await secretariat.get("/count").body)
            #expect(page.contains("签到尚未封存") && !page.contains("封箱（结束投票）") && !page.contains("开始计票"))
            #expect(page.contains("本轮阶段") && page.contains("签到进行中") && page.contains("下一步：签到台封存签到"))
            let token = try await secretariat.token("/count")
            // Counting, or closing, before the seal is refused with the reason (the phase named).
            let early = try await secretariat.post("/count/run", form: ["csrf": token])
            #expect(early.status == .conflict && String(buffer: early.body).contains("签到尚未封存"))
            let closeEarly = try await secretariat.post("/count/close", form: ["csrf": token])
            #expect(closeEarly.status == .conflict && String(buffer: closeEarly.body).contains("签到进行中"), "\(String(buffer: closeEarly.body))")
            #expect(!made.vote.folder.isClosed)
            try registrar.seal()
            // Sealed: the box can be closed, and an open box is counted only by closing it first.
            page = String(buffer: try await secretariat.get("/count").body)
            #expect(page.contains("封箱（结束投票）") && page.contains("封箱并计票") && !page.contains(">开始计票<"))
            let unconfirmed = try await secretariat.post("/count/run", form: ["csrf": token, "close": "1"])
            #expect(unconfirmed.status == .conflict && String(buffer: unconfirmed.body).contains("勾选确认") && !made.vote.folder.isClosed)
            let openBox = try await secretariat.post("/count/run", form: ["csrf": token])
            #expect(openBox.status == .conflict && String(buffer: openBox.body).contains("未封箱就计票") && !made.vote.folder.isClosed)
            // A cross-site close is refused; the real one closes.
            #expect(try await secretariat.post("/count/close", form: ["csrf": "forged"]).status == .forbidden)
            #expect(!made.vote.folder.isClosed)
            #expect(try await secretariat.post("/count/close", form: ["csrf": token]).status == .seeOther)
            #expect(made.vote.folder.isClosed)
            // Closing twice is refused; a booth's cast after the close is refused.
            let twice = try await secretariat.post("/count/close", form: ["csrf": token])
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("已经封箱"))
            let envelope = try BallotCaster(vote: made.vote).seal(try BallotMarking(yes: ["5"], no: [], manifest: made.vote.manifest), credential: late)
            let cast = try await Browser(client).send("/api/cast", method: .post, body: ByteBuffer(bytes: try envelope.fileData()), type: "application/json")
            #expect(cast.status == .conflict && String(buffer: cast.body).contains("cast.boxClosed"))
            #expect(try await secretariat.post("/count/run", form: ["csrf": token]).status == .seeOther)
            // The count runs in the background; the page shows it done.
            for _ in 0..<200 {
                if ResultFile(vote: made.vote).exists, !String(buffer: try await secretariat.get("/count").body).contains("正在计票") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            page = String(buffer: try await secretariat.get("/count").body)
            #expect(page.contains("计票结果") && page.contains("项目1") && page.contains("/result/announcement.txt"))
            #expect(page.contains("封箱后到达 0 张"))
            // The close in the hall's time zone, as Chinese documents write times (the files keep UTC).
            #expect(page.contains("已封箱：20") && page.contains("日 ") && !page.contains("已封箱: "), "\(page)")
            #expect(!page.contains("开始计票"))
            // The screen shows the result to anyone; the texts download.
            let screen = String(buffer: try await Browser(client).get("/screen").body)
            #expect(screen.contains("计票结果") && screen.contains("<svg") && screen.contains("各位代表"))
            let announcement = try await Browser(client).get("/result/announcement.txt")
            #expect(announcement.status == .ok && String(buffer: announcement.body).contains("宣布稿"))
            let report = try await Browser(client).get("/result/report.html")
            let policy = report.headers[.contentSecurityPolicy] ?? ""
            #expect(report.status == .ok && policy.contains("default-src 'none'") && !policy.contains("unsafe-inline"))
            // The policy lets through exactly the report's own style element, by its hash.
            let html = String(buffer: report.body)
            let style = try #require(html.range(of: "<style>").flatMap { start in html.range(of: "</style>").map { html[start.upperBound..<$0.lowerBound] } })
            #expect(policy.contains("'sha256-\(HashAlgorithm.sha256.hash(Data(style.utf8)).base64EncodedString())'"))
            // The chart draws its colours with attributes, which a strict policy does not block.
            #expect(screen.contains("fill=\"#b71c1c\"") && !screen.contains("<style>"))
            #expect(try await Browser(client).get("/result/result.json").status == .notFound)
            #expect(try await Browser(client).get("/result/..%2Fkeys").status == .notFound)
        }
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.valid == 6 && run.result.checks.contains { $0.check == .boxClose && $0.passed })
    }
}

extension HallRouteTests {
    @Test func theBoardShowsTheVoteAnswersReceiptsPagesTrackersAndHandsOutTheFolder() async throws {
        let setup = try setUp()
        let made = setup.made
        let registrar = try made.registrar()
        let trackers = try (1...7).map { try made.cast("D\($0)", yes: ["1"], registrar: registrar).tracker }
        // A private key left in the folder by mistake never leaves with the archive.
        try KeyFile.pair(for: made.officials.counter, name: "计票人").private.write(to: made.folder.appendingPathComponent("keys/forgotten.key"))
        try await app(setup).test(.router) { client in
            let visitor = Browser(client)
            var page = String(buffer: try await visitor.get("/board").body)
            #expect(page.contains("投票的定义") && page.contains("尚未计票") && page.contains(made.vote.hash.hex))
            #expect(try await visitor.get("/api/receipt?prefix=\(trackers[0].hex.prefix(2))").status == .notFound)
            #expect(try await visitor.get("/board/archive.tar.gz").status == .notFound)
            try registrar.seal()
            _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
            page = String(buffer: try await visitor.get("/board").body)
            #expect(page.contains("核对我的选票") && page.contains("计票结果") && page.contains("尚无监票人会签"))
            // Receipts by a tracker's first digit: every ballot that shares it, each with a proof
            // that checks against the published digest; the server never learns which is asked for.
            struct Receipts: Codable { var receipts: [Receipt] }
            let digit = String(trackers[2].hex.prefix(1))
            let answer = try await visitor.get("/api/receipt?prefix=\(digit)")
            #expect(answer.status == .ok)
            let receipts = try StrictJSON.decode(Receipts.self, from: Data(buffer: answer.body), source: "receipts").receipts
            #expect(Set(receipts.map(\.tracker)) == Set(trackers.filter { $0.hex.hasPrefix(digit) }.map(\.description)))
            let mine = try #require(receipts.first { $0.tracker == trackers[2].description })
            #expect(mine.status == .counted && MerkleTree.verify(item: trackers[2].bytes, proof: mine.proof ?? [], root: mine.boxDigest))
            for bad in ["zz", "", String(repeating: "a", count: 17), "%EF%BC%90"] {
                #expect(try await visitor.get("/api/receipt?prefix=\(bad)").status == .badRequest, "\(bad)")
            }
            let none = try StrictJSON.decode(Receipts.self, from: Data(buffer: try await visitor.get("/api/receipt?prefix=0000000000000000").body), source: "r")
            #expect(none.receipts.isEmpty)
            // The tracker list, searched by its first digits; script in the query is refused in words.
            let prefix = String(trackers[4].hex.prefix(3))
            let list = String(buffer: try await visitor.get("/board/trackers?q=\(prefix)").body)
            #expect(list.contains(trackers[4].hex) && list.contains("以 \(prefix) 开头"))
            let all = String(buffer: try await visitor.get("/board/trackers?page=9").body)
            #expect(all.contains("共 7 个跟踪码，第 1/1 页") && trackers.allSatisfy { all.contains($0.hex) })
            let hostile = try await visitor.get("/board/trackers?q=%3Cscript%3E")
            #expect(hostile.status == .badRequest && !String(buffer: hostile.body).contains("<script>"))
            // What a tracker shows: under the default of a secret vote, nothing of the marks.
            #expect(page.contains("跟踪码只能证明您的选票已计入") && !page.contains("公开每一张选票的内容："))
            // The public archive: the public copy, without the stray key and without any ballot,
            // that verifies as far as it can once countersigned (the verdict partial).
            _ = try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
            page = String(buffer: try await visitor.get("/board").body)
            #expect(page.contains("下载公开副本") && !page.contains("/recount/folder.tar.gz"))
            let archive = try await visitor.get("/board/archive.tar.gz")
            #expect(archive.status == .ok && archive.headers[.contentDisposition]?.contains("-public.tar.gz") == true)
            #expect(archive.headers[.cacheControl] == "private, no-store")
            let folder = try Self.unpack(archive)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("keys/forgotten.key").path))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("box").path))
            let partial = try Verification.run(VoteFolder(url: folder).open(), previous: nil)
            #expect(partial.verdict == .partial && partial.isPublicCopy && partial.differences.isEmpty)
            // The full folder, ballots and all, only for a signed-in scrutineer or the secretariat.
            #expect(try await visitor.get("/recount/folder.tar.gz").status == .forbidden)
            let desk = Browser(client)
            _ = try await desk.login("desk1")
            let refused = try await desk.get("/recount/folder.tar.gz")
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("只有监票人或秘书处可以使用这个页面"))
            let scrutineer = Browser(client)
            _ = try await scrutineer.login("scrut1")
            #expect(String(buffer: try await scrutineer.get("/countersign").body).contains("/recount/folder.tar.gz"))
            let full = try await scrutineer.get("/recount/folder.tar.gz")
            #expect(full.status == .ok && full.headers[.cacheControl] == "private, no-store")
            let whole = try Self.unpack(full)
            #expect(try BallotBox(vote: VoteFolder(url: whole).open()).files().count == 7)
            #expect(!FileManager.default.fileExists(atPath: whole.appendingPathComponent("keys/forgotten.key").path))
            #expect(try Verification.run(VoteFolder(url: whole).open(), previous: nil).verdict == .verified)
        }
    }

    @Test func aVoteThatPublishesItsBallotsSaysWhatATrackerShowsAndHandsOutEveryBallot() async throws {
        let setup = try setUp(publication: .ballots)
        let made = setup.made
        let registrar = try made.registrar()
        for deputy in 1...7 { try made.cast("D\(deputy)", yes: ["1", "2"], registrar: registrar) }
        try await app(setup).test(.router) { client in
            let visitor = Browser(client)
            // While voting is open, the booth says what the tracker will show.
            #expect(String(buffer: try await visitor.get("/booth").body).contains("谁拿到跟踪码，就能在公示的档案里看到这张选票投了什么"))
            try registrar.seal()
            _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
            _ = try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
            let page = String(buffer: try await visitor.get("/board").body)
            #expect(page.contains(#"<p class="warning">本次投票公开每一张选票的内容"#) && page.contains("下载投票目录"))
            let archive = try await visitor.get("/board/archive.tar.gz")
            #expect(archive.status == .ok && archive.headers[.contentDisposition]?.contains("-public") == false)
            let folder = try Self.unpack(archive)
            #expect(try BallotBox(vote: VoteFolder(url: folder).open()).files().count == 7)
            #expect(try Verification.run(VoteFolder(url: folder).open(), previous: nil).verdict == .verified)
        }
    }

    @Test func aSignInCodeNeverTravelsInAnAddress() async throws {
        let setup = try setUp()
        try await app(setup).test(.router) { client in
            let visitor = Browser(client)
            // The page's button stays disabled until its script has run, so no early tap submits.
            let page = String(buffer: try await visitor.get("/booth").body)
            #expect(page.contains(#"<button type="submit" id="get-credential" disabled>"#) && page.contains(#"method="post" action="/booth""#))
            // A code that arrives in a query string anyway is refused in words, not used.
            let query = try await visitor.get("/booth?code=ABCD2345")
            #expect(query.status == .badRequest && String(buffer: query.body).contains("签到码不能出现在网址里"))
            // A form posted without the script (its body is not read) is told what to do.
            let posted = try await visitor.send("/booth", method: .post, body: ByteBuffer(string: "code=ABCD2345"), type: "application/x-www-form-urlencoded")
            #expect(posted.status == .badRequest && String(buffer: posted.body).contains("表决终端需要本页的脚本"))
        }
    }

    /// Unpacks a downloaded archive and gives the vote folder in it.
    static func unpack(_ response: TestResponse) throws -> URL {
        let unpacked = Fixture.temporaryFolder()
        try Data(buffer: response.body).write(to: unpacked.appendingPathComponent("a.tar.gz"))
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xzf", "a.tar.gz"]
        tar.currentDirectoryURL = unpacked
        try tar.run()
        tar.waitUntilExit()
        return unpacked.appendingPathComponent("vote")
    }
}

extension HallRouteTests {
    @Test func aSecondRoundStartsFromTheCountRoomAndTheHallGoesOnInIt() async throws {
        let setup = try setUp()
        let made = setup.made
        let registrar = try made.registrar()
        // Seven present; only projects 1 and 2 pass (5 yes or more of 9): a second round for the third seat.
        for deputy in 1...7 { try made.cast("D\(deputy)", yes: deputy <= 4 ? ["1", "2", "3"] : ["1", "2"], registrar: registrar) }
        try registrar.seal()
        try await app(setup).test(.router) { client in
            let secretariat = Browser(client)
            _ = try await secretariat.login("sec1")
            let token = try await secretariat.token("/count")
            #expect(try await secretariat.post("/count/close", form: ["csrf": token]).status == .seeOther)
            #expect(try await secretariat.post("/count/run", form: ["csrf": token]).status == .seeOther)
            var page = ""
            for _ in 0..<200 {
                page = String(buffer: try await secretariat.get("/count").body)
                if page.contains("计票结果") && !page.contains("正在计票") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(page.contains("需要下一轮投票") && page.contains("第二轮"))
            #expect(try await secretariat.post("/count/next", form: ["csrf": token]).status == .seeOther)
            page = String(buffer: try await secretariat.get("/count").body)
            #expect(page.contains("轮次 2") && page.contains("签到尚未封存"))
            // A fresh blind-signing key, kept with the server's state, never in a vote folder.
            let keyFile = setup.configuration.stateFolder.appendingPathComponent("round-2-registrar-blind.key")
            let blind = try KeyFile.read(keyFile).blindPrivateKey(keyFile)
            #expect(blind.publicKey != Fixture.blindKey.publicKey)
            #expect(try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int == 0o600)
            let second = try VoteFolder(url: made.folder.deletingLastPathComponent().appendingPathComponent("vote-round-2")).open()
            #expect(second.manifest.round == 2 && second.manifest.previousRound == made.vote.hash && second.manifest.seats == 1)
            // The hall goes on in round 2: the desk signs a deputy in, the booth casts there.
            let desk = Browser(client)
            _ = try await desk.login("desk1")
            let deskToken = try await desk.token("/desk?q=D")
            let issued = String(buffer: try await desk.post("/desk/signin", form: ["csrf": deskToken, "deputy": "D1", "mode": "booth"]).body)
            let range = try #require(issued.range(of: #"class="code" aria-label="签到码">"#))
            let code = String(issued[range.upperBound...].prefix(8))
            // The booths load the new round's manifest.
            #expect(Data(buffer: try await Browser(client).get("/api/vote").body) == (try FileAccess.read(second.folder.manifestURL)))
            let pending = try VotingTerminal(manifest: second.signed).request(deputy: "D1")
            let booth = Browser(client)
            let body = #"{"blindedMessage":"\#(pending.request.blindedMessage.base64EncodedString())","code":"\#(code)"}"#
            let answer = try await booth.send("/api/credential", method: .post, body: ByteBuffer(string: body), type: "application/json")
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            let credential = try pending.finalize(try StrictJSON.decode(CredentialGrant.self, from: Data(buffer: answer.body), source: "grant"))
            let ballot = try BallotCaster(vote: second).seal(try BallotMarking(yes: ["3"], no: [], manifest: second.manifest), credential: credential)
            let cast = try await booth.send("/api/cast", method: .post, body: ByteBuffer(bytes: try ballot.fileData()), type: "application/json")
            #expect(cast.status == .created, "\(String(buffer: cast.body))")
            #expect(try BallotBox(vote: second).files().count == 1 && !second.folder.isClosed)
            // The board shows the round now running, and the first one's result beneath.
            let board = String(buffer: try await Browser(client).get("/board").body)
            #expect(board.contains("轮次 2") && board.contains("前几轮"))
        }
    }
}

extension HallRouteTests {
    @Test func thePaperAPIRefusesWrongCountsWrongKeysForgedSignaturesAndCrossSitePosts() async throws {
        let setup = try setUp()
        let made = setup.made
        try made.registrar().issuePaperBallots(to: ["D1", "D2"])
        try await app(setup).test(.router) { client in
            let counter = Browser(client)
            _ = try await counter.login("count1")
            let page = String(buffer: try await counter.get("/paper").body)
            #expect(page.contains("纸质票箱录入"))
            let token = try await counter.token("/paper")
            let csv = Data("serial,1,2,3,4,5\nP1-1,Y,N,,,\nP1-2,,Y,Y,,\n".utf8)
            func prepare(_ takenOut: Int, key: String, token: String) async throws -> TestResponse {
                let body = #"{"box":1,"issued":2,"takenOut":\#(takenOut),"csv":"\#(csv.base64EncodedString())","key":"\#(key)"}"#
                var headers: HTTPFields = [.contentType: "application/json", .init("X-CSRF-Token")!: token]
                headers[.cookie] = counter.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                return try await client.execute(uri: "/api/paper/prepare", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let counterKey = made.officials.counter.publicKey.fingerprint
            // More rows than ballots taken out: refused in words.
            let rows = try await prepare(1, key: counterKey, token: token)
            #expect(rows.status == .conflict && String(buffer: rows.body).contains("paper.countMismatch"))
            // A key that is not a published counter's.
            let scrutineer = try await prepare(2, key: made.officials.scrutineer.publicKey.fingerprint, token: token)
            #expect(scrutineer.status == .conflict && String(buffer: scrutineer.body).contains("paper.notCounter"))
            // A post without the session's token.
            #expect(try await prepare(2, key: counterKey, token: "forged").status == .forbidden)
            // The batch signed by someone else than the counter it names is refused, and nothing is written.
            let good = try await prepare(2, key: counterKey, token: token)
            #expect(good.status == .ok)
            struct Signing: Codable { var payloadType: String; var payload: Data }
            let signing = try StrictJSON.decode(Signing.self, from: Data(buffer: good.body), source: "signing")
            let envelope = SignedEnvelope(payloadType: signing.payloadType, payload: signing.payload)
            let forged = try made.officials.scrutineer.signature(for: envelope.signedBytes)
            let submission =
                #"{"csv":"\#(csv.base64EncodedString())","key":"\#(counterKey)","payload":"\#(signing.payload.base64EncodedString())","payloadType":"\#(signing.payloadType)","sig":"\#(forged.base64EncodedString())","suite":"ed25519"}"#
            var headers: HTTPFields = [.contentType: "application/json", .init("X-CSRF-Token")!: token]
            headers[.cookie] = counter.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let refused = try await client.execute(uri: "/api/paper/submit", method: .post, headers: headers, body: ByteBuffer(string: submission))
            #expect(refused.status == .conflict && String(buffer: refused.body).contains("signature.invalid"))
            #expect(!FileManager.default.fileExists(atPath: made.vote.folder.paperBatchURL(box: 1).path))
            // Signed by the counter, it is written with its sheet.
            let real = try made.officials.counter.signature(for: envelope.signedBytes)
            let accepted = try await client.execute(
                uri: "/api/paper/submit", method: .post, headers: headers,
                body: ByteBuffer(string: submission.replacingOccurrences(of: forged.base64EncodedString(), with: real.base64EncodedString())))
            #expect(accepted.status == .created, "\(String(buffer: accepted.body))")
            #expect(try FileAccess.read(made.folder.appendingPathComponent("paper/box-1.csv")) == csv)
        }
    }
}

/// The desk's one-time codes and the booth's refusals, below the routes.
@Suite struct SignInCodeTests {
    @Test func aCodeWorksOnceAndLapses() async throws {
        let codes = SignInCodes(lifetime: .milliseconds(300))
        let code = try codes.issue(for: "D1", name: "代表1")
        #expect(code.count == 8 && code.allSatisfy { "23456789ABCDEFGHJKMNPQRSTUVWXYZ".contains($0) })
        #expect(throws: ShishiError.self) { try codes.issue(for: "D1", name: "代表1") }
        #expect(try codes.redeem(code.lowercased()) == "D1")
        #expect(throws: ShishiError.self) { try codes.redeem(code) }
        let late = try codes.issue(for: "D2", name: "代表2")
        try await Task.sleep(for: .milliseconds(400))
        let error = try #require(throws: ShishiError.self) { try codes.redeem(late) }
        #expect(error.code == .deskBadCode)
        // A lapsed code no longer holds its deputy back.
        #expect(try codes.issue(for: "D2", name: "代表2").count == 8)
    }

    @Test func aBallotForAnotherVoteIsRefusedAndNothingIsWritten() throws {
        let here = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        let elsewhere = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        let credential = try elsewhere.credential(for: "D1")
        let envelope = try BallotCaster(vote: elsewhere.vote).seal(
            try BallotMarking(yes: ["1"], no: [], manifest: elsewhere.vote.manifest), credential: credential)
        let error = try #require(throws: ShishiError.self) { try BallotCaster(vote: here.vote).cast(signed: try envelope.fileData()) }
        #expect(error.code == .boothNotValid && error.message.en.contains("another vote"))
        #expect(try BallotBox(vote: here.vote).files().isEmpty)
        // Bytes that are not a ballot at all: refused with the reason, nothing written.
        #expect(throws: ShishiError.self) { try BallotCaster(vote: here.vote).cast(signed: Data("{\"payload\":".utf8)) }
        #expect(try BallotBox(vote: here.vote).files().isEmpty)
    }
}

/// The hall over TLS: a self-signed certificate made with openssl(1), the server on a live port,
/// and curl(1) as the browser.
@Suite struct TLSTests {
    func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func theHallServesHTTPSWithSecureCookies() async throws {
        let made = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        let folder = made.folder.deletingLastPathComponent()
        let certificate = folder.appendingPathComponent("hall.crt")
        let key = folder.appendingPathComponent("hall.key")
        let made509 = try run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-keyout", key.path, "-out", certificate.path,
            ])
        #expect(made509.status == 0)
        var configuration = ServerConfiguration(
            voteFolder: made.folder, stateFolder: folder.appendingPathComponent("vote.server"), registrarKey: made.officials.registrar,
            blindKey: Fixture.blindKey
        )
        configuration.port = 0
        configuration.tls = (certificate, key)
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "tls-test"))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Blocking tools run on a thread of their own, away from the server's threads.
            let answer: (status: Int32, output: String) = try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(
                        with: Result {
                            try run("/usr/bin/curl", ["-sk", "-i", "--max-time", "120", "--retry", "3", "--retry-connrefused", "https://127.0.0.1:\(port)/"])
                        })
                }.start()
            }
            #expect(answer.status == 0 && answer.output.contains("200 OK") && answer.output.contains("工作人员登录"))
            #expect(answer.output.lowercased().contains("set-cookie: shishi_login=") && answer.output.contains("Secure"))
            // Browsers are told to come back over https only; TLS 1.0 and 1.1 are refused, 1.2 is the floor.
            #expect(answer.output.lowercased().contains("strict-transport-security: max-age=31536000"))
            let handshakes: [(version: String, status: Int32)] = try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(
                        with: Result {
                            try ["-tls1", "-tls1_1", "-tls1_2"].map { flag in
                                (
                                    flag,
                                    try run(
                                        "/bin/sh",
                                        ["-c", "echo | openssl s_client \(flag) -cipher 'DEFAULT@SECLEVEL=0' -connect 127.0.0.1:\(port) >/dev/null 2>&1"]
                                    ).status
                                )
                            }
                        })
                }.start()
            }
            #expect(handshakes.map(\.status) == [1, 1, 0], "\(handshakes)")
            // A page elsewhere whose name was made to point here (DNS rebinding) gets no answer of the hall's.
            let hosts: [String] = try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(
                        with: Result {
                            try ["evil.example", "127.0.0.1:\(port)", "localhost:\(port)"].map { host in
                                try run("/usr/bin/curl", ["-sk", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: \(host)", "https://127.0.0.1:\(port)/"])
                                    .output
                            }
                        })
                }.start()
            }
            #expect(hosts == ["421", "200", "200"], "\(hosts)")
        }
        // A key that does not read is refused with words.
        configuration.tls = (certificate, certificate)
        await #expect(throws: ShishiError.self) { try await HallServer.buildApplication(configuration, logger: Logger(label: "tls-test")) }
    }
}

extension TLSTests {
    /// Idle and stalled connections are closed after the idle timeout, and the hall keeps answering.
    @Test func idleAndSlowConnectionsAreClosed() async throws {
        let made = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        var configuration = ServerConfiguration(
            voteFolder: made.folder, stateFolder: made.folder.deletingLastPathComponent().appendingPathComponent("vote.server"),
            registrarKey: made.officials.registrar, blindKey: Fixture.blindKey)
        configuration.port = 0
        configuration.idleTimeout = .seconds(1)
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "idle-test"))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Exit 0: the server closed the connection (EOF) within five seconds; 124: it kept it open.
            let script = """
                idle() { exec 3<>/dev/tcp/127.0.0.1/\(port); timeout 5 cat <&3 >/dev/null; echo $?; exec 3<&-; }
                slow() { exec 3<>/dev/tcp/127.0.0.1/\(port); printf 'GET / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n' >&3; timeout 5 cat <&3 >/dev/null; echo $?; exec 3<&-; }
                echo "$(idle) $(slow) $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:\(port)/)"
                """
            let answer: (status: Int32, output: String) = try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try run("/bin/bash", ["-c", script]) }) }.start()
            }
            #expect(answer.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0 0 200", "\(answer.output)")
        }
    }
}

/// The booth API's refusal, as a booth reads it.
private struct BoothAPIRefusal: Codable {
    var error: String
    var message: Text
}
