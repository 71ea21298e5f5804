public import ShishiBallot
public import ShishiCore

extension Verification {
    /// Whether `vote`'s folder is the public copy of a vote that keeps its ballots from the public
    /// (manifest `publication` `count`, docs/ballot-format.md §12): its result counts ballots, but
    /// the folder holds none (no `box/` file, no `box.jsonl`, no paper batch).
    public static func isPublicCopy(_ vote: Vote, result: TallyResult) -> Bool {
        vote.manifest.publishes == .count && !vote.folder.holdsBallots && result.figures.returned + result.figures.rejected > 0
    }

    /// The refusal of what only the full folder allows (a count, a countersignature, an
    /// adoption), made on a public copy.
    public static func publicCopyRefusal(_ action: Text) -> ShishiError {
        ShishiError(
            .tallyPublicCopy,
            zh: "这是不含选票内容的公开副本，\(action.zh)需要完整的投票目录（含每一张选票），由监票人和秘书处保存。shishi verify 可以核对这份副本能核对的部分。",
            en:
                "This is a public copy without the ballots' marks: \(action.en) needs the full vote folder (every ballot), which the scrutineers and the secretariat hold. shishi verify checks what this copy allows."
        )
    }

    /// Verifies a public copy (``isPublicCopy(_:result:)``): every check that needs no ballot.
    ///
    /// Checks 1 to 5, 16, 17 and 19 run on the files as in a recount; the result is then held to
    /// what the public files give (its figures against the sealed log, the trackers and the review
    /// list; checks 6 to 13 against the review list; the box digest against `counted-trackers.txt`;
    /// the close record's trackers against those counted or listed for review; the outcome, the
    /// majority base, the ranks, statuses, grades and the allocation re-derived from the published
    /// totals under the manifest's rules, ``CountConclusion``; the counts within what ballots can
    /// give) and to its countersignatures. What needs the ballots (checks 6 to 15 themselves, and
    /// the totals) is listed in ``needsFullFolder``, and the verdict is ``Verdict/partial``, or
    /// ``Verdict/changed`` when anything disagrees.
    static func runPublicCopy(_ vote: Vote, envelope: SignedEnvelope, published: TallyResult, previous: TallyResult?) throws -> Verification {
        let file = ResultFile(vote: vote)
        let tally = Tally(vote: vote)
        try tally.checkPrevious(previous)
        let seal: IssuanceSeal
        let closed: BoxClose.Loaded?
        let trackers: TrackerList
        let lateSignIns: [IssuanceEntry]
        do {
            seal = try IssuanceSeal.load(for: vote)
            closed = try BoxClose.load(for: vote)
            trackers = try file.countedTrackers()
            lateSignIns = try closed.map { try tally.signIns(after: $0.record, seal: seal) } ?? []
        } catch let error as ShishiError where error.code != .fileUnreadable {
            var verification = unrecountable(published: published, signers: file.signers(envelope), reason: error.message)
            verification.isPublicCopy = true
            return verification
        }
        let review = published.review
        func listed(_ status: TallyResult.ReviewItem.Status, check: TallyCheck? = nil) -> Int {
            review.filter { $0.status == status && (check == nil || $0.check == check?.rawValue) }.count
        }

        // The figures the sealed log, the trackers and the review list fix; the paper ballots
        // taken out and the blank ballots are taken as published (they need the batches).
        var figures = published.figures
        figures.deputies = vote.roster.count
        figures.present = seal.present
        figures.issuedElectronic = seal.credentials
        figures.issuedPaper = seal.paper
        figures.issued = seal.credentials + seal.paper
        figures.rejected = listed(.rejected)
        figures.setAside = listed(.setAside)
        figures.invalid = listed(.invalid)
        figures.returnedElectronic = trackers.count + figures.setAside
        figures.returned = figures.returnedElectronic + figures.returnedPaper
        figures.valid = trackers.count + figures.returnedPaper - figures.invalid

        // The checks: 1 to 5 on the files; 6 to 13 as the review list gives them; 19, 16 and 17.
        var checks = tally.definitionChecks() + tally.attendanceChecks(seal)
        var reached = figures.returnedElectronic + figures.rejected
        for check in [TallyCheck.ballotFormat, .ballotVersion, .ballotVote, .credential, .ballotSignature, .candidates, .yesLimit] {
            let failed = check == .yesLimit ? 0 : listed(.rejected, check: check)
            checks.append(CheckOutcome(check, passed: failed == 0, checked: reached, failed: failed, detail: Text("", "")))
            reached -= failed
        }
        let shared = listed(.setAside, check: .credentialOnce)
        checks.append(CheckOutcome(.credentialOnce, passed: shared == 0, checked: figures.returnedElectronic, failed: shared, detail: Text("", "")))
        var problems: [Text] = []
        if let closed {
            let late = listed(.setAside, check: .boxClose)
            let record = closed.record
            let close = CheckOutcome(
                .boxClose, passed: late == 0, checked: figures.returnedElectronic, failed: late,
                detail: Text(
                    "\(record.closedAt) 封箱，当时票箱中 \(record.ballots) 张（摘要 \(record.digest.short)…）；封箱后到达 \(late) 张",
                    "closed at \(record.closedAt) with \(record.ballots, noun: "ballot") in the box (digest \(record.digest.short)…); \(late) arrived after"))
            checks.append(Tally.addingLateSignIns(lateSignIns, to: close))
            problems += closeProblems(closed.trackers, counted: trackers, review: review)
        }
        let paper = published.checks.first { $0.check == .paperCounts }
        checks.append(CheckOutcome(.paperSignatures, passed: true, checked: published.paperBoxes.count, detail: Text("", "")))
        checks.append(
            CheckOutcome(
                .paperCounts, passed: paper?.passed ?? true, checked: published.paperBoxes.count, failed: paper?.failed ?? 0, detail: Text("", "")))
        let returnChecks = Tally.returnChecks(
            returnedElectronic: figures.returnedElectronic, credentials: seal.credentials, returned: figures.returned, issued: figures.issued)
        checks += returnChecks

        let conclusion = CountConclusion(
            vote: vote, present: seal.present, valid: figures.valid, withinIssued: returnChecks.allSatisfy(\.passed) && (paper?.passed ?? true),
            totals: published.candidates.map { .init(yes: $0.yes, no: $0.no, points: $0.points, ratings: $0.ratings) })
        var expected = published
        expected.vote = vote.hash
        expected.round = vote.manifest.round
        expected.previousRound = vote.manifest.previousRound
        expected.seats = vote.manifest.seats
        expected.outcome = conclusion.outcome
        expected.figures = figures
        expected.majorityBase = vote.manifest.rules.majorityBase
        expected.baseCount = conclusion.baseCount
        expected.candidates = conclusion.candidates
        expected.allocation = conclusion.allocation
        expected.adoptedEarlier = previous?.adoptedAll ?? []
        expected.checks = checks
        expected.boxDigest = trackers.root
        expected.countedElectronic = trackers.count
        expected.issuanceHead = seal.head
        var differences = ResultComparison(published, expected, found: Text("按公开文件应为", "the public files give")).lines
        differences += boundProblems(published, vote: vote) + problems
        for item in review where item.tracker.map({ trackers.index(of: $0) != nil }) == true {
            differences.append(
                Text(
                    "复核清单上的 \(item.file) 同时列在 counted-trackers.txt 中：一张选票不能既计入又不计入",
                    "\(item.file) is on the review list and also in counted-trackers.txt: a ballot cannot be both counted and not"))
        }

        let (signers, allValid) = file.signers(envelope)
        let failures = differences + signatureProblems(signers: signers, allValid: allValid)
        let detail =
            failures.isEmpty
            ? Text(
                "公开副本前后一致：结果的数字与签到日志、跟踪码、复核清单和计票规则相符；监票人签名：\(signers.joined(separator: "、"))",
                "the public copy agrees with itself: the result's numbers fit the sign-in log, the trackers, the review list and the rules; signed by \(signers.joined(separator: ", "))"
            )
            : Text(failures.map(\.zh).joined(separator: "；"), failures.map(\.en).joined(separator: "; "))
        let rechecked: Set<TallyCheck> = [.manifest, .roster, .registrarKey, .issuance, .quorum, .boxClose, .electronicReturned, .returnedWithinIssued]
        let outcomes =
            checks.filter { $0.check.map(rechecked.contains) == true }
            + [CheckOutcome(.result, passed: failures.isEmpty, checked: 1, failed: failures.count, detail: detail)]
        return Verification(
            checks: outcomes, recount: nil, published: published, signers: signers, differences: differences, invalidSignature: !allValid,
            isPublicCopy: true, needsFullFolder: published.checks.filter { (6...15).contains($0.number) })
    }

