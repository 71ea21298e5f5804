import Foundation
public import ShishiBallot
public import ShishiCore

/// The count as one self-contained HTML page: figures, every numbered check, the candidates with an
/// inline SVG bar chart (the majority line and the last seat marked), the review queue and the digests.
/// No scripts and nothing fetched from the network; it prints on A4.
public enum HTMLReport {
    /// The text of the report's one `<style>` element.
    static let styleText = "\n\(HTML.stylesheet)\n"

    /// The Content-Security-Policy to serve a report with: no script, nothing fetched, and only
    /// the report's own style element (named by its SHA-256, so no other inline style runs).
    public static let contentSecurityPolicy = HTML.contentSecurityPolicy(styleText: styleText)

    /// The page for `result`.
    public static func page(_ result: TallyResult, vote: Vote, signers: [String], language L: Language) -> String {
        let m = vote.manifest
        let f = result.figures
        func t(_ zh: String, _ en: String) -> String { HTML.escape(Text(zh, en)(L)) }
        var html = """
            <!DOCTYPE html>
            <html lang="\(L.htmlTag)">
            <head>
            <meta charset="utf-8">
            <title>\(HTML.escape(m.title)) — \(t("计票报告", "count report"))</title>
            <style>\(styleText)</style>
            </head>
            <body>
            <h1>\(HTML.escape(m.title))</h1>
            <p class="muted">\(HTML.escape(m.session ?? "")) · \(t("第 \(result.round) 轮", "round \(result.round)")) · \(m.style.isRating ? t("满意度测评，\(m.candidates.count) 个项目", "satisfaction evaluation, \(m.candidates.count, noun: "project")") : HTML.escape(VoteDescription.seats(m)(L))) · \(t("计票时间", "counted at")) \(HTML.escape(result.countedAt))</p>

            """
        let outcome: String
        switch result.outcome {
        case .counted where m.style.isRating:
            let grades = Rating.allCases.map { grade in "\(grade.title(L)) \(result.candidates.filter { $0.grade == grade }.count)" }.joined(
                separator: Text("，", ", ")(L))
            outcome = t("本次测评有效：\(grades)。", "The evaluation is valid: \(grades).")
        case .counted:
            let adopted = result.allocation?.adopted ?? []
            outcome = t(
                "本轮投票有效，当选 \(adopted.count) 项（编号 \(adopted.joined(separator: "、"))），见下表。",
                "The round is valid: \(adopted.count) adopted (numbers \(adopted.joined(separator: ", "))), see the table below.")
        case .noQuorum: outcome = t("出席代表未超过法定人数，不能进行表决。", "The deputies present do not exceed the quorum: no vote can be held.")
        case .void: outcome = t("收回票数多于发出票数：本轮投票无效，须重新投票。", "More ballots returned than issued: this round is void and must be held again.")
        }
        html += "<div class=\"outcome\(result.outcome == .counted ? "" : " bad")\">\(outcome)</div>\n"
        if let allocation = result.allocation, let budget = Announcement.budgetText(allocation) {
            html += "<p>\(HTML.escape(budget(L)))</p>\n"
        }
        if let allocation = result.allocation, let next = Announcement.nextText(allocation, seats: m.seats) {
            html += "<p>\(HTML.escape(next(L)))</p>\n"
        }

        html += "<h2>\(t("票数", "Figures"))</h2>\n<table>\n"
        let rows: [(String, String, Int)] = [
            (m.style.isRating ? "测评人员总数" : "代表总数", m.style.isRating ? "Evaluators" : "Deputies", f.deputies), ("出席", "Present", f.present),
            ("发出选票", "Ballots issued", f.issued),
            ("其中电子凭证", "of which electronic credentials", f.issuedElectronic), ("其中纸质选票", "of which paper ballots", f.issuedPaper),
            ("收回选票", "Ballots returned", f.returned), ("有效票", "Valid", f.valid), ("其中空白票", "of which blank", f.blank),
            ("无效票（多选）", "Invalid (over-marked)", f.invalid), ("暂不计入（凭证重复）", "Set aside (credential reused)", f.setAside),
            ("拒收文件", "Rejected files", f.rejected),
        ]
        for (zh, en, value) in rows {
            html += "<tr><th\(zh.hasPrefix("其中") ? " class=\"sub\"" : "")>\(t(zh, en))</th><td class=\"n\">\(value)</td></tr>\n"
        }
        html += "</table>\n"

