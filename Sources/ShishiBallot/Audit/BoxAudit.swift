import Foundation
public import ShishiCore

/// A check of a whole vote folder as the ballot module leaves it: the sealed issuance log, every
/// electronic ballot (in parallel), and every paper batch, with every problem kept and reported.
///
/// It judges ballots (valid, invalid, rejected) but does not count them: counting is the tally's.
public struct BoxAudit: Sendable {
    /// One electronic ballot's outcome.
    public struct BallotEntry: Sendable {
        /// The file name.
        public var file: String
        /// The verdict.
        public var verdict: BallotVerdict
    }

    /// One paper box's outcome.
    public struct PaperEntry: Sendable {
        /// The file name.
        public var file: String
        /// The batch, if it passed its checks.
        public var batch: PaperBatch?
        /// The scrutineers who countersigned it.
        public var scrutineers: [String]
        /// Why it failed, if it did.
        public var problem: Text?
    }

    /// The vote.
    public var vote: Vote
    /// The sealed issuance log, if present and valid.
    public var seal: IssuanceSeal?
    /// Why the issuance log is missing or failed, if it is.
    public var sealProblem: Text?
    /// Every electronic ballot, sorted by file name.
    public var ballots: [BallotEntry]
    /// Every paper box, sorted by file name.
    public var paper: [PaperEntry]
    /// Ballots that share a one-time key or a voter with another ballot (file names), set aside.
    public var duplicateCredentials: [[String]]

    /// Audits `vote`, reporting progress as (ballots checked, total).
    public static func run(_ vote: Vote, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> BoxAudit {
        var seal: IssuanceSeal?
        var sealProblem: Text?
        do {
            seal = try IssuanceSeal.load(for: vote)
        } catch let error as ShishiError {
            sealProblem = error.message
        }
        let box = BallotBox(vote: vote)
        let total = try box.count()
        let verifier = BallotVerifier(vote: vote)
        var verdicts: [BallotEntry] = []
        try box.forEachChunk(size: 4096) { chunk in
            verdicts += try parallelMap(chunk) { item in
                BallotEntry(
                    file: item.name.hasPrefix("box/") ? String(item.name.dropFirst(4)) : item.name, verdict: verifier.verify(item.data, source: item.name))
            }
            progress(verdicts.count, max(total, verdicts.count))
        }
        // A credential (or a recorded voter) used twice: every ballot that shares it is set aside.
        var byCredential: [String: [String]] = [:]
        for entry in verdicts where entry.verdict.status != .rejected {
            guard let ballot = entry.verdict.ballot else { continue }
            let key = ballot.credential.map { "key:\($0.key)" } ?? "voter:\(ballot.voter ?? "")"
            byCredential[key, default: []].append(entry.file)
        }
        let duplicates = byCredential.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }

        var paper: [PaperEntry] = []
        let entry = ShishiBallot.PaperEntry(vote: vote)
        for url in vote.folder.paperBatchFiles() {
            do {
                let (batch, scrutineers) = try entry.verify(SignedEnvelope.read(from: url), source: url.lastPathComponent)
                paper.append(PaperEntry(file: url.lastPathComponent, batch: batch, scrutineers: scrutineers, problem: nil))
            } catch let error as ShishiError {
                paper.append(PaperEntry(file: url.lastPathComponent, batch: nil, scrutineers: [], problem: error.message))
            }
        }
        return BoxAudit(vote: vote, seal: seal, sealProblem: sealProblem, ballots: verdicts, paper: paper, duplicateCredentials: duplicates)
    }

    /// Electronic ballots with `status`.
    public func count(_ status: BallotVerdict.Status) -> Int { ballots.filter { $0.verdict.status == status }.count }

    /// Paper ballots entered, over all boxes that passed their checks.
    public var paperBallots: Int { paper.compactMap(\.batch).reduce(0) { $0 + $1.ballots.count } }
    /// Paper ballots with more than K yes marks.
    public var paperOverMarked: Int { paper.compactMap(\.batch).reduce(0) { $0 + $1.ballots.filter { $0.yesCount > vote.manifest.yesLimit }.count } }
    /// Blank paper ballots.
    public var paperBlank: Int { paper.compactMap(\.batch).reduce(0) { $0 + $1.ballots.filter(\.isBlank).count } }

    /// Whether every file passed: the seal, every ballot (over-marked ones are authentic, so they pass), every paper box, no credential reused.
    public var allAuthentic: Bool {
        sealProblem == nil && count(.rejected) == 0 && paper.allSatisfy { $0.problem == nil } && duplicateCredentials.isEmpty
    }
}
