public import Foundation
public import ShishiCore

/// `shishi ballot show`: any file of a vote folder, described in words and checked against the folder.
///
/// Ballots, paper batches, the sealed issuance log and the manifest are recognised by their
/// domain label. The inspection says exactly what is wrong, if anything.
public struct FileInspection: Sendable, Codable {
    /// One check's outcome.
    public struct Check: Sendable, Codable {
        /// The check's name (stable, English).
        public var check: String
        /// Passed, failed, or not run (`nil`).
        public var passed: Bool?
        /// The check's title in the chosen language.
        public var title: String
        /// What was found, in the chosen language.
        public var detail: String
    }

    /// What kind of file was inspected.
    public enum Kind: String, Sendable, Codable {
        /// An electronic ballot.
        case ballot
        /// A paper box as entered.
        case paperBatch = "paper-batch"
        /// The sealed issuance log.
        case issuance
        /// The vote's manifest.
        case manifest
        /// The signed candidate list the candidates come from (collection).
        case candidateList = "candidate-list"
        /// A file that could not be read as a signed file.
        case unknown
    }

    /// What kind of file it is.
    public var kind: Kind
    /// The file inspected.
    public var file: String
    /// Whether nothing is wrong with the file.
    public var ok: Bool
    /// For ballots (and files that cannot be read): valid, invalid or rejected.
    public var status: BallotVerdict.Status?
    /// For ballots: the tracker.
    public var tracker: String?
    /// The file described in words, one line each.
    public var lines: [String]
    /// The checks run, in order.
    public var checks: [Check]

    /// Inspects `url` against `vote`, describing it in `language`.
    public static func inspect(_ url: URL, vote: Vote, language: Language) -> FileInspection {
        let name = url.lastPathComponent
        // The registrar's running log is JSON Lines, not one envelope.
        if url.standardizedFileURL.path == vote.folder.issuanceLogURL.standardizedFileURL.path {
            return issuanceLog(name: VoteFolder.Name.issuanceLog, vote: vote, language: language)
        }
        let envelope: SignedEnvelope
        do {
            envelope = try SignedEnvelope.read(from: url)
        } catch let error as ShishiError {
            let verdict = Text("结论：拒收：\(error.message.zh)", "Verdict: rejected: \(error.message.en)")
            return FileInspection(
                kind: .unknown, file: name, ok: false, status: .rejected, tracker: nil, lines: [verdict(language)],
                checks: [
                    Check(check: BallotCheck.parse.rawValue, passed: false, title: BallotCheck.parse.title(language), detail: error.message(language))
                ])
        } catch {
            return FileInspection(kind: .unknown, file: name, ok: false, status: .rejected, tracker: nil, lines: [], checks: [])
        }
        switch envelope.payloadType {
        case PaperBatch.payloadType:
            return paperBatch(envelope, name: name, vote: vote, language: language)
        case IssuanceSeal.payloadType, IssuanceSeal.firstPayloadType:
            return issuance(name: name, vote: vote, language: language)
        case VoteManifest.payloadType:
            return manifest(name: name, vote: vote, language: language)
        case CandidateList.payloadType:
            return candidateList(envelope, name: name, vote: vote, language: language)
        default:
            let data = (try? FileAccess.read(url)) ?? Data()
            return ballot(BallotVerifier(vote: vote).verify(data, source: name), name: name, vote: vote, language: language)
        }
    }

