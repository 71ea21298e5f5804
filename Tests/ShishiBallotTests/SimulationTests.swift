import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

@Suite struct SimulationTests {
    func plan(seed: UInt64, suite: SignatureSuite = .ed25519, secrecy: Secrecy = .secret) -> SimulationPlan {
        var plan = SimulationPlan()
        plan.deputies = 40
        plan.present = 33
        plan.candidates = 6
        plan.seats = 4
        plan.seed = seed
        plan.paperBallots = 9
        plan.paperBoxes = 2
        plan.overMarked = 2
        plan.blank = 1
        plan.suite = suite
        plan.secrecy = secrecy
        return plan
    }

    func run(_ plan: SimulationPlan) throws -> (SimulationSummary, BoxAudit) {
        let base = Fixture.temporaryFolder()
        let summary = try Simulator(plan: plan).run(at: base.appendingPathComponent("vote"), privateKeys: base.appendingPathComponent("keys"))
        return (summary, try BoxAudit.run(summary.vote))
    }

    /// The marks of every ballot, as a sorted list: what a count depends on.
    func contents(_ audit: BoxAudit) -> [String] {
        audit.ballots.compactMap { $0.verdict.ballot.map { "\($0.yes)|\($0.no)" } }.sorted()
    }

    @Test func aSimulatedVoteIsCompleteAndEveryFileChecksOut() throws {
        let (summary, audit) = try run(plan(seed: 3))
        #expect(summary.present == 33 && summary.electronic == 24 && summary.paper == 9)
        #expect(audit.allAuthentic)
        #expect(audit.count(.valid) == 24)
        #expect(audit.seal?.present == 33 && audit.seal?.credentials == 24 && audit.seal?.paper == 9)
        #expect(audit.paperBallots == 9 && audit.paperOverMarked == 2 && audit.paperBlank == 1)
        #expect(audit.paper.allSatisfy { $0.scrutineers.count == 1 })
    }

    @Test func theSameSeedGivesTheSameVoteAndAnotherSeedAnother() throws {
        let (a, auditA) = try run(plan(seed: 11))
        let (b, auditB) = try run(plan(seed: 11))
        let (_, auditC) = try run(plan(seed: 12))
        #expect(contents(auditA) == contents(auditB))
        #expect(contents(auditA) != contents(auditC))
        #expect(try Data(contentsOf: a.vote.folder.rosterURL) == Data(contentsOf: b.vote.folder.rosterURL))
        let sheetA = try Data(contentsOf: a.vote.folder.paperURL.appendingPathComponent("box-1.csv"))
        let sheetB = try Data(contentsOf: b.vote.folder.paperURL.appendingPathComponent("box-1.csv"))
        #expect(sheetA == sheetB)
        func deputies(_ vote: Vote) throws -> [String] {
            try String(contentsOf: vote.folder.issuanceLogURL, encoding: .utf8).split(separator: "\n").map { line in
                try StrictJSON.decode(IssuanceEntry.self, from: Data(line.utf8), source: "log").deputy
            }
        }
        #expect(auditA.seal?.present == auditB.seal?.present)
        #expect(try deputies(a.vote) == deputies(b.vote))
    }

    @Test func sm2VotesHashWithSM3AndCheckOut() throws {
        let (summary, audit) = try run(plan(seed: 5, suite: .sm2))
        #expect(summary.vote.hash.algorithm == .sm3)
        #expect(summary.vote.manifest.suite == .sm2)
        #expect(audit.allAuthentic && audit.count(.valid) == 24)
    }

    @Test func recordedVotesCheckOut() throws {
        let (summary, audit) = try run(plan(seed: 5, secrecy: .recorded))
        #expect(summary.vote.manifest.keys.blind == nil)
        #expect(audit.allAuthentic && audit.count(.valid) == 24)
        #expect(audit.ballots.allSatisfy { $0.verdict.ballot?.voter != nil })
    }

    @Test func impossiblePlansAreRefused() throws {
        var bad = plan(seed: 1)
        bad.present = 41
        #expect(try #require(throws: ShishiError.self) { try bad.validate() }.code == "simulate.badPlan")
        bad = plan(seed: 1)
        bad.candidates = 4
        #expect(throws: ShishiError.self) { try bad.validate() }
        bad = plan(seed: 1)
        bad.overMarked = 9
        #expect(throws: ShishiError.self) { try bad.validate() }
    }
}
