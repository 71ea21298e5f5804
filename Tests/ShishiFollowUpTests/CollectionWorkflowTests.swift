import Foundation
import GRDB
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTestSupport
import Testing

/// From suggestions to the signed candidate list: merge, decline, screen, shortlist, comment,
/// fix, and the vote defined on the list; and last year's projects carried over.
@Suite struct CollectionWorkflowTests {
    /// A workspace with an adopted vote's roster (D1 to D9), the call for 2028 open (3 seats) and
    /// seven suggestions: #1–#3 on lifts (deputies D1–D3, D3 and D4 again, a resident), #4 and #5
    /// on meals (a deputy and a department), #6 an airport, #7 a hotline topic with 40 complaints.
    func opened() throws -> Workspace {
        let workspace = try ProgressSheetTests().adopted()
        try Collect.open(year: 2028, until: "2027-11-30", seats: 3, today: "2027-04-01", in: workspace)
        let inputs: [Collect.Input] = [
            .init(title: "加装电梯", text: "", source: .deputy, deputies: ["D1", "D2", "D3"], received: "2027-10-01"),
            .init(title: "电梯补贴", text: "", source: .deputy, deputies: ["D3", "D4"], received: "2027-10-02"),
            .init(title: "电梯太少", text: "", source: .public, proposer: "市民王某", received: "2027-10-02"),
            .init(title: "社区食堂", text: "", source: .deputy, deputies: ["D5"], received: "2027-10-03"),
            .init(title: "助餐点", text: "", source: .department, proposer: "市民政局", received: "2027-10-03"),
            .init(title: "新机场", text: "", source: .public, proposer: "市民赵某", received: "2027-10-04"),
            .init(title: "公园", text: "", source: .hotline, proposer: "12345", received: "2027-10-05", complaints: 40),
        ]
        for input in inputs { try Collect.add(input, year: 2028, in: workspace) }
        return workspace
    }

    func code(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ShishiError { return error.code.rawValue } catch { return "\(error)" }
        return nil
    }

    func pass(_ department: String, _ cost: Int) -> Collect.Screening {
        .init(department: department, cost: Amount(cost), feasible: true, finishable: true, passed: true)
    }

    @Test func suggestionsMergeIntoDraftsOrAreDeclinedAndEachIsAnsweredOnce() throws {
        let workspace = try opened()
        let lifts = try Collect.merge([1, 2], title: "老旧小区加装电梯", year: 2028, in: workspace)
        try Collect.merge([3], title: nil, into: lifts.id, year: 2028, in: workspace)
        #expect(code { try Collect.merge([2], title: "x", year: 2028, in: workspace) } == "collect.alreadyAnswered")
        #expect(code { try Collect.merge([99], title: "x", year: 2028, in: workspace) } == "collect.noSuggestion")
        #expect(code { try Collect.merge([4, 4], title: "x", year: 2028, in: workspace) } == "collect.badMerge")
        #expect(code { try Collect.merge([4], title: " ", year: 2028, in: workspace) } == "collect.badMerge")
        #expect(code { try Collect.merge([4], title: nil, into: 42, year: 2028, in: workspace) } == "collect.noDraft")
        #expect(code { try Collect.merge([], title: "x", year: 2028, in: workspace) } == "collect.badMerge")
        #expect(code { try Collect.decline(6, reason: "  ", year: 2028, in: workspace) } == "collect.badMerge")
        let declined = try Collect.decline(6, reason: "不属于市级民生实事", year: 2028, in: workspace)
        #expect(declined.declinedReason == "不属于市级民生实事" && declined.declinedAt != nil)
        #expect(code { try Collect.merge([6], title: "x", year: 2028, in: workspace) } == "collect.alreadyAnswered")
        #expect(code { try Collect.decline(1, reason: "x", year: 2028, in: workspace) } == "collect.alreadyAnswered")
        // A refused merge changed nothing: suggestion 4 is still unanswered.
        try Collect.merge([4, 5], title: "社区老年助餐", year: 2028, in: workspace)
        try Collect.merge([7], title: "口袋公园", year: 2028, in: workspace)
        let drafts = try Collect.drafts(year: 2028, in: workspace)
        #expect(drafts.map(\.draft.title) == ["老旧小区加装电梯", "社区老年助餐", "口袋公园"])
        // D3 proposed one and co-signed another: counted once.
        #expect(drafts[0].support == Draft.Support(suggestions: 3, deputies: 4, complaints: 0, sources: ["deputy": 2, "public": 1]))
        #expect(drafts[1].support == Draft.Support(suggestions: 2, deputies: 1, complaints: 0, sources: ["deputy": 1, "department": 1]))
        #expect(drafts[2].support.complaints == 40)
        #expect(try workspace.verifyAuditChain().entries > 10)
    }

