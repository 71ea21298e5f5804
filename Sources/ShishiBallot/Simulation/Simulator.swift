public import Foundation
import Logging
import ShishiCore
import Synchronization

/// Builds a complete, realistic vote folder through the real code paths: keys, manifest,
/// sign-in with blind credentials, cast ballots, paper boxes with over-marked and blank ballots,
/// and the sealed issuance log.
///
/// The same plan and seed give the same roster, attendance, marks and paper sheets, and so the
/// same counts. Signature bytes differ between runs: RSA blind signing and PSS are randomised by
/// design, and the registrar's RSA key is fresh for every vote.
public struct Simulator: Sendable {
    /// The plan.
    public let plan: SimulationPlan

    /// Creates a simulator.
    public init(plan: SimulationPlan) {
        self.plan = plan
    }

    // Independent random streams, so that parallel work stays reproducible.
    private enum Stream: UInt64 {
        case officials = 1, names, attendance, popularity, keys, marks, prefixes, paper, deputyKeys
    }

    private func generator(_ stream: Stream, _ index: Int = 0) -> SeededGenerator {
        SeededGenerator(seed: plan.seed, stream: stream.rawValue, index: UInt64(index))
    }

    /// The simulated clock: 09:00 Beijing time on 15 January 2027, one second per tick.
    private static let start = Date(timeIntervalSince1970: 1_799_974_800)

