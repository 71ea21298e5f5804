import Foundation
public import ShishiBallot
public import ShishiCore

/// `shishi verify`: the official's recount. Recomputes everything from the files, compares it with
/// `result.json` field by field, and checks every signature on the result.
public struct Verification: Sendable {
    /// Every numbered check, the recount's and the result's (check 18).
    public var checks: [CheckOutcome]
    /// The recomputed result; `nil` when the files no longer allow a recount (see ``run(_:previous:progress:)``).
    public var recount: TallyResult?
    /// The result as published; `nil` when `result.json` (or the folder itself) no longer reads.
    public var published: TallyResult?
    /// The scrutineers who signed it.
    public var signers: [String]
    /// How the published result differs from the recount (empty when it matches).
    public var differences: [Text]
    /// Whether a signature on the result is not a valid one by a published scrutineer made once.
    public var invalidSignature = false
    /// Whether the folder is a public copy without the ballots (``isPublicCopy(_:result:)``):
    /// then no recount ran, and ``needsFullFolder`` lists what only the full folder can check.
    public var isPublicCopy = false
    /// The published outcomes of the checks that need the ballots (6 to 15), on a public copy.
    public var needsFullFolder: [CheckOutcome] = []

    /// Whether every check passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// What a verification concludes, told apart so that a script can act on it (each has its
    /// own exit status in `shishi verify`).
    public enum Verdict: String, Sendable, Codable {
        /// Every check passes: the published, countersigned result is what the files give. Exit 0.
        case verified
        /// The count's own checks record problems (ballots rejected or set aside, no quorum, a
        /// void round), and the result says so faithfully. Exit 1.
        case checksFailed = "checks-failed"
        /// The published result differs from the recount, or a signature on it is not valid: the
        /// files were changed after the count, or a signature is forged. Exit 2.
        case changed
        /// The result matches the recount and its signatures are valid, but no scrutineer has
        /// countersigned it yet. Exit 3.
        case pendingSignature = "pending-signature"
        /// A public copy without the ballots: everything it holds agrees (the signatures, the
        /// sign-in log, the close record, the trackers and the box digest, the result's arithmetic
        /// under the rules), but the ballots' own checks and the recount need the full folder,
        /// which the scrutineers hold. Not a sign of change. Exit 4.
        case partial

        /// The exit status `shishi verify` gives.
        public var exitStatus: Int32 {
            switch self {
            case .verified: 0
            case .checksFailed: 1
            case .changed: 2
            case .pendingSignature: 3
            case .partial: 4
            }
        }

        /// The verdict in words.
        public var title: Text {
            switch self {
            case .verified: Text("全部检查通过，公布的结果与重新计票一致，已有监票人会签。", "every check passes; the published result matches the recount and is countersigned.")
            case .checksFailed:
                Text(
                    "公布的结果与重新计票一致，但计票的编号检查记录了问题（见上）。",
                    "the published result matches the recount, but the count's numbered checks record problems (see above).")
            case .changed:
                Text(
                    "公布的结果与投票目录不符，或结果上有无效的签名：文件在计票后被改动过，或签名是伪造的。",
                    "the published result does not match the folder, or a signature on it is invalid: files were changed after the count, or a signature is forged."
                )
            case .pendingSignature:
                Text(
                    "公布的结果与重新计票一致，但还没有监票人会签（shishi result sign）。",
                    "the published result matches the recount, but no scrutineer has countersigned it yet (shishi result sign).")
            case .partial:
                Text(
                    "这是不含选票内容的公开副本：能核的都已核过且一致（签名、签到日志、封箱记录、跟踪码与票箱摘要、结果的算术与计票规则），但逐张选票的检查（6–15）与重新计票需要完整的投票目录，由监票人保存。这不表示有改动。",
                    "this is a public copy without the ballots' marks: everything it holds was checked and agrees (signatures, the sign-in log, the close record, the trackers and the box digest, the result's arithmetic under the rules), but the ballots' own checks (6–15) and the recount need the full folder, which the scrutineers hold. This is not a sign of change."
                )
            }
        }
    }

    /// The verdict.
    public var verdict: Verdict {
        if !differences.isEmpty || invalidSignature { return .changed }
        if isPublicCopy { return .partial }
        if !checks.filter({ $0.check != .result }).allSatisfy(\.passed) { return .checksFailed }
        if signers.isEmpty { return .pendingSignature }
        return passed ? .verified : .changed
    }