    @Test func aScreeningPassesOnlyWhatIsFeasibleAndTheLatestStands() throws {
        let workspace = try opened()
        let draft = try Collect.merge([1], title: "加装电梯", year: 2028, in: workspace)
        let id = try #require(draft.id)
        var notFinishable = pass("市住建局", 3000)
        notFinishable.finishable = false
        #expect(code { try Collect.screen(id, notFinishable, year: 2028, in: workspace) } == "collect.badScreening")
        #expect(code { try Collect.screen(id, pass("", 3000), year: 2028, in: workspace) } == "collect.badScreening")
        #expect(code { try Collect.screen(id, pass("市住建局", 0), year: 2028, in: workspace) } == "collect.badScreening")
        let failNoReason = Collect.Screening(department: nil, cost: nil, feasible: false, finishable: true, passed: false)
        #expect(code { try Collect.screen(id, failNoReason, year: 2028, in: workspace) } == "collect.badScreening")
        #expect(code { try Collect.screen(99, pass("市住建局", 3000), year: 2028, in: workspace) } == "collect.noDraft")
        var failed = failNoReason
        failed.reason = "需先完成规划"
        try Collect.screen(id, failed, year: 2028, in: workspace)
        #expect(try Collect.drafts(year: 2028, in: workspace)[0].passed == false)
        try Collect.screen(id, pass("市住建局", 3000), year: 2028, in: workspace)
        let screened = try Collect.drafts(year: 2028, in: workspace)[0]
        #expect(screened.passed && screened.screenings.count == 2 && screened.screenings[0].reason == "需先完成规划")
    }

    /// Takes the opened workspace to a published shortlist: four drafts passed, one failed.
    func shortlisted() throws -> Workspace {
        let workspace = try opened()
        try Collect.merge([1, 2, 3], title: "老旧小区加装电梯", year: 2028, in: workspace)
        try Collect.merge([4, 5], title: "社区老年助餐", year: 2028, in: workspace)
        try Collect.merge([7], title: "口袋公园", year: 2028, in: workspace)
        #expect(code { try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", in: workspace) } == "collect.pending")  // #6 unanswered
        try Collect.merge([6], title: "新机场", year: 2028, in: workspace)
        #expect(code { try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", in: workspace) } == "collect.pending")  // unscreened
        try Collect.screen(1, pass("市住建局", 3000), year: 2028, in: workspace)
        try Collect.screen(2, pass("市民政局", 800), year: 2028, in: workspace)
        try Collect.screen(3, pass("市园林局", 1200), year: 2028, in: workspace)
        try Collect.screen(4, .init(department: nil, cost: nil, feasible: false, finishable: false, passed: false, reason: "超出市级财力"), year: 2028, in: workspace)
        #expect(code { _ = try Collect.shortlist(year: 2028, in: workspace) } == "collect.noShortlist")
        #expect(code { try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-32", in: workspace) } == "date.malformed")
        return workspace
    }

