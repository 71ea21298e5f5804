import Foundation
public import ShishiCore
import ShishiStore

extension YearReport {
    /// The page's own style element's text.
    static let styleText =
        "\n\(HTML.stylesheet)\nsection.project { break-inside: avoid-page; } .bad { color: #b71c1c; } .ok { color: #1b5e20; } svg.bar { vertical-align: middle; }\n"
        + "div.table { overflow-x: auto; } div.table table { min-width: 44em; } div.chart { overflow-x: auto; } div.chart svg { min-width: 30em; } body { padding: 0 0.8em; }\n"

    /// The Content-Security-Policy to serve the page with: no script, nothing fetched, and only
    /// the page's own style element (named by its SHA-256).
    public static let contentSecurityPolicy = HTML.contentSecurityPolicy(styleText: styleText)

    /// The page's title: the year's livelihood projects.
    public var title: Text { Text("\(year) 年民生实事项目年度报告", "Livelihood projects: the year \(year)") }

    /// The year as one self-contained, printable HTML page (no scripts, nothing fetched): an
    /// overview table and the ratings chart, then each project with its progress bar, milestone
    /// timeline, inspection issues, hotline counts, ratings as stacked bars, grade, score and
    /// look-back status.
    public func html(title: String, language L: Language) -> String {
        func t(_ zh: String, _ en: String) -> String { HTML.escape(Text(zh, en)(L)) }
        let esc = HTML.escape
        var html = """
            <!DOCTYPE html>
            <html lang="\(L.htmlTag)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title))</title>
            <style>\(Self.styleText)</style>
            </head>
            <body>
            <main>
            <h1>\(esc(title))</h1>
            <p class="muted">\(t("统计至 \(today)；项目 \(projects.count) 个", "as of \(today); \(projects.count, noun: "project")"))</p>
            <p class="muted">\(esc(ProjectProgress.howComputed(L)))</p>

            """
        html +=
            "<h2>\(t("总览", "Overview"))</h2>\n<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"\(t("总览", "Overview"))\"><table>\n<tr><th>#</th><th>\(t("项目", "Project"))</th><th>\(t("责任单位", "Department"))</th><th>\(t("状态", "Status"))</th><th>\(t("进度", "Progress"))</th><th>\(t("整改未结", "Open issues"))</th><th>\(t("热线", "Hotline"))</th><th>\(t("等次", "Grade"))</th><th>\(t("综合得分", "Score"))</th><th>\(t("回头看", "Look-back"))</th></tr>\n"
        for entry in projects {
            let e = entry.evaluation
            html += "<tr><td class=\"n\">\(entry.project.id!)</td><td>\(esc(name(entry.project, L)))</td><td>\(esc(entry.project.department ?? "—"))</td>"
            html +=
                "<td\(entry.progress.status == .overdue ? " class=\"bad\"" : "")>\(esc(entry.progress.status.title(L)))</td><td>\(bar(entry.progress.percent, planned: entry.progress.planned, width: 120, language: L))</td>"
            html += "<td class=\"n\">\(entry.openRectifications.count)</td><td class=\"n\">\(entry.hotlineTotal)</td>"
            html +=
                "<td\(e?.grade == .unsatisfied ? " class=\"bad\"" : "")>\(esc(e?.grade?.title(L) ?? "—"))</td><td class=\"n\">\(esc(e?.combinedText(L) ?? "—"))</td><td>\(esc(lookBackText(entry, L)))</td></tr>\n"
        }
        html += "</table></div>\n"
        let rated = projects.compactMap { entry in
            entry.evaluation.flatMap { e in e.sources.first { $0.stage == .regular && $0.grade != nil } ?? e.sources.first }.map { (entry, $0) }
        }
        if !rated.isEmpty {
            html += "<h2>\(t("测评", "Ratings"))</h2>\n"
            html += RatingChart.svg(
                rated.map { entry, source in
                    RatingChart.Bar(label: "\(entry.project.id!). \(name(entry.project, L))", counts: source.counts, grade: source.grade)
                }, total: rated.map(\.1.counts.cast).max() ?? 0, line: nil, language: L)
            html +=
                "<p class=\"muted\">\(t("每个项目取权重最大的分等次来源；满意率 =（满意 + 基本满意）÷ 实际测评票数。", "Each project's heaviest graded source; satisfaction = (satisfied + basically satisfied) ÷ ratings cast."))</p>\n"
        }
        if !departmentsForReview.isEmpty {
            html += "<h2>\(t("专项审议", "Special review"))</h2>\n<ul>\n"
            for flag in departmentsForReview {
                html +=
                    "<li>\(t("\(flag.department)：连续两年得分低于 60（\(year - 1) 年 \(String(format: "%.1f", flag.previous))，\(year) 年 \(String(format: "%.1f", flag.score))）", "\(flag.department): below 60 two years running (\(year - 1): \(String(format: "%.1f", flag.previous)), \(year): \(String(format: "%.1f", flag.score)))"))</li>\n"
            }
            html += "</ul>\n"
        }
        for entry in projects { html += section(entry, language: L) }
        html +=
            "<p class=\"muted\">\(t("由 shishi report year 生成；数据来自工作库，每项改动都记在哈希链审计日志中（shishi log verify）。", "Made by shishi report year from the workspace; every change is in the hash-chained audit log (shishi log verify)."))</p>\n</main>\n</body>\n</html>\n"
        return html
    }

    private func section(_ entry: Entry, language L: Language) -> String {
        func t(_ zh: String, _ en: String) -> String { HTML.escape(Text(zh, en)(L)) }
        let esc = HTML.escape
        let p = entry.project
        var html = "<section class=\"project\">\n<h2>#\(p.id!) \(esc(name(p, L)))</h2>\n"
        var facts = [t("责任单位：\(p.department ?? "—")", "Department: \(p.department ?? "—")")]
        if let lead = p.lead { facts.append(t("负责人：\(lead)", "Lead: \(lead)")) }
        if let budget = p.budget { facts.append(t("预算：\(budget) 元", "Budget: \(budget) yuan")) }
        facts.append(t("票决排名第 \(p.rank)，同意 \(p.yes) 票", "ranked \(p.rank) in the vote, \(p.yes) yes"))
        html += "<p class=\"muted\">\(facts.joined(separator: " · "))</p>\n"
        if let targets = p.targets { html += "<p>\(t("目标：", "Targets: "))\(esc(targets))</p>\n" }
        html +=
            "<p>\(t("状态：", "Status: "))<strong\(entry.progress.status == .overdue ? " class=\"bad\"" : "")>\(esc(entry.progress.status.title(L)))</strong> \(bar(entry.progress.percent, planned: entry.progress.planned, width: 260, language: L))"
        if let spent = entry.reports.last?.spent { html += t("　已支出 \(spent) 元", " · spent \(spent) yuan") }
        if entry.attachments > 0 { html += t("　附件 \(entry.attachments) 个", " · \(entry.attachments, noun: "attached file")") }
        html += "</p>\n"
        if !entry.milestones.isEmpty {
            html += "<h3>\(t("里程碑", "Milestones"))</h3>\n" + timeline(entry.milestones, language: L)
        }
        if !entry.inspections.isEmpty || !entry.rectifications.isEmpty {
            html += "<h3>\(t("视察与整改", "Inspections and rectification"))</h3>\n"
            for inspection in entry.inspections {
                html += "<p>\(esc(inspection.date)) \(esc(inspection.inspectors))\(L.colon)\(esc(inspection.findings))</p>\n"
            }
            if !entry.rectifications.isEmpty {
                html +=
                    "<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"\(t("整改", "Rectification"))\"><table>\n<tr><th>\(t("问题", "Problem"))</th><th>\(t("责任", "Responsible"))</th><th>\(t("期限", "Deadline"))</th><th>\(t("状态", "Status"))</th></tr>\n"
                for item in entry.rectifications {
                    let late = item.status != .closed && item.deadline < today
                    let status =
                        item.status == .closed
                        ? t("已整改（\(item.closedAt ?? "")）：\(item.resolution ?? "")", "closed (\(item.closedAt ?? "")): \(item.resolution ?? "")")
                        : item.status == .inProgress ? t("整改中", "in progress") : t("待整改", "open")
                    html +=
                        "<tr><td>\(esc(item.problem))\(item.lookBackYear != nil ? t("（回头看）", " (look-back)") : "")</td><td>\(esc(item.responsible))</td><td\(late ? " class=\"bad\"" : "")>\(esc(item.deadline))\(late ? t(" 逾期", " overdue") : "")</td><td>\(status)</td></tr>\n"
                }
                html += "</table></div>\n"
            }
        }
        if !entry.hotline.isEmpty {
            html +=
                "<h3>\(t("12345 热线工单（\(year) 年 \(entry.hotlineTotal) 件）", "12345 hotline complaints (\(entry.hotlineTotal) in \(year))"))</h3>\n"
                + months(entry.hotline, language: L)
        }
        if let evaluation = entry.evaluation {
            html += "<h3>\(t("测评", "Evaluation"))</h3>\n"
            html += RatingChart.svg(
                evaluation.sources.flatMap { source in
                    [
                        RatingChart.Bar(
                            label: source.source + (source.stage == .lookBack ? (Text("（回头看）", " (look-back)")(L)) : ""), counts: source.counts,
                            grade: source.grade)
                    ]
                        + source.items.map { RatingChart.Bar(label: "· \($0.item)", counts: $0.counts, grade: nil) }
                }, total: evaluation.sources.map(\.counts.cast).max() ?? 0, line: nil, language: L)
            let sources = evaluation.sources.map { source in
                "\(source.source)\(Text("（权重 ", " (weight ")(L))\(source.weight)\(Text("）", ")")(L))\(Text("：满意率 ", ": satisfaction ")(L))\(String(format: "%.1f%%", source.satisfactionRate * 100))\(source.score.map { (Text("，得分 ", ", score ")(L)) + String(format: "%.1f", $0) } ?? "")"
            }
            html += "<p>\(esc(sources.joined(separator: Text("；", "; ")(L))))</p>\n"
            html +=
                "<p>\(t("等次：", "Grade: "))<strong\(evaluation.grade == .unsatisfied ? " class=\"bad\"" : "")>\(esc(evaluation.grade?.title(L) ?? "—"))</strong>　\(t("综合得分：", "Combined score: "))<strong>\(esc(evaluation.combinedText(L) ?? "—"))</strong>　\(t("回头看：", "Look-back: "))\(esc(lookBackText(entry, L)))</p>\n"
        }
        return html + "</section>\n"
    }

    /// The project's title in `L`.
    private func name(_ project: ProjectRecord, _ L: Language) -> String {
        L.title(project.title, english: project.titleEn)
    }

    /// Where the project stands on the look-back list.
    private func lookBackText(_ entry: Entry, _ L: Language) -> String {
        guard let evaluation = entry.evaluation, evaluation.lookBack else { return "—" }
        let tasks = entry.rectifications.filter { $0.lookBackYear == year }
        let closed = tasks.filter { $0.status == .closed }.count
        let rating = evaluation.lookBackGrade.map { Text("重新测评：\($0.title.zh)", "rated again: \($0.title.en)") } ?? Text("尚未重新测评", "not yet rated again")
        return Text(
            "列入回头看；整改 \(closed)/\(tasks.count) 项已完成；\(rating.zh)",
            "on the list; \(closed) of \(tasks.count) rectification tasks closed; \(rating.en)"
        )(L)
    }

    /// A progress bar: done in green, the planned share marked.
    private func bar(_ percent: Int, planned: Int, width: Int, language L: Language) -> String {
        let w = Double(width)
        let words =
            planned > 0 ? Text("完成 \(percent)%，按计划应达 \(planned)%", "\(percent)% done, \(planned)% planned by now") : Text("完成 \(percent)%", "\(percent)% done")
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width + 44)\" height=\"16\" viewBox=\"0 0 \(width + 44) 16\" class=\"bar\" role=\"img\" aria-label=\"\(HTML.escape(words(L)))\">"
        svg += "<rect x=\"0\" y=\"3\" width=\"\(width)\" height=\"10\" fill=\"#eee\" stroke=\"#bbb\"/>"
        svg += "<rect x=\"0\" y=\"3\" width=\"\(String(format: "%.1f", w * Double(min(percent, 100)) / 100))\" height=\"10\" fill=\"#2e7d32\"/>"
        if planned > 0 {
            let x = String(format: "%.1f", w * Double(min(planned, 100)) / 100)
            svg +=
                "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"0\" y2=\"16\" stroke=\"#1565c0\" stroke-width=\"2\"><title>\(HTML.escape(Text("计划 \(planned)%", "planned \(planned)%")(L)))</title></line>"
        }
        svg += "<text x=\"\(width + 4)\" y=\"12\" font-size=\"11\" font-family=\"sans-serif\">\(percent)%</text></svg>"
        return svg
    }

    /// The milestones on the year's axis: done (green), overdue (red), ahead (grey), with their titles.
    private func timeline(_ milestones: [MilestoneRecord], language L: Language) -> String {
        let left = 20.0, width = 640.0, rowHeight = 18.0
        let height = 40 + rowHeight * Double(milestones.count)
        func x(_ date: String) -> Double {
            let parts = date.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return left }
            let months = Double((parts[0] - year) * 12 + parts[1] - 1) + Double(parts[2] - 1) / 31
            return left + width * min(max(months, 0), 12) / 12
        }
        // Text styled by presentation attributes, not a <style> element: the served page's policy
        // allows only the page's own style element.
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(left + width + 20)) \(Int(height))\" width=\"100%\" font-size=\"11\" font-family=\"sans-serif\" role=\"img\" aria-label=\"\(HTML.escape(Text("里程碑时间轴", "milestones on the year's axis")(L)))\">\n"
        svg += "<line x1=\"\(left)\" x2=\"\(left + width)\" y1=\"20\" y2=\"20\" stroke=\"#999\"/>\n"
        for month in 0..<12 {
            let mx = left + width * Double(month) / 12
            svg +=
                "<line x1=\"\(mx)\" x2=\"\(mx)\" y1=\"16\" y2=\"24\" stroke=\"#999\"/><text x=\"\(mx + 2)\" y=\"12\">\(Text("\(month + 1)月", "\(month + 1)")(L))</text>\n"
        }
        let todayX = x(today)
        svg +=
            "<line x1=\"\(String(format: "%.1f", todayX))\" x2=\"\(String(format: "%.1f", todayX))\" y1=\"14\" y2=\"\(Int(height))\" stroke=\"#1565c0\" stroke-dasharray=\"3 3\"/>\n"
        for (index, milestone) in milestones.enumerated() {
            let color = milestone.doneAt != nil ? "#2e7d32" : milestone.due < today ? "#c62828" : "#9e9e9e"
            let mx = String(format: "%.1f", x(milestone.due))
            let y = 38 + rowHeight * Double(index)
            let state = milestone.doneAt.map { Text("完成于 \($0)", "done \($0)") } ?? (milestone.due < today ? Text("逾期", "overdue") : Text("计划", "planned"))
            svg += "<line x1=\"\(mx)\" x2=\"\(mx)\" y1=\"20\" y2=\"\(y - 4)\" stroke=\"\(color)\" stroke-opacity=\"0.4\"/>"
            svg += "<circle cx=\"\(mx)\" cy=\"20\" r=\"5\" fill=\"\(color)\"/>"
            let anchor = x(milestone.due) > left + width / 2 ? " text-anchor=\"end\"" : ""
            svg += "<text x=\"\(mx)\" y=\"\(y)\" fill=\"\(color)\"\(anchor)>\(HTML.escape("\(milestone.title) · \(milestone.due) · \(state(L))"))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Complaints per month of the year, as small bars.
    private func months(_ counts: [Hotline.MonthlyCount], language L: Language) -> String {
        let byMonth = Dictionary(uniqueKeysWithValues: counts.map { (Int($0.month.suffix(2)) ?? 0, $0.count) })
        let top = max(byMonth.values.max() ?? 1, 1)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 520 100\" width=\"100%\" font-size=\"11\" font-family=\"sans-serif\" role=\"img\" aria-label=\"\(HTML.escape(Text("每月热线工单", "hotline complaints by month")(L)))\">\n"
        for month in 1...12 {
            let count = byMonth[month] ?? 0
            let h = 56.0 * Double(count) / Double(top)
            let base = 76.0
            let x = 10 + Double(month - 1) * 42
            svg += "<rect x=\"\(x)\" y=\"\(String(format: "%.1f", base - h))\" width=\"30\" height=\"\(String(format: "%.1f", h))\" fill=\"#ef6c00\"/>"
            svg += "<text x=\"\(x + 15)\" y=\"\(String(format: "%.1f", base - 4 - h))\" text-anchor=\"middle\">\(count > 0 ? String(count) : "")</text>"
            svg += "<text x=\"\(x + 15)\" y=\"92\" text-anchor=\"middle\">\(Text("\(month)月", String(month))(L))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
