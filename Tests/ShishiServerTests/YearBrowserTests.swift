import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore
import ShishiTestSupport
import Synchronization
import Testing

/// The year in a real browser (Debian's headless Chromium through WebDriver, the server on
/// loopback): a department reports progress with a photo, a group member files a problem that the
/// department answers and the group closes, a resident rates the project from its 民生码 page,
/// the public page shows the change, and the audit chain holds after it all.
/// These tests extend ``BrowserTests``, so that every browser test runs one after another:
/// two Chromiums at once on a small machine starve each other.
extension BrowserTests {
    @Test func theYearRunsThroughABrowser() async throws {
        var configuration = try YearRouteTests().setUp()
        configuration.port = 0
        let photo = configuration.workspace.deletingLastPathComponent().appendingPathComponent("工地.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 1, count: 64)).write(to: photo)
        let app = try await YearServer.buildApplication(configuration, logger: Logger(label: "year-browser-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver()
            do {
                try await drive(browser, site: site, photo: photo)
                await browser.quit()
            } catch {
                let page = (try? await browser.run("return location.href + ' ' + document.body.innerText.slice(0, 400)")) ?? nil
                Issue.record("at: \(page ?? "")")
                await browser.quit()
                throw error
            }
        }
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        let chain = try workspace.verifyAuditChain()
        #expect(chain.entries > 10)
        let closed = try workspace.read { db in try RectificationRecord.fetchAll(db) }
        #expect(closed.map(\.status) == [.closed])
        #expect(try workspace.attachments(project: 1).map(\.attachment.name) == ["工地.png"])
        #expect(try PublicFeedback.counts(year: 2027, in: workspace)[1] == RatingCounts(satisfied: 0, basicallySatisfied: 1, unsatisfied: 0))
    }

    func login(_ browser: WebDriver, site: String, _ name: String) async throws {
        try await browser.open(site + "/office")
        if (try await browser.run("return document.querySelector('#name') === null") as? Bool) == true {
            try await browser.click("header form button")
            try await browser.wait(until: "return location.pathname === '/' && document.querySelector('header form') === null", seconds: 10)
            try await browser.open(site + "/office")
        }
        try await browser.type("#name", name)
        try await browser.type("#password", "correct horse battery")
        try await browser.click("form.stack button[type=submit]")
        try await browser.wait(until: "return location.pathname === '/office' && document.querySelector('#name') === null", seconds: 10)
    }

    func drive(_ browser: WebDriver, site: String, photo: URL) async throws {
        // The department reports progress with a photo.
        try await login(browser, site: site, "zhujian")
        try await browser.open(site + "/project/1")
        try await browser.type("#percent", "45")
        try await browser.type("#narrative", "主体结构完成")
        try await browser.type("#files", photo.path)
        try await browser.click("form[action$='/progress'] button[type=submit]")
        try await browser.wait(until: "return location.search.startsWith('?done=progress-reported-')", seconds: 10)
        #expect(try await browser.run("return document.querySelector('ul.files img') !== null") as? Bool == true)
        // It marks the overdue milestone done, saying how it is known.
        try await browser.click("#milestones ~ ol.timeline details summary")
        try await browser.type("#mnote1", "开工令已下达")
        try await browser.click("form[action='/milestone/1/done'] button[type=submit]")
        try await browser.wait(until: "return location.search === '?done=milestone-done-1'", seconds: 10)
        #expect(try await browser.text("ol.timeline").contains("开工令已下达"))

        // A group member files a problem.
        try await login(browser, site: site, "d1")
        try await browser.open(site + "/project/1")
        try await browser.type("#findings", "围挡破损")
        try await browser.type("#problem1", "围挡破损需更换")
        try await browser.type("#responsible1", "施工单位")
        _ = try await browser.run("document.querySelector('#deadline1').value = '2027-04-30'")
        try await browser.click("form[action$='/inspection'] button[type=submit]")
        try await browser.wait(until: "return location.search.startsWith('?done=inspection-filed-')", seconds: 10)

        // The department answers it rectified; the group closes it.
        try await login(browser, site: site, "zhujian")
        try await browser.open(site + "/project/1")
        try await browser.type("form[action$='/answer'] textarea", "围挡已更换")
        try await browser.type("form[action$='/answer'] input[type=file]", photo.path)  // the repaired site, as evidence
        try await browser.click("form[action$='/answer'] button[value=rectified]")
        try await browser.wait(until: "return location.pathname === '/project/1' && document.querySelector(\"form[action$='/answer']\") === null", seconds: 10)
        #expect(try await browser.run("return document.querySelector('ul.evidence img') !== null") as? Bool == true)
        try await login(browser, site: site, "d1")
        try await browser.open(site + "/project/1")
        try await browser.click("form[action$='/check'] button[value=close]")
        try await browser.wait(until: "return document.body.innerText.includes('已销号')", seconds: 10)
        try await browser.click("header form button")  // sign out
        try await browser.wait(until: "return location.pathname === '/' && document.querySelector('header form') === null", seconds: 10)

        // A resident opens the 民生码 page, follows it to the project and rates it.
        try await browser.open(site + "/project/1/code")
        let target = try await browser.run("return document.querySelector('.target a').getAttribute('href')") as? String ?? ""
        #expect(target.hasSuffix("/project/1"))
        try await browser.open(site + "/project/1")
        try await browser.click("input[value=basically-satisfied]")
        try await browser.click("form[action$='/rate'] button[type=submit]")
        try await browser.wait(until: "return location.search === '?rated=1'", seconds: 10)
        let page = try await browser.text("main")
        #expect(page.contains("基本满意 1") && page.contains("45%") && page.contains("主体结构完成") && page.contains("已销号"))
        // The public list shows the new progress: the higher of the report's 45 % and the
        // milestones' share, which is the whole plan once its only milestone is done.
        try await browser.open(site + "/")
        #expect(try await browser.text("table.projects").contains("100%"))
    }

    /// axe-core 4's script, as PyPI's axe-playwright-python ships it (CI installs it with
    /// `--no-deps`: only the script is used, never Playwright).
    static func axeScript() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import importlib.util, os; print(os.path.dirname(importlib.util.find_spec('axe_playwright_python').origin))"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let folder = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        let url = URL(fileURLWithPath: folder).appendingPathComponent("axe.min.js")
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: url.path) else {
            throw WebDriver.Failure(description: "axe-core is missing: python3 -m pip install --no-deps axe-playwright-python")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Runs `body` with a browser on the year's site (the test workspace, a call for 2028 open)
    /// and axe-core's script; the browser is closed afterwards whatever happens.
    func withAxe(
        prepare: (Workspace) throws -> Void = { _ in }, _ body: @escaping @Sendable (WebDriver, _ site: String, _ axe: String) async throws -> Void
    ) async throws {
        var configuration = try YearRouteTests().setUp()
        configuration.port = 0
        let workspace = try Workspace.open(url: configuration.workspace, actor: "office")
        try Collect.open(year: 2028, until: "2027-11-30", seats: 1, today: "2027-01-10", in: workspace)
        // A resident's problem, accepted and answered, under the reference number the pages look up.
        try PublicFeedback.submit(project: 1, rating: nil, text: "东门路灯不亮", device: "axe", year: 2027, in: workspace)
        try workspace.write { db, _ in try db.execute(sql: "UPDATE publicReport SET reference = '1234-5678-9012'") }
        let report = try #require(try PublicFeedback.reports(.pending, in: workspace).first)
        try PublicFeedback.review(report.id!, accept: true, in: workspace)
        try PublicFeedback.answer(report.id!, by: YearAccount(name: "office", role: .secretariat), text: "已更换灯具", in: workspace)
        try prepare(workspace)
        let axe = try Self.axeScript()
        let app = try await YearServer.buildApplication(configuration, logger: Logger(label: "year-axe-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver()
            do {
                try await body(browser, site, axe)
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
    }

    /// The year's and the collection's reports, on a desk and on a phone: no accessibility
    /// violation of any weight, and a phone's width (390 px) is the page's width.
    @Test func theReportsAreAccessibleAndFitAPhone() async throws {
        try await withAxe { browser, site, axe in
            try await login(browser, site: site, "office")
            for (width, height) in [(1280, 900), (390, 844)] {
                try await browser.resize(width: width, height: height)
                // A project's page as the office sees it, every form open (milestones: add, move, mark
                // done; the project's setup), and the accounts and password pages.
                for path in [
                    "/lang?to=zh&back=/report", "/collection/report", "/lang?to=en&back=/report", "/collection/report", "/project/1",
                    "/lang?to=zh&back=/project/1", "/office/accounts", "/account/password", "/lookup?ref=1234-5678-9012&sent=report",
                    "/lookup?ref=12",
                ] {
                    try await browser.open(site + path)
                    _ = try await browser.run("document.querySelectorAll('details').forEach(d => d.open = true)")
                    let (violations, passes) = try await browser.accessibilityViolations(axe: axe, impacts: ["minor", "moderate", "serious", "critical"])
                    #expect(violations.isEmpty, "\(path) at \(width) px: \(violations)")
                    #expect(passes > 5, "\(path)")
                    let wide = try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth + 1") as? Bool
                    // What sticks out, when something does: the innermost elements past the window's edge.
                    let outside =
                        try await browser.run(
                            """
                            return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                              && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
                              .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + ' ' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')
                            """) as? String ?? ""
                    #expect(wide == true, "\(path) at \(width) px is wider than the window: \(outside)")
                    let small = try await Self.smallTargets(browser)
                    #expect(small.isEmpty, "\(path) at \(width) px: \(small)")
                    // To look at the pages: SHISHI_SCREENSHOTS=FOLDER swift test --filter theReportsAreAccessible
                    if let folder = ProcessInfo.processInfo.environment["SHISHI_SCREENSHOTS"] {
                        let name = path.map { $0.isLetter || $0.isNumber ? $0 : "_" } + "-\(width).png"
                        try await browser.screenshot().write(to: URL(fileURLWithPath: folder).appendingPathComponent(String(name)))
                    }
                }
            }
        }
    }

    /// What a finger presses that is less than 44 px high (WCAG 2.5.5): buttons, fields, the
    /// labels of choices and the headings that open a section, in the page's main part; empty when none is.
    static func smallTargets(_ browser: WebDriver) async throws -> String {
        try await browser.run(
            """
            return [...document.querySelectorAll('main button, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, main summary, main label:has(> input[type=radio]), main label:has(> input[type=checkbox])')]
              .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 43.5)
              .map(e => e.tagName + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().height)).slice(0, 8).join(', ')
            """) as? String ?? ""
    }

    @Test func everyPublicPageHasNoSeriousOrCriticalAccessibilityViolation() async throws {
        try await withAxe { browser, site, axe in
            try await browser.resize(width: 390, height: 844)
            for path in ["/", "/project/1", "/project/1/code", "/collection", "/office", "/project/99", "/lang?to=en&back=/project/1"] {
                try await browser.open(site + path)
                let small = try await Self.smallTargets(browser)
                #expect(small.isEmpty, "\(path): \(small)")
                let (serious, passes) = try await browser.accessibilityViolations(axe: axe)
                #expect(serious.isEmpty, "\(path): \(serious)")
                // axe really ran on this page: rules passed on it.
                #expect(passes > 5, "\(path)")
            }
        }
    }

    /// The year published as plain files (`shishi publish --workspace`), served by a server that
    /// only serves files: the list leads to each project, the project's page shows its photo, its
    /// 民生码 leads to the published address, the language switch to the English copy; no
    /// accessibility violation and a phone's width, as the served pages.
    @Test func thePublishedYearSiteWorksFromPlainFiles() async throws {
        let configuration = try YearRouteTests().setUp()
        let workspace = try Workspace.open(url: configuration.workspace, actor: "office")
        // A real (1×1) PNG, so that the browser can be asked whether it showed it.
        let png = try #require(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))
        _ = try workspace.attach(contents: [Workspace.FileContents(name: "工地.png", data: png)], project: 1, date: "2027-02-01")
        let site = Fixture.temporaryFolder()
        let summary = try await StaticSite.publish(
            workspace: configuration.workspace, publicURL: "https://ms.example.gov.cn/", to: site, clock: configuration.clock)
        #expect(summary.written > 10)
        let again = try await StaticSite.publish(
            workspace: configuration.workspace, publicURL: "https://ms.example.gov.cn/", to: site, clock: configuration.clock)
        #expect(again.written == 0, "\(again)")
        let axe = try Self.axeScript()
        let router = Router()
        router.add(middleware: FileMiddleware(site.path, searchForIndexHtml: true))
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver()
            do {
                for (width, height) in [(1280, 900), (390, 844)] {
                    try await browser.resize(width: width, height: height)
                    for path in ["/", "/project/1/", "/project/1/code/", "/en/", "/en/project/2/"] {
                        try await browser.open(root + path)
                        let (serious, passes) = try await browser.accessibilityViolations(axe: axe)
                        #expect(serious.isEmpty && passes > 5, "\(path) at \(width) px: \(serious)")
                        #expect(try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth + 1") as? Bool == true, "\(path)")
                        let small = try await Self.smallTargets(browser)
                        #expect(small.isEmpty, "\(path) at \(width) px: \(small)")
                    }
                }
                // The list leads to the project; the page shows the photo and leaves out what needs the server.
                try await browser.open(root + "/")
                #expect(try await browser.run("return document.querySelector('form.search') === null") as? Bool == true)
                try await browser.click("a[href='/project/1']")
                try await browser.wait(until: "return location.pathname === '/project/1/'")
                try await browser.wait(until: "return [...document.images].some(i => i.complete && i.naturalWidth === 1)")
                #expect(try await browser.run("return document.querySelector('form[action$=\"/rate\"]') === null") as? Bool == true)
                #expect(try await browser.text("main").contains("设计完成"))
                // The 民生码 leads to the published address of this page.
                try await browser.click("a[href='/project/1/code']")
                try await browser.wait(until: "return location.pathname === '/project/1/code/'")
                #expect(
                    try await browser.run("return document.querySelector('.target a').getAttribute('href')") as? String
                        == "https://ms.example.gov.cn/project/1/")
                // The language switch leads to the English copy, whose links stay in English.
                try await browser.open(root + "/project/1/")
                try await browser.click("a[lang=en]")
                try await browser.wait(until: "return location.pathname === '/en/project/1/'")
                #expect(try await browser.run("return document.documentElement.lang") as? String == "en")
                try await browser.click("main a[href='/en/']")
                try await browser.wait(until: "return location.pathname === '/en/'")
                try await browser.open(root + "/report/")
                #expect(try await browser.text("body").contains("市住建局"))
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
        // An address no resident's phone opens is refused, and nothing is written.
        let elsewhere = Fixture.temporaryFolder().appendingPathComponent("site")
        await #expect(throws: ShishiError.self) {
            try await StaticSite.publish(workspace: configuration.workspace, publicURL: "http://127.0.0.1:8080", to: elsewhere)
        }
        #expect(!FileManager.default.fileExists(atPath: elsewhere.path))
    }

    /// The office fixes the presidium's list on its page with the secretariat's key file: a
    /// preview of exactly what will be signed, then the signature made in the browser; the key
    /// file is never sent, and the list fixed is the one the workspace makes, signed by that key.
    @Test func theOfficeFixesTheCandidateListWithItsKeyFile() async throws {
        let key = try PrivateKey(generating: .ed25519)
        let keys = Fixture.temporaryFolder()
        let keyFile = keys.appendingPathComponent("secretariat.key")
        try KeyFile.pair(for: key, name: "secretariat").private.write(to: keyFile)
        let fixedHash = Mutex<String?>(nil)
        var prepared: Workspace?
        try await withAxe(prepare: { workspace in
            prepared = workspace
            for title in ["老旧小区加装电梯", "社区老年助餐", "口袋公园"] {
                try Collect.add(.init(title: title, text: "", source: .public, proposer: "市民", received: "2027-03-01"), year: 2028, in: workspace)
            }
            for (index, suggestion) in try Collect.suggestions(year: 2028, in: workspace).enumerated() {
                let draft = try Collect.merge([suggestion.suggestion.id!], title: suggestion.suggestion.title, year: 2028, in: workspace)
                try Collect.screen(
                    draft.id!, .init(department: "市住建局", cost: Amount(1000 * (index + 1)), feasible: true, finishable: true, passed: true), year: 2028,
                    in: workspace)
            }
            try Collect.publishShortlist(year: 2028, commentsUntil: "2027-04-01", in: workspace)
        }) { browser, site, axe in
            try await login(browser, site: site, "office")
            try await browser.open(site + "/office/collection")
            #expect(try await browser.text("#fix-list").contains("确定候选项目清单"))
            _ = try await browser.run("document.getElementById('fix-count').value = '2'")
            try await browser.type("#fix-key", keyFile.path)
            try await browser.click("#fix-preview")
            try await browser.wait(until: "return document.querySelectorAll('#fix-answer li').length === 2")
            let preview = try await browser.text("#fix-answer")
            #expect(preview.contains("应选 1 项，候选 2 项") && preview.contains("P01 老旧小区加装电梯"), "\(preview)")
            let (violations, _) = try await browser.accessibilityViolations(axe: axe, impacts: ["minor", "moderate", "serious", "critical"])
            #expect(violations.isEmpty, "\(violations)")
            try await browser.click("#fix-sign")
            try await browser.wait(until: "return location.search.includes('done=list-fixed-2')")
            let page = try await browser.text("main")
            #expect(page.contains("候选项目清单已确定：2 个候选项目"), "\(page)")
            let shown = try await browser.text("code.hash")
            fixedHash.withLock { $0 = shown }
        }
        let workspace = try #require(prepared)
        let fixed = try #require(try Collect.fixedList(year: 2028, in: workspace))
        #expect(try CandidateList.read(fixed.envelope, signedBy: key.publicKey, source: "list").candidates.map(\.title) == ["老旧小区加装电梯", "社区老年助餐"])
        #expect(fixedHash.withLock { $0 } == fixed.hash.description)
        let actor = try workspace.read { db in try String.fetchOne(db, sql: "SELECT actor FROM auditEntry WHERE action = 'collect.fix'") }
        #expect(actor == "office")
    }

    /// Every project's 民生码 printed at once: one A4 sheet each, nothing of the page around them.
    @Test func everySignPrintsOnASheetOfItsOwn() async throws {
        try await withAxe { browser, site, axe in
            try await login(browser, site: site, "office")
            try await browser.open(site + "/office/signs")
            let (violations, _) = try await browser.accessibilityViolations(axe: axe, impacts: ["minor", "moderate", "serious", "critical"])
            #expect(violations.isEmpty, "\(violations)")
            func pages() async throws -> Int {
                let pdf = try await browser.printA4()
                let text = String(decoding: pdf, as: UTF8.self)
                #expect(pdf.starts(with: Data("%PDF".utf8)))
                // Each page object of the PDF, not the page tree (/Type /Pages).
                return text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
            }
            #expect(try await pages() == 2)
            // Even signs small enough to share a sheet (their codes hidden) each get their own: the
            // sheet breaks after each sign, not their size; without it they share one.
            // (Through the CSS object model: the page's policy refuses a style element.)
            _ = try await browser.run("document.querySelectorAll('.sign .qr').forEach(e => e.style.display = 'none')")
            #expect(try await pages() == 2)
            _ = try await browser.run("document.querySelectorAll('.sign-sheet').forEach(e => e.classList.remove('sign-sheet'))")
            #expect(try await pages() == 1)
        }
    }

    /// On a phone the project list becomes cards, each cell labelled: in English too, no label is
    /// wider than its column (it would run into the value). (The label is measured out of the
    /// grid's flow, which would stretch it to its column.)
    @Test func cardLabelsFitTheirColumnOnAPhone() async throws {
        try await withAxe { browser, site, _ in
            try await browser.resize(width: 390, height: 844)
            for path in ["/lang?to=en&back=/", "/lang?to=zh&back=/"] {
                try await browser.open(site + path)
                let overlapping =
                    try await browser.run(
                        """
                        return [...document.querySelectorAll('td[data-label]')].filter(td => {
                          const s = document.createElement('span'); s.style.fontWeight = 'bold'; s.style.whiteSpace = 'nowrap'; s.style.position = 'absolute'; s.textContent = td.dataset.label;
                          td.append(s); const wide = s.getBoundingClientRect().width; s.remove();
                          return wide > parseFloat(getComputedStyle(td).gridTemplateColumns.split(' ')[0]) + 0.5;
                        }).map(td => td.dataset.label).join(', ')
                        """) as? String
                #expect(overlapping == "", "\(path): \(overlapping ?? "")")
            }
        }
    }

    /// A refused form keeps what was typed: the refusal says so, and the way back finds the form
    /// filled in again; once a form succeeds, nothing is filled in later.
    @Test func aRefusedFormKeepsWhatWasTyped() async throws {
        try await withAxe { browser, site, _ in
            try await login(browser, site: site, "d1")
            try await browser.open(site + "/project/1")
            try await browser.type("#findings", "井盖松动")
            try await browser.type("#problem1", "路灯不亮")
            try await browser.type("#responsible1", "市住建局")
            try await browser.click("form[action='/project/1/inspection'] button[type=submit]")
            try await browser.wait(until: "return document.getElementById('refusal-back') !== null")
            let refusal = try await browser.text("main")
            #expect(refusal.contains("整改期限") && refusal.contains("刚才填写的内容仍在表单里"), "\(refusal)")
            try await browser.click("#refusal-back")
            try await browser.wait(until: "return location.pathname === '/project/1' && document.getElementById('findings') !== null")
            let kept =
                try await browser.run(
                    "return [document.getElementById('findings').value, document.getElementById('problem1').value, document.getElementById('responsible1').value].join('|')"
                ) as? String
            #expect(kept == "井盖松动|路灯不亮|市住建局")
            // Corrected and sent: done, and the form is empty the next time.
            _ = try await browser.run("document.getElementById('deadline1').value = '2027-05-01'")
            try await browser.click("form[action='/project/1/inspection'] button[type=submit]")
            try await browser.wait(until: "return location.search.includes('inspection-filed')")
            try await browser.open(site + "/project/1")
            #expect(try await browser.run("return document.getElementById('findings').value") as? String == "")
        }
    }
}
