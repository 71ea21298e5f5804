import Foundation
import ShishiBallot
import ShishiCore
import Testing

/// The fast canonical reader and writer of ballots and envelopes against the strict JSON coders:
/// the same bytes for every value, the same value back, and nothing else accepted.
@Suite struct CanonicalCodingTests {
    static let keys = try! (0..<4).map { _ in try PrivateKey(generating: .ed25519).publicKey }

    func randomBallot(_ random: inout SeededGenerator) -> Ballot {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_项目代表甲乙丙丁é")
        func identifier() -> String { String((0..<Int.random(in: 1...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        var marks: [String: Mark] = [:]
        for _ in 0..<Int.random(in: 0...16, using: &random) { marks[identifier()] = Mark.allCases.randomElement(using: &random)! }
        let secret = Bool.random(using: &random)
        return Ballot(
            vote: HashValue(algorithm: Bool.random(using: &random) ? .sha256 : .sm3, bytes: random.bytes(32)),
            round: Int.random(in: 1...12, using: &random), marks: marks,
            credential: secret
                ? BallotCredential(key: Self.keys.randomElement(using: &random)!, prefix: random.bytes(32), registrarSignature: random.bytes(384)) : nil,
            voter: secret ? nil : identifier()
        )
    }

    @Test func theFastWriterMatchesTheStrictEncoderAndReadsBack() throws {
        var random = SeededGenerator(seed: 2027)
        for _ in 0..<500 {
            let ballot = randomBallot(&random)
            let strict = try StrictJSON.encode(ballot)
            #expect(ballot.canonicalBytes() == strict, "\(String(decoding: strict, as: UTF8.self))")
            #expect(Ballot.canonical(strict) == ballot)

            var envelope = SignedEnvelope(payloadType: Ballot.payloadType, payload: strict)
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                envelope.signatures.append(
                    Signature(
                        suite: Bool.random(using: &random) ? .ed25519 : .sm2, key: random.bytes(32).hexString,
                        sig: random.bytes(Int.random(in: 1...80, using: &random))))
            }
            let line = try StrictJSON.encode(envelope)
            #expect(envelope.canonicalBytes() == line)
            #expect(SignedEnvelope.canonical(line) == envelope)
        }
    }

    @Test func anythingButTheCanonicalBytesIsLeftToTheStrictPath() throws {
        var random = SeededGenerator(seed: 7)
        let ballot = Ballot(
            vote: HashValue(algorithm: .sha256, bytes: random.bytes(32)), round: 1, marks: ["1": .yes, "2": .no], credential: nil, voter: "D001")
        let good = String(decoding: try StrictJSON.encode(ballot), as: UTF8.self)
        #expect(Ballot.canonical(Data(good.utf8)) == ballot)
        let variants = [
            good.replacingOccurrences(of: #""1":"yes","#, with: #""1":"yes","1":"no","#),  // a repeated key
            good.replacingOccurrences(of: #""1":"yes","2":"no""#, with: #""2":"no","1":"yes""#),  // reordered
            good.replacingOccurrences(of: #","round":1"#, with: #", "round":1"#),  // white space
            good.replacingOccurrences(of: #""round":1"#, with: #""round":01"#),  // a leading zero
            good.replacingOccurrences(of: #""D001""#, with: #""D\u0030001""#),  // an escape
            good.replacingOccurrences(of: "sha256:", with: "SHA256:"),
            good.uppercased(),
            good + " ",
            good + "{}",
            String(good.dropLast()),
            good.replacingOccurrences(of: #""voter":"D001""#, with: #""voter":"D001","x":1"#),  // an unknown field
        ]
        for variant in variants {
            #expect(Ballot.canonical(Data(variant.utf8)) == nil, "\(variant)")
        }
        let envelope = SignedEnvelope(payloadType: Ballot.payloadType, payload: Data(good.utf8))
        let line = String(decoding: try StrictJSON.encode(envelope), as: UTF8.self)
        #expect(SignedEnvelope.canonical(Data(line.utf8)) == envelope)
        #expect(SignedEnvelope.canonical(try envelope.fileData()) == nil)  // the pretty file form goes the strict way
        #expect(SignedEnvelope.canonical(Data(line.replacingOccurrences(of: "=\"", with: "==\"").utf8)) == nil)
        #expect(SignedEnvelope.canonical(Data((line + "\n").utf8)) == nil)
    }

    @Test func sealedLogsAndSignedFilesReadFastAndExactly() throws {
        var random = SeededGenerator(seed: 99)
        let kinds: [IssuanceEntry.Kind] = [.credential, .paper, .recorded]
        let entries = (0..<200).map { index in
            IssuanceEntry(
                seq: index + 1, deputy: "D\(Int.random(in: 0...99_999, using: &random))代表", kind: kinds.randomElement(using: &random)!,
                at: "2027-01-15T01:\(String(format: "%02d", index % 60)):00Z", prev: HashValue(algorithm: .sm3, bytes: random.bytes(32)))
        }
        for entry in entries { #expect(try entry.lineBytes() == StrictJSON.encode(entry)) }
        for count in [0, 1, 200] {
            let seal = IssuanceSeal(
                vote: HashValue(algorithm: .sha256, bytes: random.bytes(32)), sealedAt: "2027-01-15T02:00:00Z", deputies: 327, present: count,
                credentials: count / 2, paper: count - count / 2, head: HashValue(algorithm: .sha256, bytes: random.bytes(32)),
                entries: Array(entries.prefix(count)))
            let strict = try StrictJSON.encode(seal)
            #expect(seal.canonicalBytes() == strict)
            #expect(IssuanceSeal.canonical(strict) == seal)
            #expect(IssuanceSeal.canonical(strict + Data(" ".utf8)) == nil)

            var envelope = SignedEnvelope(payloadType: IssuanceSeal.payloadType, payload: strict)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                envelope.signatures.append(Signature(suite: .ed25519, key: random.bytes(32).hexString, sig: random.bytes(64)))
            }
            let file = try envelope.fileData()
            #expect(envelope.canonicalFileBytes() == file)
            #expect(SignedEnvelope.canonicalFile(file) == envelope)
            #expect(SignedEnvelope.canonicalFile(file.dropLast()) == nil)
        }
        #expect(SignedEnvelope(payloadType: "x", payload: Data()).canonicalFileBytes() == nil)  // no signature: left to the encoder
    }
}