    /// Builds the vote in `folder`; the officials' private keys go to `privateKeys` (a separate
    /// folder, never inside the vote folder), public keys to `folder/keys/`.
    public func run(
        at folder: URL,
        privateKeys: URL,
        progress: @Sendable (SimulationStage, Int, Int) -> Void = { _, _, _ in }
    ) throws -> SimulationSummary {
        let logger = Logger(label: "shishi.simulate")
        let clock = ContinuousClock()
        let started = clock.now
        func phase(_ name: String) { logger.debug("\(name)", metadata: ["elapsed": "\(clock.now - started)"]) }
        try plan.validate()
        if VoteFolder(url: folder).holdsVote {
            throw ShishiError(
                .voteExists,
                zh: "\(folder.path) 里已经有一次投票，shishi 不会覆盖它：请换一个目录或先删除它。",
                en: "\(folder.path) already holds a vote and shishi will not overwrite it: choose another folder or remove it first."
            )
        }
        progress(.setup, 0, 1)
        let officials = try makeOfficials()
        let blindKey = plan.secrecy == .secret ? try BlindPrivateKey(bits: plan.registrarBits) : nil
        try writeKeys(officials: officials, blindKey: blindKey, folder: folder, privateKeys: privateKeys)

        phase("officials' keys written")
        let deputyKeys = try makeDeputyKeys()
        let rosterCSV = Data(try makeRoster(keys: deputyKeys).csvText().utf8)
        let popularity = makePopularity()
        var definition = VoteDefinition(
            voteId: "sim-\(plan.seed)",
            title: plan.style.isRating && plan.title == SimulationPlan().title ? "2027 年市级民生实事项目满意度测评" : plan.title,
            seats: plan.style.isRating ? 0 : plan.seats,
            candidates: makeCandidates(),
            rosterCSV: rosterCSV,
            registrar: officials.registrar.publicKey,
            blind: blindKey?.publicKey
        )
        definition.session = plan.session
        definition.style = plan.style
        definition.secrecy = plan.secrecy
        definition.publication = plan.publication
        definition.rules = plan.rules
        if plan.style.isRating, definition.rules.grading == nil { definition.rules.grading = GradingRule() }
        definition.officials =
            officials.counters.enumerated().map { Official(role: .counter, name: "计票人\($0.offset + 1)", key: $0.element.publicKey) }
            + officials.scrutineers.enumerated().map { Official(role: .scrutineer, name: "监票人\($0.offset + 1)", key: $0.element.publicKey) }
        phase("roster made")
        let vote = try definition.create(at: folder, secretariat: officials.secretariat, now: Self.start.addingTimeInterval(-86_400))
        phase("manifest signed and vote opened")
        progress(.setup, 1, 1)

        // Attendance: who is present, and who of them votes on paper, in order of arrival.
        var attendance = generator(.attendance)
        let arrivals = Array(vote.roster.deputies.indices.shuffled(using: &attendance).prefix(plan.present))
        let paperVoters = Set(arrivals.shuffled(using: &attendance).prefix(plan.paperBallots))
        let tick = Mutex(0)
        let registrar = try Registrar(
            vote: vote, signingKey: officials.registrar, blindKey: blindKey,
            clock: {
                Self.start.addingTimeInterval(
                    Double(
                        tick.withLock {
                            $0 += 1; return $0
                        }))
            }
        )
        let caster = BallotCaster(vote: vote)
        let box = BallotBox(vote: vote)
        let terminal = VotingTerminal(manifest: vote.signed)
        var electronic = 0
        let chunk = 256
        for start in stride(from: 0, to: arrivals.count, by: chunk) {
            let group = Array(arrivals[start..<min(start + chunk, arrivals.count)])
            let online = group.filter { !paperVoters.contains($0) }
            try registrar.issuePaperBallots(to: group.filter { paperVoters.contains($0) }.map { vote.roster.deputies[$0].id })
            switch plan.secrecy {
            case .secret:
                let pending = try parallelMap(online) { index in
                    var keys = generator(.keys, index)
                    var prefixes = generator(.prefixes, index)
                    return try terminal.request(deputy: vote.roster.deputies[index].id, keySeed: keys.bytes(32), prefix: prefixes.bytes(32))
                }
                let grants = try registrar.issue(batch: pending.map(\.request))
                try store(
                    parallelMap(Array(online.indices)) { position in
                        let credential = try pending[position].finalize(grants[position])
                        let marking = try marks(for: online[position], popularity: popularity, manifest: vote.manifest)
                        return try caster.seal(marking, credential: credential)
                    }, in: box)
            case .recorded:
                try registrar.admit(online.map { vote.roster.deputies[$0].id })
                try store(
                    parallelMap(online) { index in
                        let marking = try marks(for: index, popularity: popularity, manifest: vote.manifest)
                        let deputy = vote.roster.deputies[index]
                        return try caster.seal(marking, deputy: deputy.id, key: deputyKeys[index]!)
                    }, in: box)
            }
            electronic += online.count
            progress(.casting, min(start + chunk, arrivals.count), arrivals.count)
        }

        phase("electronic ballots cast")
        // Paper: share the paper voters among the boxes; mark some over-marked and some blank.
        let paperOrder = arrivals.filter { paperVoters.contains($0) }
        var boxes: [[Int]] = Array(repeating: [], count: plan.paperBoxes)
        for (position, index) in paperOrder.enumerated() { boxes[position % plan.paperBoxes].append(index) }
        var paperRandom = generator(.paper)
        let spoiled = Array(paperOrder.shuffled(using: &paperRandom).prefix(plan.overMarked + plan.blank))
        let overMarked = Set(spoiled.prefix(plan.overMarked))
        let blank = Set(spoiled.dropFirst(plan.overMarked))
        let entry = PaperEntry(vote: vote)
        for (number, voters) in boxes.enumerated() where !voters.isEmpty {
            let sheet = try paperSheet(voters, number: number + 1, popularity: popularity, manifest: vote.manifest, overMarked: overMarked, blank: blank)
            try FileAccess.create(vote.folder.paperURL.appendingPathComponent("box-\(number + 1).csv"), data: sheet)
            try entry.enter(
                box: number + 1, csv: sheet, source: "box-\(number + 1).csv", issued: voters.count, takenOut: voters.count,
                counter: officials.counters[number % officials.counters.count],
                scrutineer: officials.scrutineers[number % officials.scrutineers.count],
                now: Self.start.addingTimeInterval(7_200)
            )
            progress(.paper, number + 1, boxes.count)
        }
        progress(.sealing, 0, 1)
        FileAccess.synchronize(folder)  // the ballots were written without a flush each
        phase("paper entered and ballots flushed")
        try registrar.seal()
        phase("issuance sealed")
        progress(.sealing, 1, 1)
        return SimulationSummary(
            vote: vote, present: plan.present, electronic: electronic, paper: paperOrder.count,
            boxes: boxes.filter { !$0.isEmpty }.count, overMarked: overMarked.count, blank: blank.count
        )
    }