    static func ballot(_ verdict: BallotVerdict, name: String, vote: Vote, language: Language) -> FileInspection {
        let L = language
        var lines: [String] = []
        let manifest = vote.manifest
        lines.append(
            manifest.style.isRating
                ? Text(
                    "测评：\(manifest.title)（第 \(manifest.round) 轮，\(manifest.candidates.count) 个项目）",
                    "Evaluation: \(manifest.title) (round \(manifest.round), \(manifest.candidates.count, noun: "project"))")(L)
                : Text(
                    "投票：\(manifest.title)（第 \(manifest.round) 轮，应选 \(manifest.seats) 项）",
                    "Vote: \(manifest.title) (round \(manifest.round), \(manifest.seats, noun: "seat"))")(L))
        if let tracker = verdict.tracker {
            lines.append(Text("跟踪码：\(tracker)", "Tracker: \(tracker)")(L))
        }
        if let ballot = verdict.ballot {
            let how =
                ballot.credential != nil
                ? Text("无记名（匿名凭证）", "secret (anonymous credential)") : Text("记名：代表 \(ballot.voter ?? "?")", "recorded: deputy \(ballot.voter ?? "?")")
            lines.append(Text("方式：\(how.zh)", "Kind: \(how.en)")(L))
            let width = manifest.candidates.map { $0.title(in: L).count }.max() ?? 0
            for candidate in manifest.candidates {
                let mark: Text
                switch ballot.marks[candidate.id] {
                case .yes: mark = manifest.style == .approval ? Text("✓ 同意", "✓ approved") : Text("同意", "yes")
                case let other?: mark = other.title
                case nil: mark = manifest.style == .approval ? Text("—", "—") : Text("弃权（未标记）", "abstain (unmarked)")
                }
                let title = candidate.title(in: L)
                lines.append(
                    "  \(candidate.id.padding(toLength: 3, withPad: " ", startingAt: 0)) \(title)\(String(repeating: Text("　", " ")(L), count: max(0, width - title.count)))  \(mark(L))"
                )
            }
            let unmarked = manifest.candidates.count - ballot.marks.count
            if manifest.style.isRating {
                let count = { (mark: Mark) in ballot.marks.values.filter { $0 == mark }.count }
                lines.append(
                    Text(
                        "满意 \(count(.satisfied)) 项，基本满意 \(count(.basicallySatisfied)) 项，不满意 \(count(.unsatisfied)) 项，弃权 \(unmarked) 项",
                        "\(count(.satisfied)) satisfied, \(count(.basicallySatisfied)) basically satisfied, \(count(.unsatisfied)) unsatisfied, \(unmarked) abstain"
                    )(L))
            } else {
                lines.append(
                    Text(
                        "同意 \(ballot.yes.count) 项，不同意 \(ballot.no.count) 项，弃权 \(unmarked) 项",
                        "\(ballot.yes.count) yes, \(ballot.no.count) no, \(unmarked) abstain")(L))
            }
        }
        let conclusion: Text
        switch verdict.status {
        case .valid: conclusion = Text("结论：有效选票。", "Verdict: a valid ballot.")
        case .invalid:
            conclusion = Text(
                "结论：废票（\(verdict.reason?.zh ?? "")），计入收回票数，不计入有效票。", "Verdict: invalid (\(verdict.reason?.en ?? "")); counted as returned, not as valid.")
        case .rejected:
            conclusion = Text(
                "结论：拒收：\(verdict.reason?.zh ?? "")。该选票保留在票箱中，供总监票人复核。",
                "Verdict: rejected: \(verdict.reason?.en ?? ""). The ballot stays in the box for the chief scrutineer to review.")
        }
        lines.append(conclusion(L))
        return FileInspection(
            kind: .ballot, file: name, ok: verdict.status == .valid, status: verdict.status, tracker: verdict.tracker?.description, lines: lines,
            checks: verdict.steps.map { Check(check: $0.check.rawValue, passed: $0.passed, title: $0.check.title(L), detail: $0.detail(L)) }
        )
    }

    static func paperBatch(_ envelope: SignedEnvelope, name: String, vote: Vote, language L: Language) -> FileInspection {
        var lines: [String] = []
        var checks: [Check] = []
        do {
            let (batch, scrutineers) = try PaperEntry(vote: vote).verify(envelope, source: name)
            checks.append(
                Check(
                    check: "signatures", passed: true, title: Text("签名", "signatures")(L),
                    detail: Text(
                        "计票人 \(batch.enteredBy) 签名有效\(scrutineers.isEmpty ? "；无监票人会签" : "；监票人会签：\(scrutineers.joined(separator: "、"))")",
                        "valid signature by counter \(batch.enteredBy)\(scrutineers.isEmpty ? "; no scrutineer countersignature" : "; countersigned by \(scrutineers.joined(separator: ", "))")"
                    )(L)))
            let returnedOK = batch.takenOut <= batch.issued
            checks.append(
                Check(
                    check: "counts", passed: returnedOK, title: Text("收回票数不超过发出票数", "ballots taken out do not exceed ballots issued")(L),
                    detail: Text("发出 \(batch.issued) 张，收回 \(batch.takenOut) 张", "\(batch.issued) issued, \(batch.takenOut) taken out")(L)))
            let over = batch.invalidBallots(in: vote.manifest)
            let blank = batch.ballots.filter(\.isBlank)
            lines.append(
                Text(
                    "第 \(batch.box) 号票箱纸质选票：\(batch.ballots.count) 张，由 \(batch.enteredBy) 于 \(batch.enteredAt) 录入",
                    "Paper box \(batch.box): \(batch.ballots.count, noun: "ballot"), entered by \(batch.enteredBy) at \(batch.enteredAt)")(L))
            lines.append(
                Text(
                    "多选（同意超过 \(vote.manifest.yesLimit) 项）：\(over.count) 张\(over.isEmpty ? "" : "（\(over.map(\.serial).joined(separator: "、"))）")",
                    "Over-marked (more than \(vote.manifest.yesLimit) yes): \(over.count)\(over.isEmpty ? "" : " (\(over.map(\.serial).joined(separator: ", ")))")"
                )(L))
            lines.append(Text("空白票：\(blank.count) 张", "Blank: \(blank.count)")(L))
            lines.append(Text("录入表哈希：\(batch.source)", "Entry sheet hash: \(batch.source)")(L))
            return FileInspection(kind: .paperBatch, file: name, ok: returnedOK, status: nil, tracker: nil, lines: lines, checks: checks)
        } catch let error as ShishiError {
            checks.append(Check(check: "signatures", passed: false, title: Text("签名", "signatures")(L), detail: error.message(L)))
            return FileInspection(kind: .paperBatch, file: name, ok: false, status: nil, tracker: nil, lines: lines, checks: checks)
        } catch {
            return FileInspection(kind: .paperBatch, file: name, ok: false, status: nil, tracker: nil, lines: lines, checks: checks)
        }
    }

