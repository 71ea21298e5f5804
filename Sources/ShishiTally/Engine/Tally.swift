public import Foundation
public import ShishiBallot
public import ShishiCore
import Logging
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

    /// Counts the round. `previous` is the previous round's result when this is a later round;
    /// `progress` reports (ballots checked, total).
    public func run(previous: TallyResult? = nil, now: Date, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Run {
        let manifest = vote.manifest
        let logger = Logger(label: "shishi.tally")
        let clock = ContinuousClock()
        var started = clock.now
        func phase(_ name: String) {
            logger.debug("\(name)", metadata: ["elapsed": "\(clock.now - started)"])
            started = clock.now
        }
        var checks: [CheckOutcome] = []
        checks.append(CheckOutcome(.manifest, passed: true, detail: Text("秘书处签名有效；manifest 哈希 \(vote.hash)", "secretariat signature valid; manifest hash \(vote.hash)")))
        checks.append(CheckOutcome(.roster, passed: true, detail: Text("代表 \(vote.roster.count) 名，哈希一致", "\(vote.roster.count) deputies, hash matches")))
        if let blind = manifest.keys.blind {
            checks.append(CheckOutcome(.registrarKey, passed: blind.keySizeInBits >= BlindPublicKey.minimumBits && blind.fingerprint == manifest.keys.blindFingerprint,
                detail: Text("RSA-\(blind.keySizeInBits)，指纹 \(blind.fingerprint.prefix(16))… 与公布的一致", "RSA-\(blind.keySizeInBits), fingerprint \(blind.fingerprint.prefix(16))… as published")))
        } else {
            checks.append(CheckOutcome(.registrarKey, passed: true, detail: Text("记名投票，不使用盲签名密钥", "recorded vote: no blind-signing key")))
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
                result = .failure(ShishiError("issuance.unreadable", zh: "签到日志无法读取：\(error)", en: "The issuance log cannot be read: \(error)"))
            }
            sealResult.withLock { $0 = result }
        }
        var counter = Counter(candidates: manifest.candidates.map(\.id))
        let scanned: Result<ElectronicScan, any Error>
        do {
            scanned = .success(try scanElectronic(into: &counter, expected: { sealResult.withLock { state in
                guard case .success(let seal)? = state else { return nil }
                return seal.credentials
            } }, stop: { sealResult.withLock { state in
                // A log that does not check stops the count: no need to read the rest of the box.
                guard case .failure? = state else { return false }
                return true
            } }, progress: progress))
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
        checks.append(CheckOutcome(.issuance, passed: true, checked: seal.present,
            detail: Text("出席 \(seal.present) 名：电子 \(seal.credentials)，纸质 \(seal.paper)；链头 \(seal.head.short)…", "\(seal.present) present: \(seal.credentials) electronic, \(seal.paper) paper; chain head \(seal.head.short)…")))
        let quorumMet = manifest.rules.quorum.isExceeded(by: seal.present, of: vote.roster.count)
        let quorumFigure = Double(vote.roster.count * manifest.rules.quorum.numerator) / Double(manifest.rules.quorum.denominator)
        let quorumText = quorumFigure == quorumFigure.rounded() ? String(Int(quorumFigure)) : String(format: "%.1f", quorumFigure)
        checks.append(CheckOutcome(.quorum, passed: quorumMet,
            detail: Text("出席 \(seal.present) 名，须超过全体 \(vote.roster.count) 名的 \(manifest.rules.quorum)（\(quorumText)）",
                         "\(seal.present) present; more than \(manifest.rules.quorum) of \(vote.roster.count) (\(quorumText)) needed")))

        checks += electronic.checks
        let paper = try scanPaper(into: &counter, seal: seal)
        checks += paper.checks
        phase("paper batches checked and counted")

        let figuresReturnedElectronic = electronic.returned
        let electronicOK = figuresReturnedElectronic <= seal.credentials
        checks.append(CheckOutcome(.electronicReturned, passed: electronicOK,
            detail: Text("电子选票 \(figuresReturnedElectronic) 张，发放凭证 \(seal.credentials) 份", "\(figuresReturnedElectronic) electronic ballots for \(seal.credentials) credentials issued")))
        let issued = seal.credentials + paper.issued
        let returned = figuresReturnedElectronic + paper.takenOut
        let returnedOK = returned <= issued
        checks.append(CheckOutcome(.returnedWithinIssued, passed: returnedOK,
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
        let allocation = outcome == .counted && !manifest.style.isRating
            ? SeatAllocation(yes: manifest.candidates.indices.map { (manifest.candidates[$0].id, counter.count(.yes, $0)) }, seats: manifest.seats,
                             base: manifest.rules.majorityBase, baseCount: baseCount, shortfall: manifest.rules.shortfallRule)
            : nil
        let candidates = manifest.candidates.indices.map { index in
            let candidate = manifest.candidates[index]
            let (yes, no) = (counter.count(.yes, index), counter.count(.no, index))
            var result = TallyResult.CandidateResult(
                id: candidate.id, title: candidate.title, titleEn: candidate.titleEn,
                yes: yes, no: no, abstain: counter.valid - yes - no,
                rank: allocation?.rank[candidate.id], status: allocation?.status[candidate.id]
            )
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

    private func checkPrevious(_ previous: TallyResult?) throws {
        switch (vote.manifest.previousRound, previous) {
        case (nil, nil):
            return
        case (let expected?, let previous?) where previous.vote == expected:
            return
        case (let expected?, _):
            throw ShishiError(
                "tally.previousRound",
                zh: "这是第 \(vote.manifest.round) 轮，需要上一轮（manifest 哈希 \(expected.short)…）的结果：请用 --previous 给出上一轮的投票目录。",
                en: "This is round \(vote.manifest.round); it needs the previous round's result (manifest hash \(expected.short)…): give the previous round's folder with --previous."
            )
        case (nil, _?):
            throw ShishiError("tally.previousRound", zh: "这是第一轮，不需要 --previous。", en: "This is a first round: --previous does not apply.")
        }
    }

    private func cannotCount(_ check: TallyCheck, _ reason: Text) -> ShishiError {
        ShishiError(
            "tally.cannotCount",
            zh: "无法计票：检查 \(check.rawValue)（\(check.title.zh)）未通过：\(reason.zh)",
            en: "Cannot count: check \(check.rawValue) (\(check.title.en)) failed: \(reason.en)"
        )
    }

    // MARK: - Counting

    /// Running totals over valid ballots: per mark, per candidate.
    struct Counter {
        /// `marks[mark][candidate]`, marks in ``Mark/allCases`` order.
        var marks: [[Int]]
        var valid = 0
        var invalid = 0
        var blank = 0
        let index: [String: Int]

        init(candidates: [String]) {
            marks = Array(repeating: Array(repeating: 0, count: candidates.count), count: Mark.allCases.count)
            index = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($0.element, $0.offset) })
        }

        /// Adds (or with `sign` -1, removes) one valid ballot: its marks by candidate id, and whether
        /// nothing at all was marked on it.
        mutating func add(_ ballotMarks: some Sequence<(key: String, value: Mark)>, blank isBlank: Bool, sign: Int = 1) {
            for (id, mark) in ballotMarks { marks[Self.row(mark)][index[id]!] += sign }
            valid += sign
            if isBlank { blank += sign }
        }

        /// Adds one valid ballot read by the fast path: its marks by candidate place.
        mutating func add(_ ballotMarks: [(candidate: Int, mark: Mark)]) {
            for (candidate, mark) in ballotMarks { marks[Self.row(mark)][candidate] += 1 }
            valid += 1
            if ballotMarks.isEmpty { blank += 1 }
        }

        /// Adds another counter's totals.
        mutating func absorb(_ other: Counter) {
            for row in marks.indices {
                for candidate in marks[row].indices { marks[row][candidate] += other.marks[row][candidate] }
            }
            valid += other.valid
            invalid += other.invalid
            blank += other.blank
        }

        /// The count of `mark` for the candidate at `candidate`.
        func count(_ mark: Mark, _ candidate: Int) -> Int { marks[Self.row(mark)][candidate] }

        private static func row(_ mark: Mark) -> Int {
            switch mark {
            case .yes: 0
            case .no: 1
            case .satisfied: 2
            case .basicallySatisfied: 3
            case .unsatisfied: 4
            }
        }
    }

    /// What the electronic scan found.
    struct ElectronicScan {
        var checks: [CheckOutcome]
        var returned: Int
        var rejected: Int
        var setAside: Int
        var counted: TrackerList
        var review: [TallyResult.ReviewItem]
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
                review.append(.init(status: "invalid", file: name, tracker: verdict.tracker, box: nil, serial: nil, check: TallyCheck.yesLimit.rawValue, reason: failed?.detail ?? Text("", "")))
            case .rejected:
                rejected += 1
                review.append(.init(status: "rejected", file: name, tracker: verdict.tracker, box: nil, serial: nil, check: failed.map { Tally.tallyCheck($0.check) }?.rawValue, reason: failed?.detail ?? Text("", "")))
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
    private func scanElectronic(into counter: inout Counter, expected: () -> Int?, stop: () -> Bool, progress: @Sendable (Int, Int) -> Void) throws -> ElectronicScan {
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
        var counted: [Digest32] = []
        counted.reserveCapacity(authentic.count)
        var setAside: [(position: Int, tracker: Digest32, uses: Int)] = []
        for ballot in authentic {
            if let uses = repeated[ballot.credential] {
                setAside.append((ballot.position, ballot.tracker, uses))
            } else {
                counted.append(ballot.tracker)
            }
        }
        // The ballots set aside are found again in one more pass over the box, however many they are.
        let found = try ballots(at: Set(setAside.map(\.position)))
        for ballot in setAside {
            guard let (name, data) = found[ballot.position], uncount(data, name: name, tracker: ballot.tracker, from: &counter, verifier: verifier.full) else {
                throw ShishiError("box.changed", zh: "票箱在计票过程中发生了变化：请在票箱不再变动时重新计票。", en: "The ballot box changed during the count: count again once it no longer changes.")
            }
            review.removeAll { $0.file == name }
            review.append(.init(
                status: "set-aside", file: name, tracker: HashValue(algorithm: vote.manifest.hash, bytes: ballot.tracker.data), box: nil, serial: nil, check: TallyCheck.credentialOnce.rawValue,
                reason: Text("同一凭证投了 \(ballot.uses) 张选票：全部暂不计入，交监票人复核", "one credential cast \(ballot.uses) ballots: all set aside for the scrutineers")
            ))
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
                checks.append(CheckOutcome(tally, passed: true, checked: reached, failed: 0,
                    detail: vote.manifest.style.isRating
                        ? Text("测评票不限满意项数，没有多选废票", "evaluation ballots have no limit: none is over-marked")
                        : Text("\(failed) 张多选为废票（计入收回票数，不计入有效票）", "\(failed) over-marked: invalid (returned, not valid)")))
            } else {
                checks.append(CheckOutcome(tally, passed: failed == 0, checked: reached, failed: failed,
                    detail: failed == 0 ? Text("\(reached) 张全部通过", "all \(reached) pass") : Text("\(failed) 张未通过，已拒收并列入复核清单", "\(failed) fail: rejected and listed for review")))
            }
            reached -= failed
        }
        checks.append(CheckOutcome(.credentialOnce, passed: setAside.isEmpty, checked: returned, failed: setAside.count,
            detail: setAside.isEmpty ? Text("没有重复使用的凭证", "no credential used twice") : Text("\(setAside.count) 张选票的凭证被重复使用，已全部暂不计入", "\(setAside.count) ballots share a credential: all set aside")))
        return ElectronicScan(checks: checks, returned: returned, rejected: rejected, setAside: setAside.count, counted: TrackerList(algorithm: vote.manifest.hash, digests: counted), review: review)
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

    /// What the paper scan found.
    struct PaperScan {
        var checks: [CheckOutcome]
        var issued: Int
        var takenOut: Int
        var withinIssued: Bool
        var digests: [TallyResult.BoxDigest]
        var review: [TallyResult.ReviewItem]
    }

    private func scanPaper(into counter: inout Counter, seal: IssuanceSeal) throws -> PaperScan {
        let entry = PaperEntry(vote: vote)
        let files = vote.folder.paperBatchFiles()
        var scan = PaperScan(checks: [], issued: 0, takenOut: 0, withinIssued: true, digests: [], review: [])
        var countersigned = 0
        var overIssued: [Int] = []
        for url in files {
            let name = "paper/\(url.lastPathComponent)"
            let batch: PaperBatch
            let scrutineers: [String]
            let envelope: SignedEnvelope
            do {
                envelope = try SignedEnvelope.read(from: url)
                (batch, scrutineers) = try entry.verify(envelope, source: name)
            } catch let error as ShishiError {
                throw cannotCount(.paperSignatures, error.message)
            }
            if !scrutineers.isEmpty { countersigned += 1 }
            scan.digests.append(.init(box: batch.box, hash: vote.manifest.hash.digest(envelope.payload)))
            scan.issued += batch.issued
            scan.takenOut += batch.takenOut
            if batch.takenOut > batch.issued {
                overIssued.append(batch.box)
                scan.withinIssued = false
            }
            for ballot in batch.ballots {
                if ballot.yesCount > vote.manifest.seats {
                    counter.invalid += 1
                    scan.review.append(.init(
                        status: "invalid", file: name, tracker: nil, box: batch.box, serial: ballot.serial, check: TallyCheck.yesLimit.rawValue,
                        reason: Text("同意 \(ballot.yesCount) 项，超过应选 \(vote.manifest.seats) 项：废票", "\(ballot.yesCount) yes marks for \(vote.manifest.seats) seats: invalid")
                    ))
                } else {
                    // A mark the counters could not read counts as an abstention on that candidate.
                    counter.add(ballot.marks.compactMap { id, mark in mark.mark.map { (key: id, value: $0) } }, blank: ballot.isBlank)
                }
            }
        }
        scan.checks.append(CheckOutcome(.paperSignatures, passed: true, checked: files.count,
            detail: Text("\(files.count) 个票箱计票人签名有效，其中 \(countersigned) 个有监票人会签", "\(files.count) boxes with valid counter signatures, \(countersigned) countersigned by scrutineers")))
        guard scan.issued == seal.paper else {
            throw cannotCount(.paperCounts, Text(
                "签到时发出纸质选票 \(seal.paper) 张，各票箱发出合计 \(scan.issued) 张：请录入全部票箱（shishi paper enter）后再计票。",
                "\(seal.paper) paper ballots were issued at sign-in but the boxes account for \(scan.issued): enter every box (shishi paper enter) before counting."
            ))
        }
        scan.checks.append(CheckOutcome(.paperCounts, passed: overIssued.isEmpty, checked: files.count, failed: overIssued.count,
            detail: overIssued.isEmpty
                ? Text("发出 \(scan.issued) 张，收回 \(scan.takenOut) 张，与签到一致", "\(scan.issued) issued, \(scan.takenOut) taken out, matching sign-in")
                : Text("第 \(overIssued.map(String.init).joined(separator: "、")) 号票箱收回多于发出", "box \(overIssued.map(String.init).joined(separator: ", ")): more taken out than issued")))
        return scan
    }
}
