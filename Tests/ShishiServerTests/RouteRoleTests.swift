import Foundation
import Hummingbird
import HummingbirdTesting
import ShishiServer
import Testing

/// Every route of both servers with the roles it admits: a visitor and every other role are
/// refused at the route's group (``RequireRole``), in words, with 403; an admitted role is not
/// refused for its role (it may still be refused for its form or the phase).
@Suite struct RouteRoleTests {
    /// One route: its method, a path that reaches it, and the roles it admits (`nil`: everyone,
    /// no account needed; empty: any signed-in account).
    struct Route: CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var admits: [String]?
        var description: String { "\(method) \(path)" }
    }

    static func get(_ path: String, _ admits: [String]? = nil) -> Route { Route(method: .get, path: path, admits: admits) }
    static func post(_ path: String, _ admits: [String]? = nil) -> Route { Route(method: .post, path: path, admits: admits) }

    /// The hall's routes, as `HallRoutes` and its areas add them.
    static let hallRoutes: [Route] = [
        get("/"), get("/lang?to=zh&back=/"), post("/login"), post("/logout", []),
        get("/desk", ["desk1"]), post("/desk/signin", ["desk1"]), post("/desk/seal", ["desk1"]),
        // (`/events`, the big screen's stream, is public too; it runs for minutes, so it is not asked here.)
        get("/screen"), get("/booth"), post("/booth"), get("/api/qr?text=abc"),
        get("/api/vote"), post("/api/credential"), post("/api/cast"),
        get("/count", ["sec1"]), post("/count/close", ["sec1"]), post("/count/run", ["sec1"]), post("/count/next", ["sec1"]),
        get("/api/box/close/signing", ["sec1"]), post("/api/box/close", ["sec1"]),
        get("/board"), get("/board/trackers"), get("/board/archive.tar.gz"), get("/api/receipt?prefix=ab"), get("/result/announcement.txt"),
        get("/recount/folder.tar.gz", ["scrut1", "sec1"]),
        get("/countersign", ["scrut1"]), get("/api/result/signing", ["scrut1"]), post("/api/result/countersign", ["scrut1"]),
        get("/api/paper/1/signing", ["scrut1"]), post("/api/paper/1/countersign", ["scrut1"]),
        get("/paper", ["count1"]), post("/api/paper/prepare", ["count1"]), post("/api/paper/submit", ["count1"]),
    ]

    /// The year's routes, as `YearRoutes` adds them.
    static let yearRoutes: [Route] = [
        get("/"), get("/lang?to=zh&back=/"), get("/project/1"), get("/project/1/code"), get("/report"), get("/report.csv"), get("/report.json"),
        get("/office"), post("/login"), get("/collection"), get("/collection/list.json"), get("/file/\(String(repeating: "0", count: 64))"),
        post("/project/1/rate"), get("/lookup?ref=1234-5678-9012"),
        post("/collection/suggest"), post("/collection/comment"),
        post("/logout", []), post("/project/1/progress", []), post("/project/1/inspection", []), post("/rectification/1/answer", []),
        post("/rectification/1/check", []),
        get("/office/feedback", ["office"]), post("/office/feedback/review", ["office"]), post("/office/feedback/scores", ["office"]),
        post("/office/upload/progress", ["office"]), post("/office/upload/hotline", ["office"]), get("/office/collection", ["office"]),
        get("/collection/report", ["office"]), get("/collection/report.csv", ["office"]), get("/collection/report.json", ["office"]),
        post("/office/collection/step", ["office"]), post("/office/collection/review", ["office"]), get("/office/vote", ["office"]),
        post("/office/vote/take-in", ["office"]),
        post("/milestone/1/done", []), post("/project/1/milestone", ["office"]), post("/milestone/1/due", ["office"]),
        post("/project/1/details", ["office"]), post("/project/1/group", ["office"]), post("/progress/1/correct", []),
        get("/office/accounts", ["office"]), post("/office/accounts", ["office"]), post("/office/accounts/reset", ["office"]),
        post("/office/accounts/disable", ["office"]), post("/office/accounts/enable", ["office"]), get("/account/password", []), post("/account/password", []),
        post("/resident-report/1/answer", []), get("/office/collection/fix/signing?candidates=2", ["office"]),
        post("/office/collection/fix", ["office"]), get("/office/signs", ["office"]),
    ]

    /// Whether `response` is a refusal for the account's role (or for having none).
    static func refusedForRole(_ response: TestResponse) -> Bool {
        let body = String(buffer: response.body)
        return response.status == .forbidden && (body.contains("可以使用这个页面") || body.contains("请先登录"))
    }

    /// Checks every route of `routes` with a visitor and each of `accounts` signed in.
    static func check(
        _ routes: [Route], accounts: [String], client: any TestClientProtocol, login: (HallRouteTests.Browser, String) async throws -> Void
    ) async throws {
        var browsers: [String?: HallRouteTests.Browser] = [nil: HallRouteTests.Browser(client)]
        for account in accounts {
            let browser = HallRouteTests.Browser(client)
            try await login(browser, account)
            browsers[account] = browser
        }
        for route in routes {
            for (account, browser) in browsers {
                let response = try await browser.send(
                    route.path, method: route.method, body: route.method == .post ? ByteBuffer(string: "{}") : nil, type: "application/json")
                let admitted = route.admits.map { roles in account.map { roles.isEmpty || roles.contains($0) } ?? false } ?? true
                #expect(refusedForRole(response) == !admitted, "\(route) as \(account ?? "a visitor"): \(response.status)")
            }
        }
    }

    @Test func everyHallRouteAdmitsOnlyItsRoles() async throws {
        let tests = HallRouteTests()
        let setup = try tests.setUp()
        try await tests.app(setup).test(.router) { client in
            try await Self.check(Self.hallRoutes, accounts: ["desk1", "count1", "sec1", "scrut1"], client: client) { browser, name in
                let response = try await browser.login(name)
                #expect(response.status == .seeOther)
            }
        }
    }

    @Test func everyYearRouteAdmitsOnlyItsRoles() async throws {
        let tests = YearRouteTests()
        try await tests.app(try tests.setUp()).test(.router) { client in
            try await Self.check(Self.yearRoutes, accounts: ["office", "zhujian", "d1"], client: client) { browser, name in
                let response = try await tests.login(browser, name)
                #expect(response.status == .seeOther)
            }
        }
    }
}
