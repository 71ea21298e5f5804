import Foundation
import ShishiBallot
import ShishiCore
import Synchronization

extension Tally {
    /// What the electronic scan found.
    struct ElectronicScan {
        var checks: [CheckOutcome]
        var returned: Int
        var rejected: Int
        var setAside: Int
        var counted: TrackerList
        var review: [TallyResult.ReviewItem]
        /// The close record, when the box was closed.
        var closed: BoxClose?
    }

    /// What the tally keeps of an authentic ballot: 56 bytes, whatever the ballot's size.
    private struct Kept {
        var credential: CredentialFingerprint
        var tracker: Digest32
        var position: Int
    }

    /// What one worker finds in its share of a chunk of the box.
    private struct Share {
        var counter: Counter
        var kept: [Kept] = []
        var review: [TallyResult.ReviewItem] = []
        var firstFailure: [BallotCheck: Int] = [:]
        var rejected = 0

        /// Checks ballots `range` of `chunk`, the first at stream position `first`.
        mutating func scan(_ chunk: BallotBox.RawChunk, _ range: Range<Int>, first: Int, verifier: CountingVerifier) {
            var scratch = CountingVerifier.Scratch()
            kept.reserveCapacity(range.count)
            for index in range {
                let position = first + index
                let bytes = chunk.ballot(index)
                if let counted = verifier.check(bytes, scratch: &scratch) {
                    counter.add(scratch.marks)
                    kept.append(Kept(credential: counted.credential, tracker: counted.tracker, position: position))
                } else {
                    judge(Data(bytes), name: chunk.name(index), position: position, verifier: verifier.full)
                }
            }
        }

        /// Counts a ballot the fast path declined, by the full verdict and its reason.
        private mutating func judge(_ data: Data, name: String, position: Int, verifier: BallotVerifier) {
            let verdict = verifier.verify(data, source: name, detailed: false)
            let failed = verdict.steps.first { $0.passed == false }
            if let failed { firstFailure[failed.check, default: 0] += 1 }
            let tracker = verdict.tracker.flatMap { Digest32($0.bytes) }
            switch verdict.status {
            case .valid:
                counter.add(verdict.ballot?.marks ?? [:], blank: verdict.ballot?.marks.isEmpty ?? true)
                kept.append(Kept(credential: CredentialFingerprint(verdict.ballot!), tracker: tracker!, position: position))
            case .invalid:
                counter.invalid += 1
                kept.append(Kept(credential: CredentialFingerprint(verdict.ballot!), tracker: tracker!, position: position))
                review.append(
                    .init(
                        status: .invalid, file: name, tracker: verdict.tracker, box: nil, serial: nil, check: TallyCheck.yesLimit.rawValue,
                        reason: failed?.detail ?? Text("", "")))
            case .rejected:
                rejected += 1
                review.append(
                    .init(
                        status: .rejected, file: name, tracker: verdict.tracker, box: nil, serial: nil,
                        check: failed.map { Tally.tallyCheck($0.check) }?.rawValue, reason: failed?.detail ?? Text("", "")))
            }
        }
    }