    // MARK: - Parts

    /// Writes cast ballots: one file each (flushed once at the end), or appended to the bundle.
    private func store(_ envelopes: [SignedEnvelope], in box: BallotBox) throws {
        if plan.bundle {
            try box.appendToBundle(envelopes)
        } else {
            _ = try parallelMap(envelopes) { try box.put($0, durable: false) }
        }
    }

    private struct Officials {
        var secretariat: PrivateKey
        var registrar: PrivateKey
        var counters: [PrivateKey]
        var scrutineers: [PrivateKey]
    }

    private func key(_ random: inout SeededGenerator) throws -> PrivateKey {
        plan.suite == .ed25519 ? try PrivateKey(ed25519Seed: random.bytes(32)) : try PrivateKey(generating: plan.suite)
    }

    private func makeOfficials() throws -> Officials {
        var random = generator(.officials)
        return Officials(
            secretariat: try key(&random),
            registrar: try key(&random),
            counters: [try key(&random), try key(&random)],
            scrutineers: [try key(&random), try key(&random)]
        )
    }

    private func writeKeys(officials: Officials, blindKey: BlindPrivateKey?, folder: URL, privateKeys: URL) throws {
        var files: [(String, (private: KeyFile, public: KeyFile))] = [
            ("secretariat", KeyFile.pair(for: officials.secretariat, name: "秘书处")),
            ("registrar", KeyFile.pair(for: officials.registrar, name: "登记员")),
        ]
        if let blindKey { files.append(("registrar-blind", KeyFile.pair(for: blindKey, name: "登记员（盲签名）"))) }
        for (index, key) in officials.counters.enumerated() { files.append(("counter-\(index + 1)", KeyFile.pair(for: key, name: "计票人\(index + 1)"))) }
        for (index, key) in officials.scrutineers.enumerated() { files.append(("scrutineer-\(index + 1)", KeyFile.pair(for: key, name: "监票人\(index + 1)"))) }
        for (name, pair) in files {
            try pair.private.write(to: privateKeys.appendingPathComponent("\(name).key"))
            try pair.public.write(to: folder.appendingPathComponent("keys").appendingPathComponent("\(name).pub"))
        }
    }

