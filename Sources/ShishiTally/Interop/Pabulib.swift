public import Foundation
public import ShishiBallot
public import ShishiCore

/// Pabulib interoperability: `shishi import pabulib` and `shishi export pabulib`.
///
/// An import becomes a vote folder like any other: the voters are the roster and all present, the
/// projects are the candidates, K is `max_length`, the ballots are one attested batch (unsigned
/// ballots, signed by the importing official, naming the hash of the .pb file), and the count is
/// the top K by approvals with no majority threshold (`--majority-base none`), ties across the
/// K-th place reported as such.
public enum Pabulib {
    /// Imports `file` into the new vote folder `folder`; the importing officials' private keys go to `privateKeys`.
    public static func importFile(_ file: URL, into folder: URL, privateKeys: URL, seats: Int?, now: Date) throws -> Vote {
        let data = try FileAccess.read(file)
        let pb = try PabulibFile(text: FileAccess.utf8Text(data, source: file.lastPathComponent), source: file.lastPathComponent)
        guard let k = seats ?? pb.meta("max_length").flatMap({ Int($0) }) else {
            throw ShishiError(
                .pabulibNoMaxLength,
                zh: "\(file.lastPathComponent) 的 META 中没有 max_length：请用 --seats 给出应选数 K。",
                en: "\(file.lastPathComponent) has no max_length in META: give the number of seats K with --seats."
            )
        }
        if let voteType = pb.meta("vote_type"), voteType != "approval" {
            throw ShishiError(
                .pabulibVoteType,
                zh: "只能导入勾选式（approval）数据，这个文件是 \(voteType)。",
                en: "Only approval data can be imported; this file is \(voteType)."
            )
        }
        let fileManager = FileManager.default
        let folderExisted = fileManager.fileExists(atPath: folder.path)
        if folderExisted, !((try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty {
            throw ShishiError(
                .pabulibOutExists,
                zh: "\(folder.path) 已存在且不是空目录：导入会新建一个投票目录，请换一个 --out。",
                en: "\(folder.path) exists and is not empty: an import makes a new vote folder; choose another --out."
            )
        }
        let keysExisted = fileManager.fileExists(atPath: privateKeys.path)
        var keysWritten: [URL] = []
        do {
            let secretariat = try PrivateKey(generating: .ed25519)
            let registrar = try PrivateKey(generating: .ed25519)
            let importer = try PrivateKey(generating: .ed25519)
            let blind = try BlindPrivateKey(bits: 3072)
            let roster = try Roster(deputies: pb.votes.map { Deputy(id: $0.voter, name: $0.voter) })
            let title = pb.meta("description") ?? [pb.meta("country"), pb.meta("unit"), pb.meta("instance")].compactMap { $0 }.joined(separator: " ")
            var definition = VoteDefinition(
                voteId: String(file.deletingPathExtension().lastPathComponent.map { Candidate.isValidID(String($0)) ? $0 : "-" }.prefix(32)),
                title: title.isEmpty ? file.lastPathComponent : title,
                seats: k,
                candidates: pb.projects.map { Candidate(id: $0.id, title: $0.name.isEmpty ? "Project \($0.id)" : $0.name) },
                rosterCSV: Data(roster.csvText().utf8), registrar: registrar.publicKey, blind: blind.publicKey
            )
            definition.session = "Pabulib: \(file.lastPathComponent)"
            definition.style = .approval
            definition.rules = VoteRules(majorityBase: .none, shortfallRule: .leaveVacant)
            definition.officials = [Official(role: .counter, name: "Pabulib import", key: importer.publicKey)]
            let vote = try definition.create(at: folder, secretariat: secretariat, now: now)
            let office = try Registrar(vote: vote, signingKey: registrar, blindKey: nil, clock: { now })
            try office.issuePaperBallots(to: pb.votes.map(\.voter))
            let ballots = pb.votes.map {
                PaperBallot(
                    serial: $0.voter, line: $0.line, marks: Dictionary($0.approved.map { ($0, PaperMark.yes) }, uniquingKeysWith: { first, _ in first }))
            }
            try PaperEntry(vote: vote).enter(
                box: 1, ballots: ballots, source: file.lastPathComponent, sourceHash: vote.manifest.hash.digest(data),
                issued: ballots.count, takenOut: ballots.count, counter: importer, now: now
            )
            try office.seal()
            // The keys are written last, once the folder they sign is whole.
            for (name, pair) in [
                ("secretariat", KeyFile.pair(for: secretariat, name: "secretariat")), ("registrar", KeyFile.pair(for: registrar, name: "registrar")),
                ("importer", KeyFile.pair(for: importer, name: "Pabulib import")), ("registrar-blind", KeyFile.pair(for: blind, name: "registrar (blind)")),
            ] {
                let url = privateKeys.appendingPathComponent("\(name).key")
                try pair.private.write(to: url)
                keysWritten.append(url)
            }
            return vote
        } catch {
            // A refused import leaves nothing behind: not the folder, not a private key.
            keysWritten.forEach { unlink($0.path) }
            if !keysExisted { try? fileManager.removeItem(at: privateKeys) }
            if folderExisted {
                for name in (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? [] {
                    try? fileManager.removeItem(at: folder.appendingPathComponent(name))
                }
            } else {
                try? fileManager.removeItem(at: folder)
            }
            throw error
        }
    }

    /// The counted ballots of a vote as a Pabulib file: every valid ballot, its approvals (yes marks).
    ///
    /// Electronic ballots (files and bundle lines alike) are listed under their tracker, paper
    /// ballots under their serial. Ballots the count sets aside (a credential used twice) are
    /// left out, as the count leaves them out: the count runs first to find them.
    public static func export(_ vote: Vote) throws -> PabulibFile {
        let m = vote.manifest
        guard !m.style.isRating else {
            throw ShishiError(
                .pabulibRating,
                zh: "这是满意度测评，不是选择项目的投票：Pabulib 只记录勾选（approval），无法表示满意/基本满意/不满意。",
                en:
                    "This is a satisfaction evaluation, not a vote choosing projects: Pabulib records approvals only and cannot hold satisfied / basically / unsatisfied."
            )
        }
        var votes: [PabulibFile.Vote] = []
        let verifier = BallotVerifier(vote: vote)
        let order = Dictionary(uniqueKeysWithValues: m.candidates.enumerated().map { ($0.element.id, $0.offset) })
        func sorted(_ ids: [String]) -> [String] { ids.sorted { order[$0]! < order[$1]! } }
        let setAside = Set(try Tally(vote: vote).run(now: Date()).result.review.filter { $0.status == .setAside }.compactMap(\.tracker))
        try BallotBox(vote: vote).forEachRawChunk { chunk in
            for index in 0..<chunk.count {
                let verdict = verifier.verify(Data(chunk.ballot(index)), source: chunk.name(index), detailed: false)
                guard verdict.status == .valid, let ballot = verdict.ballot, let tracker = verdict.tracker, !setAside.contains(tracker) else { continue }
                votes.append(.init(voter: String(tracker.hex.prefix(16)), approved: sorted(ballot.yes), line: 0))
            }
        }
        let entry = PaperEntry(vote: vote)
        for url in vote.folder.paperBatchFiles() {
            let (batch, _) = try entry.verify(SignedEnvelope.read(from: url), source: url.lastPathComponent)
            for ballot in batch.ballots where ballot.yesCount <= m.seats {
                votes.append(.init(voter: ballot.serial, approved: sorted(ballot.marks.filter { $0.value == .yes }.map(\.key)), line: 0))
            }
        }
        let meta: [(key: String, value: String)] = [
            ("description", m.title), ("num_projects", String(m.candidates.count)), ("num_votes", String(votes.count)),
            ("vote_type", "approval"), ("max_length", String(m.seats)), ("rule", "top-k"), ("source", "shishi \(vote.hash)"),
        ]
        return PabulibFile(meta: meta, projects: m.candidates.map { .init(id: $0.id, name: $0.title, cost: "") }, votes: votes)
    }
}
