import Foundation
import ShishiBallot
import ShishiCore

/// Small votes for tests, built through the same code as real ones, in a fresh temporary folder each.
enum Fixture {
    /// One registrar RSA key for the whole test run (3072-bit generation is slow).
    static let blindKey = try! BlindPrivateKey(bits: 3072)
    /// Another one, for forgeries.
    static let otherBlindKey = try! BlindPrivateKey(bits: 3072)
    /// The fixed clock of every test: 15 January 2027, 09:00 Beijing time.
    static let now = Date(timeIntervalSince1970: 1_799_974_800)

    struct Officials {
        var secretariat: PrivateKey
        var registrar: PrivateKey
        var counter: PrivateKey
        var scrutineer: PrivateKey
        var deputies: [PrivateKey]
    }

    struct Made {
        var vote: Vote
        var officials: Officials
        var folder: URL

        func registrar() throws -> Registrar {
            try Registrar(vote: vote, signingKey: officials.registrar, blindKey: vote.manifest.secrecy == .secret ? Fixture.blindKey : nil, clock: { Fixture.now })
        }

        /// Signs `deputy` in and returns a finished credential.
        func credential(for deputy: String, registrar: Registrar? = nil) throws -> Credential {
            let registrar = try registrar ?? self.registrar()
            let pending = try VotingTerminal(manifest: vote.signed).request(deputy: deputy)
            return try pending.finalize(registrar.issue(pending.request))
        }
    }

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A vote of `deputies` deputies (D1…), `candidates` candidates (1…) and `seats` seats.
    static func vote(
        secrecy: Secrecy = .secret, suite: SignatureSuite = .ed25519, style: BallotStyle = .yesNoAbstain,
        deputies: Int = 9, candidates: Int = 5, seats: Int = 3
    ) throws -> Made {
        let officials = Officials(
            secretariat: try PrivateKey(generating: suite),
            registrar: try PrivateKey(generating: suite),
            counter: try PrivateKey(generating: suite),
            scrutineer: try PrivateKey(generating: suite),
            deputies: try (0..<deputies).map { _ in try PrivateKey(generating: suite) }
        )
        let roster = try Roster(deputies: (0..<deputies).map { index in
            Deputy(id: "D\(index + 1)", name: "代表\(index + 1)", group: nil, publicKey: secrecy == .recorded ? officials.deputies[index].publicKey : nil)
        })
        var definition = VoteDefinition(
            voteId: "test", title: "测试票决", seats: seats,
            candidates: (1...candidates).map { Candidate(id: "\($0)", title: "项目\($0)", titleEn: "Project \($0)") },
            rosterCSV: Data(roster.csvText().utf8), registrar: officials.registrar.publicKey,
            blind: secrecy == .secret ? blindKey.publicKey : nil
        )
        definition.secrecy = secrecy
        definition.style = style
        definition.officials = [
            Official(role: .counter, name: "计票人甲", key: officials.counter.publicKey),
            Official(role: .scrutineer, name: "监票人乙", key: officials.scrutineer.publicKey),
        ]
        let folder = temporaryFolder().appendingPathComponent("vote")
        let vote = try definition.create(at: folder, secretariat: officials.secretariat, now: now)
        return Made(vote: vote, officials: officials, folder: folder)
    }

    /// Flips one bit in the middle of a file's payload (or of the file, if it has none).
    static func tamper(_ url: URL) throws {
        var data = try Data(contentsOf: url)
        if var envelope = try? StrictJSON.decode(SignedEnvelope.self, from: data, source: "x") {
            envelope.payload[envelope.payload.count / 2] ^= 0x01
            data = try envelope.fileData()
        } else {
            data[data.count / 2] ^= 0x01
        }
        try data.write(to: url)
    }
}
