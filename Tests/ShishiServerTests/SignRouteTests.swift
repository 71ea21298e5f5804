import Foundation
import Hummingbird
import HummingbirdTesting
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore
import Testing

/// The printed 民生码: every sign at once for the office, one A4 sheet each; and no sign that
/// leads to the server's own machine, which no resident's phone reaches.
@Suite struct SignRouteTests {
    let year = YearRouteTests()

    @Test func theOfficePrintsEverySignAtOnce() async throws {
        let configuration = try year.setUp()  // served as https://minsheng.example.gov.cn/
        try await year.app(configuration).test(.router) { client in
            let office = HallRouteTests.Browser(client)
            #expect(try await year.login(office, "office").status == .seeOther)
            let board = String(buffer: try await office.get("/office").body)
            #expect(board.contains(#"<a href="/office/signs">打印全部民生码</a>"#) && !board.contains("--public-url"))
            let signs = try await office.get("/office/signs")
            let page = String(buffer: signs.body)
            #expect(signs.status == .ok && page.components(separatedBy: #"class="sign sign-sheet""#).count == 3)
            #expect(page.contains("https://minsheng.example.gov.cn/project/1") && page.contains("https://minsheng.example.gov.cn/project/2"))
            #expect(page.components(separatedBy: "<svg").count == 3)
            let department = HallRouteTests.Browser(client)
            #expect(try await year.login(department, "zhujian").status == .seeOther)
            #expect(try await department.get("/office/signs").status == .forbidden)
        }
    }

    @Test func aSignLeadingToThisMachineIsRefusedAndTheOfficeIsTold() async throws {
        var configuration = try year.setUp()
        configuration.publicAddress = nil
        try await year.app(configuration).test(.router) { client in
            var headers: HTTPFields = [:]
            headers[.init("Host")!] = "127.0.0.1:8080"
            let local = try await client.execute(uri: "/project/1/code", method: .get, headers: headers)
            #expect(local.status == .conflict && String(buffer: local.body).contains("居民用手机扫码打不开"), "\(String(buffer: local.body))")
            #expect(String(buffer: local.body).contains("--public-url"))
            let office = HallRouteTests.Browser(client)
            #expect(try await year.login(office, "office").status == .seeOther)
            let board = String(buffer: try await office.get("/office").body)
            #expect(board.contains("注意：民生码现在会指向") && board.contains("--public-url"), "\(board)")
            #expect(try await office.get("/office/signs").status == .conflict)
        }
    }
}
