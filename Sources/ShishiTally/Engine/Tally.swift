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
        var checks = definitionChecks()
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
        checks += attendanceChecks(seal)

        checks += try signInsAfterClose(electronic, seal: seal)
        let paper = try scanPaper(into: &counter, seal: seal)
        checks += paper.checks
        phase("paper batches checked and counted")

        let figuresReturnedElectronic = electronic.returned
        let issued = seal.credentials + paper.issued
        let returned = figuresReturnedElectronic + paper.takenOut
        let returnChecks = Self.returnChecks(returnedElectronic: figuresReturnedElectronic, credentials: seal.credentials, returned: returned, issued: issued)
        checks += returnChecks

        let figures = TallyResult.Figures(
            deputies: vote.roster.count, present: seal.present, issued: issued, issuedElectronic: seal.credentials, issuedPaper: paper.issued,
            returned: returned, returnedElectronic: figuresReturnedElectronic, returnedPaper: paper.takenOut,
            valid: counter.valid, invalid: counter.invalid, blank: counter.blank, rejected: electronic.rejected, setAside: electronic.setAside
        )
        let conclusion = CountConclusion(
            vote: vote, present: seal.present, valid: counter.valid, withinIssued: returnChecks.allSatisfy(\.passed) && paper.withinIssued,
            totals: Self.totals(counter, manifest: manifest))
        let trackers = electronic.counted
        let result = TallyResult(
            vote: vote.hash, round: manifest.round, previousRound: manifest.previousRound, seats: manifest.seats, outcome: conclusion.outcome,
            figures: figures, majorityBase: manifest.rules.majorityBase, baseCount: conclusion.baseCount, candidates: conclusion.candidates,
            allocation: conclusion.allocation,
            adoptedEarlier: previous?.adoptedAll ?? [], checks: checks,
            boxDigest: trackers.root, countedElectronic: trackers.count,
            paperBoxes: paper.digests, issuanceHead: seal.head, review: electronic.review + paper.review, countedAt: Timestamp.string(now)
        )
        phase("box digest computed")
        return Run(result: result, countedTrackers: trackers)
    }

    /// Each candidate's totals in a counter, in the manifest's order, as a result publishes them.
    static func totals(_ counter: Counter, manifest: VoteManifest) -> [CountConclusion.Totals] {
        manifest.candidates.indices.map { index in
            if manifest.style == .points {
                // On a points ballot "yes" is the ballots that gave the project any points.
                return .init(yes: counter.supporters[index], no: counter.count(.no, index), points: counter.points[index])
            }
            guard manifest.style.isRating, manifest.rules.grading != nil else {
                return .init(yes: counter.count(.yes, index), no: counter.count(.no, index))
            }
            let ratings = RatingCounts(
                satisfied: counter.count(.satisfied, index), basicallySatisfied: counter.count(.basicallySatisfied, index),
                unsatisfied: counter.count(.unsatisfied, index))
            return .init(yes: counter.count(.yes, index), no: counter.count(.no, index), ratings: ratings)
        }
    }

    /// The count of paper ballots already read, held in memory, under the vote's rules, as
    /// ``run(previous:now:logger:progress:)`` counts a box, with `present` deputies signed in:
    /// what an import shows the moment it has written the folder, from the ballots it has just
    /// read. None of the folder's checks runs: the count that stands is ``run(previous:now:logger:progress:)``'s.
    public func count(paper ballots: CompactPaperBallots, present: Int) -> CountConclusion {
        let manifest = vote.manifest
        var counter = Counter(candidates: manifest.candidates.map(\.id))
        _ = counter.add(box: ballots, manifest: manifest)
        return CountConclusion(vote: vote, present: present, valid: counter.valid, withinIssued: true, totals: Self.totals(counter, manifest: manifest))
    }

    /// The electronic checks, check 19 failing also for every sign-in the sealed log records after
    /// the head the close record names: a credential or paper ballot handed out once voting had
    /// ended (the phases' order, ``RoundPhase``). A record made before it named the head, or a
    /// folder closed in order, passes as before.
    private func signInsAfterClose(_ electronic: ElectronicScan, seal: IssuanceSeal) throws -> [CheckOutcome] {
        guard let record = electronic.closed, let place = electronic.checks.firstIndex(where: { $0.check == .boxClose }) else { return electronic.checks }
        var checks = electronic.checks
        checks[place] = Self.addingLateSignIns(try signIns(after: record, seal: seal), to: checks[place])
        return checks
    }

    func checkPrevious(_ previous: TallyResult?) throws {
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
