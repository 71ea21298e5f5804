public import Foundation
public import ShishiBallot
public import ShishiCore

/// Small votes for tests, built through the same code as real ones, in a fresh temporary folder each.
public enum Fixture {
    /// One registrar RSA key for the whole test run (3072-bit generation is slow).
    public static let blindKey = try! BlindPrivateKey(bits: 3072)
    /// Another one, for forgeries.
    public static let otherBlindKey = try! BlindPrivateKey(bits: 3072)
    /// The fixed clock of every test: 15 January 2027, 09:00 Beijing time.
    public static let now = Date(timeIntervalSince1970: 1_799_974_800)

    /// The officials' private keys of a test vote.
    public struct Officials: Sendable {
        /// Signs the manifest.
        public var secretariat: PrivateKey
        /// Signs the issuance log.
        public var registrar: PrivateKey
        /// Enters paper boxes.
        public var counter: PrivateKey
        /// Countersigns boxes and the result.
        public var scrutineer: PrivateKey
        /// A second scrutineer, published in the manifest only when the vote asks for two.
        public var secondScrutineer: PrivateKey
        /// The deputies' own keys (used in recorded votes).
        public var deputies: [PrivateKey]
    }

    /// A test vote made: the opened vote, its officials' keys and its folder.
    public struct Made: Sendable {
        /// The vote.
        public var vote: Vote
        /// The officials' keys.
        public var officials: Officials
        /// The vote folder.
        public var folder: URL

        /// A registrar for the vote, on the fixed test clock.
        public func registrar() throws -> Registrar {
            try Registrar(
                vote: vote, signingKey: officials.registrar, blindKey: vote.manifest.secrecy == .secret ? Fixture.blindKey : nil, clock: { Fixture.now })
        }

        /// Signs `deputy` in and returns a finished credential.
        public func credential(for deputy: String, registrar: Registrar? = nil) throws -> Credential {
            let registrar = try registrar ?? self.registrar()
            let pending = try VotingTerminal(manifest: vote.signed).request(deputy: deputy)
            return try pending.finalize(registrar.issue(pending.request))
        }
    }

    /// A new, empty folder under the temporary directory.
    public static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A vote of `deputies` deputies (D1…), `candidates` candidates (1…) and `seats` seats.
    public static func vote(
        secrecy: Secrecy = .secret, suite: SignatureSuite = .ed25519, style: BallotStyle = .yesNoAbstain,
        deputies: Int = 9, candidates: Int = 5, seats: Int = 3, base: MajorityBase = .all, shortfall: ShortfallRule = .secondRound,
        list: [Candidate]? = nil, scrutineers: Int = 1, publication: BallotPublication? = nil
    ) throws -> Made {
        let officials = Officials(
            secretariat: try PrivateKey(generating: suite),
            registrar: try PrivateKey(generating: suite),
            counter: try PrivateKey(generating: suite),
            scrutineer: try PrivateKey(generating: suite),
            secondScrutineer: try PrivateKey(generating: suite),
            deputies: try (0..<deputies).map { _ in try PrivateKey(generating: suite) }
        )
        let roster = try Roster(
            deputies: (0..<deputies).map { index in
                Deputy(id: "D\(index + 1)", name: "代表\(index + 1)", group: nil, publicKey: secrecy == .recorded ? officials.deputies[index].publicKey : nil)
            })
        var definition = VoteDefinition(
            voteId: "test", title: style.isRating ? "测试测评" : "测试票决", seats: style.isRating ? 0 : seats,
            candidates: list ?? (1...candidates).map { Candidate(id: "\($0)", title: "项目\($0)", titleEn: "Project \($0)") },
            rosterCSV: Data(roster.csvText().utf8), registrar: officials.registrar.publicKey,
            blind: secrecy == .secret ? blindKey.publicKey : nil
        )
        definition.secrecy = secrecy
        definition.publication = publication
        definition.style = style
        definition.rules = VoteRules(majorityBase: base, shortfallRule: shortfall, grading: style.isRating ? GradingRule() : nil)
        definition.officials =
            [
                Official(role: .counter, name: "计票人甲", key: officials.counter.publicKey),
                Official(role: .scrutineer, name: "监票人乙", key: officials.scrutineer.publicKey),
            ] + (scrutineers > 1 ? [Official(role: .scrutineer, name: "监票人丙", key: officials.secondScrutineer.publicKey)] : [])
        let folder = temporaryFolder().appendingPathComponent("vote")
        let vote = try definition.create(at: folder, secretariat: officials.secretariat, now: now)
        return Made(vote: vote, officials: officials, folder: folder)
    }

    /// The repository's root (for its bundled example).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Flips one bit in the middle of a file's payload (or of the file, if it has none).
    public static func tamper(_ url: URL) throws {
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

extension Fixture.Made {
    /// Signs `deputy` in and casts a secret ballot with these marks.
    @discardableResult
    public func cast(_ deputy: String, yes: [String], no: [String] = [], registrar: Registrar) throws -> BallotCaster.Receipt {
        let credential = try credential(for: deputy, registrar: registrar)
        return try BallotCaster(vote: vote).cast(BallotMarking(yes: yes, no: no, manifest: vote.manifest), credential: credential)
    }

    /// Signs deputies D1 to D`count` in and seals one secret ballot each (yes to `yes(index)`,
    /// candidate `index % 5 + 1` unless told) without casting it, then seals sign-in: ballots to
    /// put in the box by hand.
    public func sealedBallots(_ count: Int, yes: (Int) -> [String] = { ["\($0 % 5 + 1)"] }) throws -> [SignedEnvelope] {
        let registrar = try registrar()
        let caster = BallotCaster(vote: vote)
        let envelopes = try (1...count).map { index in
            try caster.seal(
                BallotMarking(yes: yes(index), no: [], manifest: vote.manifest), credential: try credential(for: "D\(index)", registrar: registrar))
        }
        try registrar.seal()
        return envelopes
    }

    /// Signs `deputy` in and casts a secret evaluation ballot with these ratings.
    @discardableResult
    public func rate(_ deputy: String, _ ratings: [Rating: [String]], registrar: Registrar) throws -> BallotCaster.Receipt {
        let credential = try credential(for: deputy, registrar: registrar)
        return try BallotCaster(vote: vote).cast(BallotMarking(ratings: ratings, manifest: vote.manifest), credential: credential)
    }

    /// Enters a paper box from rows of marks (`Y`, `N`, blank) in candidate order.
    public func paperBox(_ number: Int, rows: [[String]], issued: Int, takenOut: Int? = nil) throws {
        let ids = vote.manifest.candidates.map(\.id)
        var lines = ["serial," + ids.joined(separator: ",")]
        for (index, row) in rows.enumerated() { lines.append("P\(number)-\(index + 1)," + row.joined(separator: ",")) }
        try PaperEntry(vote: vote).enter(
            box: number, csv: Data((lines.joined(separator: "\n") + "\n").utf8), source: "box-\(number).csv",
            issued: issued, takenOut: takenOut ?? rows.count, counter: officials.counter, scrutineer: officials.scrutineer, now: Fixture.now
        )
    }
}
