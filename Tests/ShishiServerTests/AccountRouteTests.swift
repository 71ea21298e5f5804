import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore
import Testing

/// The office keeps the year's accounts in the browser: a new account's first password shown
/// once and changed at the first sign-in before any other page, a reset, a disabled account that
/// cannot sign in; the audit log names who did each, and holds no password or hash.
@Suite struct AccountRouteTests {
    let year = YearRouteTests()

    /// The first password a hand-over page shows.
    func firstPassword(_ response: TestResponse) throws -> String {
        let page = String(buffer: response.body)
        let match = try #require(page.firstMatch(of: #/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/#), "\(page)")
        return String(match.output)
    }

    @Test func theOfficeMakesAnAccountWhoseFirstPasswordIsChangedBeforeAnythingElse() async throws {
        let configuration = try year.setUp()
        try await year.app(configuration).test(.router) { client in
            let office = HallRouteTests.Browser(client)
            #expect(try await year.login(office, "office").status == .seeOther)
            let token = try await office.token("/office/accounts")
            let list = String(buffer: try await office.get("/office/accounts").body)
            #expect(list.contains("zhujian") && list.contains("市住建局") && list.contains(#"<option value="D1">"#))
            let made = try await office.post("/office/accounts", form: ["csrf": token, "name": "住建局张科", "role": "department", "department": "市住建局"])
            #expect(made.status == .ok && made.headers[.cacheControl] == "no-store")
            let first = try firstPassword(made)
            #expect(
                try await office.post("/office/accounts", form: ["csrf": token, "name": "x", "role": "department", "department": "不存在的局"]).status == .badRequest
            )

            // Signed in with the first password: the password page, and nothing else.
            let clerk = HallRouteTests.Browser(client)
            let signedIn = try await year.login(clerk, "住建局张科", password: first)
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/account/password")
            #expect(try await clerk.get("/office").headers[.location] == "/account/password")
            let clerkToken = try await clerk.token("/account/password")
            let blocked = try await clerk.post("/project/1/progress", form: ["csrf": clerkToken, "date": "2027-04-01", "percent": "30"])
            #expect(blocked.status == .forbidden && String(buffer: blocked.body).contains("请先修改"))
            let differ = try await clerk.post(
                "/account/password", form: ["csrf": clerkToken, "current": first, "new": "a long new secret", "again": "another one!"])
            #expect(differ.status == .badRequest && String(buffer: differ.body).contains("不一致"))
            let wrong = try await clerk.post(
                "/account/password", form: ["csrf": clerkToken, "current": "not it at all", "new": "a long new secret", "again": "a long new secret"])
            #expect(wrong.status == .unauthorized)
            let changed = try await clerk.post(
                "/account/password", form: ["csrf": clerkToken, "current": first, "new": "a long new secret", "again": "a long new secret"])
            #expect(changed.status == .ok && String(buffer: changed.body).contains("密码已修改"))
            #expect(try await clerk.get("/office").status == .ok)

            // Disabled, it cannot sign in; enabled and reset, it signs in with a new first password.
            #expect(try await office.post("/office/accounts/disable", form: ["csrf": token, "name": "住建局张科"]).status == .seeOther)
            #expect(try await year.login(HallRouteTests.Browser(client), "住建局张科", password: "a long new secret").status == .unauthorized)
            #expect(try await office.post("/office/accounts/enable", form: ["csrf": token, "name": "住建局张科"]).status == .seeOther)
            let reset = try await office.post("/office/accounts/reset", form: ["csrf": token, "name": "住建局张科"])
            let second = try firstPassword(reset)
            #expect(second != first)
            #expect(try await year.login(HallRouteTests.Browser(client), "住建局张科", password: second).headers[.location] == "/account/password")
            let itself = try await office.post("/office/accounts/disable", form: ["csrf": token, "name": "office"])
            #expect(itself.status == .conflict && String(buffer: itself.body).contains("不能停用正在使用的账户"))
        }
        let workspace = try Workspace.open(url: configuration.workspace, actor: "check")
        let entries = try workspace.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, action, detail FROM auditEntry WHERE action LIKE 'account.%' ORDER BY id").map {
                ($0["actor"] as String, $0["action"] as String, $0["detail"] as String)
            }
        }
        #expect(
            entries.suffix(5).map { "\($0.0) \($0.1)" } == [
                "office account.add", "住建局张科 account.password", "office account.disable", "office account.enable", "office account.reset",
            ])
        #expect(entries.allSatisfy { !$0.2.contains("$2") && !$0.2.contains("long new") }, "\(entries)")
        #expect(try workspace.verifyAuditChain().entries > 0)
    }
}