        html += votesSection(result, vote: vote, language: L)

        html +=
            "<h2>\(t("核验（编号检查）", "Numbered checks"))</h2>\n<table>\n<tr><th>#</th><th>\(t("检查", "Check"))</th><th>\(t("结果", "Result"))</th><th>\(t("检查数", "Checked"))</th><th>\(t("未通过", "Failed"))</th><th>\(t("说明", "Detail"))</th></tr>\n"
        for check in result.checks {
            html +=
                "<tr><td class=\"n\">\(check.number)</td><td>\(HTML.escape(check.check?.title(L) ?? check.name))</td><td class=\"\(check.passed ? "pass" : "fail")\">\(check.passed ? t("通过", "pass") : t("未通过", "FAIL"))</td><td class=\"n\">\(check.checked)</td><td class=\"n\">\(check.failed)</td><td>\(HTML.escape(check.detail(L)))</td></tr>\n"
        }
        html += "</table>\n"

        html += "<h2>\(t("复核清单", "Review queue"))</h2>\n"
        if result.review.isEmpty {
            html += "<p>\(t("没有需要复核的选票。", "No ballot needs review."))</p>\n"
        } else {
            html +=
                "<table>\n<tr><th>\(t("状态", "Status"))</th><th>\(t("文件", "File"))</th><th>\(t("票箱/票号", "Box / serial"))</th><th>\(t("原因", "Reason"))</th></tr>\n"
            for item in result.review {
                let status = HTML.escape(item.status.title(L))
                let place = item.box.map { "\($0) / \(item.serial ?? "")" } ?? (item.tracker.map { "\($0.short)…" } ?? "")
                html +=
                    "<tr><td>\(status)</td><td><code>\(HTML.escape(item.file))</code></td><td>\(HTML.escape(place))</td><td>\(HTML.escape(item.reason(L)))</td></tr>\n"
            }
            html += "</table>\n"
        }