    /// What a close record's trackers must fit: every counted ballot was in the box at the close,
    /// and every ballot in the box then is counted or on the review list (none went missing).
    private static func closeProblems(_ closed: TrackerList, counted: TrackerList, review: [TallyResult.ReviewItem]) -> [Text] {
        var problems: [Text] = []
        let uncovered = counted.digests.filter { closed.index(of: HashValue(algorithm: counted.algorithm, bytes: $0.data)) == nil }.count
        if uncovered > 0 {
            problems.append(
                Text(
                    "counted-trackers.txt 中有 \(uncovered) 个跟踪码不在封箱记录中：封箱后到达的选票不应计入",
                    "\(uncovered, noun: "tracker") of counted-trackers.txt \(uncovered == 1 ? "is" : "are") not in the close record: ballots arriving after the close are not counted"
                ))
        }
        let reviewed = Set(review.compactMap(\.tracker))
        let missing = closed.digests.filter {
            let tracker = HashValue(algorithm: closed.algorithm, bytes: $0.data)
            return counted.index(of: tracker) == nil && !reviewed.contains(tracker)
        }.count
        if missing > 0 {
            problems.append(
                Text(
                    "封箱时票箱中有 \(missing) 张选票既未计入也不在复核清单上：票箱在封箱后少了选票",
                    "\(missing, noun: "ballot") in the box at the close \(missing == 1 ? "is" : "are") neither counted nor on the review list: ballots went missing after the close"
                ))
        }
        return problems
    }