    /// The registrar's running log (`issuance/log.jsonl`): its entries checked as the seal will
    /// check them, and whether sign-in is sealed yet.
    static func issuanceLog(name: String, vote: Vote, language L: Language) -> FileInspection {
        let title = Text("哈希链、每人至多一次、均在名单上", "hash chain, each deputy once, all on the roster")(L)
        do {
            let chain = try IssuanceChain.verifyLog(vote: vote)
            let sealed = FileManager.default.fileExists(atPath: vote.folder.issuanceSealURL.path)
            return FileInspection(
                kind: .issuance, file: name, ok: true, status: nil, tracker: nil,
                lines: [
                    Text(
                        "签到日志（\(sealed ? "已封存，见 issuance.json" : "签到进行中，尚未封存")）：\(chain.entries) 名代表",
                        "The sign-in log (\(sealed ? "sealed: see issuance.json" : "sign-in open, not sealed yet")): \(chain.entries, noun: "deputy")")(L),
                    Text(
                        "电子凭证 \(chain.credentials) 份，纸质选票 \(chain.paper) 张",
                        "\(chain.credentials, noun: "electronic credential"), \(chain.paper, noun: "paper ballot")")(L),
                    Text("日志链头：\(chain.head)", "Log chain head: \(chain.head)")(L),
                ],
                checks: [Check(check: "issuance", passed: true, title: title, detail: Text("全部一致", "all consistent")(L))])
        } catch let error as ShishiError {
            return FileInspection(
                kind: .issuance, file: name, ok: false, status: nil, tracker: nil, lines: [],
                checks: [Check(check: "issuance", passed: false, title: title, detail: error.message(L))])
        } catch {
            return FileInspection(kind: .issuance, file: name, ok: false, status: nil, tracker: nil, lines: [], checks: [])
        }
    }

    static func issuance(name: String, vote: Vote, language L: Language) -> FileInspection {
        do {
            let seal = try IssuanceSeal.load(for: vote)
            return FileInspection(
                kind: .issuance, file: name, ok: true, status: nil, tracker: nil,
                lines: [
                    Text(
                        "签到封存于 \(seal.sealedAt)：代表 \(seal.deputies) 名，出席 \(seal.present) 名",
                        "Sign-in sealed at \(seal.sealedAt): \(seal.deputies, noun: "deputy"), \(seal.present) present")(L),
                    Text(
                        "电子凭证 \(seal.credentials) 份，纸质选票 \(seal.paper) 张",
                        "\(seal.credentials, noun: "electronic credential"), \(seal.paper, noun: "paper ballot")")(L),
                    Text("日志链头：\(seal.head)", "Log chain head: \(seal.head)")(L),
                ],
                checks: [
                    Check(
                        check: "issuance", passed: true, title: Text("登记员签名、哈希链与人数", "registrar signature, hash chain and counts")(L),
                        detail: Text("全部一致", "all consistent")(L))
                ]
            )
        } catch let error as ShishiError {
            return FileInspection(
                kind: .issuance, file: name, ok: false, status: nil, tracker: nil, lines: [],
                checks: [
                    Check(
                        check: "issuance", passed: false, title: Text("登记员签名、哈希链与人数", "registrar signature, hash chain and counts")(L), detail: error.message(L)
                    )
                ])
        } catch {
            return FileInspection(kind: .issuance, file: name, ok: false, status: nil, tracker: nil, lines: [], checks: [])
        }
    }

