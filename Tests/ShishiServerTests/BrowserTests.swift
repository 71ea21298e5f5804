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

/// The hall in a real browser: Debian's headless Chromium driven through WebDriver against the
/// server on loopback. The booth's cryptography (RFC 9474 blinding, the one-time Ed25519 key,
/// the ballot's signature) runs in the browser; the folder is then counted and verified.
@Suite(.serialized) struct BrowserTests {
    func setUp() throws -> (Fixture.Made, ServerConfiguration) {
        let made = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        let state = made.folder.deletingLastPathComponent().appendingPathComponent("vote.server")
        try StaffAccounts(folder: state).add(name: "desk1", role: .registrar, password: "correct horse battery")
        var configuration = ServerConfiguration(voteFolder: made.folder, stateFolder: state, registrarKey: made.officials.registrar, blindKey: Fixture.blindKey)
        configuration.port = 0
        return (made, configuration)
    }

    @Test func aDeputySignsInAtTheDeskAndCastsFromTheBooth() async throws {
        let (made, configuration) = try setUp()
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "browser-test"))
        let tracker = try await app.test(.live) { client -> String in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver()
            do {
                let tracker = try await drive(browser, site: site)
                await browser.quit()
                return tracker
            } catch {
                await browser.quit()
                throw error
            }
        }
        try check(made, tracker: tracker)
    }

    /// The deputy's whole path through the browser; returns the tracker the booth showed.
    func drive(_ browser: WebDriver, site: String) async throws -> String {
        // The desk: sign in as the registrar, find the deputy, sign her in for a booth.
        try await browser.open(site + "/")
        try await browser.type("#name", "desk1")
        try await browser.type("#password", "correct horse battery")
        try await browser.click("form.stack button[type=submit]")
        do {
            try await browser.wait(until: "return location.pathname === '/desk'", seconds: 10)
        } catch {
            Issue.record(
                "after login: \(try await browser.run("return location.href + ' ' + document.body.innerText.split(String.fromCharCode(10)).join(' | ')") ?? "")"
            )
            throw error
        }
        try await browser.type("#q", "D1")
        try await browser.click("form.search button")
        try await browser.click("input[name=mode][value=booth] + button")
        let code = try await browser.text("p.code")
        #expect(code.count == 8)
        // The big screen: live, and no one present until a booth redeems a code.
        try await browser.open(site + "/screen")
        try await browser.wait(until: "return !document.getElementById('live').hidden")
        #expect(try await browser.text("[data-figure=present]") == "0")
        // The booth on a phone, opened first without a code, then from the QR code's address in
        // the same tab (only the hash changes): the code comes with it, and leaves the address.
        try await browser.resize(width: 390, height: 844)
        try await browser.open(site + "/booth")
        try await browser.wait(until: "return document.body.dataset.selfTest === 'passed'")
        #expect(try await browser.run("return document.getElementById('get-credential').disabled") as? Bool == false)
        try await browser.run("location.hash = arguments[0]", [code])
        try await browser.wait(until: "return document.getElementById('code').value === '\(code)' && location.hash === ''")
        try await browser.click("#get-credential")
        try await browser.wait(until: "return !document.getElementById('step-mark').hidden")
        // Every mark's whole label is a tap target of 44 px or more.
        let heights = try await browser.run("return [...document.querySelectorAll('label.choice')].map(l => l.getBoundingClientRect().height)") as? [Double]
        #expect(heights?.isEmpty == false && heights?.allSatisfy { $0 >= 44 } == true, "\(heights ?? [])")
        // Three yes for two seats: the third is refused at the project just touched, in view,
        // with the count still in view at the top.
        try await browser.click("input[data-candidate='1'][value=yes]")
        try await browser.click("input[data-candidate='2'][value=yes]")
        try await browser.click("label:has(> input[data-candidate='3'][value=yes])")
        #expect(try await browser.text("#yes-count") == "2")
        #expect(try await browser.text("fieldset:has(input[data-candidate='3']) .limit-note").contains("不能超过"))
        let inView = "var r = arguments[0] ? document.querySelector(arguments[0]).getBoundingClientRect() : null; return r.top >= 0 && r.bottom <= innerHeight"
        let place = try await browser.run(
            "var r = document.querySelector('.limit-note').getBoundingClientRect(); return [r.top, r.bottom, innerHeight, scrollY]")
        #expect(try await browser.run(inView, [".limit-note"]) as? Bool == true, "\(place ?? "")")
        #expect(try await browser.run(inView, ["#yes-counter"]) as? Bool == true)
        #expect(try await browser.run("return document.querySelector(\"input[data-candidate='3'][value='']\").checked") as? Bool == true)
        try await browser.click("input[data-candidate='4'][value=no]")
        #expect(try await browser.run("return document.querySelectorAll('.limit-note').length") as? Int == 0)
        try await browser.click("#review")
        try await browser.wait(until: "return !document.getElementById('step-review').hidden")
        // The review: a summary first, then the projects grouped by mark, each under its shape.
        #expect(try await browser.text(".review-summary") == "✔ 同意 2　✖ 不同意 1　○ 弃权 1")
        #expect(try await browser.text(".mark-group[data-mark=yes] h3") == "✔ 同意（2）")
        #expect(try await browser.text(".mark-group[data-mark=no]").contains("4. 项目4"))
        let widths = try await browser.run("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]") as? [Int]
        #expect(widths.map { $0[0] <= $0[1] } == true, "\(widths ?? [])")
        try await browser.click("#cast")
        try await browser.wait(until: "return !document.getElementById('step-done').hidden")
        let tracker = try await browser.text("#tracker")
        // Back on the big screen: one present, one ballot cast.
        try await browser.open(site + "/screen")
        try await browser.wait(until: "return document.querySelector('[data-figure=cast]').textContent === '1'")
        #expect(try await browser.text("[data-figure=present]") == "1")
        let shot = try await browser.screenshot()
        #expect(shot.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        return tracker
    }

    /// The desk on one page: each deputy is one search (typed, then Enter) and one click; the code
    /// appears beside the list and the emptied search has the focus for the next deputy.
    @Test func theDeskSignsInEachDeputyWithOneSearchAndOneClick() async throws {
        let (made, configuration) = try setUp()
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "browser-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver()
            do {
                try await browser.signIn(site, as: "desk1")
                var codes: Set<String> = []
                for (deputy, mode) in [("D1", "booth"), ("D2", "paper"), ("D3", "booth"), ("D4", "booth")] {
                    // The search field has the focus: the registrar just types the id and Enter.
                    #expect(try await browser.run("return document.activeElement.id") as? String == "q")
                    try await browser.type("#q", deputy + "\u{E007}")
                    try await browser.wait(until: "return location.search === '?q=\(deputy)'")
                    try await browser.click("input[name=mode][value=\(mode)] + button")
                    try await browser.wait(until: "return document.getElementById('issued-heading')?.textContent.includes('\(deputy)') === true")
                    if mode == "booth" {
                        codes.insert(try await browser.text(".issued p.code"))
                        #expect(try await browser.run("return document.querySelector('.issued .qr svg') !== null") as? Bool == true)
                    } else {
                        #expect(try await browser.text(".issued .done").contains("纸质"))
                    }
                    // Still the desk, never a page of its own, and the code is in no address.
                    #expect(try await browser.run("return location.pathname + location.search") as? String == "/desk/signin")
                    #expect(try await browser.run("return document.getElementById('q').value") as? String == "")
                }
                #expect(codes.count == 3 && codes.allSatisfy { $0.count == 8 })
                // Side by side on a desktop: the code to the right of the search and list.
                let sides =
                    try await browser.run(
                        "return [document.querySelector('.desk-main').getBoundingClientRect().right, document.querySelector('.issued').getBoundingClientRect().left]"
                    )
                    as? [Double]
                #expect(sides.map { $0[0] <= $0[1] } == true, "\(sides ?? [])")
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
        #expect(try made.registrar().currentPresence().count == 1)
    }

    /// `shishi serve tls init`'s certificate, served by the hall, is trusted by Chromium once the
    /// hall authority is in its certificate store (as on a managed tablet): the booth is a secure
    /// page, and its WebCrypto self-test runs.
    @Test func chromiumTrustsTheHallsCertificateOnceItsAuthorityIsInstalled() async throws {
        let (_, plain) = try setUp()
        let folder = Fixture.temporaryFolder().appendingPathComponent("tls")
        try HallCertificates.write(HallCertificates.make(names: ["localhost"], addresses: ["127.0.0.1"], now: Date()), to: folder)
        var configuration = plain
        configuration.tls = (folder.appendingPathComponent("hall.pem"), folder.appendingPathComponent("hall.key"))
        // A browser profile whose NSS store trusts the hall authority, and nothing else added.
        let home = Fixture.temporaryFolder()
        let store = home.appendingPathComponent(".pki/nssdb")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        for arguments in [
            ["certutil", "-N", "-d", "sql:\(store.path)", "--empty-password"],
            ["certutil", "-A", "-d", "sql:\(store.path)", "-t", "C,,", "-n", "shishi hall", "-i", folder.appendingPathComponent("hall-authority.pem").path],
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(arguments)")
        }
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "browser-test"))
        try await app.test(.live) { client in
            let site = "https://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver(home: home)
            do {
                try await browser.open(site + "/booth")
                try await browser.wait(until: "return document.body?.dataset.selfTest === 'passed'")
                #expect(try await browser.run("return location.protocol + ' ' + window.isSecureContext") as? String == "https: true")
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
    }

    /// The folder the browser voted in counts and verifies like any other.
    func check(_ made: Fixture.Made, tracker: String) throws {
        #expect(tracker.hasPrefix("sha256:"))
        let registrar = try made.registrar()
        for deputy in ["D2", "D3", "D4"] { try made.cast(deputy, yes: ["1"], registrar: registrar) }
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.outcome == .counted && run.result.figures.valid == 4)
        #expect(run.result.candidates.first { $0.id == "2" }?.yes == 1 && run.result.candidates.first { $0.id == "4" }?.no == 1)
        #expect(run.countedTrackers.map(\.description).contains(tracker))
        try ResultFile(vote: made.vote).write(run)
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        #expect(try Verification.run(VoteFolder(url: made.folder).open(), previous: nil).passed)
    }

    /// At a phone's width (390 px) nothing on any hall page scrolls sideways (long hashes and
    /// texts wrap; the board once ran 745 px wide), and axe-core finds no serious or critical
    /// violation on any of them: the public pages, a refusal, and each role's own page.
    @Test func everyHallPageFitsAPhoneAndPassesAxe() async throws {
        let (made, configuration) = try setUp()
        let accounts = StaffAccounts(folder: configuration.stateFolder)
        for (name, role) in [("sec1", StaffRole.secretariat), ("count1", .counter), ("scrut1", .scrutineer)] {
            try accounts.add(name: name, role: role, password: "correct horse battery")
        }
        let registrar = try made.registrar()
        for deputy in ["D1", "D2", "D3"] { try made.cast(deputy, yes: ["1", "2"], registrar: registrar) }
        try registrar.issuePaperBallots(to: ["D4"])
        try made.paperBox(1, rows: [["Y", "", "", ""]], issued: 1)
        try registrar.seal()
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        let axe = try Self.axeScript()
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "browser-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver(width: 390, height: 844)
            do {
                func look(at page: String) async throws {
                    try await browser.open(site + page)
                    let widths = try await browser.run("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]") as? [Int]
                    #expect(widths.map { $0[0] <= $0[1] } == true, "\(page): \(widths ?? [])")
                    let (serious, passes) = try await browser.accessibilityViolations(axe: axe)
                    #expect(serious.isEmpty, "\(page): \(serious)")
                    #expect(passes > 5, "\(page)")
                }
                for page in ["/", "/board", "/board/trackers", "/screen", "/booth", "/booth?code=ABCD2345", "/lang?to=en&back=/board"] {
                    try await look(at: page)
                }
                for (name, page) in [("desk1", "/desk?q=D"), ("sec1", "/count"), ("scrut1", "/countersign"), ("count1", "/paper")] {
                    try await browser.signIn(site, as: name)
                    try await look(at: page)
                }
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
    }

    @Test func aDeputyChecksHerReceiptOnTheBoardAndTheBrowserChecksTheProof() async throws {
        let (made, configuration) = try setUp()
        let registrar = try made.registrar()
        let counted = try made.cast("D1", yes: ["1", "2"], registrar: registrar).tracker
        try made.cast("D2", yes: ["3"], registrar: registrar)
        let late = try BallotCaster(vote: made.vote).seal(
            BallotMarking(yes: ["4"], no: [], manifest: made.vote.manifest), credential: made.credential(for: "D3", registrar: registrar))
        try registrar.seal()
        try BoxClose.close(made.vote, secretariat: made.officials.secretariat, now: Fixture.now)
        let lateTracker = late.tracker(made.vote.manifest.hash)
        try late.fileData().write(to: made.folder.appendingPathComponent("box/\(lateTracker.hex).json"))
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "browser-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            try await checkReceipts(onBoard: site + "/board", counted: counted.hex, late: lateTracker.hex)
        }
        // The board published as plain files, served by a server that only serves files: the same checks.
        let published = Fixture.temporaryFolder()
        _ = try await StaticSite.publishBoard(vote: made.folder, to: published)
        let router = Router()
        router.add(middleware: FileMiddleware(published.path, searchForIndexHtml: true))
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            try await checkReceipts(onBoard: site + "/board/", counted: counted.hex, late: lateTracker.hex)
            // The language switch leads to the English copy and back.
            let browser = try await WebDriver()
            do {
                try await browser.open(site + "/board/")
                try await browser.click("a[lang=en]")
                try await browser.wait(until: "return location.pathname === '/en/board/'")
                #expect(try await browser.run("return document.documentElement.lang") as? String == "en")
                try await browser.click("a[lang=zh]")
                try await browser.wait(until: "return location.pathname === '/board/'")
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
    }

    /// The receipt check on the board at `board`: opened with a counted tracker in the address
    /// (as the booth's QR code does), the ballot set aside after the close, and a proof against
    /// another digest refused (the proof is checked in the browser).
    func checkReceipts(onBoard board: String, counted: String, late: String) async throws {
        let browser = try await WebDriver()
        do {
            // Opened from the booth's QR code on a phone: the check runs at once, in the
            // browser, and the answer comes first (not the vote's definition above it).
            try await browser.resize(width: 390, height: 844)
            try await browser.open(board + "#tracker=" + counted)
            try await browser.wait(until: "return document.getElementById('receipt-answer').className === 'done'")
            #expect(try await browser.text("#receipt-answer").contains("已计入"))
            let answer =
                try await browser.run("var r = document.getElementById('receipt-answer').getBoundingClientRect(); return [r.top, r.bottom, innerHeight]")
                as? [Double]
            #expect(answer.map { $0[0] >= 0 && $0[1] <= $0[2] } == true, "\(answer ?? [])")
            #expect(try await browser.run("return scrollY > 0") as? Bool == true)
            #expect(try await browser.run("return location.hash") as? String == "")
            // The ballot that came after the close: set aside, with the reason.
            try await browser.run("document.getElementById('tracker-input').value = arguments[0]", [late])
            try await browser.click("#receipt-form button")
            try await browser.wait(until: "return document.getElementById('receipt-answer').textContent.includes('暂不计入')")
            #expect(try await browser.text("#receipt-answer").contains("封箱后到达"))
            // The proof is really checked here: against another digest it fails.
            try await browser.run(
                "document.getElementById('receipt').dataset.digest = '00'.repeat(32); document.getElementById('tracker-input').value = arguments[0]",
                [counted])
            try await browser.click("#receipt-form button")
            try await browser.wait(until: "return document.getElementById('receipt-answer').className === 'refused'")
            #expect(try await browser.text("#receipt-answer").contains("未能验证"))
            await browser.quit()
        } catch {
            await browser.quit()
            throw error
        }
    }

    @Test func twoScrutineersCountersignInTheBrowserAndTheSwiftVerifierAcceptsIt() async throws {
        let made = try Fixture.vote(deputies: 5, candidates: 4, seats: 2, scrutineers: 2)
        let state = made.folder.deletingLastPathComponent().appendingPathComponent("vote.server")
        try StaffAccounts(folder: state).add(name: "scrut1", role: .scrutineer, password: "correct horse battery")
        var configuration = ServerConfiguration(voteFolder: made.folder, stateFolder: state, registrarKey: made.officials.registrar, blindKey: Fixture.blindKey)
        configuration.port = 0
        let registrar = try made.registrar()
        for deputy in 1...4 { try made.cast("D\(deputy)", yes: ["1"], registrar: registrar) }
        try registrar.seal()
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        // The officials' key files, as `shishi key new` writes them.
        let keys = Fixture.temporaryFolder()
        let files = [("first", made.officials.scrutineer), ("second", made.officials.secondScrutineer), ("counter", made.officials.counter)]
        for (name, key) in files { try KeyFile.pair(for: key, name: name).private.write(to: keys.appendingPathComponent("\(name).key")) }
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "browser-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver()
            do {
                try await browser.signIn(site, as: "scrut1")
                try await browser.open(site + "/countersign")
                #expect(try await browser.text("h1").contains("监票人会签"))
                func sign(with name: String) async throws -> String {
                    try await browser.run("document.getElementById('countersign-answer').className = 'waiting'")
                    try await browser.type("#key-file", keys.appendingPathComponent("\(name).key").path)
                    try await browser.click("#sign-result")
                    try await browser.wait(until: "const c = document.getElementById('countersign-answer').className; return c === 'done' || c === 'refused'")
                    return try await browser.text("#countersign-answer")
                }
                // The counter's key is not a scrutineer's: refused in words.
                #expect(try await sign(with: "counter").contains("监票人"))
                #expect(try await sign(with: "first").contains("已会签"))
                // Said beside the button, not at the top of the page.
                #expect(
                    try await browser.run("return document.getElementById('sign-result').parentElement.nextElementSibling?.id") as? String
                        == "countersign-answer")
                #expect(try await sign(with: "first").contains("已经签过"))
                // A signature altered on its way is refused by the server's verifier.
                let status = try await browser.run(
                    "return fetch('/api/result/countersign', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': document.getElementById('countersign').dataset.csrf}, body: JSON.stringify({key: arguments[0], sig: btoa(String.fromCharCode(...new Uint8Array(64))), suite: 'ed25519'})}).then(r => r.status + ' ' + r.headers.get('content-type'))",
                    [made.officials.secondScrutineer.publicKey.fingerprint])
                #expect((status as? String)?.hasPrefix("409") == true, "\(String(describing: status))")
                let both = try await sign(with: "second")
                #expect(both.contains("已会签") && both.contains("监票人乙") && both.contains("监票人丙"))
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
        // The signatures made in the browser are checked by the Swift verifier.
        let verification = try Verification.run(VoteFolder(url: made.folder).open(), previous: nil)
        #expect(verification.passed && verification.signers.count == 2)
    }

    @Test func aCounterKeysAPaperBoxAndAScrutineerCountersignsItInTheBrowser() async throws {
        let made = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        let state = made.folder.deletingLastPathComponent().appendingPathComponent("vote.server")
        try StaffAccounts(folder: state).add(name: "count1", role: .counter, password: "correct horse battery")
        try StaffAccounts(folder: state).add(name: "scrut1", role: .scrutineer, password: "correct horse battery")
        var configuration = ServerConfiguration(voteFolder: made.folder, stateFolder: state, registrarKey: made.officials.registrar, blindKey: Fixture.blindKey)
        configuration.port = 0
        let registrar = try made.registrar()
        try registrar.issuePaperBallots(to: ["D1", "D2", "D3", "D4"])
        let keys = Fixture.temporaryFolder()
        for (name, key) in [("counter", made.officials.counter), ("scrutineer", made.officials.scrutineer)] {
            try KeyFile.pair(for: key, name: name).private.write(to: keys.appendingPathComponent("\(name).key"))
        }
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "browser-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver()
            do {
                try await browser.signIn(site, as: "count1")
                try await browser.open(site + "/paper")
                try await browser.type("#box", "1")
                try await browser.type("#issued", "4")
                try await browser.type("#taken-out", "4")
                // Four ballots from the keyboard: one over-marked, one blank, one with an unreadable mark.
                try await browser.type("#rows", "YN-N\nYYY-\n----\n?Y\n")
                #expect(try await browser.text("#count-rows") == "4")
                #expect(try await browser.text("#count-over") == "1")
                #expect(try await browser.text("#count-blank") == "1")
                // A line in error is named and nothing is signed.
                try await browser.run("document.getElementById('rows').value += 'YQ'; document.getElementById('rows').dispatchEvent(new Event('input'))")
                #expect(try await browser.text("#count-errors") == "1")
                try await browser.type("#key-file", keys.appendingPathComponent("counter.key").path)
                try await browser.click("#sign-box")
                try await browser.wait(until: "return document.getElementById('paper-answer').className === 'refused'")
                try await browser.run("const r = document.getElementById('rows'); r.value = r.value.replace('YQ', ''); r.dispatchEvent(new Event('input'))")
                try await browser.click("#sign-box")
                try await browser.wait(until: "return document.getElementById('paper-answer').className === 'done'")
                #expect(try await browser.text("#paper-answer").contains("第 1 号票箱（4 张）"))
                // The scrutineer countersigns the box, in the browser too.
                try await browser.signIn(site, as: "scrut1")
                try await browser.open(site + "/countersign")
                try await browser.type("#key-file", keys.appendingPathComponent("scrutineer.key").path)
                try await browser.click("button.sign-box[data-box='1']")
                try await browser.wait(until: "const c = document.getElementById('countersign-answer').className; return c === 'done' || c === 'refused'")
                #expect(try await browser.text("#countersign-answer").contains("已会签第 1 号票箱"))
                // The answer stands beside the button, and the table names the scrutineer at once.
                #expect(
                    try await browser.run("return document.getElementById('countersign-answer').closest('tr')?.querySelector('button.sign-box')?.dataset.box")
                        as? String == "1")
                #expect(try await browser.text("tr:has(button.sign-box[data-box='1']) td.box-signers") == "监票人乙")
                #expect(try await browser.text("button.sign-box[data-box='1']") == "再加一位监票人会签")
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
        // The batch the browser signed is the one `paper enter` would write, and counts.
        #expect(FileManager.default.fileExists(atPath: made.folder.appendingPathComponent("paper/box-1.csv").path))
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.returnedPaper == 4 && run.result.figures.invalid == 1 && run.result.figures.blank == 1)
        #expect(run.result.checks.first { $0.check == .paperSignatures }?.passed == true)
        #expect(run.result.candidates.first { $0.id == "1" }?.yes == 1)
    }

    @Test func theSecretariatClosesWithAKeyFileCountsAndTheBigScreenSwitchesToTheResult() async throws {
        let made = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        let state = made.folder.deletingLastPathComponent().appendingPathComponent("vote.server")
        try StaffAccounts(folder: state).add(name: "sec1", role: .secretariat, password: "correct horse battery")
        var configuration = ServerConfiguration(voteFolder: made.folder, stateFolder: state, registrarKey: made.officials.registrar, blindKey: Fixture.blindKey)
        configuration.port = 0
        let registrar = try made.registrar()
        for deputy in 1...4 { try made.cast("D\(deputy)", yes: deputy < 4 ? ["2", "3"] : ["1"], registrar: registrar) }
        let keys = Fixture.temporaryFolder()
        for (name, key) in [("secretariat", made.officials.secretariat), ("registrar", made.officials.registrar)] {
            try KeyFile.pair(for: key, name: name).private.write(to: keys.appendingPathComponent("\(name).key"))
        }
        try registrar.seal()
        let app = try await HallServer.buildApplication(configuration, logger: Logger(label: "browser-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver()
            do {
                try await browser.open(site + "/")
                try await browser.type("#name", "sec1")
                try await browser.type("#password", "correct horse battery")
                try await browser.click("form.stack button[type=submit]")
                try await browser.wait(until: "return document.querySelector('form[action=\"/logout\"]') !== null", seconds: 10)
                // The server holds no secretariat key: the count room closes the box with the
                // key file, signed in the browser; a key that is not the secretariat's is refused.
                try await browser.open(site + "/count")
                try await browser.type("#close-key-file", keys.appendingPathComponent("registrar.key").path)
                try await browser.click("#close-signed")
                try await browser.wait(until: "return document.getElementById('close-answer').className === 'refused'")
                #expect(try await browser.text("#close-answer").contains("秘书处"))
                try await browser.run("document.getElementById('close-key-file').value = ''")
                try await browser.type("#close-key-file", keys.appendingPathComponent("secretariat.key").path)
                try await browser.click("#close-signed")
                try await browser.wait(until: "return document.body.innerText.includes('已封箱')")
                // The big screen is up; the count room, in the same session, counts.
                try await browser.open(site + "/screen")
                try await browser.wait(until: "return !document.getElementById('live').hidden")
                try await browser.run(
                    """
                    return fetch('/count').then(r => r.text()).then(page => {
                        const token = page.match(/name="csrf" value="([0-9a-f]+)"/)[1];
                        const form = (body) => ({method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body});
                        return fetch('/count/run', form('csrf=' + token)).then(r => r.status);
                    });
                    """)
                // The screen notices by itself and shows the result: the chart and the adopted projects.
                try await browser.wait(until: "return document.querySelector('.result svg') !== null", seconds: 30)
                #expect(try await browser.text(".result").contains("项目2"))
                #expect(try await browser.text("ol.adopted").contains("项目3"))
                // On a projector the first screen is the result: the adopted list and the chart,
                // with the figures below them.
                for (width, height) in [(1280, 800), (1920, 1080)] {
                    try await browser.resize(width: width, height: height)
                    let places =
                        try await browser.run(
                            """
                            const top = (css) => document.querySelector(css).getBoundingClientRect().top;
                            return [top('ol.adopted'), document.querySelector('.result .chart svg').getBoundingClientRect().bottom, top('#figures'), innerHeight];
                            """) as? [Double]
                    #expect(places.map { $0[0] < $0[3] && $0[1] <= $0[3] + 1 && $0[2] > $0[1] } == true, "\(width): \(places ?? [])")
                }
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
        #expect(made.vote.folder.isClosed && ResultFile(vote: made.vote).exists)
    }
}