    /// Checks and counts the electronic ballots; `expected` (the credentials issued, once the
    /// issuance log is checked) is the total the progress reports count towards; when `stop`
    /// turns true the scan ends early (the count cannot go on).
    ///
    /// Each chunk of the box is cut into shares checked on all cores, each worker counting into
    /// its own totals; the shares are then added up in order, so the outcome does not depend on
    /// which core checked what.
    func scanElectronic(into counter: inout Counter, expected: () -> Int?, stop: () -> Bool, progress: @Sendable (Int, Int) -> Void) throws -> ElectronicScan {
        let box = BallotBox(vote: vote)
        let verifier = CountingVerifier(vote: vote)
        var firstFailure: [BallotCheck: Int] = [:]
        var review: [TallyResult.ReviewItem] = []
        var authentic: [Kept] = []
        authentic.reserveCapacity(vote.roster.count)  // at most one credential per deputy, unless some are used twice
        var rejected = 0
        var seen = 0
        let tasks = ProcessInfo.processInfo.activeProcessorCount * 8
        let empty = Share(counter: Counter(candidates: vote.manifest.candidates.map(\.id)))
        try box.forEachRawChunk { chunk in
            if stop() { throw CancellationError() }
            let first = seen
            let shares = Mutex([Share](repeating: empty, count: tasks))
            DispatchQueue.concurrentPerform(iterations: tasks) { task in
                var share = empty
                share.scan(chunk, chunk.count * task / tasks..<chunk.count * (task + 1) / tasks, first: first, verifier: verifier)
                shares.withLock { $0[task] = share }
            }
            for share in shares.withLock({ $0 }) {
                counter.absorb(share.counter)
                authentic += share.kept
                review += share.review
                rejected += share.rejected
                firstFailure.merge(share.firstFailure, uniquingKeysWith: +)
            }
            seen += chunk.count
            progress(seen, max(seen, expected() ?? vote.roster.count))
        }
        // A credential used more than once: every ballot made with it is set aside, none counted.
        // The credentials alone are sorted to find them (16 bytes a ballot, not the whole record).
        var credentials = authentic.map(\.credential)
        credentials.sort()
        var repeated: [CredentialFingerprint: Int] = [:]
        for index in credentials.indices.dropFirst() where credentials[index] == credentials[index - 1] {
            repeated[credentials[index], default: 1] += 1
        }
        credentials = []
        // The close record: a ballot it does not cover arrived after the close.
        let closed: BoxClose.Loaded?
        do {
            closed = try BoxClose.load(for: vote)
        } catch let error as ShishiError {
            throw cannotCount(.boxClose, error.message)
        }
        if let closed {
            var present = Set(authentic.map(\.tracker))
            for item in review { if let tracker = item.tracker.flatMap({ Digest32($0.bytes) }) { present.insert(tracker) } }
            let missing = closed.trackers.digests.filter { !present.contains($0) }.count
            if missing > 0 {
                throw cannotCount(
                    .boxClose,
                    Text(
                        "封箱时在票箱中的 \(missing) 张选票已不在票箱中：票箱在封箱后被改动过",
                        "\(missing, noun: "ballot") that \(missing == 1 ? "was" : "were") in the box at the close \(missing == 1 ? "is" : "are") no longer there: the box was changed after the close"
                    ))
            }
        }
        enum Reason { case repeated(Int), afterClose }
        var counted: [Digest32] = []
        counted.reserveCapacity(authentic.count)
        var setAside: [(position: Int, tracker: Digest32, reason: Reason)] = []
        for ballot in authentic {
            if let uses = repeated[ballot.credential] {
                setAside.append((ballot.position, ballot.tracker, .repeated(uses)))
            } else if let closed, closed.trackers.index(of: HashValue(algorithm: vote.manifest.hash, bytes: ballot.tracker.data)) == nil {
                setAside.append((ballot.position, ballot.tracker, .afterClose))
            } else {
                counted.append(ballot.tracker)
            }
        }
        // The ballots set aside are found again in one more pass over the box, however many they are.
        let found = try ballots(at: Set(setAside.map(\.position)))
        for ballot in setAside {
            guard let (name, data) = found[ballot.position], uncount(data, name: name, tracker: ballot.tracker, from: &counter, verifier: verifier.full) else {
                throw ShishiError(
                    .boxChanged, zh: "票箱在计票过程中发生了变化：请在票箱不再变动时重新计票。", en: "The ballot box changed during the count: count again once it no longer changes.")
            }
            review.removeAll { $0.file == name }
            let (check, reason): (TallyCheck, Text) =
                switch ballot.reason {
                case .repeated(let uses):
                    (
                        .credentialOnce,
                        Text("同一凭证投了 \(uses) 张选票：全部暂不计入，交监票人复核", "one credential cast \(uses, noun: "ballot"): all set aside for the scrutineers")
                    )
                case .afterClose:
                    (.boxClose, Text("封箱后到达：暂不计入，交监票人复核", "arrived after the box was closed: set aside for the scrutineers"))
                }
            review.append(
                .init(
                    status: .setAside, file: name, tracker: HashValue(algorithm: vote.manifest.hash, bytes: ballot.tracker.data), box: nil, serial: nil,
                    check: check.rawValue, reason: reason))
        }
        let returned = authentic.count
        authentic = []
        counted.sort()
        review.sort { $0.file < $1.file }
        var checks: [CheckOutcome] = []
        var reached = seen
        for check in BallotCheck.allCases {
            let failed = firstFailure[check] ?? 0
            let tally = Self.tallyCheck(check)
            if check == .yesLimit {
                checks.append(
                    CheckOutcome(
                        tally, passed: true, checked: reached, failed: 0,
                        detail: vote.manifest.style.isRating
                            ? Text("测评票不限满意项数，没有多选废票", "evaluation ballots have no limit: none is over-marked")
                            : Text("\(failed) 张多选为废票（计入收回票数，不计入有效票）", "\(failed) over-marked: invalid (returned, not valid)")))
            } else {
                checks.append(
                    CheckOutcome(
                        tally, passed: failed == 0, checked: reached, failed: failed,
                        detail: failed == 0
                            ? Text("\(reached) 张全部通过", "all \(reached) pass")
                            : Text("\(failed) 张未通过，已拒收并列入复核清单", "\(failed) fail: rejected and listed for review")))
            }
            reached -= failed
        }
        let shared = setAside.filter { if case .repeated = $0.reason { true } else { false } }.count
        checks.append(
            CheckOutcome(
                .credentialOnce, passed: shared == 0, checked: returned, failed: shared,
                detail: shared == 0
                    ? Text("没有重复使用的凭证", "no credential used twice")
                    : Text("\(shared) 张选票的凭证被重复使用，已全部暂不计入", "\(shared, noun: "ballot", verb: "share") a credential: all set aside")))
        let late = setAside.count - shared
        // Without a close record there is no check 19, so that a folder counted before the close
        // record existed verifies as it did; the tally and verify say the box was not closed.
        if let closed {
            let record = closed.record
            checks.append(
                CheckOutcome(
                    .boxClose, passed: late == 0, checked: returned, failed: late,
                    detail: Text(
                        "\(record.closedAt) 封箱，当时票箱中 \(record.ballots) 张（摘要 \(record.digest.short)…）；封箱后到达 \(late) 张\(late > 0 ? "，已暂不计入" : "")",
                        "closed at \(record.closedAt) with \(record.ballots, noun: "ballot") in the box (digest \(record.digest.short)…); \(late) arrived after\(late > 0 ? ": set aside" : "")"
                    )))
        }
        return ElectronicScan(
            checks: checks, returned: returned, rejected: rejected, setAside: setAside.count,
            counted: TrackerList(algorithm: vote.manifest.hash, digests: counted), review: review, closed: closed?.record)
    }

