import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

@Suite struct CredentialTests {
    @Test func blindIssuanceEndToEndWithOnlyBytesBetweenTheRoles() throws {
        let made = try Fixture.vote()
        // Terminal: knows only the manifest.
        let pending = try VotingTerminal(manifest: made.vote.signed).request(deputy: "D3")
        let requestBytes = try StrictJSON.encode(pending.request)
        // Registrar: sees only the request bytes.
        let registrar = try made.registrar()
        let grant = try registrar.issue(StrictJSON.decode(CredentialRequest.self, from: requestBytes, source: "request"))
        let grantBytes = try StrictJSON.encode(grant)
        // Terminal: unblinds.
        let credential = try pending.finalize(StrictJSON.decode(CredentialGrant.self, from: grantBytes, source: "grant"))
        // The blinded message reveals nothing: it is not the message, nor does it contain the key.
        let message = Credential.message(vote: made.vote.hash, key: credential.publicKey)
        #expect(pending.request.blindedMessage != message)
        #expect(pending.request.blindedMessage.range(of: credential.publicKey.rawRepresentation) == nil)
        // Anyone can check the credential against the manifest's published key.
        let publicPart = BallotCredential(key: credential.publicKey, prefix: credential.prefix, registrarSignature: credential.registrarSignature)
        #expect(publicPart.isAuthorised(vote: made.vote.hash, blindKey: try #require(made.vote.manifest.keys.blind)))
        // The log says only who received one and when.
        #expect(registrar.entries.map(\.deputy) == ["D3"])
        #expect(registrar.entries.map(\.kind) == [.credential])
        #expect(registrar.entries[0].at == Timestamp.string(Fixture.now))
        let logText = try String(contentsOf: made.vote.folder.issuanceLogURL, encoding: .utf8)
        #expect(!logText.contains(credential.publicKey.rawRepresentation.base64EncodedString()))
    }

    @Test func aCredentialForOneVoteIsNotAuthorisedForAnother() throws {
        let first = try Fixture.vote()
        let second = try Fixture.vote()
        let credential = try first.credential(for: "D1")
        let publicPart = BallotCredential(key: credential.publicKey, prefix: credential.prefix, registrarSignature: credential.registrarSignature)
        #expect(!publicPart.isAuthorised(vote: second.vote.hash, blindKey: Fixture.blindKey.publicKey))
    }

    @Test func aSecondCredentialForTheSameDeputyIsRefusedEvenAfterARestart() throws {
        let made = try Fixture.vote()
        _ = try made.credential(for: "D1")
        let restarted = try made.registrar()
        let pending = try VotingTerminal(manifest: made.vote.signed).request(deputy: "D1")
        let error = try #require(throws: ShishiError.self) { try restarted.issue(pending.request) }
        #expect(error.code == "registrar.alreadyIssued")
        #expect(error.message.zh.contains("D1"))
        // Nor a paper ballot for a deputy who holds a credential.
        #expect(try #require(throws: ShishiError.self) { try restarted.issuePaperBallot(to: "D1") }.code == "registrar.alreadyIssued")
    }

    @Test func anUnknownDeputyIsRefused() throws {
        let made = try Fixture.vote()
        let pending = try VotingTerminal(manifest: made.vote.signed).request(deputy: "D99")
        let error = try #require(throws: ShishiError.self) { try made.registrar().issue(pending.request) }
        #expect(error.code == "registrar.unknownDeputy")
    }

    @Test func nothingIsIssuedAfterTheSeal() throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        _ = try made.credential(for: "D1", registrar: registrar)
        try registrar.issuePaperBallot(to: "D2")
        let seal = try registrar.seal()
        #expect(seal.present == 2 && seal.credentials == 1 && seal.paper == 1 && seal.deputies == 9)
        let pending = try VotingTerminal(manifest: made.vote.signed).request(deputy: "D3")
        #expect(try #require(throws: ShishiError.self) { try registrar.issue(pending.request) }.code == "registrar.sealed")
        #expect(try #require(throws: ShishiError.self) { try made.registrar().issuePaperBallot(to: "D4") }.code == "registrar.sealed")
        #expect(try #require(throws: ShishiError.self) { try registrar.seal() }.code == "registrar.sealed")
        let loaded = try IssuanceSeal.load(for: made.vote)
        #expect(loaded == seal)
    }

    @Test func aRequestForAnotherVoteIsRefused() throws {
        let first = try Fixture.vote()
        let second = try Fixture.vote()
        let pending = try VotingTerminal(manifest: second.vote.signed).request(deputy: "D1")
        #expect(try #require(throws: ShishiError.self) { try first.registrar().issue(pending.request) }.code == "registrar.otherVote")
    }

    @Test func theRegistrarNeedsThePublishedKeys() throws {
        let made = try Fixture.vote()
        #expect(
            try #require(throws: ShishiError.self) {
                try Registrar(vote: made.vote, signingKey: made.officials.secretariat, blindKey: Fixture.blindKey)
            }.code == "registrar.wrongKey")
        #expect(
            try #require(throws: ShishiError.self) {
                try Registrar(vote: made.vote, signingKey: made.officials.registrar, blindKey: Fixture.otherBlindKey)
            }.code == "registrar.wrongBlindKey")
        let withoutBlind = try Registrar(vote: made.vote, signingKey: made.officials.registrar, blindKey: nil)
        let pending = try VotingTerminal(manifest: made.vote.signed).request(deputy: "D1")
        #expect(try #require(throws: ShishiError.self) { try withoutBlind.issue(pending.request) }.code == "registrar.noBlindKey")
    }

    @Test func anEditedLogLineBreaksTheChain() throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        for deputy in ["D1", "D2", "D3"] { try registrar.issuePaperBallot(to: deputy) }
        let url = made.vote.folder.issuanceLogURL
        let edited = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"D2\"", with: "\"D5\"")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        let error = try #require(throws: ShishiError.self) { try made.registrar() }
        #expect(error.code == "issuance.brokenChain")
        #expect(error.message.en.contains("entry 3"))
    }

    @Test func aBatchIsAllOrNothing() throws {
        let made = try Fixture.vote()
        let registrar = try made.registrar()
        let terminal = VotingTerminal(manifest: made.vote.signed)
        let good = try ["D1", "D2"].map { try terminal.request(deputy: $0) }
        let bad = try terminal.request(deputy: "D404")
        #expect(throws: ShishiError.self) { try registrar.issue(batch: (good + [bad]).map(\.request)) }
        #expect(registrar.entries.isEmpty)
        let grants = try registrar.issue(batch: good.map(\.request))
        #expect(grants.count == 2)
        #expect(registrar.entries.map(\.deputy) == ["D1", "D2"])
        _ = try good[1].finalize(grants[1])
    }
}
