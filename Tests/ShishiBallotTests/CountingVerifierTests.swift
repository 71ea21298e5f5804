import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

/// The count's fast path against the full verifier: it takes a ballot only when the full
/// verifier counts it as valid, with the same tracker, credential and marks, and it does take
/// every canonical valid ballot (so the count does not quietly run on the slow path).
@Suite struct CountingVerifierTests {
    /// Checks one ballot's bytes both ways; returns whether the fast path took it.
    @discardableResult
    func agree(_ verifier: CountingVerifier, _ bytes: Data, _ note: String = "") -> Bool {
        var scratch = CountingVerifier.Scratch()
        let quick = bytes.withUnsafeBytes { verifier.check($0, scratch: &scratch) }
        let full = verifier.full.verify(bytes, source: "test")
        guard let quick else { return false }
        #expect(full.status == .valid, "fast path took a ballot the full verifier finds \(full.status): \(note)")
        guard full.status == .valid, let ballot = full.ballot, let tracker = full.tracker else { return true }
        #expect(quick.tracker == Digest32(tracker.bytes), "\(note)")
        #expect(quick.credential == CredentialFingerprint(ballot), "\(note)")
        let ids = verifier.full.vote.manifest.candidates.map(\.id)
        #expect(Dictionary(uniqueKeysWithValues: scratch.marks.map { (ids[$0.candidate], $0.mark) }) == ballot.marks, "\(note)")
        return true
    }

    /// The compact line of a ballot signed by `key`.
    func line(_ ballot: Ballot, signedBy key: PrivateKey, payload: Data? = nil) throws -> Data {
        var envelope = SignedEnvelope(payloadType: Ballot.payloadType, payload: try payload ?? StrictJSON.encode(ballot))
        try envelope.sign(with: key)
        return try StrictJSON.encode(envelope)
    }

