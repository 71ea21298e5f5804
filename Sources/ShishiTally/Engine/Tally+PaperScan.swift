import Foundation
import ShishiBallot
import ShishiCore

extension Tally {
    /// What the paper scan found.
    struct PaperScan {
        var checks: [CheckOutcome]
        var issued: Int
        var takenOut: Int
        var withinIssued: Bool
        var digests: [TallyResult.BoxDigest]
        var review: [TallyResult.ReviewItem]
    }

    func scanPaper(into counter: inout Counter, seal: IssuanceSeal) throws -> PaperScan {
        let entry = PaperEntry(vote: vote)
        let files = vote.folder.paperBatchFiles()
        var scan = PaperScan(checks: [], issued: 0, takenOut: 0, withinIssued: true, digests: [], review: [])
        var countersigned = 0
        var overIssued: [Int] = []
        for url in files {
            let name = "paper/\(url.lastPathComponent)"
            let batch: PaperBatch
            let ballots: CompactPaperBallots
            let scrutineers: [String]
            let envelope: SignedEnvelope
            do {
                envelope = try SignedEnvelope.read(from: url)
                (batch, ballots, scrutineers) = try entry.verifyForCount(envelope, source: name)
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
            let manifest = vote.manifest
            for index in counter.add(box: ballots, manifest: manifest) {
                let ballot = ballots.ballot(index)
                let total = ballot.points?.values.reduce(0, +) ?? 0
                scan.review.append(
                    .init(
                        status: .invalid, file: name, tracker: nil, box: batch.box, serial: ballot.serial, check: TallyCheck.yesLimit.rawValue,
                        reason: manifest.points.map { rule in
                            Text("给分合计 \(total)，不合规则（\(rule.text.zh)）：废票", "\(total, noun: "point") in all, outside the rule (\(rule.text.en)): invalid")
                        }
                            ?? Text(
                                "同意 \(ballot.yesCount) 项，超过每票上限 \(manifest.yesLimit) 项：废票",
                                "\(ballot.yesCount, noun: "yes mark"), more than the limit of \(manifest.yesLimit): invalid")
                    ))
            }
        }
        scan.checks.append(
            CheckOutcome(
                .paperSignatures, passed: true, checked: files.count,
                detail: Text(
                    "\(files.count) 个票箱计票人签名有效，其中 \(countersigned) 个有监票人会签",
                    "\(files.count, noun: "box") with valid counter signatures, \(countersigned) countersigned by scrutineers")))
        guard scan.issued == seal.paper else {
            throw cannotCount(
                .paperCounts,
                Text(
                    "签到时发出纸质选票 \(seal.paper) 张，各票箱发出合计 \(scan.issued) 张：请录入全部票箱（shishi paper enter）后再计票。",
                    "\(seal.paper, noun: "paper ballot", verb: "were") issued at sign-in but the boxes account for \(scan.issued): enter every box (shishi paper enter) before counting."
                ))
        }
        scan.checks.append(
            CheckOutcome(
                .paperCounts, passed: overIssued.isEmpty, checked: files.count, failed: overIssued.count,
                detail: overIssued.isEmpty
                    ? Text("发出 \(scan.issued) 张，收回 \(scan.takenOut) 张，与签到一致", "\(scan.issued) issued, \(scan.takenOut) taken out, matching sign-in")
                    : Text(
                        "第 \(overIssued.map(String.init).joined(separator: "、")) 号票箱收回多于发出",
                        "box \(overIssued.map(String.init).joined(separator: ", ")): more taken out than issued")))
        return scan
    }
}