    /// The names and bytes of the ballots at `positions` in stream order (files first, sorted,
    /// then bundle lines). Only set-aside ballots need this, so it reads the box once more rather
    /// than keep every name.
    private func ballots(at positions: Set<Int>) throws -> [Int: (name: String, data: Data)] {
        guard !positions.isEmpty else { return [:] }
        var found: [Int: (name: String, data: Data)] = [:]
        var first = 0
        try BallotBox(vote: vote).forEachRawChunk { chunk in
            for index in 0..<chunk.count where positions.contains(first + index) {
                found[first + index] = (chunk.name(index), Data(chunk.ballot(index)))
            }
            first += chunk.count
        }
        return found
    }

    /// Takes a ballot set aside back out of the totals; `false` when its bytes are no longer
    /// those counted (their tracker differs).
    private func uncount(_ data: Data, name: String, tracker: Digest32, from counter: inout Counter, verifier: BallotVerifier) -> Bool {
        let verdict = verifier.verify(data, source: name)
        guard verdict.tracker.flatMap({ Digest32($0.bytes) }) == tracker else { return false }
        switch verdict.status {
        case .valid:
            counter.add(verdict.ballot?.marks ?? [:], blank: verdict.ballot?.marks.isEmpty ?? true, sign: -1)
        case .invalid:
            counter.invalid -= 1
        case .rejected:
            break
        }
        return true
    }

    static func tallyCheck(_ check: BallotCheck) -> TallyCheck {
        switch check {
        case .parse: .ballotFormat
        case .version: .ballotVersion
        case .vote: .ballotVote
        case .credential: .credential
        case .signature: .ballotSignature
        case .candidates: .candidates
        case .yesLimit: .yesLimit
        }
    }
}