    func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test func recordedBallotsAndTheirVariants() throws {
        let made = try Fixture.vote(secrecy: .recorded, deputies: 6, candidates: 12, seats: 4)
        let verifier = CountingVerifier(vote: made.vote)
        let keys = made.officials.deputies
        var random = SeededGenerator(seed: 31)
        func ballot(_ deputy: Int, _ marks: [String: Mark]) -> Ballot {
            Ballot(vote: made.vote.hash, round: 1, marks: marks, credential: nil, voter: "D\(deputy + 1)")
        }
        var lines: [Data] = []
        for deputy in 0..<6 {
            var marks: [String: Mark] = [:]
            for id in (1...12).map(String.init).shuffled(using: &random).prefix(deputy * 2) {
                marks[id] = marks.values.filter { $0 == .yes }.count < 4 && Bool.random(using: &random) ? .yes : .no
            }
            let good = try line(ballot(deputy, marks), signedBy: keys[deputy])
            #expect(agree(verifier, good, "deputy \(deputy)"), "a canonical valid ballot takes the fast path")
            lines.append(good)
            // The same ballot as a file in box/ (indented, with a final line feed).
            let file = try StrictJSON.decode(SignedEnvelope.self, from: good, source: "t").fileData()
            #expect(agree(verifier, file, "deputy \(deputy), file"), "a ballot file takes the fast path")
            lines.append(file)
        }
        // Any changed byte: never taken unless the full verifier counts it too.
        for good in lines {
            for _ in 0..<150 {
                var bad = good
                let index = Int.random(in: 0..<bad.count, using: &random)
                bad[bad.startIndex + index] ^= UInt8.random(in: 1...255, using: &random)
                agree(verifier, bad, "byte \(index)")
            }
            agree(verifier, good.dropLast(), "cut short")
            agree(verifier, good + Data(" ".utf8), "trailing space")
        }
        // Signed by the right key, yet not valid or not canonical: the full verifier decides.
        let refused: [(String, Data)] = [
            ("over-marked", try line(ballot(0, ["1": .yes, "2": .yes, "3": .yes, "4": .yes, "5": .yes]), signedBy: keys[0])),
            ("unknown candidate", try line(ballot(0, ["13": .yes]), signedBy: keys[0])),
            ("mark of another style", try line(ballot(0, ["1": .satisfied]), signedBy: keys[0])),
            (
                "another vote",
                try line(
                    Ballot(vote: HashValue(algorithm: .sha256, bytes: Data(repeating: 1, count: 32)), round: 1, marks: [:], credential: nil, voter: "D1"),
                    signedBy: keys[0])
            ),
            ("another round", try line(Ballot(vote: made.vote.hash, round: 2, marks: [:], credential: nil, voter: "D1"), signedBy: keys[0])),
            ("not on the roster", try line(ballot(99, [:]), signedBy: keys[0])),
            ("another deputy's key", try line(ballot(1, ["1": .yes]), signedBy: keys[0])),
            (
                "payload with white space",
                try line(
                    ballot(0, ["1": .yes]), signedBy: keys[0],
                    payload: Data(text(try StrictJSON.encode(ballot(0, ["1": .yes]))).replacingOccurrences(of: ",\"round\"", with: ", \"round\"").utf8))
            ),
        ]
        for (note, bytes) in refused {
            #expect(!agree(verifier, bytes, note), "\(note): left to the full verifier")
        }
        #expect(verifier.full.verify(refused[0].1, source: "t").status == .invalid)

        // Envelope variants around a good signature.
        let good = lines[6]
        let signature = text(good)[text(good).range(of: #"{"key""#)!.lowerBound...].dropLast(2)
        let other = try PrivateKey(generating: .ed25519)
        var foreign = SignedEnvelope(payloadType: Ballot.payloadType, payload: Data())
        try foreign.sign(with: other)
        let foreignSignature = text(try StrictJSON.encode(foreign.signatures[0]))
        let variants: [(String, String, Bool)] = [
            // A ballot carries exactly one signature: both paths refuse a second one.
            ("a second signature by another key", text(good).replacingOccurrences(of: "[\(signature)]", with: "[\(foreignSignature),\(signature)]"), false),
            (
                "an unknown suite beside it",
                text(good).replacingOccurrences(of: "[\(signature)]", with: #"[{"key":"00","sig":"AA==","suite":"rsa"},"# + "\(signature)]"), false
            ),
            (
                "the fingerprint in capitals",
                text(good).replacingOccurrences(
                    of: String(signature),
                    with: String(signature).uppercased().replacingOccurrences(of: "\"KEY\"", with: "\"key\"").replacingOccurrences(
                        of: "\"SIG\"", with: "\"sig\""
                    ).replacingOccurrences(of: "\"SUITE\":\"ED25519\"", with: "\"suite\":\"ed25519\"")), false
            ),
            ("no signature", text(good).replacingOccurrences(of: "[\(signature)]", with: "[]"), false),
            ("the signature twice", text(good).replacingOccurrences(of: "[\(signature)]", with: "[\(signature),\(signature)]"), false),
        ]
        for (note, variant, taken) in variants {
            #expect(agree(verifier, Data(variant.utf8), note) == taken, "\(note)")
        }
    }

    @Test func secretBallotsTakeTheFastPathAndAgree() throws {
        let made = try Fixture.vote(secrecy: .secret, deputies: 4, candidates: 5, seats: 2)
        let registrar = try made.registrar()
        let verifier = CountingVerifier(vote: made.vote)
        var random = SeededGenerator(seed: 5)
        for deputy in 1...3 {
            let credential = try made.credential(for: "D\(deputy)", registrar: registrar)
            let envelope = try BallotCaster(vote: made.vote).seal(
                BallotMarking(yes: deputy == 1 ? [] : ["\(deputy)"], no: ["5"], manifest: made.vote.manifest), credential: credential)
            let good = try StrictJSON.encode(envelope)
            #expect(agree(verifier, good, "deputy \(deputy)"))
            #expect(agree(verifier, try envelope.fileData(), "deputy \(deputy), file"))
            let respaced = String(decoding: try envelope.fileData(), as: UTF8.self).replacingOccurrences(of: "    {", with: "   {")
            #expect(!agree(verifier, Data(respaced.utf8), "another indentation"), "left to the full verifier")
            #expect(verifier.full.verify(Data(respaced.utf8), source: "t").status == .valid)
            for _ in 0..<60 {
                var bad = good
                bad[bad.startIndex + Int.random(in: 0..<bad.count, using: &random)] ^= 0x04
                agree(verifier, bad, "changed")
            }
            // A credential for another vote's registrar: signed by the one-time key, refused by both.
            let ballot = try #require(Ballot.canonical(envelope.payload))
            var forged = ballot
            forged.credential?.registrarSignature = random.bytes(384)
            #expect(!agree(verifier, try line(forged, signedBy: credential.signingKey()), "forged registrar signature"))
            #expect(agree(verifier, try line(ballot, signedBy: credential.signingKey()), "re-signed as it was"))
        }
    }

    @Test func canonicalBase64IsWhatFoundationWrites() throws {
        var random = SeededGenerator(seed: 64)
        let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \n-_".utf8)
        for length in 0..<200 {
            let bytes = random.bytes(length % 70)
            let text = Data(bytes.base64EncodedString().utf8)
            var out: [UInt8] = []
            #expect(text.withUnsafeBytes { CanonicalBase64.decode($0, into: &out) } && Data(out) == bytes)
            // Altered texts: accepted exactly when Foundation reads them and writes them back the same.
            var altered = Array(text)
            if altered.isEmpty {
                altered = [symbols.randomElement(using: &random)!]
            } else {
                altered[Int.random(in: 0..<altered.count, using: &random)] = symbols.randomElement(using: &random)!
            }
            out = []
            let accepted = altered.withUnsafeBytes { CanonicalBase64.decode($0, into: &out) }
            let foundation = Data(base64Encoded: Data(altered)).map { $0.base64EncodedString() == String(decoding: altered, as: UTF8.self) } ?? false
            #expect(accepted == foundation, "\(String(decoding: altered, as: UTF8.self))")
            if accepted { #expect(Data(out) == Data(base64Encoded: Data(altered))) }
        }
        for bad in ["QQ", "QQ=", "QR==", "QUJ=", "Q===", "====", "QUJD\n", " QUJD"] {
            var out: [UInt8] = []
            #expect(!Data(bad.utf8).withUnsafeBytes { CanonicalBase64.decode($0, into: &out) }, "\(bad)")
        }
    }
}
