import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Testing

@Suite struct TallyEngineTests {
    /// 9 deputies, 5 candidates, 3 seats; `present` electronic voters with the given marks, then sealed.
    func counted(
        _ ballots: [(yes: [String], no: [String])], deputies: Int = 9, seats: Int = 3, base: MajorityBase = .all,
        shortfall: ShortfallRule = .secondRound, paper: [[String]] = [], paperIssued: Int? = nil
    ) throws -> (Fixture.Made, Tally.Run) {
        let made = try Fixture.vote(deputies: deputies, candidates: 5, seats: seats, base: base, shortfall: shortfall)
        let registrar = try made.registrar()
        for (index, ballot) in ballots.enumerated() {
            try made.cast("D\(index + 1)", yes: ballot.yes, no: ballot.no, registrar: registrar)
        }
        let paperVoters = (ballots.count..<(ballots.count + (paperIssued ?? paper.count))).map { "D\($0 + 1)" }
        if !paperVoters.isEmpty {
            try registrar.issuePaperBallots(to: paperVoters)
            try made.paperBox(1, rows: paper, issued: paperVoters.count)
        }
        try registrar.seal()
        return (made, try Tally(vote: made.vote).run(now: Fixture.now))
    }

    func check(_ run: Tally.Run, _ check: TallyCheck) -> CheckOutcome {
        run.result.checks.first { $0.number == check.rawValue }!
    }

