import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ShishiCore
import ShishiFollowUp
import ShishiServer
import ShishiStore
import Testing

/// The collection on the year's server: residents suggest while the call is open (reviewed by the
/// office before it is listed), comment on the shortlist, and see the presidium's signed list.
@Suite struct CollectionRouteTests {
    @Test func residentsSuggestCommentAndSeeTheSignedList() async throws {
        let year = YearRouteTests()
        let configuration = try year.setUp()
        let workspace = try Workspace.open(url: configuration.workspace, actor: "office")
        try await year.app(configuration).test(.router) { client in
            let visitor = HallRouteTests.Browser(client)
            #expect(try await visitor.get("/collection").status == .notFound)
            try Collect.open(year: 2028, until: "2027-11-30", seats: 1, today: "2027-04-08", in: workspace)
            let page = String(buffer: try await visitor.get("/collection").body)
            #expect(page.contains("正在征集建议，截至 2027-11-30") && page.contains(#"action="/collection/suggest""#))
            let token = try await year.formToken(visitor, "/collection")
            let sent = try await visitor.post("/collection/suggest", form: ["token": token, "title": "<i>口袋公园</i>", "text": "小区旁空地", "district": "东城"])
            #expect(sent.status == .seeOther && sent.headers[.location] == "/collection?sent=1", "\(String(buffer: sent.body))")
            #expect(try await visitor.post("/collection/suggest", form: ["token": token, "title": " "]).status == .badRequest)
            #expect(try await visitor.post("/collection/suggest", form: ["token": "forged", "title": "x"]).status == .forbidden)
            // Not listed until the office accepts it; the office's review escapes what was written.
            #expect(try Collect.suggestions(year: 2028, in: workspace).allSatisfy { $0.suggestion.reference != "web-1" })
            let office = HallRouteTests.Browser(client)
            #expect(try await year.login(office, "office").status == .seeOther)
            let review = String(buffer: try await office.get("/office/collection").body)
            #expect(review.contains("&lt;i&gt;口袋公园&lt;/i&gt;") && review.contains("东城"))
            let csrf = try await office.token("/office/collection")
            #expect(try await office.post("/office/collection/review", form: ["csrf": csrf, "suggestion": "1", "decision": "accept"]).status == .seeOther)
            #expect(try await office.post("/office/collection/review", form: ["csrf": csrf, "suggestion": "1", "decision": "reject"]).status == .conflict)
            let listed = try #require(try Collect.suggestions(year: 2028, in: workspace).first { $0.suggestion.reference == "web-1" })
            #expect(listed.suggestion.source == "public" && listed.suggestion.proposer == "网上征集" && listed.suggestion.district == "东城")

            // The office merges, screens and publishes; residents comment on the shortlist.
            let numbers = try Collect.suggestions(year: 2028, in: workspace).map(\.suggestion.id!)
            try Collect.merge([numbers[0]], title: "口袋公园", year: 2028, in: workspace)
            for number in numbers.dropFirst() { try Collect.merge([number], title: "草案 \(number)", year: 2028, in: workspace) }
            for draft in try Collect.drafts(year: 2028, in: workspace) {
                try Collect.screen(
                    draft.draft.id!, .init(department: "市园林局", cost: Amount(100), feasible: true, finishable: true, passed: true), year: 2028, in: workspace)
            }
            try Collect.publishShortlist(year: 2028, commentsUntil: "2027-04-30", in: workspace)
            let shortlist = String(buffer: try await visitor.get("/collection").body)
            #expect(shortlist.contains("草案清单征求意见中") && shortlist.contains(#"action="/collection/comment""#) && !shortlist.contains("/collection/suggest"))
            let commented = try await visitor.post("/collection/comment", form: ["token": token, "draft": "1", "stance": "support", "text": "很需要"])
            #expect(commented.status == .seeOther, "\(String(buffer: commented.body))")
            #expect(try await visitor.post("/collection/comment", form: ["token": token, "draft": "1", "stance": "maybe"]).status == .badRequest)
            #expect(String(buffer: try await visitor.get("/collection").body).contains("支持 1"))
            // One device holds one stance per draft: 反对 after 支持 replaces it, and nothing is counted twice.
            #expect(try await visitor.post("/collection/comment", form: ["token": token, "draft": "1", "stance": "oppose"]).status == .seeOther)
            #expect(try await visitor.post("/collection/comment", form: ["token": token, "draft": "1", "stance": "oppose"]).status == .seeOther)
            let after = String(buffer: try await visitor.get("/collection").body)
            #expect(after.contains("支持 0") && after.contains("反对 1"), "\(after)")
            #expect(try workspace.verifyAuditChain().entries > 0)

            // The presidium's list, signed where the key is (as the office's page does with its key
            // file): only the office may ask for it, a list that is not differential is refused.
            let key = try PrivateKey(generating: .ed25519)
            let anonymous = try await visitor.get("/office/collection/fix/signing?candidates=2")
            #expect(anonymous.status == .forbidden && String(buffer: anonymous.body).hasPrefix("{"), "\(anonymous.status)")
            let one = try await office.get("/office/collection/fix/signing?candidates=1&seats=1")
            #expect(one.status == .badRequest && String(buffer: one.body).contains("差额票决要求候选项目多于应选名额"))
            #expect(try await office.get("/office/collection/fix/signing?candidates=two").status == .badRequest)
            let signingResponse = try await office.get("/office/collection/fix/signing?drafts=1,2&seats=1")
            struct Signing: Codable {
                var payloadType: String
                var payload: Data
            }
            struct Signed: Codable {
                var payloadType: String
                var payload: Data
                var key: String
                var sig: Data
                var suite: String
                var publicKey: Data
            }
            let signing = try StrictJSON.decode(Signing.self, from: Data(buffer: signingResponse.body), source: "signing")
            var envelope = SignedEnvelope(payloadType: signing.payloadType, payload: signing.payload)
            try envelope.sign(with: key)
            let signature = envelope.signatures[0]
            let officeToken = try await office.token("/office/collection")
            func post(_ publicKey: PublicKey, token: String = officeToken) async throws -> TestResponse {
                let body = Signed(
                    payloadType: signing.payloadType, payload: signing.payload, key: signature.key, sig: signature.sig, suite: "ed25519",
                    publicKey: publicKey.rawRepresentation)
                return try await office.post("/office/collection/fix", json: try JSONEncoder().encode(body), csrf: token)
            }
            #expect(try await post(key.publicKey, token: "forged").status == .forbidden)
            let stranger = try await post(try PrivateKey(generating: .ed25519).publicKey)
            #expect(stranger.status != .ok && String(buffer: stranger.body).contains("signature.invalid"))
            let fixedResponse = try await post(key.publicKey)
            #expect(fixedResponse.status == .ok, "\(String(buffer: fixedResponse.body))")
            let fixed = try #require(try Collect.fixedList(year: 2028, in: workspace))
            #expect(String(buffer: fixedResponse.body).contains(fixed.hash.description) && fixed.list.seats == 1)
            #expect(try CandidateList.read(fixed.envelope, signedBy: key.publicKey, source: "list") == fixed.list)
            let officePage = String(buffer: try await office.get("/office/collection?done=list-fixed-2").body)
            #expect(officePage.contains("候选项目清单已确定：2 个候选项目") && officePage.contains(fixed.hash.description) && officePage.contains("vote init --list"))
            #expect(try await post(key.publicKey).status == .conflict)
            let final = String(buffer: try await visitor.get("/collection").body)
            #expect(final.contains(fixed.hash.description) && final.contains("P01") && !final.contains(#"action="/collection/comment""#))
            let file = try await visitor.get("/collection/list.json")
            #expect(Data(buffer: file.body) == (try fixed.envelope.fileData()))
            #expect(try await visitor.get("/collection/report").status == .forbidden)
            #expect(try await office.get("/collection/report.csv").status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: try await office.get("/collection/report.json").body)) as? [String: Any]
            let suggestionCount = try Collect.suggestions(year: 2028, in: workspace).count
            #expect((json?["suggestions"] as? [Any])?.count == suggestionCount)
            let report = try await office.get("/collection/report")
            #expect(report.status == .ok && report.headers[.contentSecurityPolicy] == CollectionReport.contentSecurityPolicy)
            let reportPage = String(buffer: report.body)
            #expect(reportPage.components(separatedBy: "<style").count == 2 && !reportPage.contains(" style="))
        }
        let closed = try #require(throws: ShishiError.self) {
            try Collect.suggestFromPublic(year: 2028, title: "迟到", text: "", district: nil, today: "2027-12-01", in: workspace)
        }
        #expect(closed.code == .collectClosed)
        #expect(try workspace.verifyAuditChain().entries > 0)
    }

    @Test func theOfficeMergesDeclinesScreensAndPublishesFromItsPage() async throws {
        let year = YearRouteTests()
        let configuration = try year.setUp()
        let workspace = try Workspace.open(url: configuration.workspace, actor: "office")
        try Collect.open(year: 2028, until: "2027-11-30", seats: 1, today: "2027-01-10", in: workspace)
        for title in ["加装电梯", "电梯补贴", "社区食堂", "新机场"] {
            try Collect.add(.init(title: title, text: "", source: .public, proposer: "市民", received: "2027-03-01"), year: 2028, in: workspace)
        }
        try await year.app(configuration).test(.router) { client in
            let department = HallRouteTests.Browser(client)
            #expect(try await year.login(department, "zhujian").status == .seeOther)
            let departmentToken = try await department.token("/office")
            #expect(
                try await department.post("/office/collection/step", form: ["csrf": departmentToken, "step": "decline", "suggestion": "1", "reason": "x"])
                    .status == .forbidden)
            let office = HallRouteTests.Browser(client)
            #expect(try await year.login(office, "office").status == .seeOther)
            let page = String(buffer: try await office.get("/office/collection").body)
            #expect(page.contains(#"name="s1""#) && page.contains("新机场") && !page.contains("nil"))
            let csrf = try await office.token("/office/collection")
            func step(_ fields: [String: String]) async throws -> TestResponse {
                try await office.post("/office/collection/step", form: fields.merging(["csrf": csrf]) { a, _ in a })
            }
            #expect(try await step(["step": "merge", "s1": "on", "s2": "on", "title": "老旧小区加装电梯"]).status == .seeOther)
            #expect(try await step(["step": "merge", "s3": "on", "title": "社区老年助餐"]).status == .seeOther)
            let twice = try await step(["step": "merge", "s2": "on", "title": "x"])
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("已并入草案第 1 号"))
            #expect(try await step(["step": "decline", "suggestion": "4", "reason": ""]).status == .badRequest)
            #expect(try await step(["step": "decline", "suggestion": "4", "reason": "超出市级财力"]).status == .seeOther)
            let badCost = try await step([
                "step": "screen", "draft": "1", "department": "市住建局", "cost": "三千", "feasible": "yes", "finishable": "yes", "verdict": "pass",
            ])
            #expect(badCost.status == .badRequest && String(buffer: badCost.body).contains("不是金额"))
            let notFeasible = try await step(["step": "screen", "draft": "1", "department": "市住建局", "cost": "3000", "finishable": "yes", "verdict": "pass"])
            #expect(notFeasible.status == .badRequest)
            #expect(
                try await step([
                    "step": "screen", "draft": "1", "department": "市住建局", "cost": "3000", "feasible": "yes", "finishable": "yes", "verdict": "pass",
                ])
                .status == .seeOther)
            #expect(try await step(["step": "screen", "draft": "2", "feasible": "yes", "verdict": "fail", "reason": "当年完不成"]).status == .seeOther)
            // One draft passed for one seat: not a differential vote, said in words before anything is published.
            #expect(String(buffer: try await office.get("/office/collection").body).contains("通过初审的草案：1"))
            let tooFew = try await step(["step": "shortlist", "commentsUntil": "2027-04-30"])
            #expect(tooFew.status == .conflict && String(buffer: tooFew.body).contains("通过初审的草案只有 1 个，拟定 1 项"), "\(String(buffer: tooFew.body))")
            #expect(
                try await step([
                    "step": "screen", "draft": "2", "department": "市民政局", "cost": "800", "feasible": "yes", "finishable": "yes", "verdict": "pass",
                ])
                .status == .seeOther)
            let badSeats = try await step(["step": "shortlist", "commentsUntil": "2027-04-30", "seats": "一"])
            #expect(badSeats.status == .badRequest && String(buffer: badSeats.body).contains("拟定项目数“一”不是整数"))
            #expect(try await step(["step": "shortlist", "commentsUntil": "2027-04-30", "seats": "1"]).status == .seeOther)
            // Once published, the work is done: the page shows the shortlist, its comments and the next step.
            let published = String(buffer: try await office.get("/office/collection").body)
            #expect(!published.contains(#"name="step" value="merge""#))
            #expect(published.contains("征求意见至 2027-04-30") && published.contains("老旧小区加装电梯") && published.contains(#"id="fix-list""#))
            #expect(published.contains("截止后，由主席团确定候选项目"), "\(published)")
        }
        let drafts = try Collect.drafts(year: 2028, in: workspace)
        #expect(drafts.map(\.suggestions.count) == [2, 1] && drafts[0].passed && drafts[1].passed && drafts[0].shortlist?.position == 1)
        #expect(try Collect.suggestions(year: 2028, in: workspace)[3].suggestion.declinedReason == "超出市级财力")
        let actors = try workspace.read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT actor FROM auditEntry WHERE action LIKE 'collect.%' AND action != 'collect.suggestion' AND action != 'collect.open'")
        }
        #expect(actors == ["office"])
    }
}
