import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

@Suite struct CastingTests {
    @Test func aCastBallotIsNamedByItsTrackerAndVerifies() throws {
        let made = try Fixture.vote()
        let credential = try made.credential(for: "D1")
        let marking = try BallotMarking(yes: ["1", "3"], no: ["2"], manifest: made.vote.manifest)
        let receipt = try BallotCaster(vote: made.vote).cast(marking, credential: credential)
        #expect(receipt.file.lastPathComponent == "\(receipt.tracker.hex).json")
        let verdict = BallotVerifier(vote: made.vote).verify(try Data(contentsOf: receipt.file), source: "b")
        #expect(verdict.status == .valid)
        #expect(verdict.tracker == receipt.tracker)
        #expect(verdict.ballot?.yes == ["1", "3"])
        #expect(verdict.ballot?.no == ["2"])
        #expect(verdict.ballot?.voter == nil)
    }

    @Test func moreThanKYesMarksAreRefusedAtTheTerminal() throws {
        let made = try Fixture.vote(seats: 3)
        let error = try #require(throws: ShishiError.self) { try BallotMarking(yes: ["1", "2", "3", "4"], no: [], manifest: made.vote.manifest) }
        #expect(error.code == "cast.tooManyYes")
        #expect(error.message.zh.contains("最多只能同意 3 个"))
        _ = try BallotMarking(yes: ["1", "2", "3"], no: ["4"], manifest: made.vote.manifest)
        _ = try BallotMarking(yes: [], no: [], manifest: made.vote.manifest)  // blank: all abstentions
    }

    @Test func badMarksAreRefused() throws {
        let made = try Fixture.vote()
        let manifest = made.vote.manifest
        #expect(try #require(throws: ShishiError.self) { try BallotMarking(yes: ["9"], no: [], manifest: manifest) }.code == "cast.unknownCandidate")
        #expect(try #require(throws: ShishiError.self) { try BallotMarking(yes: ["1"], no: ["1"], manifest: manifest) }.code == "cast.yesAndNo")
        #expect(try #require(throws: ShishiError.self) { try BallotMarking(yes: ["1", "1"], no: [], manifest: manifest) }.code == "cast.repeated")
        let approval = try Fixture.vote(style: .approval)
        #expect(
            try #require(throws: ShishiError.self) { try BallotMarking(yes: ["1"], no: ["2"], manifest: approval.vote.manifest) }.code == "cast.noOnApproval")
        #expect(BallotMarking.ids("1, 4，7、9") == ["1", "4", "7", "9"])
    }