    /// Opens the vote folder `folder` and verifies it (``run(_:previous:progress:)``).
    ///
    /// A folder whose `manifest.json` is there but that no longer opens as the vote it defines (the
    /// manifest's signature, the roster's or the candidate list's hash, a file that does not parse)
    /// was changed: that is the verdict (exit 2, docs/tally.md §5), with check 18 saying why, not a
    /// folder that cannot be read. Gives the vote too, when it opened.
    public static func run(
        folder: VoteFolder, previous: () throws -> TallyResult?, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws -> (vote: Vote?, verification: Verification) {
        let vote: Vote
        do {
            vote = try folder.open()
        } catch let error as ShishiError where folder.holdsVote && error.code != .fileUnreadable {
            let difference = Text(
                "投票目录与其 manifest 定义的投票不符（已签名或有哈希的文件被改动过）：\(error.message.zh)",
                "the folder does not hold the vote its manifest defines (a signed or hashed file was changed): \(error.message.en)")
            return (
                nil,
                Verification(
                    checks: [CheckOutcome(.result, passed: false, detail: difference)], recount: nil, published: nil, signers: [], differences: [difference])
            )
        }
        return (vote, try run(vote, previous: previous(), progress: progress))
    }

    /// Recounts `vote` and compares with its published result.
    public static func run(_ vote: Vote, previous: TallyResult?, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Verification {
        let file = ResultFile(vote: vote)
        let envelope: SignedEnvelope
        let published: TallyResult
        do {
            (envelope, published) = try file.read()
        } catch let error as ShishiError where file.exists && error.code != .fileUnreadable {
            // The count wrote it in its canonical form: one that no longer reads was changed.
            return unrecountable(published: nil, signers: ([], true), reason: error.message)
        }
        if isPublicCopy(vote, result: published) {
            return try runPublicCopy(vote, envelope: envelope, published: published, previous: previous)
        }
        let run: Tally.Run
        do {
            run = try Tally(vote: vote).run(previous: previous, now: Timestamp.date(published.countedAt) ?? Date(), progress: progress)
        } catch let error as ShishiError where ![.tallyPreviousRound, .fileUnreadable].contains(error.code) {
            // The folder was counted, so its files allowed a count then: one that no longer checks
            // (a signature, a hash, a kept file) was changed after the count.
            return unrecountable(published: published, signers: file.signers(envelope), reason: error.message)
        }
        let recount = run.result.stamped(published.countedAt)
        var mismatches = differences(published, recount)
        if (try? file.countedTrackers()) != run.countedTrackers {
            mismatches.append(Text("counted-trackers.txt 与票箱中的选票不符", "counted-trackers.txt does not match the ballots in the box"))
        }
        let (signers, allValid) = file.signers(envelope)
        let problems = mismatches + signatureProblems(signers: signers, allValid: allValid)
        let detail =
            problems.isEmpty
            ? Text("与重新计票完全一致；监票人签名：\(signers.joined(separator: "、"))", "matches the recount exactly; signed by \(signers.joined(separator: ", "))")
            : Text(problems.map(\.zh).joined(separator: "；"), problems.map(\.en).joined(separator: "; "))
        let checks = run.result.checks + [CheckOutcome(.result, passed: problems.isEmpty, checked: 1, failed: problems.count, detail: detail)]
        return Verification(checks: checks, recount: recount, published: published, signers: signers, differences: mismatches, invalidSignature: !allValid)
    }

    /// What check 18 finds wrong with the signatures on a result: one not valid by a published
    /// scrutineer (or repeated), or none yet.
    static func signatureProblems(signers: [String], allValid: Bool) -> [Text] {
        var problems: [Text] = []
        if !allValid {
            problems.append(
                Text(
                    "result.json 上有无效的签名（内容在签名后被改动，签名人不是公布的监票人，或同一签名出现两次）",
                    "result.json carries an invalid signature (changed after signing, not by a published scrutineer, or repeated)"))
        }
        if signers.isEmpty {
            problems.append(Text("result.json 还没有监票人签名（shishi result sign）", "result.json has no scrutineer's signature yet (shishi result sign)"))
        }
        return problems
    }

    /// A published result whose files no longer allow a recount: check 18 fails with the reason,
    /// which is also the difference (so a countersignature or an adoption is refused with it).
    static func unrecountable(published: TallyResult?, signers: (names: [String], allValid: Bool), reason: Text) -> Verification {
        let difference = Text(
            "无法根据现有文件重新计票（公布结果之后，目录中已签名或留存的文件被改动过）：\(reason.zh)",
            "the files no longer allow a recount (a signed or kept file of the folder was changed after the result was published): \(reason.en)")
        return Verification(
            checks: [CheckOutcome(.result, passed: false, checked: 1, failed: 1, detail: difference)], recount: nil, published: published,
            signers: signers.names, differences: [difference], invalidSignature: !signers.allValid)
    }

    /// What differs between a published result and a recount, field by field, in words
    /// (``ResultComparison``); empty when they agree.
    public static func differences(_ published: TallyResult, _ recount: TallyResult) -> [Text] {
        ResultComparison(published, recount).lines
    }
}

extension TallyResult {
    /// The result with the human wording of checks and review reasons blanked, for comparison.
    func withoutWording() -> TallyResult {
        var copy = self
        copy.checks = checks.map { check in
            var check = check
            check.detail = Text("", "")
            return check
        }
        copy.review = review.map { item in
            var item = item
            item.reason = Text("", "")
            return item
        }
        return copy
    }
}
