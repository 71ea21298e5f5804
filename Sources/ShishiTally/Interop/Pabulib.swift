public import Foundation
public import ShishiBallot
public import ShishiCore

/// Pabulib interoperability: `shishi import pabulib` and `shishi export pabulib`.
///
/// An import becomes a vote folder like any other: the voters are the roster and all present, the
/// projects are the candidates (each project id kept as the candidate's label, mapped to a shishi
/// id where it is not one), the ballots are one attested batch: the .pb file itself, kept in the
/// folder as ``PabulibFile/keptName``, its hash signed by the importing official (the issuance
/// log holds one entry, a paper ballot for every voter, and is sealed). `max_length` is the most projects a ballot may choose; what is adopted
/// follows the file's budget and each project's cost, greedily by votes (Pabulib's `greedy`
/// rule), with no majority threshold. Without a budget, `--seats` gives the number to adopt.
public enum Pabulib {
    /// The vote types this import counts.
    public static let supportedTypes = ["approval", "cumulative", "scoring"]

    /// Imports `file` into the new vote folder `folder`; the importing officials' private keys go
    /// to `privateKeys`. `scrutineers` (officials of role ``OfficialRole/scrutineer``, Ed25519
    /// keys) countersign the count afterwards, as in the hall, so that it can be verified and
    /// adopted into the year; without them the count can be read and recounted, never adopted.
    public static func importFile(_ file: URL, into folder: URL, privateKeys: URL, seats: Int?, scrutineers: [Official] = [], now: Date) throws -> Vote {
        try importCounted(file, into: folder, privateKeys: privateKeys, seats: seats, scrutineers: scrutineers, now: now).vote
    }

    /// A vote folder an import made, and the count of the ballots it read.
    public struct Imported: Sendable {
        /// The new vote.
        public var vote: Vote
        /// The ballots read counted under the vote's rules (``Tally/count(paper:present:)``),
        /// every voter present: what the import says at once. `shishi tally` counts the folder
        /// itself, with every check.
        public var count: CountConclusion
        /// The file's META and projects (``PabulibFile/init(text:source:readingVotes:)``, no votes).
        public var file: PabulibFile

        /// How the count compares with the projects the file marks as selected (``Pabulib/comparison(_:file:vote:)``).
        public var comparison: Comparison? { Pabulib.comparison(count.allocation, file: file, vote: vote) }
    }

