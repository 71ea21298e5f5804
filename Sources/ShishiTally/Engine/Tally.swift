public import Foundation
public import Logging
public import ShishiBallot
import ShishiCore
import Synchronization

/// The tally engine: runs every numbered check over a vote folder and counts it under the rules.
///
/// Electronic ballots stream from disk in chunks, checked in parallel on all cores; per ballot only
/// a tracker and a short credential fingerprint are kept (for the box digest and duplicate
/// detection), so memory grows with the candidates, not with the ballots' contents.
public struct Tally: Sendable {
    /// The vote.
    public let vote: Vote

    /// Creates a tally for an opened vote (its manifest and roster are already checked).
    public init(vote: Vote) {
        self.vote = vote
    }

    /// A finished count: the result and the sorted trackers its box digest covers.
    public struct Run: Sendable {
        /// The result.
        public var result: TallyResult
        /// The trackers of the counted electronic ballots, sorted.
        public var countedTrackers: TrackerList
    }

    /// A logger that drops everything: the default of callers that do not pass their own.
    public static let silentLogger = Logger(label: "shishi.tally", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Counts the round. `previous` is the previous round's result when this is a later round;
    /// `logger` (the caller's) hears each phase and its duration at debug level; `progress`
    /// reports (ballots checked, total).
    public func run(previous: TallyResult? = nil, now: Date, logger: Logger = Tally.silentLogger, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws
        -> Run
    {
        let manifest = vote.manifest
        let clock = ContinuousClock()
        var started = clock.now
        func phase(_ name: String) {
            logger.debug("\(name)", metadata: ["elapsed": "\(clock.now - started)"])
            started = clock.now
        }
        var checks: [CheckOutcome] = []
        checks.append(
            CheckOutcome(.manifest, passed: true, detail: Text("秘书处签名有效；manifest 哈希 \(vote.hash)", "secretariat signature valid; manifest hash \(vote.hash)")))
        checks.append(CheckOutcome(.roster, passed: true, detail: Text("代表 \(vote.roster.count) 名，哈希一致", "\(vote.roster.count) deputies, hash matches")))
        if let blind = manifest.keys.blind {
            checks.append(
                CheckOutcome(
                    .registrarKey, passed: blind.keySizeInBits >= BlindPublicKey.minimumBits && blind.fingerprint == manifest.keys.blindFingerprint,
                    detail: Text(
                        "RSA-\(blind.keySizeInBits)，指纹 \(blind.fingerprint.prefix(16))… 与公布的一致",
                        "RSA-\(blind.keySizeInBits), fingerprint \(blind.fingerprint.prefix(16))… as published")))
        } else {
            checks.append(
                CheckOutcome(
                    .registrarKey, passed: true,
                    detail: manifest.paperOnly == true
                        ? Text("只收纸质选票，不使用盲签名密钥", "paper ballots only: no blind-signing key")
                        : Text("记名投票，不使用盲签名密钥", "recorded vote: no blind-signing key")))
        }
        try checkPrevious(previous)

        // The sealed issuance log is checked on a thread of its own while the ballots are: a
        // million lines take seconds, and the ballots' signature checks fill the cores meanwhile.
        // Its verdict comes first all the same: a log that does not check stops the count.
        let sealResult = Mutex<Result<IssuanceSeal, ShishiError>?>(nil)
        let sealDone = DispatchGroup()
        let vote = self.vote
        DispatchQueue.global().async(group: sealDone) {
            let result: Result<IssuanceSeal, ShishiError>
            do {
                result = .success(try IssuanceSeal.load(for: vote))
            } catch let error as ShishiError {
                result = .failure(error)
            } catch {
                result = .failure(ShishiError(.issuanceUnreadable, zh: "签到日志无法读取：\(error)", en: "The issuance log cannot be read: \(error)"))
            }
            sealResult.withLock { $0 = result }
        }
        var counter = Counter(candidates: manifest.candidates.map(\.id))
        let scanned: Result<ElectronicScan, any Error>
        do {
            scanned = .success(
                try scanElectronic(
                    into: &counter,
                    expected: {
                        sealResult.withLock { state in
                            guard case .success(let seal)? = state else { return nil }
                            return seal.credentials
                        }
                    },
                    stop: {
                        sealResult.withLock { state in
                            // A log that does not check stops the count: no need to read the rest of the box.
                            guard case .failure? = state else { return false }
                            return true
                        }
                    }, progress: progress))
        } catch {
            scanned = .failure(error)
        }
        sealDone.wait()
        let seal: IssuanceSeal
        switch sealResult.withLock({ $0! }) {
        case .success(let value): seal = value
        case .failure(let error): throw cannotCount(.issuance, error.message)
        }
        let electronic = try scanned.get()
        FreedMemory.release()
        phase("issuance log and electronic ballots checked, ballots counted")
        checks.append(
            CheckOutcome(
                .issuance, passed: true, checked: seal.present,
                detail: Text(
                    "出席 \(seal.present) 名：电子 \(seal.credentials)，纸质 \(seal.paper)；链头 \(seal.head.short)…",
                    "\(seal.present) present: \(seal.credentials) electronic, \(seal.paper) paper; chain head \(seal.head.short)…")))
        let attendance = Attendance(seal: seal, vote: vote)
        let quorumMet = attendance.quorumMet
        checks.append(
            CheckOutcome(
                .quorum, passed: quorumMet,
                detail: Text(
                    "出席 \(seal.present) 名，须超过全体 \(vote.roster.count) 名的 \(manifest.rules.quorum)（\(attendance.quorumFigure)）",
                    "\(seal.present) present; more than \(manifest.rules.quorum) of \(vote.roster.count) (\(attendance.quorumFigure)) needed")))

        checks += try signInsAfterClose(electronic, seal: seal)
        let paper = try scanPaper(into: &counter, seal: seal)
        checks += paper.checks
        phase("paper batches checked and counted")

        let figuresReturnedElectronic = electronic.returned
        let electronicOK = Attendance.returnedWithinIssued(returned: figuresReturnedElectronic, issued: seal.credentials)
        checks.append(
            CheckOutcome(
                .electronicReturned, passed: electronicOK,
                detail: Text(
                    "电子选票 \(figuresReturnedElectronic) 张，发放凭证 \(seal.credentials) 份",
                    "\(figuresReturnedElectronic) electronic ballots for \(seal.credentials) credentials issued")))
        let issued = seal.credentials + paper.issued
        let returned = figuresReturnedElectronic + paper.takenOut
        let returnedOK = Attendance.returnedWithinIssued(returned: returned, issued: issued)
        checks.append(
            CheckOutcome(
                .returnedWithinIssued, passed: returnedOK,
                detail: Text("收回 \(returned) 张，发出 \(issued) 张", "\(returned) returned, \(issued) issued")))

        let figures = TallyResult.Figures(
            deputies: vote.roster.count, present: seal.present, issued: issued, issuedElectronic: seal.credentials, issuedPaper: paper.issued,
            returned: returned, returnedElectronic: figuresReturnedElectronic, returnedPaper: paper.takenOut,
            valid: counter.valid, invalid: counter.invalid, blank: counter.blank, rejected: electronic.rejected, setAside: electronic.setAside
        )
        let outcome: TallyResult.Outcome = !quorumMet ? .noQuorum : (electronicOK && returnedOK && paper.withinIssued ? .counted : .void)
        let baseCount: Int
        switch manifest.rules.majorityBase {
        case .all: baseCount = vote.roster.count
        case .present: baseCount = seal.present
        case .valid: baseCount = counter.valid
        case .none: baseCount = 0
        }
        let allocation =
            outcome == .counted && !manifest.style.isRating
            ? SeatAllocation(
                yes: manifest.candidates.indices.map { (manifest.candidates[$0].id, manifest.style == .points ? counter.points[$0] : counter.count(.yes, $0)) },
                seats: manifest.seats,
                base: manifest.rules.majorityBase, baseCount: baseCount, shortfall: manifest.rules.shortfallRule,
                budget: manifest.budget.map { SeatAllocation.Budget(total: $0, costs: manifest.candidates.costs) })
            : nil
        let candidates = manifest.candidates.indices.map { index in
            let candidate = manifest.candidates[index]
            let (yes, no) = (counter.count(.yes, index), counter.count(.no, index))
            var result = TallyResult.CandidateResult(
                id: candidate.id, title: candidate.title, titleEn: candidate.titleEn,
                yes: yes, no: no, abstain: counter.valid - yes - no,
                rank: allocation?.rank[candidate.id], status: allocation?.status[candidate.id], cost: manifest.budget == nil ? nil : candidate.cost
            )
            if manifest.style == .points {
                // On a points ballot "yes" is the ballots that gave the project any points.
                result.yes = counter.supporters[index]
                result.abstain = counter.valid - result.yes
                result.points = counter.points[index]
            }
            if let grading = manifest.rules.grading, manifest.style.isRating {
                let ratings = RatingCounts(
                    satisfied: counter.count(.satisfied, index), basicallySatisfied: counter.count(.basicallySatisfied, index),
                    unsatisfied: counter.count(.unsatisfied, index)
                )
                result.ratings = ratings
                result.abstain = counter.valid - ratings.cast
                result.grade = outcome == .counted ? grading.grade(ratings, evaluators: vote.roster.count) : nil
            }
            return result
        }
        let trackers = electronic.counted
        let result = TallyResult(
            vote: vote.hash, round: manifest.round, previousRound: manifest.previousRound, seats: manifest.seats, outcome: outcome,
            figures: figures, majorityBase: manifest.rules.majorityBase, baseCount: baseCount, candidates: candidates, allocation: allocation,
            adoptedEarlier: previous?.adoptedAll ?? [], checks: checks,
            boxDigest: trackers.root, countedElectronic: trackers.count,
            paperBoxes: paper.digests, issuanceHead: seal.head, review: electronic.review + paper.review, countedAt: Timestamp.string(now)
        )
        phase("box digest computed")
        return Run(result: result, countedTrackers: trackers)
    }

    /// The electronic checks, check 19 failing also for every sign-in the sealed log records after
    /// the head the close record names: a credential or paper ballot handed out once voting had
    /// ended (the phases' order, ``RoundPhase``). No clock is compared. A record whose head is no
    /// line of the sealed log stops the count (the log was changed after the close); a record made
    /// before it named the head, or a folder closed in order, passes as before.
    private func signInsAfterClose(_ electronic: ElectronicScan, seal: IssuanceSeal) throws -> [CheckOutcome] {
        guard let record = electronic.closed, let head = record.issuanceHead, head != seal.head,
            let place = electronic.checks.firstIndex(where: { $0.check == .boxClose })
        else { return electronic.checks }
        let found: [IssuanceEntry]?
        do {
            found = try seal.entries(after: head, for: vote)
        } catch let error as ShishiError {
            throw cannotCount(.boxClose, error.message)
        }
        guard let late = found else {
            throw cannotCount(
                .boxClose,
                Text(
                    "封箱记录所写的签到日志链头不在封存的签到日志中：签到日志在封箱后被改动过",
                    "the sign-in log's head the close record names is not in the sealed log: the log was changed after the close"))
        }
        guard !late.isEmpty else { return electronic.checks }
        var checks = electronic.checks
        var check = checks[place]
        let names = late.map { $0.deputy.isEmpty ? $0.kind.rawValue : $0.deputy }.joined(separator: ", ")
        check.passed = false
        check.failed += late.count
        check.detail = Text(
            "\(check.detail.zh)；封箱后仍有 \(late.count) 人签到：\(names)", "\(check.detail.en); \(late.count) signed in after the close: \(names)")
        checks[place] = check
        return checks
    }

    private func checkPrevious(_ previous: TallyResult?) throws {
        switch (vote.manifest.previousRound, previous) {
        case (nil, nil):
            return
        case (let expected?, let previous?) where previous.vote == expected:
            return
        case (let expected?, _):
            throw ShishiError(
                .tallyPreviousRound,
                zh: "这是第 \(vote.manifest.round) 轮，需要上一轮（manifest 哈希 \(expected.short)…）的结果：请用 --previous 给出上一轮的投票目录。",
                en:
                    "This is round \(vote.manifest.round); it needs the previous round's result (manifest hash \(expected.short)…): give the previous round's folder with --previous."
            )
        case (nil, _?):
            throw ShishiError(.tallyPreviousRound, zh: "这是第一轮，不需要 --previous。", en: "This is a first round: --previous does not apply.")
        }
    }

    func cannotCount(_ check: TallyCheck, _ reason: Text) -> ShishiError {
        ShishiError(
            .tallyCannotCount,
            zh: "无法计票：检查 \(check.rawValue)（\(check.title.zh)）未通过：\(reason.zh)",
            en: "Cannot count: check \(check.rawValue) (\(check.title.en)) failed: \(reason.en)"
        )
    }
}
