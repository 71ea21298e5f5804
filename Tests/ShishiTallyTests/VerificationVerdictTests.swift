import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Testing

/// `shishi verify`'s verdicts, told apart: verified, the count's checks recording problems, a
/// changed or forged result, a result awaiting its countersignature.
@Suite struct VerificationVerdictTests {
    func counted(junk: Bool = false) throws -> Fixture.Made {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        for deputy in 1...7 { try made.cast("D\(deputy)", yes: ["1"], registrar: registrar) }
        if junk { try Data("not a ballot".utf8).write(to: made.folder.appendingPathComponent("box/junk.json")) }
        try registrar.seal()
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .en, now: Fixture.now)
        return made
    }

    @Test func eachOutcomeHasItsVerdictAndExitStatus() throws {
        let made = try counted()
        let pending = try Verification.run(made.vote, previous: nil)
        #expect(pending.verdict == .pendingSignature && pending.verdict.exitStatus == 3)
        _ = try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        let verified = try Verification.run(made.vote, previous: nil)
        #expect(verified.verdict == .verified && verified.verdict.exitStatus == 0)
        // A signature that claims to be the scrutineer's but is not: a forgery.
        var envelope = try SignedEnvelope.read(from: ResultFile(vote: made.vote).url)
        envelope.signatures.append(Signature(suite: .ed25519, key: made.officials.secondScrutineer.publicKey.fingerprint, sig: Data(count: 64)))
        try envelope.fileData().write(to: ResultFile(vote: made.vote).url)
        let forged = try Verification.run(made.vote, previous: nil)
        #expect(forged.verdict == .changed && forged.verdict.exitStatus == 2)
    }

    @Test func aSignedFileChangedSoThatNoRecountCanRunIsAChangeNotAnUnreadableFolder() throws {
        let made = try counted()
        _ = try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        // The registrar's sealed log loses its signature after the count: the recount cannot run.
        let sealURL = made.folder.appendingPathComponent("issuance.json")
        var seal = try SignedEnvelope.read(from: sealURL)
        seal.signatures[0].sig = Data(count: seal.signatures[0].sig.count)
        try seal.fileData().write(to: sealURL)
        #expect(throws: ShishiError.self) { try Tally(vote: made.vote).run(now: Fixture.now) }
        let verification = try Verification.run(made.vote, previous: nil)
        #expect(verification.verdict == .changed && verification.verdict.exitStatus == 2 && verification.recount == nil)
        #expect(verification.checks.map(\.check) == [.result] && verification.differences.count == 1)
        #expect(verification.differences[0].en.contains("no longer allow a recount"))
        // A scrutineer cannot countersign it (again), for that reason.
        let refusal = try #require(throws: ShishiError.self) { try ResultFile(vote: made.vote).countersign(with: made.officials.scrutineer, previous: nil) }
        #expect(refusal.code == .resultMismatch && refusal.message.en.contains("no longer allow a recount"), "\(refusal.code.rawValue): \(refusal.message.en)")
    }

    @Test func aRejectedBallotIsAProblemTheResultRecordsNotAForgery() throws {
        let made = try counted(junk: true)
        _ = try ResultFile(vote: made.vote).sign(with: made.officials.scrutineer)
        let verification = try Verification.run(made.vote, previous: nil)
        #expect(verification.differences.isEmpty && verification.verdict == .checksFailed && verification.verdict.exitStatus == 1)
    }
}