    /// What no set of valid ballots can give: a negative count, more marks than ballots, more yes
    /// marks than the limit allows on every valid ballot, points outside the points rule.
    private static func boundProblems(_ result: TallyResult, vote: Vote) -> [Text] {
        let manifest = vote.manifest
        let valid = result.figures.valid
        var problems: [Text] = []
        func impossible(_ zh: String, _ en: String) {
            problems.append(Text("公布的票数不可能出自有效选票：\(zh)", "the published counts cannot come from valid ballots: \(en)"))
        }
        if result.figures.blank < 0 || result.figures.blank > valid || result.figures.returnedPaper < 0 || valid < 0 {
            impossible(
                "有效票 \(valid)、空白票 \(result.figures.blank)、纸质收回 \(result.figures.returnedPaper)",
                "\(valid) valid, \(result.figures.blank) blank, \(result.figures.returnedPaper) paper taken out")
        }
        for candidate in result.candidates where candidate.yes < 0 || candidate.no < 0 || candidate.abstain < 0 || candidate.yes + candidate.no > valid {
            impossible(
                "项目 \(candidate.id) 同意 \(candidate.yes)、不同意 \(candidate.no)、弃权 \(candidate.abstain)",
                "candidate \(candidate.id) has \(candidate.yes) yes, \(candidate.no) no, \(candidate.abstain) abstain")
        }
        switch manifest.style {
        case .approval, .yesNoAbstain:
            if manifest.style == .approval, let candidate = result.candidates.first(where: { $0.no != 0 }) {
                impossible(
                    "勾选式选票没有“不同意”，项目 \(candidate.id) 却有 \(candidate.no) 票", "approval ballots carry no “no”, yet candidate \(candidate.id) has \(candidate.no)")
            }
            let yes = result.candidates.map(\.yes).reduce(0, +)
            if yes > valid * manifest.yesLimit {
                impossible(
                    "同意票合计 \(yes)，超过 \(valid) 张有效票每张至多 \(manifest.yesLimit) 项",
                    "\(yes, noun: "yes mark") in all, more than \(manifest.yesLimit) on each of \(valid, noun: "valid ballot")")
            }
        case .points:
            let rule = manifest.points
            for candidate in result.candidates {
                let points = candidate.points ?? 0
                if points < candidate.yes || (rule?.maxPerProject).map({ points > candidate.yes * $0 }) == true {
                    impossible(
                        "项目 \(candidate.id) 得 \(points) 分，来自 \(candidate.yes) 张给分的选票",
                        "candidate \(candidate.id) has \(points, noun: "point") from \(candidate.yes, noun: "ballot") giving any")
                }
            }
            let total = result.candidates.map { $0.points ?? 0 }.reduce(0, +)
            if let most = rule?.maxTotal, total > valid * most {
                impossible(
                    "得分合计 \(total)，超过 \(valid) 张有效票每张至多 \(most) 分",
                    "\(total, noun: "point") in all, more than \(most) on each of \(valid, noun: "valid ballot")")
            }
        case .rating:
            break
        }
        return problems
    }
}