        html += "<h2>\(t("摘要与签名", "Digests and signatures"))</h2>\n<table>\n"
        html += "<tr><th>\(t("投票（manifest 哈希）", "Vote (manifest hash)"))</th><td><code>\(result.vote)</code></td></tr>\n"
        html +=
            "<tr><th>\(t("电子票箱摘要（\(result.countedElectronic) 张）", "Electronic box digest (\(result.countedElectronic, noun: "ballot"))"))</th><td><code>\(result.boxDigest)</code></td></tr>\n"
        for box in result.paperBoxes { html += "<tr><th>\(t("纸质票箱 \(box.box)", "Paper box \(box.box)"))</th><td><code>\(box.hash)</code></td></tr>\n" }
        html += "<tr><th>\(t("签到日志链头", "Issuance log head"))</th><td><code>\(result.issuanceHead)</code></td></tr>\n"
        html +=
            "<tr><th>\(t("监票人签名", "Scrutineers' signatures"))</th><td>\(signers.isEmpty ? t("尚未签名", "not yet signed") : HTML.escape(signers.joined(separator: Text("、", ", ")(L))))</td></tr>\n"
        html +=
            "</table>\n<p class=\"muted\">\(t("任何人可用 shishi verify 从投票目录重新计票并核对本报告。", "Anyone can recount from the vote folder and check this report with shishi verify."))</p>\n</body>\n</html>\n"
        return html
    }

    /// The chart and table of the round's votes (or, in an evaluation round, its ratings): the
    /// part of the report the hall's big screen and the public board show too.
    public static func votesSection(_ result: TallyResult, vote: Vote, language L: Language) -> String {
        vote.manifest.style.isRating ? ratings(result, vote: vote, language: L) : votes(result, vote: vote, language: L)
    }

    /// The votes table and chart of a vote on seats.
    static func votes(_ result: TallyResult, vote: Vote, language L: Language) -> String {
        func t(_ zh: String, _ en: String) -> String { HTML.escape(Text(zh, en)(L)) }
        var html = "<h2>\(t("各项目得票", "Votes by project"))</h2>\n"
        html += chart(result, seats: vote.manifest.seats, language: L)
        let costs = vote.manifest.budget != nil
        html +=
            "<table>\n<tr><th>\(t("名次", "Rank"))</th><th>\(t("项目", "Project"))</th><th>\(t("同意", "Yes"))</th><th>\(t("不同意", "No"))</th><th>\(t("弃权", "Abstain"))</th>\(costs ? "<th>\(t("估算金额", "Cost"))</th>" : "")<th>\(t("结果", "Outcome"))</th></tr>\n"
        for c in Announcement.ranked(result) {
            let cost = costs ? "<td class=\"n\">\(HTML.escape(c.cost?.grouped ?? ""))</td>" : ""
            html +=
                "<tr><td class=\"n\">\(c.rank.map(String.init) ?? "")</td><td>\(HTML.escape(c.id)). \(HTML.escape(Announcement.title(c, L)))</td><td class=\"n\">\(c.yes)</td><td class=\"n\">\(c.no)</td><td class=\"n\">\(c.abstain)</td>\(cost)<td>\(HTML.escape(Announcement.statusText(c.status)(L)))</td></tr>\n"
        }
        html += "</table>\n"
        if let needed = result.allocation?.needed {
            html +=
                "<p class=\"muted\">\(t("通过须获\(Announcement.baseText(result, L))的过半数：至少 \(needed) 张同意票。", "Passing needs more than half of \(Announcement.baseText(result, L)): at least \(needed, noun: "yes vote")."))</p>\n"
        }

        return html
    }

    /// The ratings table and stacked chart of an evaluation round.
    static func ratings(_ result: TallyResult, vote: Vote, language L: Language) -> String {
        func t(_ zh: String, _ en: String) -> String { HTML.escape(Text(zh, en)(L)) }
        let evaluators = result.figures.deputies
        let rule = vote.manifest.rules.grading ?? GradingRule()
        var html = "<h2>\(t("各项目测评", "Ratings by project"))</h2>\n"
        let bars = result.candidates.map { c in
            RatingChart.Bar(label: "\(c.id). \(Announcement.title(c, L))", counts: c.ratings ?? RatingCounts.empty, grade: c.grade)
        }
        html += RatingChart.svg(
            bars, total: evaluators, line: rule.base == .evaluators ? Double(evaluators) * Double(rule.share.numerator) / Double(rule.share.denominator) : nil,
            language: L)
        html +=
            "<table>\n<tr><th>\(t("项目", "Project"))</th><th>\(t("满意", "Satisfied"))</th><th>\(t("基本满意", "Basically"))</th><th>\(t("不满意", "Unsatisfied"))</th><th>\(t("弃权", "Abstain"))</th><th>\(t("满意率", "Satisfaction"))</th><th>\(t("等次", "Grade"))</th></tr>\n"
        for c in result.candidates {
            let r = c.ratings ?? RatingCounts.empty
            html +=
                "<tr><td>\(HTML.escape(c.id)). \(HTML.escape(Announcement.title(c, L)))</td><td class=\"n\">\(r.satisfied)</td><td class=\"n\">\(r.basicallySatisfied)</td><td class=\"n\">\(r.unsatisfied)</td><td class=\"n\">\(c.abstain)</td><td class=\"n\">\(String(format: "%.1f%%", r.satisfactionRate * 100))</td><td\(c.grade == .unsatisfied ? " class=\"fail\"" : "")>\(HTML.escape(c.grade?.title(L) ?? "—"))</td></tr>\n"
        }
        html +=
            "</table>\n<p class=\"muted\">\(HTML.escape(Announcement.gradingText(rule, evaluators: evaluators)(L)))\(t("。满意率 =（满意 + 基本满意）÷ 实际测评票数。", ". Satisfaction = (satisfied + basically satisfied) ÷ ratings cast."))</p>\n"
        return html
    }

    /// A horizontal bar chart, ranked by yes votes: each project's yes (coloured by its outcome),
    /// no and abstain, with the majority line and the last seat marked.
    public static func chart(_ result: TallyResult, seats: Int, language L: Language) -> String {
        let ranked = Announcement.ranked(result)
        let needed = result.allocation?.needed
        let maximum = max(ranked.map { $0.yes + $0.no + $0.abstain }.max() ?? 1, needed ?? 0, 1)
        let label = L == .zh ? 300.0 : 330.0, barArea = 380.0, row = 24.0, top = 30.0
        let height = top + row * Double(ranked.count) + 50
        func x(_ votes: Int) -> Double { label + barArea * Double(votes) / Double(maximum) }
        func width(_ from: Int, _ to: Int) -> String { HTML.oneDecimal(x(to) - x(from)) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(label + barArea + 190)) \(Int(height))\" width=\"100%\" font-size=\"12\" font-family=\"sans-serif\" role=\"img\" aria-label=\"\(Text("各项目的同意、不同意与弃权票", "yes, no and abstain votes by project")(L))\">\n"
        // Colours as presentation attributes, not a <style> element: a page with a strict
        // Content-Security-Policy (the hall's) ignores inline styles.
        let fill = ["adopted": "#b71c1c", "run-off": "#ef6c00", "other": "#616161", "no": "#90a4ae", "abstain": "#e0e0e0"]
        for (index, candidate) in ranked.enumerated() {
            let y = top + row * Double(index)
            let kind = candidate.status == .adopted ? "adopted" : candidate.status == .runOff ? "run-off" : "other"
            let name = Announcement.title(candidate, L)
            let limit = L == .zh ? 20 : 34
            let short = name.count > limit ? String(name.prefix(limit - 1)) + "…" : name
            let (yes, no, abstain) = (candidate.yes, candidate.no, candidate.abstain)
            svg += "<text x=\"\(label - 6)\" y=\"\(y + 16)\" text-anchor=\"end\">\(HTML.escape(candidate.id)). \(HTML.escape(short))</text>\n"
            // One bar a project: yes (coloured by the outcome), then no, then abstain.
            svg += "<rect class=\"\(kind)\" fill=\"\(fill[kind]!)\" x=\"\(label)\" y=\"\(y + 4)\" width=\"\(width(0, yes))\" height=\"\(row - 8)\"/>\n"
            svg +=
                "<rect class=\"no\" fill=\"\(fill["no"]!)\" x=\"\(HTML.oneDecimal(x(yes)))\" y=\"\(y + 4)\" width=\"\(width(yes, yes + no))\" height=\"\(row - 8)\"/>\n"
            svg +=
                "<rect class=\"abstain\" fill=\"\(fill["abstain"]!)\" x=\"\(HTML.oneDecimal(x(yes + no)))\" y=\"\(y + 4)\" width=\"\(width(yes + no, yes + no + abstain))\" height=\"\(row - 8)\"/>\n"
            svg += "<text x=\"\(HTML.oneDecimal(x(yes + no + abstain) + 4))\" y=\"\(y + 16)\">\(yes) / \(no) / \(abstain)</text>\n"
        }
        let legendY = top + row * Double(ranked.count) + 22
        for (offset, (kind, words)) in [("adopted", Text("同意", "yes")), ("no", Text("不同意", "no")), ("abstain", Text("弃权", "abstain"))].enumerated() {
            let legendX = label + Double(offset) * 110
            svg += "<rect class=\"\(kind)\" fill=\"\(fill[kind]!)\" x=\"\(legendX)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\"/>\n"
            svg += "<text x=\"\(legendX + 16)\" y=\"\(legendY)\">\(HTML.escape(words(L)))</text>\n"
        }
        if seats > 0, seats < ranked.count {
            let y = top + row * Double(seats)
            svg += "<line x1=\"10\" x2=\"\(Int(label + barArea + 50))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#333\" stroke-dasharray=\"6 4\"/>\n"
            // In the right margin, clear of the projects' names and the counts.
            svg +=
                "<text x=\"\(Int(label + barArea + 186))\" y=\"\(y + 5)\" text-anchor=\"end\">\(HTML.escape(Text("第 \(seats) 名", "seat \(seats)")(L)))</text>\n"
        }
        if let needed {
            let lineX = HTML.oneDecimal(x(needed))
            svg += "<line x1=\"\(lineX)\" x2=\"\(lineX)\" y1=\"\(top - 6)\" y2=\"\(height - 44)\" stroke=\"#1565c0\" stroke-width=\"2\"/>\n"
            svg +=
                "<text x=\"\(lineX)\" y=\"\(top - 10)\" text-anchor=\"middle\" fill=\"#1565c0\">\(HTML.escape(Text("过半数 \(needed) 票", "majority: \(needed)")(L)))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

}