    @Test func aCleanVoteIsCountedAndEveryCheckPasses() throws {
        let ballots = [(["1", "2", "3"], ["4"]), (["1", "2"], ["5"]), (["1", "3"], []), (["1", "2", "4"], []), (["2", "3"], ["1"]), (["1"], []), ([], [])]
        let (_, run) = try counted(ballots.map { (yes: $0.0, no: $0.1) })
        let r = run.result
        #expect(r.outcome == .counted)
        #expect(r.checks.allSatisfy { $0.passed })
        #expect(r.checks.map(\.number) == Array(1...17))
        #expect(r.figures.present == 7 && r.figures.issued == 7 && r.figures.returned == 7 && r.figures.valid == 7 && r.figures.blank == 1)
        #expect(r.candidates.map(\.yes) == [5, 4, 3, 1, 0])
        #expect(r.candidates[0].no == 1 && r.candidates[0].abstain == 1)
        for candidate in r.candidates { #expect(candidate.yes + candidate.no + candidate.abstain == r.figures.valid) }
        // Base: all 9 deputies, so 5 yes are needed: only candidate 1 passes; two seats go to a second round.
        #expect(r.allocation?.needed == 5)
        #expect(r.allocation?.adopted == ["1"])
        #expect(r.allocation?.next == .secondRound && r.allocation?.openSeats == 2)
        #expect(r.countedElectronic == 7)
        #expect(r.boxDigest == MerkleTree(algorithm: .sha256, items: run.countedTrackers.map(\.bytes)).root)
    }

    @Test func withoutAQuorumThereIsNoCount() throws {
        let (_, run) = try counted([(["1"], []), (["2"], []), (["3"], []), (["1"], []), (["1"], []), (["2"], [])])  // 6 of 9: not more than 2/3
        #expect(run.result.outcome == .noQuorum)
        #expect(!check(run, .quorum).passed)
        #expect(run.result.allocation == nil)
    }

    @Test func moreReturnedThanIssuedVoidsTheRound() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        for index in 1...5 { try made.cast("D\(index)", yes: ["1"], registrar: registrar) }
        try registrar.issuePaperBallots(to: ["D6", "D7"])
        try made.paperBox(1, rows: [["Y", "", "", "", ""], ["Y", "", "", "", ""], ["", "Y", "", "", ""]], issued: 2)  // 3 taken out of 2 issued
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.outcome == .void)
        #expect(!check(run, .paperCounts).passed)
        #expect(!check(run, .returnedWithinIssued).passed)
        #expect(run.result.figures.returned == 8 && run.result.figures.issued == 7)
        #expect(Announcement.text(run.result, vote: made.vote, language: .zh).contains("本轮投票无效，须重新投票"))
    }

    @Test func overMarkedAndBlankPaperBallotsAreJudgedByTheRules() throws {
        let paper = [["Y", "Y", "Y", "Y", ""], ["", "", "", "", ""], ["Y", "N", "?", "", "Y"]]
        let ballots: [(yes: [String], no: [String])] = [(["1"], []), (["1"], []), (["1"], []), (["1"], []), (["2"], [])]
        let (_, run) = try counted(ballots, paper: paper)
        let r = run.result
        #expect(r.figures.invalid == 1 && r.figures.blank == 1 && r.figures.valid == 7 && r.figures.returned == 8)
        #expect(r.candidates[0].yes == 5)  // the over-marked ballot's yes does not count
        #expect(r.candidates[2].abstain == 7)  // the unreadable mark counts as an abstention
        #expect(r.candidates[1].no == 1)
        #expect(r.review.count == 1 && r.review[0].status == .invalid && r.review[0].serial == "P1-1")
        #expect(check(run, .yesLimit).passed)
    }

    @Test func anOverMarkedElectronicBallotIsInvalidNotRejected() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 2)
        let registrar = try made.registrar()
        for index in 1...6 { try made.cast("D\(index)", yes: ["1"], registrar: registrar) }
        // Made by a tool that bypassed the terminal's limit: authentic, over-marked.
        let credential = try made.credential(for: "D7", registrar: registrar)
        let ballot = Ballot(
            vote: made.vote.hash, round: 1, marks: ["1": .yes, "2": .yes, "3": .yes],
            credential: BallotCredential(key: credential.publicKey, prefix: credential.prefix, registrarSignature: credential.registrarSignature), voter: nil)
        var envelope = try SignedEnvelope(payloadType: Ballot.payloadType, encoding: ballot)
        try envelope.sign(with: credential.signingKey())
        let tracker = try BallotBox(vote: made.vote).put(envelope)
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.invalid == 1 && run.result.figures.valid == 6 && run.result.figures.returned == 7)
        #expect(run.result.candidates[0].yes == 6)
        #expect(run.countedTrackers.contains(tracker))  // returned, so in the digest
        #expect(run.result.review.first?.tracker == tracker)
    }

    @Test func aReusedCredentialSetsAsideBothBallots() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        for index in 1...6 { try made.cast("D\(index)", yes: ["1"], registrar: registrar) }
        let credential = try made.credential(for: "D7", registrar: registrar)
        let caster = BallotCaster(vote: made.vote)
        try BallotBox(vote: made.vote).put(caster.seal(BallotMarking(yes: ["2"], no: [], manifest: made.vote.manifest), credential: credential))
        try BallotBox(vote: made.vote).put(caster.seal(BallotMarking(yes: ["3"], no: [], manifest: made.vote.manifest), credential: credential))
        try registrar.seal()
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(!check(run, .credentialOnce).passed && check(run, .credentialOnce).failed == 2)
        #expect(run.result.figures.setAside == 2 && run.result.figures.valid == 6)
        #expect(run.result.candidates[1].yes == 0 && run.result.candidates[2].yes == 0)
        #expect(run.result.review.filter { $0.status == .setAside }.count == 2)
        // Both were returned: 8 returned for 7 issued voids the round, as paper practice would.
        #expect(run.result.outcome == .void)
    }

    @Test func forgedAndForeignBallotsAreRejectedAndListed() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let other = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        for index in 1...7 { try made.cast("D\(index)", yes: ["1", "2"], registrar: registrar) }
        try registrar.seal()
        // A ballot with a credential "signed" by another RSA key.
        let key = try PrivateKey(generating: .ed25519)
        let state = try Fixture.otherBlindKey.publicKey.blind(Credential.message(vote: made.vote.hash, key: key.publicKey))
        let forgedSignature = try state.finalize(blindSignature: Fixture.otherBlindKey.blindSignature(for: state.blindedMessage))
        var forged = try SignedEnvelope(
            payloadType: Ballot.payloadType,
            encoding: Ballot(
                vote: made.vote.hash, round: 1, marks: ["5": .yes],
                credential: BallotCredential(key: key.publicKey, prefix: state.prefix, registrarSignature: forgedSignature), voter: nil))
        try forged.sign(with: key)
        try BallotBox(vote: made.vote).put(forged)
        // A genuine ballot of another vote.
        let foreign = try other.credential(for: "D1")
        try BallotBox(vote: made.vote).put(
            BallotCaster(vote: other.vote).seal(BallotMarking(yes: ["5"], no: [], manifest: other.vote.manifest), credential: foreign))
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(!check(run, .credential).passed && check(run, .credential).failed == 1)
        #expect(!check(run, .ballotVote).passed && check(run, .ballotVote).failed == 1)
        #expect(run.result.figures.rejected == 2 && run.result.figures.returned == 7)
        #expect(run.result.candidates[4].yes == 0)
        #expect(run.result.review.filter { $0.status == .rejected }.count == 2)
        #expect(run.result.outcome == .counted)
    }

    @Test func aTieAtTheLastSeatLeadsToARunOffRound() throws {
        // 7 of 9 vote; base valid ballots (7): 4 yes passes. 1: 7, 2: 6, 3: 5, 4: 5 → tie for seat 3.
        let ballots: [(yes: [String], no: [String])] = [
            (["1", "2", "3"], []), (["1", "2", "4"], []), (["1", "2", "3"], []), (["1", "2", "4"], []),
            (["1", "3", "4"], []), (["1", "2", "3"], []), (["1", "2", "4"], []),
        ]
        let (made, run) = try counted(ballots, base: .valid)
        let allocation = try #require(run.result.allocation)
        #expect(allocation.adopted == ["1", "2"] && allocation.runOff == ["3", "4"] && allocation.openSeats == 1)
        // The run-off: a new manifest with the tied candidates for one seat.
        try ResultFile(vote: made.vote).write(run)
        let freshBlind = Fixture.otherBlindKey.publicKey
        let definition = try NextRound.definition(after: run.result, of: made.vote, registrar: made.officials.registrar.publicKey, blind: freshBlind)
        #expect(definition.candidates.map(\.id) == ["3", "4"] && definition.seats == 1 && definition.round == 2 && definition.previousRound == made.vote.hash)
        #expect(throws: ShishiError.self) {
            try NextRound.definition(after: run.result, of: made.vote, registrar: made.officials.registrar.publicKey, blind: Fixture.blindKey.publicKey)
        }
        let next = try definition.create(
            at: made.folder.deletingLastPathComponent().appendingPathComponent("round-2"), secretariat: made.officials.secretariat, now: Fixture.now)
        let registrar = try Registrar(vote: next, signingKey: made.officials.registrar, blindKey: Fixture.otherBlindKey, clock: { Fixture.now })
        let marks = [["3"], ["4"], ["3"], ["3"], ["4"], ["3"], []]
        for (index, yes) in marks.enumerated() {
            let pending = try VotingTerminal(manifest: next.signed).request(deputy: "D\(index + 1)")
            let credential = try pending.finalize(registrar.issue(pending.request))
            _ = try BallotCaster(vote: next).cast(BallotMarking(yes: yes, no: [], manifest: next.manifest), credential: credential)
        }
        try registrar.seal()
        #expect(throws: ShishiError.self) { try Tally(vote: next).run(now: Fixture.now) }  // needs the previous round
        let second = try Tally(vote: next).run(previous: run.result, now: Fixture.now)
        #expect(second.result.allocation?.adopted == ["3"])
        #expect(second.result.adoptedAll == ["1", "2", "3"])
    }

    @Test func aShortfallLeftVacantEndsTheVote() throws {
        let ballots: [(yes: [String], no: [String])] = Array(repeating: (["1"], ["2", "3"]), count: 7)
        let (_, run) = try counted(ballots, shortfall: .leaveVacant)
        #expect(run.result.allocation?.adopted == ["1"])
        #expect(run.result.allocation?.vacant == 2 && run.result.allocation?.next == SeatAllocation.Next.none)
    }

    @Test func theResultDoesNotDependOnTheOrderOfPaperBallots() throws {
        var generator = SystemRandomNumberGenerator()
        let marks = ["Y", "N", ""]
        let rows = (0..<7).map { _ in
            var row = (0..<5).map { _ in marks.randomElement(using: &generator)! }
            if row.filter({ $0 == "Y" }).count > 3 { row[0] = "N" }
            return row
        }
        let (_, first) = try counted([], paper: rows)
        let (_, second) = try counted([], paper: rows.shuffled(using: &generator))
        #expect(first.result.candidates == second.result.candidates)
        #expect(first.result.figures == second.result.figures)
        for candidate in first.result.candidates { #expect(candidate.yes + candidate.no + candidate.abstain == first.result.figures.valid) }
    }
}