    static func manifest(name: String, vote: Vote, language L: Language) -> FileInspection {
        FileInspection(
            kind: .manifest, file: name, ok: true, status: nil, tracker: nil, lines: VoteDescription.lines(vote, language: L),
            checks: [
                Check(check: "manifest", passed: true, title: Text("秘书处签名与代表名单哈希", "secretariat signature and roster hash")(L), detail: Text("有效", "valid")(L))
            ]
        )
    }

    /// The candidate list: each candidate with the draft, the screening and the suggestions behind
    /// it, checked against the manifest (its hash, the secretariat's signature, the candidates).
    static func candidateList(_ envelope: SignedEnvelope, name: String, vote: Vote, language L: Language) -> FileInspection {
        let manifest = vote.manifest
        var checks: [Check] = []
        var lines: [String] = []
        let named = manifest.candidateList.map { $0.hash == manifest.hash.digest(envelope.payload) }
        checks.append(
            Check(
                check: "list-hash", passed: named, title: Text("manifest 公布的清单哈希", "the list hash the manifest names")(L),
                detail: named.map { $0 ? Text("相符", "matches")(L) : Text("不符：这不是投票所依据的清单", "differs: this is not the list the vote was defined on")(L) }
                    ?? Text("这次投票的 manifest 没有指明候选项目清单", "this vote's manifest names no candidate list")(L)))
        do {
            let list = try CandidateList.read(envelope, signedBy: manifest.keys.secretariat, source: name)
            checks.append(Check(check: "list-signature", passed: true, title: Text("秘书处签名", "secretariat signature")(L), detail: Text("有效", "valid")(L)))
            var same = true
            var detail = Text("与 manifest 的候选项目一致", "the manifest's candidates")(L)
            do { try list.requireSame(manifest.candidates, source: VoteFolder.Name.manifest) } catch let error as ShishiError {
                same = false
                detail = error.message(L)
            } catch {}
            checks.append(Check(check: "list-candidates", passed: same, title: Text("候选项目", "candidates")(L), detail: detail))
            lines.append(
                Text(
                    "\(list.year) 年候选项目清单：\(list.candidates.count) 个候选项目，应选 \(list.seats) 项；征集建议 \(list.suggestions) 条，草案 \(list.drafts) 个；确定于 \(list.fixedAt)",
                    "The candidate list for \(list.year): \(list.candidates.count, noun: "candidate") for \(list.seats, noun: "seat"); \(list.suggestions, noun: "suggestion"), \(list.drafts, noun: "draft"); fixed \(list.fixedAt)"
                )(L))
            for entry in list.candidates {
                lines.append(
                    Text(
                        "  \(entry.id). \(entry.title)（\(entry.department)；\(entry.cost.grouped)）← 草案 #\(entry.draft)",
                        "  \(entry.id). \(entry.title) (\(entry.department); \(entry.cost.grouped)) ← draft #\(entry.draft)")(L))
                for evidence in entry.evidence {
                    var by = evidence.deputies.joined(separator: L == .zh ? "、" : ", ")
                    if let complaints = evidence.complaints { by = Text("工单 \(complaints) 件", "\(complaints) complaints")(L) }
                    lines.append("      #\(evidence.number) \(evidence.title) [\(evidence.source)]\(by.isEmpty ? "" : " " + by)")
                }
            }
        } catch let error as ShishiError {
            checks.append(Check(check: "list-signature", passed: false, title: Text("秘书处签名", "secretariat signature")(L), detail: error.message(L)))
        } catch {}
        return FileInspection(
            kind: .candidateList, file: name, ok: checks.allSatisfy { $0.passed != false }, status: nil, tracker: nil, lines: lines, checks: checks)
    }

    /// The inspection as text, one line each, ending with the checks.
    public func rendered(_ language: Language) -> String {
        var out = lines
        if !checks.isEmpty {
            out.append(Text("检查：", "Checks:")(language))
            for (index, check) in checks.enumerated() {
                let mark = check.passed.map { $0 ? Text("通过", "pass") : Text("未通过", "FAIL") } ?? Text("未检查", "not run")
                out.append("  \(index + 1). [\(mark(language))] \(check.title)：\(check.detail)".replacingOccurrences(of: "：", with: language.colon))
            }
        }
        return out.joined(separator: "\n")
    }
}