    @Test func theShortlistListsWhatPassedByItsSupportAndFreezesTheDrafts() throws {
        let workspace = try shortlisted()
        // Three passed for the call's three seats: a differential vote needs more, said in words.
        let tooFew = #expect(throws: ShishiError.self) { try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", in: workspace) }
        #expect(tooFew?.code == .collectTooFewDrafts && tooFew?.message.zh.contains("通过初审的草案只有 3 个，拟定 3 项") == true)
        #expect(code { try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", seats: 0, in: workspace) } == "collect.badList")
        #expect(code { try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", seats: 3, in: workspace) } == "collect.tooFewDrafts")
        // Published for two seats, set now and recorded.
        let listed = try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", seats: 2, in: workspace)
        #expect(try Collect.call(year: 2028, in: workspace).seats == 2)
        let seatsEntry = try workspace.read { db in try String.fetchOne(db, sql: "SELECT detail FROM auditEntry WHERE action = 'collect.seats'") }
        #expect(seatsEntry?.contains("\"before\":3") == true && seatsEntry?.contains("\"seats\":2") == true)
        // Lifts (4 deputies), meals (1 deputy, 2 suggestions), the park (no deputy); the airport failed.
        #expect(listed.map(\.draft.id) == [1, 2, 3] && listed.map { $0.shortlist?.position } == [1, 2, 3])
        #expect(try Collect.shortlist(year: 2028, in: workspace).map(\.draft.id) == [1, 2, 3])
        #expect(code { try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", in: workspace) } == "collect.shortlisted")
        #expect(code { try Collect.screen(4, pass("市交通局", 9000), year: 2028, in: workspace) } == "collect.shortlisted")
        #expect(
            code { try Collect.add(.init(title: "迟到的建议", text: "", source: .public, received: "2027-12-01"), year: 2028, in: workspace) }
                == "collect.shortlisted")
        try Collect.comment(on: 1, stance: .support, text: "很需要", received: "2027-12-10", year: 2028, in: workspace)
        try Collect.comment(on: 1, stance: .support, text: "", received: "2027-12-20", year: 2028, in: workspace)
        try Collect.comment(on: 3, stance: .oppose, text: "不如修路", received: "2027-12-11", year: 2028, in: workspace)
        #expect(code { try Collect.comment(on: 4, stance: .support, text: "", received: "2027-12-10", year: 2028, in: workspace) } == "collect.badComment")
        #expect(code { try Collect.comment(on: 1, stance: .support, text: "", received: "2027-12-21", year: 2028, in: workspace) } == "collect.badComment")
        let long = String(repeating: "长", count: Collect.maximumCommentLength + 1)
        #expect(code { try Collect.comment(on: 1, stance: .opinion, text: long, received: "2027-12-10", year: 2028, in: workspace) } == "collect.badComment")
        let drafts = try Collect.drafts(year: 2028, in: workspace)
        #expect(drafts[0].comments == .init(support: 2, oppose: 0, opinion: 0) && drafts[2].comments == .init(support: 0, oppose: 1, opinion: 0))
    }

    /// The list signed where the key is (the office's browser): fixed only when the signature
    /// verifies and the bytes are the list the workspace makes now.
    @Test func aListSignedElsewhereIsFixedOnlyAsTheWorkspaceMakesIt() throws {
        let workspace = try shortlisted()
        try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", seats: 2, in: workspace)
        let key = try PrivateKey(generating: .ed25519)
        let at = workspace.now
        let list = try Collect.prepareFix(year: 2028, count: 3, seats: nil, fixedAt: at, in: workspace)
        #expect(list.seats == 2 && list.candidates.map(\.draft) == [1, 2, 3] && list.fixedAt == at)
        var envelope = try SignedEnvelope(payloadType: CandidateList.payloadType, encoding: list)
        try envelope.sign(with: key)
        let signature = envelope.signatures[0]
        // Another key's name on it, or other bytes under the signature: refused.
        let stranger = try PrivateKey(generating: .ed25519).publicKey
        #expect(
            code { _ = try Collect.fixSigned(year: 2028, payload: envelope.payload, signature: signature, publicKey: stranger, in: workspace) }
                == "signature.invalid")
        var edited = list
        edited.seats = 1
        let editedPayload = try SignedEnvelope(payloadType: CandidateList.payloadType, encoding: edited).payload
        #expect(
            code { _ = try Collect.fixSigned(year: 2028, payload: editedPayload, signature: signature, publicKey: key.publicKey, in: workspace) }
                == "signature.invalid")
        // Signed honestly, but not the list the workspace makes: refused too.
        #expect(try Collect.prepareFix(year: 2028, count: 3, seats: nil, fixedAt: at, in: workspace) == list)
        var unlisted = list
        unlisted.candidates[0].title = "别的项目"
        var forged = try SignedEnvelope(payloadType: CandidateList.payloadType, encoding: unlisted)
        try forged.sign(with: key)
        #expect(
            code { _ = try Collect.fixSigned(year: 2028, payload: forged.payload, signature: forged.signatures[0], publicKey: key.publicKey, in: workspace) }
                == "collect.listChanged")
        // A list that says it was fixed later than now: refused.
        var later = try Collect.prepareFix(year: 2028, count: 3, seats: nil, fixedAt: "2999-01-01T00:00:00Z", in: workspace)
        later.fixedAt = "2999-01-01T00:00:00Z"
        var ahead = try SignedEnvelope(payloadType: CandidateList.payloadType, encoding: later)
        try ahead.sign(with: key)
        #expect(
            code { _ = try Collect.fixSigned(year: 2028, payload: ahead.payload, signature: ahead.signatures[0], publicKey: key.publicKey, in: workspace) }
                == "collect.listChanged")
        // A comment that came in after the list was prepared changes it: sign again.
        try Collect.comment(on: 1, stance: .support, text: "", received: "2027-12-20", year: 2028, in: workspace)
        #expect(
            code { _ = try Collect.fixSigned(year: 2028, payload: envelope.payload, signature: signature, publicKey: key.publicKey, in: workspace) }
                == "collect.listChanged")
        let fresh = try Collect.prepareFix(year: 2028, count: 3, seats: nil, fixedAt: workspace.now, in: workspace)
        var signed = try SignedEnvelope(payloadType: CandidateList.payloadType, encoding: fresh)
        try signed.sign(with: key)
        let fixed = try Collect.fixSigned(year: 2028, payload: signed.payload, signature: signed.signatures[0], publicKey: key.publicKey, in: workspace)
        #expect(fixed.list == fresh)
        #expect(try CandidateList.read(fixed.envelope, signedBy: key.publicKey, source: "list") == fresh)
        #expect(try Collect.fixedList(year: 2028, in: workspace)?.hash == fixed.hash)
        #expect(
            code { _ = try Collect.fixSigned(year: 2028, payload: signed.payload, signature: signed.signatures[0], publicKey: key.publicKey, in: workspace) }
                == "collect.fixed")
    }

    @Test func theFinalListHasMoreCandidatesThanSeatsIsSignedAndFixedOnce() throws {
        let workspace = try shortlisted()
        let key = try PrivateKey(generating: .ed25519)
        #expect(code { _ = try Collect.fix(year: 2028, count: 3, seats: nil, key: key, in: workspace) } == "collect.noShortlist")
        try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", seats: 2, in: workspace)
        #expect(code { _ = try Collect.fix(year: 2028, count: 3, seats: 3, key: key, in: workspace) } == "collect.badList")  // 3 for 3 seats
        #expect(code { _ = try Collect.fix(year: 2028, count: 4, seats: 2, key: key, in: workspace) } == "collect.badList")  // only 3 listed
        #expect(code { _ = try Collect.fix(year: 2028, count: nil, chosen: [1, 4, 2], seats: 2, key: key, in: workspace) } == "collect.badList")
        #expect(code { _ = try Collect.fix(year: 2028, count: 2, chosen: [1, 2, 3], seats: 2, key: key, in: workspace) } == "collect.badList")
        #expect(code { _ = try Collect.fix(year: 2028, count: nil, chosen: [1, 1, 2], seats: 2, key: key, in: workspace) } == "collect.badList")
        #expect(try Collect.fixedList(year: 2028, in: workspace) == nil)
        let fixed = try Collect.fix(year: 2028, count: nil, chosen: [3, 1, 2], seats: 2, key: key, in: workspace)
        #expect(fixed.list.candidates.map(\.id) == ["P01", "P02", "P03"] && fixed.list.candidates.map(\.draft) == [3, 1, 2])
        #expect(fixed.list.seats == 2 && fixed.list.suggestions == 7 && fixed.list.drafts == 4)
        let lifts = fixed.list.candidates[1]
        #expect(lifts.department == "市住建局" && lifts.cost == Amount(3000) && lifts.evidence.map(\.number) == [1, 2, 3])
        #expect(lifts.evidence[0].deputies == ["D1", "D2", "D3"] && fixed.list.candidates[0].evidence[0].complaints == 40)
        // Signed by the key, and by no other.
        #expect(try CandidateList.read(fixed.envelope, signedBy: key.publicKey, source: "list") == fixed.list)
        #expect(
            code { _ = try CandidateList.read(fixed.envelope, signedBy: try PrivateKey(generating: .ed25519).publicKey, source: "list") } == "signature.invalid"
        )
        #expect(fixed.hash == HashAlgorithm.sha256.digest(fixed.envelope.payload))
        // The CSV reads back as the ballot's candidates.
        let csv = try CSVTable(text: fixed.list.candidatesCSV(), source: "candidates.csv", columns: Candidate.csvColumns)
        #expect(try Candidate.list(from: csv) == fixed.list.ballotCandidates)
        // Fixed once; comments and drafts no longer change; the stored list is the one issued.
        #expect(code { _ = try Collect.fix(year: 2028, count: 3, seats: 2, key: key, in: workspace) } == "collect.fixed")
        #expect(code { try Collect.comment(on: 1, stance: .support, text: "", received: "2027-12-10", year: 2028, in: workspace) } == "collect.fixed")
        let stored = try #require(try Collect.fixedList(year: 2028, in: workspace))
        #expect(stored.list == fixed.list && stored.envelope == fixed.envelope && stored.hash == fixed.hash)
        #expect(try workspace.verifyAuditChain().entries > 15)
    }

    @Test func aVoteDefinedOnTheListNamesItAndAnyChangeToItIsCaught() throws {
        let workspace = try shortlisted()
        try Collect.publishShortlist(year: 2028, commentsUntil: "2027-12-20", seats: 2, in: workspace)
        let officials = try Fixture.vote(deputies: 3, candidates: 3, seats: 2).officials
        let fixed = try Collect.fix(year: 2028, count: 3, seats: 2, key: officials.secretariat, in: workspace)
        let listBytes = try fixed.envelope.fileData()
        func definition(_ candidates: [Candidate], seats: Int = 2) -> VoteDefinition {
            var definition = VoteDefinition(
                voteId: "v", title: "2028 年民生实事项目票决", seats: seats, candidates: candidates,
                rosterCSV: Data("id,name\nD1,甲\nD2,乙\nD3,丙\n".utf8), registrar: officials.registrar.publicKey, blind: Fixture.blindKey.publicKey)
            definition.candidateList = listBytes
            return definition
        }
        let folder = Fixture.temporaryFolder()
        let vote = try definition(fixed.list.ballotCandidates).create(at: folder, secretariat: officials.secretariat, now: Fixture.now)
        #expect(vote.manifest.candidateList == .init(file: "candidate-list.json", hash: fixed.hash))
        #expect(vote.manifest.candidates.map(\.draft) == [1, 2, 3])
        #expect(try VoteFolder(url: folder).open().manifest.candidateList?.hash == fixed.hash)
        // Wrong candidates, wrong seats, another secretariat: refused before anything is written.
        var changed = fixed.list.ballotCandidates
        changed[1].cost = Amount(1)
        let refused = try #require(throws: ShishiError.self) {
            try definition(changed).create(at: Fixture.temporaryFolder(), secretariat: officials.secretariat, now: Fixture.now)
        }
        #expect(refused.code == "candidates.listMismatch" && refused.message.en.contains("in cost"))
        #expect(
            code {
                _ = try definition(fixed.list.ballotCandidates, seats: 1).create(
                    at: Fixture.temporaryFolder(), secretariat: officials.secretariat, now: Fixture.now)
            }
                == "candidates.listMismatch")
        let other = try PrivateKey(generating: .ed25519)
        #expect(
            code { _ = try definition(fixed.list.ballotCandidates).create(at: Fixture.temporaryFolder(), secretariat: other, now: Fixture.now) }
                == "signature.invalid")
        // The folder's list changed or gone: every reader of the vote refuses it.
        let listURL = folder.appendingPathComponent("candidate-list.json")
        var envelope = fixed.envelope
        var tampered = fixed.list
        tampered.candidates[0].evidence.removeAll()
        envelope.payload = try StrictJSON.encode(tampered)
        try FileAccess.replace(listURL, data: envelope.fileData())
        #expect(code { _ = try VoteFolder(url: folder).open() } == "vote.listAltered")
        try FileManager.default.removeItem(at: listURL)
        #expect(code { _ = try VoteFolder(url: folder).open() } == "vote.listAltered")
    }

    @Test func lastYearsUnsatisfiedAndUnfinishedProjectsAreCarriedOverOnce() throws {
        let workspace = try ProgressSheetTests().adopted()  // adopted in 2027: projects 1 and 2
        try workspace.addMilestone(project: 1, title: "开工", due: "2027-05-01", weight: 1)
        let committee = "项目编号,满意,基本满意,不满意\n1,20,5,4\n2,5,8,16\n"
        try Scores.importCounts(
            Data(committee.utf8), file: "committee.csv", year: 2027, source: "常委会测评", weight: 100, evaluators: 29, points: PointsMapping(), into: workspace)
        // In April, project 1's milestone is not due yet: only the unsatisfactory project 2 comes in.
        let opened = try Collect.open(year: 2028, until: "2027-11-30", seats: 3, today: "2027-04-01", in: workspace)
        #expect(opened.carriedOver.map(\.reference) == ["carried-over-2"])
        #expect(opened.carriedOver[0].source == "carried-over" && opened.carriedOver[0].text.contains("2027 年测评为不满意"))
        // In June the milestone is overdue; after the year every project not completed comes in. Each once.
        let june = try Collect.carryOver(year: 2028, today: "2027-06-01", in: workspace)
        #expect(june.map(\.reference) == ["carried-over-1"] && june[0].text.contains("逾期"))
        #expect(try Collect.carryOver(year: 2028, today: "2028-01-05", in: workspace).isEmpty)
        #expect(try Collect.suggestions(year: 2028, in: workspace).count == 2)
        // Another year's call looks at its own year before: 2028 has no projects.
        #expect(try Collect.open(year: 2029, until: "2028-11-30", seats: nil, today: "2029-01-05", in: workspace).carriedOver.isEmpty)
        #expect(code { _ = try Collect.carryOver(year: 2028, today: "2028-13-01", in: workspace) } == "date.malformed")
    }
}