@Suite struct BundleTests {
    @Test func aBundleCountsLikeFilesAndAReusedLineIsSetAside() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let envelopes = try made.sealedBallots(7) { index in index <= 5 ? ["1", "2"] : ["3"] }
        let box = BallotBox(vote: made.vote)
        try box.appendToBundle(envelopes)
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.checks.allSatisfy { $0.passed })
        #expect(run.result.figures.valid == 7 && run.result.candidates.map(\.yes) == [5, 5, 2, 0, 0])
        #expect(Array(run.countedTrackers) == envelopes.map { $0.tracker(.sha256) }.sorted())
        // The same ballot copied onto another line: one credential, two ballots, both set aside.
        try box.appendToBundle([envelopes[6]])
        let again = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(again.result.figures.setAside == 2 && again.result.figures.valid == 6)
        #expect(again.result.candidates[2].yes == 1)
        #expect(Set(again.result.review.map(\.file)) == ["box.jsonl:7", "box.jsonl:8"])
    }

    @Test func manyReusedCredentialsAreAllSetAsideInOnePass() throws {
        let made = try Fixture.vote(deputies: 12, candidates: 5, seats: 3)
        let envelopes = try made.sealedBallots(10)
        let box = BallotBox(vote: made.vote)
        // Ballots 1 to 4 also as files, 5 and 6 twice more in the bundle, 7 to 10 once.
        for envelope in envelopes.prefix(4) { try box.put(envelope) }
        try box.appendToBundle(envelopes + [envelopes[4], envelopes[5], envelopes[5]])
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        let figures = run.result.figures
        #expect(figures.setAside == 4 * 2 + 2 + 3 && figures.valid == 4)
        #expect(run.countedTrackers.count == 4 && Set(run.countedTrackers) == Set(envelopes[6...].map { $0.tracker(.sha256) }))
        for candidate in run.result.candidates { #expect(candidate.yes + candidate.no + candidate.abstain == figures.valid) }
        #expect(run.result.candidates.map(\.yes) == [1, 0, 1, 1, 1])  // ballots 10, 7, 8 and 9
        let setAside = run.result.review.filter { $0.status == .setAside }
        #expect(setAside.count == figures.setAside)
        #expect(
            Set(setAside.map(\.file))
                == Set(
                    (0..<4).map { "box/\(envelopes[$0].tracker(.sha256).hex).json" } + (1...4).map { "box.jsonl:\($0)" } + [
                        "box.jsonl:5", "box.jsonl:6", "box.jsonl:11", "box.jsonl:12", "box.jsonl:13",
                    ]))
    }

    @Test func aLogThatDoesNotCheckStopsTheCountWhileTheBallotsAreRead() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let envelopes = try made.sealedBallots(6) { _ in ["1"] }
        try BallotBox(vote: made.vote).appendToBundle(envelopes)
        let log = made.vote.folder.issuanceLogURL
        let text = try String(contentsOf: log, encoding: .utf8)
        try text.replacingOccurrences(of: #""deputy":"D2""#, with: #""deputy":"D8""#).write(to: log, atomically: true, encoding: .utf8)
        let error = try #require(throws: ShishiError.self) { try Tally(vote: made.vote).run(now: Fixture.now) }
        #expect(error.code == "tally.cannotCount" && error.message.en.contains("check 4"), "\(error.message.en)")
        #expect(!FileManager.default.fileExists(atPath: made.vote.folder.url.appendingPathComponent("result.json").path))
    }
}
