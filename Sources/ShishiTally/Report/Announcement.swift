public import ShishiBallot
public import ShishiCore

/// The texts read and posted after a count: the chief scrutineer's report and the chair's
/// announcement (宣布稿), and the numbered public notice (公告).
public enum Announcement {
    /// The chair's announcement, as read out in the session.
    public static func text(_ result: TallyResult, vote: Vote, language L: Language) -> String {
        let m = vote.manifest
        let f = result.figures
        var lines: [String] = []
        lines.append(Text("《\(m.title)》第 \(result.round) 轮计票结果宣布稿", "“\(m.title)”: announcement of the count, round \(result.round)")(L))
        lines.append("")
        lines.append(
            m.style.isRating
                ? Text(
                    "本次测评应参加 \(f.deputies) 名，实到 \(f.present) 名，符合法定人数。",
                    "Of the \(f.deputies) evaluators, \(f.present, verb: "are") present, which meets the quorum.")(
                        L)
                : Text(
                    "各位代表：本次会议应到代表 \(f.deputies) 名，实到 \(f.present) 名，符合法定人数。",
                    "Deputies: of the \(f.deputies, noun: "deputy"), \(f.present, verb: "are") present, which meets the quorum.")(L))
        switch result.outcome {
        case .noQuorum:
            lines[lines.count - 1] = Text(
                "各位代表：本次会议应到代表 \(f.deputies) 名，实到 \(f.present) 名，未超过全体代表的 \(m.rules.quorum)，不能进行表决。",
                "Deputies: of the \(f.deputies, noun: "deputy"), \(f.present, verb: "are") present, not more than \(m.rules.quorum) of all deputies: the vote cannot be held."
            )(L)
            return lines.joined(separator: "\n") + "\n"
        case .void:
            lines.append(
                Text(
                    "本轮投票发出选票 \(f.issued) 张，收回 \(f.returned) 张，收回票数多于发出票数，本轮投票无效，须重新投票。",
                    "In this round \(f.issued, noun: "ballot", verb: "were") issued and \(f.returned) returned: more returned than issued, so this round is void and must be held again."
                )(L))
            return lines.joined(separator: "\n") + "\n"
        case .counted:
            break
        }
        lines.append(
            Text(
                "本轮投票发出选票 \(f.issued) 张，收回 \(f.returned) 张，其中有效票 \(f.valid) 张（含空白票 \(f.blank) 张），无效票 \(f.invalid) 张\(f.setAside > 0 ? "，暂不计入 \(f.setAside) 张" : "")。收回票数不多于发出票数，本轮投票有效。",
                "In this round \(f.issued, noun: "ballot", verb: "were") issued and \(f.returned) returned: \(f.valid) valid (\(f.blank) of them blank) and \(f.invalid) invalid\(f.setAside > 0 ? ", \(f.setAside) set aside" : ""). No more were returned than issued, so the round is valid."
            )(L))
        if m.style.isRating {
            lines.append(
                Text(
                    "按照规定，\(gradingText(m.rules.grading ?? GradingRule(), evaluators: f.deputies).zh)。",
                    "Under the rules, \(gradingText(m.rules.grading ?? GradingRule(), evaluators: f.deputies).en).")(L))
            lines.append(Text("各项目测评情况如下：", "The ratings of each project:")(L))
            for candidate in result.candidates { lines.append("  " + ratingLine(candidate, L)) }
            let unsatisfied = result.candidates.filter { $0.grade == .unsatisfied }
            lines.append(
                unsatisfied.isEmpty
                    ? Text("没有项目被评为不满意。", "No project is graded unsatisfied.")(L)
                    : Text(
                        "评为不满意的项目（\(unsatisfied.count) 项）列入回头看：\(unsatisfied.map { "\($0.id). \($0.title)" }.joined(separator: "、"))。",
                        "Projects graded unsatisfied (\(unsatisfied.count)) go on the look-back list: \(unsatisfied.map { "\($0.id). \($0.titleEn ?? $0.title)" }.joined(separator: ", "))."
                    )(L))
            lines.append("")
            lines.append(
                Text(
                    "票箱摘要 \(result.boxDigest)，任何测评人可凭跟踪码核对本人测评票已计入。",
                    "Ballot-box digest \(result.boxDigest): any evaluator can check with the tracker that the ballot was counted.")(L))
            return lines.joined(separator: "\n") + "\n"
        }
        if let needed = result.allocation?.needed {
            lines.append(
                Text(
                    "按照规定，项目获得\(baseText(result, L))的过半数同意票（\(needed) 票及以上）方为通过。",
                    "Under the rules a project passes with more than half of \(baseText(result, L)): \(needed, noun: "yes vote") or more.")(L))
        }
        lines.append(
            m.style == .points
                ? Text("各候选项目得分情况如下（按得分排序）：", "The points of each candidate project, by points:")(L)
                : Text("各候选项目得票情况如下（按同意票排序）：", "The votes for each candidate project, by yes votes:")(L))
        for candidate in Announcement.ranked(result) {
            lines.append("  " + candidateLine(candidate, L))
        }
        if let allocation = result.allocation {
            let adopted = allocation.adopted.compactMap { id in result.candidates.first { $0.id == id } }
            lines.append(Text("当选的民生实事项目（\(adopted.count) 项）：", "Projects adopted (\(adopted.count)):")(L))
            for (index, candidate) in adopted.enumerated() {
                lines.append("  \(index + 1). \(title(candidate, L))")
            }
            if let budget = budgetText(allocation) { lines.append(budget(L)) }
            if let next = nextText(allocation, seats: m.seats) { lines.append(next(L)) }
            if !result.adoptedEarlier.isEmpty {
                lines.append(
                    Text(
                        "连同此前各轮当选的 \(result.adoptedEarlier.count) 项，共当选 \(result.adoptedAll.count) 项。",
                        "With the \(result.adoptedEarlier.count) adopted in earlier rounds, \(result.adoptedAll.count, noun: "project", verb: "are") adopted in all."
                    )(L))
            }
        }
        lines.append("")
        lines.append(
            Text(
                "选票箱摘要 \(result.boxDigest)，任何代表可凭跟踪码核对本人选票已计入。",
                "Ballot-box digest \(result.boxDigest): any deputy can check with the tracker that the ballot was counted.")(L))
        return lines.joined(separator: "\n") + "\n"
    }