    @Test func aCredentialVotesOnce() throws {
        let made = try Fixture.vote()
        let credential = try made.credential(for: "D1")
        let caster = BallotCaster(vote: made.vote)
        _ = try caster.cast(BallotMarking(yes: ["1"], no: [], manifest: made.vote.manifest), credential: credential)
        let error = try #require(throws: ShishiError.self) {
            try caster.cast(BallotMarking(yes: ["2"], no: [], manifest: made.vote.manifest), credential: credential)
        }
        #expect(error.code == "cast.credentialUsed")
        #expect(try BallotBox(vote: made.vote).files().count == 1)
    }

    @Test func aCredentialFromAnotherVoteOrAnotherRegistrarIsRefused() throws {
        let made = try Fixture.vote()
        let other = try Fixture.vote()
        let foreign = try other.credential(for: "D1")
        let marking = try BallotMarking(yes: ["1"], no: [], manifest: made.vote.manifest)
        #expect(try #require(throws: ShishiError.self) { try BallotCaster(vote: made.vote).cast(marking, credential: foreign) }.code == "cast.otherVote")
        // A credential "signed" by someone else's RSA key for this vote.
        let key = try PrivateKey(generating: .ed25519)
        let state = try Fixture.otherBlindKey.publicKey.blind(Credential.message(vote: made.vote.hash, key: key.publicKey))
        let signature = try state.finalize(blindSignature: Fixture.otherBlindKey.blindSignature(for: state.blindedMessage))
        let forged = Credential(
            vote: made.vote.hash, secretKey: key.rawRepresentation, publicKey: key.publicKey, prefix: state.prefix, registrarSignature: signature)
        #expect(
            try #require(throws: ShishiError.self) { try BallotCaster(vote: made.vote).cast(marking, credential: forged) }.code == "cast.unauthorisedCredential"
        )
    }

    @Test func recordedVotesUseTheDeputysOwnKey() throws {
        let made = try Fixture.vote(secrecy: .recorded)
        let caster = BallotCaster(vote: made.vote)
        let marking = try BallotMarking(yes: ["2"], no: ["5"], manifest: made.vote.manifest)
        let receipt = try caster.cast(marking, deputy: "D4", key: made.officials.deputies[3])
        let verdict = BallotVerifier(vote: made.vote).verify(try Data(contentsOf: receipt.file), source: "b")
        #expect(verdict.status == .valid)
        #expect(verdict.ballot?.voter == "D4")
        // The same ballot again (a retry whose answer was lost) gets its receipt; another ballot is refused.
        #expect(try caster.cast(marking, deputy: "D4", key: made.officials.deputies[3]).tracker == receipt.tracker)
        let other = try BallotMarking(yes: ["3"], no: [], manifest: made.vote.manifest)
        #expect(try #require(throws: ShishiError.self) { try caster.cast(other, deputy: "D4", key: made.officials.deputies[3]) }.code == "cast.alreadyVoted")
        #expect(try #require(throws: ShishiError.self) { try caster.cast(marking, deputy: "D5", key: made.officials.deputies[3]) }.code == "cast.wrongKey")
    }

    @Test func theVerifierJudgesOverMarkedForeignAndUnknownMarks() throws {
        let made = try Fixture.vote(seats: 2)
        let credential = try made.credential(for: "D1")
        let blind = try #require(made.vote.manifest.keys.blind)
        _ = blind
        let publicPart = BallotCredential(key: credential.publicKey, prefix: credential.prefix, registrarSignature: credential.registrarSignature)
        func verdict(_ ballot: Ballot) throws -> BallotVerdict {
            var envelope = try SignedEnvelope(payloadType: Ballot.payloadType, encoding: ballot)
            try envelope.sign(with: credential.signingKey())
            return BallotVerifier(vote: made.vote).verify(try envelope.fileData(), source: "b")
        }
        // Over-marked (made by another tool, bypassing the terminal): authentic but invalid.
        let over = try verdict(Ballot(vote: made.vote.hash, round: 1, marks: ["1": .yes, "2": .yes, "3": .yes], credential: publicPart, voter: nil))
        #expect(over.status == .invalid)
        #expect(over.steps.last?.check == .yesLimit && over.steps.last?.passed == false)
        // Blank: valid, all abstentions.
        #expect(try verdict(Ballot(vote: made.vote.hash, round: 1, marks: [:], credential: publicPart, voter: nil)).status == .valid)
        // Another vote's hash.
        let foreign = try verdict(Ballot(vote: HashAlgorithm.sha256.digest(Data("x".utf8)), round: 1, marks: [:], credential: publicPart, voter: nil))
        #expect(foreign.status == .rejected && foreign.steps.first { $0.passed == false }?.check == .vote)
        // Another round.
        let round = try verdict(Ballot(vote: made.vote.hash, round: 2, marks: [:], credential: publicPart, voter: nil))
        #expect(round.status == .rejected && round.steps.first { $0.passed == false }?.check == .vote)
        // A candidate that does not exist.
        let unknown = try verdict(Ballot(vote: made.vote.hash, round: 1, marks: ["42": .yes], credential: publicPart, voter: nil))
        #expect(unknown.status == .rejected && unknown.steps.first { $0.passed == false }?.check == .candidates)
        // A recorded-style ballot in a secret vote.
        let recorded = try verdict(Ballot(vote: made.vote.hash, round: 1, marks: [:], credential: nil, voter: "D1"))
        #expect(recorded.status == .rejected && recorded.steps.first { $0.passed == false }?.check == .credential)
    }

    @Test func aReusedCredentialSetsAsideEveryBallotThatUsedIt() throws {
        let made = try Fixture.vote()
        let credential = try made.credential(for: "D1")
        let caster = BallotCaster(vote: made.vote)
        let box = BallotBox(vote: made.vote)
        // Someone bypasses the caster's check and drops two ballots made with one credential.
        try box.put(caster.seal(BallotMarking(yes: ["1"], no: [], manifest: made.vote.manifest), credential: credential))
        try box.put(caster.seal(BallotMarking(yes: ["2"], no: [], manifest: made.vote.manifest), credential: credential))
        _ = try caster.cast(BallotMarking(yes: ["3"], no: [], manifest: made.vote.manifest), credential: made.credential(for: "D2"))
        let audit = try BoxAudit.run(made.vote)
        #expect(audit.duplicateCredentials.count == 1)
        #expect(audit.duplicateCredentials[0].count == 2)
        #expect(!audit.allAuthentic)
    }
}
