import Foundation
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

extension BrowserTests {
    /// An evaluation member rates every project on a phone-sized screen: the booth draws the
    /// three grades, the browser does the cryptography, and the round counts and goes into the
    /// year's scores.
    @Test func aMemberRatesEveryProjectOnAPhoneAndTheRoundGoesIntoTheScores() async throws {
        let (year, served, made) = try HallAndYearTests().setUp()
        var hall = served
        hall.port = 0
        let app = try await HallServer.buildApplication(hall, logger: Logger(label: "browser-test"))
        try await app.test(.live) { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await WebDriver(width: 390, height: 844)
            do {
                try await browser.signIn(site, as: "desk1")
                try await browser.type("#q", "D1")
                try await browser.click("form.search button")
                try await browser.click("input[name=mode][value=booth] + button")
                let code = try await browser.text("p.code")
                try await browser.open(site + "/booth#" + code)
                try await browser.wait(until: "return document.body.dataset.selfTest === 'passed'")
                try await browser.click("#get-credential")
                try await browser.wait(until: "return !document.getElementById('step-mark').hidden")
                #expect(try await browser.text("#step-mark").contains("每个项目评一个等次"))
                try await browser.click("input[data-candidate='1'][value=satisfied]")
                try await browser.click("input[data-candidate='2'][value=unsatisfied]")
                // Nothing spills out sideways on a phone.
                #expect(try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true)
                try await browser.click("#review")
                try await browser.wait(until: "return !document.getElementById('step-review').hidden")
                let review = try await browser.text("#review-list")
                #expect(review.contains("满意") && review.contains("不满意"))
                try await browser.click("#cast")
                try await browser.wait(until: "return !document.getElementById('step-done').hidden")
                #expect(try await browser.text("#tracker").hasPrefix("sha256:"))
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
        let registrar = try made.registrar()
        try made.rate("D2", [.satisfied: ["1"], .basicallySatisfied: ["2"]], registrar: registrar)
        try made.rate("D3", [.satisfied: ["1"], .unsatisfied: ["2"]], registrar: registrar)
        try made.rate("D4", [.unsatisfied: ["2"]], registrar: registrar)
        try registrar.seal()
        try ResultFile(vote: made.vote).write(Tally(vote: made.vote).run(now: Fixture.now))
        try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        let workspace = try Workspace.open(url: year.workspace, actor: "测试")
        #expect(try Scores.importRound(made.folder, year: 2027, source: "常委会测评", weight: 60, points: PointsMapping(), into: workspace) == 2)
        let (projects, _) = try Scores.evaluate(year: 2027, in: workspace)
        #expect(projects[0].sources[0].counts == RatingCounts(satisfied: 3, basicallySatisfied: 0, unsatisfied: 0))
        #expect(projects[1].sources[0].counts == RatingCounts(satisfied: 0, basicallySatisfied: 1, unsatisfied: 3))
    }
}