    /// What comes after the round, in words: the run-off (over the seats or over the budget), the
    /// second round, or the seats left vacant; `nil` when the round decided everything. The
    /// announcement, the report and the count room say it in these words.
    public static func nextText(_ allocation: SeatAllocation, seats: Int) -> Text? {
        switch allocation.next {
        case .runOff where allocation.tieIsOverBudget:
            return Text(
                "项目 \(allocation.runOff.joined(separator: "、")) 得票相同，剩余预算 \(allocation.budgetLeft!.grouped) 不能全部容纳，需就剩余预算另行投票决定。",
                "Projects \(allocation.runOff.joined(separator: ", ")) tie and the budget left, \(allocation.budgetLeft!.grouped), cannot hold them all: a run-off will decide."
            )
        case .runOff:
            return Text(
                "项目 \(allocation.runOff.joined(separator: "、")) 得票相同，并列第 \(seats - allocation.openSeats + 1) 名，需就剩余 \(allocation.openSeats) 个名额另行投票。",
                "Projects \(allocation.runOff.joined(separator: ", ")) tie for place \(seats - allocation.openSeats + 1): a run-off will fill the remaining \(allocation.openSeats, noun: "seat")."
            )
        case .secondRound where allocation.budget != nil:
            return Text(
                "当选项目不足 \(seats) 项，剩余预算 \(allocation.budgetLeft!.grouped) 仍可容纳未当选的项目，将就剩余 \(allocation.openSeats) 个名额和剩余预算进行第二轮投票。",
                "Fewer than \(seats, noun: "project") were adopted and the budget left, \(allocation.budgetLeft!.grouped), can still hold a project not adopted: a second round will fill up to \(allocation.openSeats, noun: "seat") within it."
            )
        case .secondRound:
            return Text(
                "通过的项目不足 \(seats) 项，将就剩余 \(allocation.openSeats) 个名额进行第二轮投票。",
                "Fewer than \(seats, noun: "project") passed: a second round will fill the remaining \(allocation.openSeats, noun: "seat").")
        case .none where allocation.vacant > 0 && allocation.budget != nil:
            return Text(
                "当选项目不足 \(seats) 项，剩余 \(allocation.vacant) 个名额空缺。",
                "Fewer than \(seats, noun: "project") were adopted: \(allocation.vacant, noun: "seat", verb: "stay") vacant.")
        case .none where allocation.vacant > 0:
            return Text(
                "通过的项目不足 \(seats) 项，按规定剩余 \(allocation.vacant) 个名额空缺。",
                "Fewer than \(seats, noun: "project") passed: under the rules \(allocation.vacant, noun: "seat", verb: "stay") vacant.")
        case .none:
            return nil
        }
    }