    /// ``importFile(_:into:privateKeys:seats:scrutineers:now:)``, and the ballots it read counted.
    public static func importCounted(_ file: URL, into folder: URL, privateKeys: URL, seats: Int?, scrutineers: [Official] = [], now: Date) throws
        -> Imported
    {
        let data = try FileAccess.read(file)
        let name = file.lastPathComponent
        let text = try FileAccess.utf8Text(data, source: name)
        let pb = try PabulibFile(text: text, source: name, readingVotes: false)
        let voteType = pb.meta("vote_type")?.lowercased() ?? "approval"
        guard supportedTypes.contains(voteType) else {
            throw ShishiError(
                .pabulibVoteType,
                zh: "\(name) 的 vote_type 是 \(voteType)\(voteType == "ordinal" ? "（对项目排序）" : "")：shishi 只能导入 approval（勾选）、cumulative 和 scoring（打分）三种。",
                en:
                    "\(name) has vote_type \(voteType)\(voteType == "ordinal" ? " (a ranking of projects)" : ""): shishi imports approval, cumulative and scoring files only."
            )
        }
        let points = voteType != "approval"
        // The votes, read once, straight into the ballots the count will read from the kept file.
        let candidateIDs = PabulibFile.identifiers(for: pb.projects.map(\.id), prefix: "p")
        let read = try PabulibFile.compactBallots(text: text, source: name, candidateIDs: candidateIDs, sourceIDs: pb.projects.map(\.id), points: points)!
        if let line = read.withoutPoints {
            throw ShishiError(
                .pabulibBadPoints,
                zh: "\(name) 第 \(line) 行：\(voteType) 文件的 VOTES 须有 points 列。",
                en: "\(name) line \(line): a \(voteType) file needs a points column in VOTES.")
        }
        let budget = try pb.meta("budget").map { text in
            guard let amount = Amount(parsing: text), amount > .zero else {
                throw ShishiError(
                    .pabulibBadAmount, zh: "\(name) 的 META 中 budget“\(text)”不是正的金额。", en: "\(name): the budget “\(text)” in META is not a positive amount.")
            }
            return amount
        }
        guard budget != nil || seats != nil else {
            throw ShishiError(
                .pabulibNoBudget,
                zh: "\(name) 的 META 中没有 budget：请用 --seats 给出入选项目数。",
                en: "\(name) has no budget in META: give the number of projects to adopt with --seats."
            )
        }
        let candidates = try candidates(of: pb, ids: candidateIDs, costsRequired: budget != nil, source: name)
        let maxLength = pb.meta("max_length").flatMap { Int($0) }.map { max(1, $0) }
        let yesLimit = min(maxLength ?? candidates.count, candidates.count)

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
            let rosterCSV = Roster.csvData(ids: read.ballots.serials, names: read.voters)
            let roster = try Roster(csv: rosterCSV, source: VoteFolder.Name.roster)
            let title = pb.meta("description") ?? [pb.meta("country"), pb.meta("unit"), pb.meta("instance")].compactMap { $0 }.joined(separator: " ")
            let stem = file.deletingPathExtension().lastPathComponent
            var definition = VoteDefinition(
                voteId: PabulibFile.identifiers(for: [stem], prefix: "pabulib")[0],
                title: String((title.isEmpty ? name : title).filter { !$0.isNewline }.prefix(VoteManifest.maximumTitleLength)),
                seats: seats ?? 0, candidates: candidates,
                rosterCSV: rosterCSV, registrar: registrar.publicKey, blind: nil
            )
            definition.paperOnly = true
            // The city published the file with every ballot: the folder keeps it, so it publishes them too.
            definition.publication = .ballots
            definition.roster = roster
            definition.session = "Pabulib: \(name)"
            definition.style = points ? .points : .approval
            definition.maxYes = points ? nil : yesLimit
            definition.budget = budget
            definition.points =
                points ? PointsRule(maxPerProject: pb.meta("max_points").flatMap { Int($0) }, maxTotal: pb.meta("max_sum_points").flatMap { Int($0) }) : nil
            definition.rules = VoteRules(majorityBase: .none, shortfallRule: .leaveVacant)
            definition.officials = [Official(role: .counter, name: "Pabulib import", key: importer.publicKey)] + scrutineers
            let vote = try definition.create(at: folder, secretariat: secretariat, now: now)
            try FileAccess.create(folder.appendingPathComponent(PabulibFile.keptName), data: data)
            let office = try Registrar(vote: vote, signingKey: registrar, blindKey: nil, clock: { now })
            try office.issuePaperBallotsToRoster()
            try PaperEntry(vote: vote).enter(
                box: 1, ballotsFile: PabulibFile.keptName, read: read.ballots, source: name, issued: read.ballots.count, takenOut: read.ballots.count,
                counter: importer, now: now)
            try office.seal()
            // The keys are written last, once the folder they sign is whole.
            for (name, pair) in [
                ("secretariat", KeyFile.pair(for: secretariat, name: "secretariat")), ("registrar", KeyFile.pair(for: registrar, name: "registrar")),
                ("importer", KeyFile.pair(for: importer, name: "Pabulib import")),
            ] {
                let url = privateKeys.appendingPathComponent("\(name).key")
                try pair.private.write(to: url)
                keysWritten.append(url)
            }
            return Imported(vote: vote, count: Tally(vote: vote).count(paper: read.ballots, present: roster.count), file: pb)
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

    /// The file's projects as candidates under `ids` (``PabulibFile/identifiers(for:prefix:)`` of
    /// the project ids, prefix `p`, as the ballots were read): each project id kept as the label
    /// where the id differs; the cost read as an amount (required when the file has a budget).
    static func candidates(of pb: PabulibFile, ids: [String], costsRequired: Bool, source: String) throws -> [Candidate] {
        try zip(ids, pb.projects).map { id, project in
            var cost: Amount?
            if !project.cost.isEmpty {
                guard let amount = Amount(parsing: project.cost) else {
                    throw ShishiError(
                        .pabulibBadAmount,
                        zh: "\(source)：项目“\(project.id)”的 cost“\(project.cost)”不是金额。",
                        en: "\(source): the cost “\(project.cost)” of project “\(project.id)” is not an amount.")
                }
                cost = amount
            } else if costsRequired {
                throw ShishiError(
                    .pabulibBadAmount,
                    zh: "\(source)：文件有预算，但项目“\(project.id)”没有 cost。",
                    en: "\(source): the file has a budget but project “\(project.id)” has no cost.")
            }
            let name = project.name.filter { !$0.isNewline && $0 != "\0" }
            return Candidate(
                id: id, title: String((name.isEmpty ? "Project \(project.id)" : name).prefix(VoteManifest.maximumTitleLength)),
                department: nil, cost: cost, label: id == project.id ? nil : project.id)
        }
    }

    /// The imported file the folder keeps, when it was made by an import (its META and projects).
    public static func keptFile(of vote: Vote) throws -> PabulibFile? {
        let url = vote.folder.url.appendingPathComponent(PabulibFile.keptName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try FileAccess.read(url)
        return try PabulibFile(text: FileAccess.utf8Text(data, source: PabulibFile.keptName), source: PabulibFile.keptName, readingVotes: false)
    }

    /// How shishi's count of an imported file compares with the projects the file marks as
    /// selected (funded by the city); `nil` when the folder keeps no file or the file has no
    /// `selected` column.
    public static func comparison(_ result: TallyResult, vote: Vote) throws -> Comparison? {
        try comparison(result.allocation, vote: vote)
    }

    /// How an allocation of the imported vote (a result's, or an import's own count's) compares
    /// with the projects the file marks as selected; `nil` as for ``comparison(_:vote:)-(TallyResult,_)``.
    public static func comparison(_ allocation: SeatAllocation?, vote: Vote) throws -> Comparison? {
        try keptFile(of: vote).flatMap { comparison(allocation, file: $0, vote: vote) }
    }

    /// How an allocation of the vote imported from `kept` compares with the projects it marks as
    /// selected; `nil` when the file has no `selected` column.
    public static func comparison(_ allocation: SeatAllocation?, file kept: PabulibFile, vote: Vote) -> Comparison? {
        guard kept.projects.contains(where: { $0.selected != nil }) else { return nil }
        let labels = Dictionary(uniqueKeysWithValues: vote.manifest.candidates.map { ($0.id, $0.sourceID) })
        return Comparison(
            fileSelected: kept.projects.filter { $0.selected == true }.map(\.id),
            adopted: (allocation?.adopted ?? []).map { labels[$0] ?? $0 },
            tied: (allocation?.runOff ?? []).map { labels[$0] ?? $0 },
            rule: kept.meta("rule").flatMap { $0.lowercased() == "greedy" ? nil : $0 })
    }

    /// The counted ballots of a vote as a Pabulib file: every valid ballot, its approvals (yes
    /// marks) or its points, under the project ids as the imported file wrote them.
    ///
    /// Electronic ballots (files and bundle lines alike) are listed under their tracker, paper
    /// ballots under their serial (an imported voter under the file's voter id). Ballots the count
    /// sets aside (a credential used twice) are left out, as the count leaves them out: the count
    /// runs first to find them. A folder made by an import writes back the file's META (with
    /// `num_votes` as counted) and project columns.
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
        let kept = try keptFile(of: vote)
        var votes: [PabulibFile.Vote] = []
        let verifier = BallotVerifier(vote: vote)
        let order = Dictionary(uniqueKeysWithValues: m.candidates.enumerated().map { ($0.element.id, $0.offset) })
        let labels = m.candidates.map(\.sourceID)
        func sorted(_ ids: some Sequence<String>) -> [String] { ids.map { order[$0]! }.sorted().map { labels[$0] } }
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
            for ballot in batch.ballots where PaperBallot.isValid(ballot, in: m) {
                let voter = kept != nil ? vote.roster[ballot.serial]?.name ?? ballot.serial : ballot.serial
                if let points = ballot.points {
                    let chosen = points.keys.sorted { order[$0]! < order[$1]! }
                    votes.append(.init(voter: voter, approved: chosen.map { labels[order[$0]!] }, points: chosen.map { points[$0]! }, line: 0))
                } else {
                    votes.append(.init(voter: voter, approved: sorted(ballot.marks.filter { $0.value == .yes }.map(\.key)), line: 0))
                }
            }
        }
        // Pabulib needs a cost for every project and a budget: a vote without a budget (the top K
        // by votes) is written as what it is equivalent to, each project costing 1 and the budget K.
        let unitCosts = m.budget == nil
        let projects = m.candidates.map { candidate in
            kept?.projects.first { $0.id == candidate.sourceID }
                ?? PabulibFile.Project(id: candidate.sourceID, name: candidate.title, cost: unitCosts ? "1" : candidate.cost?.description ?? "")
        }
        if var kept {
            if let index = kept.meta.firstIndex(where: { $0.key == "num_votes" }) { kept.meta[index].value = String(votes.count) }
            return PabulibFile(meta: kept.meta, projects: projects, votes: votes, projectColumns: kept.projectColumns)
        }
        var meta: [(key: String, value: String)] = [
            ("description", m.title), ("num_projects", String(m.candidates.count)), ("num_votes", String(votes.count)),
        ]
        meta.append(("budget", m.budget?.description ?? String(m.seats)))
        if unitCosts {
            meta.append(("comment", "top \(m.seats) by votes: each project costs 1 and the budget is the \(m.seats, noun: "seat") (按得票取前 \(m.seats) 项)"))
        }
        meta += [
            ("vote_type", m.style == .points ? "cumulative" : "approval"), ("max_length", String(m.yesLimit)),
            ("rule", m.budget == nil ? "top-k" : "greedy"), ("source", "shishi \(vote.hash)"),
        ]
        return PabulibFile(meta: meta, projects: projects, votes: votes)
    }
}