    private func makeDeputyKeys() throws -> [Int: PrivateKey] {
        guard plan.secrecy == .recorded else { return [:] }
        let keys = try parallelMap(Array(0..<plan.deputies)) { index -> PrivateKey in
            var random = generator(.deputyKeys, index)
            return try key(&random)
        }
        return Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.offset, $0.element) })
    }

    private func makeRoster(keys: [Int: PrivateKey]) throws -> Roster {
        let width = max(3, String(plan.deputies).count)
        var names = generator(.names)
        let deputies = (0..<plan.deputies).map { index -> Deputy in
            let number = String(index + 1)
            return Deputy(
                id: "D" + String(repeating: "0", count: width - number.count) + number,
                name: SampleData.name(&names),
                group: SampleData.groups[index % SampleData.groups.count],
                publicKey: keys[index]?.publicKey
            )
        }
        return try Roster(deputies: deputies)
    }

    private func makeCandidates() -> [Candidate] {
        (0..<plan.candidates).map { index in
            let (title, english, department) = SampleData.projects[index % SampleData.projects.count]
            let phase = index / SampleData.projects.count
            return Candidate(
                id: String(index + 1),
                title: phase == 0 ? title : "\(title)（\(phase + 1)期）",
                titleEn: phase == 0 ? english : "\(english) (phase \(phase + 1))",
                department: department
            )
        }
    }

    /// How likely a deputy is to approve each candidate: a spread from broadly to barely supported.
    private func makePopularity() -> [Double] {
        var random = generator(.popularity)
        let ranks = Array(0..<plan.candidates).shuffled(using: &random)
        return ranks.map { rank in
            0.93 - 0.55 * Double(rank) / Double(max(plan.candidates - 1, 1)) + Double.random(in: -0.03...0.03, using: &random)
        }
    }

    /// A deputy's marks: yes with the candidate's popularity, else mostly no, else abstain; never more than K yes.
    /// On an evaluation ballot: satisfied with the project's popularity, else mostly basically satisfied,
    /// else unsatisfied, and now and then unrated.
    private func preferences(for index: Int, popularity: [Double]) -> [Mark?] {
        var random = generator(.marks, index)
        if plan.style.isRating {
            return popularity.map { p in
                let u = Double.random(in: 0..<1, using: &random)
                return u < p ? .satisfied : u < p + (1 - p) * 0.75 ? .basicallySatisfied : u < 0.98 ? .unsatisfied : nil
            }
        }
        var marks: [Mark?] = popularity.map { p in
            let u = Double.random(in: 0..<1, using: &random)
            return u < p ? .yes : (u < p + (1 - p) * 0.6 ? .no : nil)
        }
        let yes = marks.indices.filter { marks[$0] == .yes }
        if yes.count > plan.seats {
            let keep = Set(yes.sorted { popularity[$0] > popularity[$1] }.prefix(plan.seats))
            for index in yes where !keep.contains(index) { marks[index] = .no }
        }
        if plan.style == .approval { marks = marks.map { $0 == .yes ? .yes : nil } }
        return marks
    }

    private func marks(for index: Int, popularity: [Double], manifest: VoteManifest) throws -> BallotMarking {
        let preferences = preferences(for: index, popularity: popularity)
        let ids = manifest.candidates.map(\.id)
        if manifest.style.isRating {
            return try BallotMarking(
                ratings: Dictionary(grouping: ids.indices.compactMap { i in preferences[i]?.rating.map { ($0, ids[i]) } }, by: \.0).mapValues { $0.map(\.1) },
                manifest: manifest)
        }
        return try BallotMarking(
            yes: ids.indices.filter { preferences[$0] == .yes }.map { ids[$0] },
            no: ids.indices.filter { preferences[$0] == .no }.map { ids[$0] },
            manifest: manifest
        )
    }

    private func paperSheet(_ voters: [Int], number: Int, popularity: [Double], manifest: VoteManifest, overMarked: Set<Int>, blank: Set<Int>) throws -> Data {
        let ids = manifest.candidates.map(\.id)
        var lines = ["serial," + ids.joined(separator: ",")]
        for (position, index) in voters.enumerated() {
            var cells: [String]
            if blank.contains(index) {
                cells = Array(repeating: "", count: ids.count)
            } else if overMarked.contains(index) {
                var random = generator(.paper, index + 1)
                let extra = Int.random(in: 1...min(2, ids.count - plan.seats), using: &random)
                let ticked = Set(ids.indices.shuffled(using: &random).prefix(plan.seats + extra))
                cells = ids.indices.map { ticked.contains($0) ? "Y" : (plan.style == .approval ? "" : "N") }
            } else {
                cells = preferences(for: index, popularity: popularity).map { mark in
                    switch mark {
                    case .yes: "Y"
                    case .no: "N"
                    case .satisfied: "满意"
                    case .basicallySatisfied: "基本满意"
                    case .unsatisfied: "不满意"
                    case nil: ""
                    }
                }
            }
            lines.append("B\(number)-\(String(format: "%04d", position + 1))," + cells.joined(separator: ","))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}