    /// The budget used and left, for a vote with a budget.
    public static func budgetText(_ allocation: SeatAllocation) -> Text? {
        guard let budget = allocation.budget, let used = allocation.budgetUsed, let left = allocation.budgetLeft else { return nil }
        return Text(
            "预算 \(budget.grouped)，当选项目合计 \(used.grouped)，剩余 \(left.grouped)。",
            "Budget \(budget.grouped): the adopted projects cost \(used.grouped), \(left.grouped) is left.")
    }

    /// The public notice (公告), numbered.
    public static func notice(_ result: TallyResult, vote: Vote, number: Int, language L: Language) -> String {
        let m = vote.manifest
        var lines: [String] = []
        lines.append(Text("\(m.session ?? m.title)\n公　告\n（第 \(number) 号）", "\(m.session ?? m.title)\nPublic notice\n(No. \(number))")(L))
        lines.append("")
        let date = String(result.countedAt.prefix(10))
        switch (result.outcome, result.allocation) {
        case (.counted, nil) where m.style.isRating:
            lines.append(
                Text(
                    "\(m.session ?? "本次会议")于 \(date) 以无记名方式对《\(m.title)》进行了满意度测评。应参加测评 \(result.figures.deputies) 名，实到 \(result.figures.present) 名。测评结果如下：",
                    "On \(date) \(m.session ?? "the session") rated “\(m.title)” by secret ballot. Of \(result.figures.deputies) evaluators, \(result.figures.present) took part. The results:"
                )(L))
            for candidate in result.candidates {
                lines.append("  \(candidate.id). \(title(candidate, L))\(L.colon)\(candidate.grade?.title(L) ?? "—")")
            }
        case (.counted, let allocation?):
            let adopted = result.adoptedAll.compactMap { id in result.candidates.first { $0.id == id }.map { title($0, L) } ?? id }
            lines.append(
                Text(
                    "\(m.session ?? "本次会议")于 \(date) 以无记名投票方式对《\(m.title)》进行了差额票决。应到代表 \(result.figures.deputies) 名，实到 \(result.figures.present) 名。经计票，下列 \(adopted.count) 个项目当选为民生实事项目：",
                    "On \(date) \(m.session ?? "the session") held a differential vote by secret ballot on “\(m.title)”. Of \(result.figures.deputies, noun: "deputy"), \(result.figures.present, verb: "were") present. The count adopts these \(adopted.count, noun: "project"):"
                )(L))
            for (index, name) in adopted.enumerated() { lines.append("  \(index + 1). \(name)") }
            if let budget = budgetText(allocation) { lines.append(budget(L)) }
            if allocation.next != .none {
                lines.append(Text("其余名额将另行投票决定。", "The remaining seats will be decided by a further round.")(L))
            }
        case (.void, _):
            lines.append(
                Text(
                    "\(date) 的第 \(result.round) 轮投票收回票数多于发出票数，该轮投票无效，将重新投票。",
                    "Round \(result.round) on \(date) returned more ballots than were issued; it is void and will be held again.")(L))
        default:
            lines.append(Text("\(date) 出席代表未超过法定人数，未进行表决。", "On \(date) the deputies present did not exceed the quorum; no vote was held.")(L))
        }
        lines.append(Text("现予公告。", "Hereby announced.")(L))
        lines.append("")
        lines.append(Text("\(m.session ?? "")主席团\n\(date)", "The Presidium of \(m.session ?? "the session")\n\(date)")(L))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The candidates by rank, ballot order among equals (all in ballot order when not counted).
    static func ranked(_ result: TallyResult) -> [TallyResult.CandidateResult] {
        result.candidates.enumerated().sorted { ($0.element.rank ?? 0, $0.offset) < ($1.element.rank ?? 0, $1.offset) }.map(\.element)
    }

    static func baseText(_ result: TallyResult, _ L: Language) -> String {
        switch result.majorityBase {
        case .all: Text("全体代表 \(result.baseCount) 名", "all \(result.baseCount, noun: "deputy")")(L)
        case .present: Text("出席代表 \(result.baseCount) 名", "the \(result.baseCount, noun: "deputy") present")(L)
        case .valid: Text("有效票 \(result.baseCount) 张", "the \(result.baseCount, noun: "valid ballot")")(L)
        case .none: Text("（不设门槛）", "(no threshold)")(L)
        }
    }

    static func title(_ candidate: TallyResult.CandidateResult, _ L: Language) -> String {
        L.title(candidate.title, english: candidate.titleEn)
    }

    static func statusText(_ status: SeatAllocation.Status?) -> Text {
        switch status {
        case .adopted: Text("当选", "adopted")
        case .runOff: Text("并列，另行投票", "tied: run-off")
        case .outranked: Text("通过但名次在后", "passed, ranked below the seats")
        case .overBudget: Text("通过，但超出剩余预算", "passed, but over the budget left")
        case .notPassed: Text("未过半数", "short of the majority")
        case nil: Text("", "")
        }
    }

    /// The grading rule in words.
    static func gradingText(_ rule: GradingRule, evaluators: Int) -> Text {
        let base = rule.base == .evaluators ? Text("全体测评人员 \(evaluators) 名", "all \(evaluators) evaluators") : Text("实际测评票数", "the ratings cast")
        let share = rule.share == Fraction(1, 2) ? Text("半数", "half") : Text("\(rule.share)", "\(rule.share)")
        return Text(
            "满意票超过\(base.zh)的\(share.zh)为“满意”，满意与基本满意票之和超过\(share.zh)为“基本满意”，其余为“不满意”",
            "a project is “satisfied” when its satisfied ratings exceed \(share.en) of \(base.en), “basically satisfied” when satisfied and basically satisfied together do, and “unsatisfied” otherwise"
        )
    }

    /// One project's ratings in an evaluation round.
    static func ratingLine(_ c: TallyResult.CandidateResult, _ L: Language) -> String {
        let r = c.ratings ?? RatingCounts.empty
        let rate = String(format: "%.1f%%", r.satisfactionRate * 100)
        return Text(
            "\(c.id). \(c.title)：满意 \(r.satisfied) 票，基本满意 \(r.basicallySatisfied) 票，不满意 \(r.unsatisfied) 票，弃权 \(c.abstain) 票；满意率 \(rate)；等次：\(c.grade?.title.zh ?? "—")",
            "\(c.id). \(c.titleEn ?? c.title): \(r.satisfied) satisfied, \(r.basicallySatisfied) basically, \(r.unsatisfied) unsatisfied, \(c.abstain) abstain; satisfaction \(rate); grade: \(c.grade?.title.en ?? "—")"
        )(L)
    }

    static func candidateLine(_ c: TallyResult.CandidateResult, _ L: Language) -> String {
        let cost = c.cost.map { Text("估算 \($0.grouped)；", "cost \($0.grouped); ") } ?? Text("", "")
        if let points = c.points {
            return Text(
                "第 \(c.rank ?? 0) 名　\(c.id). \(c.title)：得分 \(points)（\(c.yes) 张选票给分）；\(cost.zh)\(statusText(c.status).zh)",
                "#\(c.rank ?? 0)  \(c.id). \(c.titleEn ?? c.title): \(points, noun: "point") (from \(c.yes, noun: "ballot")); \(cost.en)\(statusText(c.status).en)"
            )(L)
        }
        return Text(
            "第 \(c.rank ?? 0) 名　\(c.id). \(c.title)：同意 \(c.yes) 票，不同意 \(c.no) 票，弃权 \(c.abstain) 票；\(cost.zh)\(statusText(c.status).zh)",
            "#\(c.rank ?? 0)  \(c.id). \(c.titleEn ?? c.title): \(c.yes) yes, \(c.no) no, \(c.abstain) abstain; \(cost.en)\(statusText(c.status).en)"
        )(L)
    }
}
