import Foundation
public import ShishiCore
import ShishiStore

extension CollectionReport {
    /// The page's own style element's text.
    static let styleText =
        "\n\(HTML.stylesheet)\nsection.draft { break-inside: avoid-page; } ul.evidence { margin: 0.3em 0; padding-left: 1.4em; }\n"
        + "div.chart { overflow-x: auto; } div.chart svg { min-width: 34em; } div.table { overflow-x: auto; } body { padding: 0 0.8em; }\n"

    /// The Content-Security-Policy to serve the page with: no script, nothing fetched, and only
    /// the page's own style element (named by its SHA-256).
    public static let contentSecurityPolicy = HTML.contentSecurityPolicy(styleText: styleText)

    /// The colour of each source in the charts.
    static let sourceColours: [Collect.Source: String] = [
        .deputy: "#c62828", .public: "#1565c0", .department: "#6a1b9a", .hotline: "#ef6c00", .carriedOver: "#546e7a",
    ]

    /// The collection as one self-contained, printable HTML page (no scripts, nothing fetched):
    /// suggestions by source, the final list with a chart of the sources behind each candidate,
    /// the drafts with the suggestions merged into each (the merge tree) and their screening, and
    /// the suggestions declined with their reasons.
    public func html(language L: Language) -> String {
        func t(_ zh: String, _ en: String) -> String { HTML.escape(Text(zh, en)(L)) }
        let esc = HTML.escape
        let title = Text("\(call.year) 年民生实事项目征集报告", "Collection of \(call.year)'s livelihood projects")(L)
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
            <h1>\(esc(title))</h1>
            <p class="muted">\(t("征集截至 \(call.until)\(call.seats.map { "；应选 \($0) 项" } ?? "")；建议 \(suggestions.count) 条，草案项目 \(drafts.count) 个，不予采纳 \(declined.count) 条\(pending.isEmpty ? "" : "，待处理 \(pending.count) 条")", "call until \(call.until)\(call.seats.map { "; \($0) seats" } ?? ""); \(suggestions.count, noun: "suggestion"), \(drafts.count, noun: "draft project"), \(declined.count) declined\(pending.isEmpty ? "" : ", \(pending.count) pending")"))</p>

            """
        html += "<h2>\(t("建议来源", "Suggestions by source"))</h2>\n"
        html += sourceChart(bySource.map { (label: $0.source.title(L), counts: [($0.source, $0.count)]) }, language: L)
        if let list {
            html += "<h2>\(t("候选项目清单", "The final candidate list"))</h2>\n"
            html +=
                "<p>\(t("主席团确定候选项目 \(list.candidates.count) 个，应选 \(list.seats) 项（差额 \(list.candidates.count - list.seats) 项）。清单哈希：", "The presidium fixed \(list.candidates.count, noun: "candidate") for \(list.seats, noun: "seat") (\(list.candidates.count - list.seats) more than the seats). List hash: "))<code>\(esc(listHash ?? ""))</code></p>\n"
            html +=
                "<div class=\"table\"><table>\n<tr><th>\(t("编号", "Id"))</th><th>\(t("项目", "Project"))</th><th>\(t("责任单位", "Department"))</th><th>\(t("估算金额", "Cost"))</th><th>\(t("草案", "Draft"))</th><th>\(t("建议", "Suggestions"))</th><th>\(t("代表", "Deputies"))</th><th>\(t("热线工单", "Complaints"))</th><th>\(t("意见（支持/反对）", "Comments (for/against)"))</th></tr>\n"
            for entry in list.candidates {
                let support = drafts.first { $0.draft.id == entry.draft }?.support
                html +=
                    "<tr><td>\(esc(entry.id))</td><td>\(esc(entry.title))</td><td>\(esc(entry.department))</td><td class=\"n\">\(esc(entry.cost.grouped))</td><td class=\"n\">#\(entry.draft)</td><td class=\"n\">\(entry.evidence.count)</td><td class=\"n\">\(support?.deputies ?? 0)</td><td class=\"n\">\(support?.complaints ?? 0)</td><td class=\"n\">\(entry.comments.support)/\(entry.comments.oppose)</td></tr>\n"
            }
            html += "</table></div>\n<h3>\(t("各候选项目的建议来源", "Where each candidate's suggestions came from"))</h3>\n"
            html += sourceChart(
                list.candidates.map { entry in
                    (
                        label: "\(entry.id) \(entry.title)",
                        counts: Collect.Source.allCases.map { source in (source, entry.evidence.filter { $0.source == source.rawValue }.count) }
                    )
                }, language: L)
        }
        html += "<h2>\(t("草案项目与初审", "Draft projects and their screening"))</h2>\n"
        if drafts.isEmpty { html += "<p class=\"muted\">\(t("还没有草案项目。", "No draft project yet."))</p>\n" }
        for draft in drafts { html += section(draft, language: L) }
        if !declined.isEmpty {
            html +=
                "<h2>\(t("不予采纳的建议", "Suggestions declined"))</h2>\n<table>\n<tr><th>#</th><th>\(t("建议", "Suggestion"))</th><th>\(t("来源", "Source"))</th><th>\(t("理由", "Reason"))</th></tr>\n"
            for item in declined {
                html +=
                    "<tr><td class=\"n\">\(item.suggestion.id!)</td><td>\(esc(item.suggestion.title))</td><td>\(esc(sourceTitle(item.suggestion.source, L)))</td><td>\(esc(item.suggestion.declinedReason ?? ""))</td></tr>\n"
            }
            html += "</table>\n"
        }
        if !pending.isEmpty {
            html += "<h2>\(t("待处理的建议", "Suggestions not yet answered"))</h2>\n<ul>\n"
            for item in pending { html += "<li>#\(item.suggestion.id!) \(esc(item.suggestion.title))</li>\n" }
            html += "</ul>\n"
        }
        html +=
            "<p class=\"muted\">\(t("由 shishi collect report 生成；数据来自工作库，每项改动都记在哈希链审计日志中（shishi log verify）。", "Made by shishi collect report from the workspace; every change is in the hash-chained audit log (shishi log verify)."))</p>\n</body>\n</html>\n"
        return html
    }

    /// One draft: what stands behind it, the suggestions merged into it, its screenings and its
    /// place on the shortlist.
    private func section(_ draft: Draft, language L: Language) -> String {
        func t(_ zh: String, _ en: String) -> String { HTML.escape(Text(zh, en)(L)) }
        let esc = HTML.escape
        let support = draft.support
        var html = "<section class=\"draft\">\n<h3>#\(draft.draft.id!) \(esc(draft.draft.title))</h3>\n"
        html +=
            "<p class=\"muted\">\(t("建议 \(support.suggestions) 条，代表 \(support.deputies) 人，热线工单 \(support.complaints) 件", "\(support.suggestions, noun: "suggestion"), \(support.deputies, noun: "deputy"), \(support.complaints) hotline complaints"))"
        if let entry = draft.shortlist {
            html += t(
                "；清单第 \(entry.position) 位，意见：支持 \(draft.comments.support)、反对 \(draft.comments.oppose)、其他 \(draft.comments.opinion)",
                "; shortlist place \(entry.position), comments: \(draft.comments.support) for, \(draft.comments.oppose) against, \(draft.comments.opinion) other"
            )
        }
        html += "</p>\n"
        if !draft.draft.text.isEmpty { html += "<p>\(esc(draft.draft.text))</p>\n" }
        html += "<ul class=\"evidence\">\n"
        for item in draft.suggestions {
            let s = item.suggestion
            let by = item.deputies.isEmpty ? (s.proposer ?? "") : item.deputies.map(\.name).joined(separator: Text("、", ", ")(L))
            html +=
                "<li>#\(s.id!) \(esc(s.title)) <span class=\"muted\">[\(esc(sourceTitle(s.source, L)))]\(by.isEmpty ? "" : " " + esc(by))\(s.complaints.map { t("，工单 \($0) 件", ", \($0) complaints") } ?? "")</span></li>\n"
        }
        html += "</ul>\n"
        for (index, screening) in draft.screenings.enumerated() {
            let current = index == draft.screenings.count - 1
            let verdict =
                screening.passed
                ? "<span class=\"pass\">\(t("通过", "passed"))</span>" : "<span class=\"fail\">\(t("未通过", "not passed"))</span>"
            var facts: [String] = []
            if let department = screening.department { facts.append(t("责任单位：\(department)", "department: \(department)")) }
            if let cost = screening.cost.flatMap(Amount.init(parsing:)) { facts.append(t("估算：\(cost.grouped)", "cost: \(cost.grouped)")) }
            facts.append(t("可行：\(screening.feasible ? "是" : "否")", "feasible: \(screening.feasible ? "yes" : "no")"))
            facts.append(t("当年可完成：\(screening.finishable ? "是" : "否")", "finishable this year: \(screening.finishable ? "yes" : "no")"))
            if let benefit = screening.benefit { facts.append(t("受益：\(benefit)", "benefit: \(benefit)")) }
            if let reason = screening.reason { facts.append(t("理由：\(reason)", "reason: \(reason)")) }
            if let note = screening.note { facts.append(t("备注：\(note)", "note: \(note)")) }
            html +=
                "<p\(current ? "" : " class=\"muted\"")>\(t("初审", "Screening")) \(esc(String(screening.screenedAt.prefix(10)))) \(verdict)\(current ? "" : t("（已被后来的初审取代）", " (superseded)"))\(t("：", ": "))\(facts.joined(separator: " · "))</p>\n"
        }
        if draft.screenings.isEmpty { html += "<p class=\"muted\">\(t("尚未初审", "Not screened yet"))</p>\n" }
        return html + "</section>\n"
    }

    /// A source's title, or the stored text when it is not one shishi knows.
    private func sourceTitle(_ raw: String, _ L: Language) -> String {
        Collect.Source(rawValue: raw)?.title(L) ?? raw
    }

    /// A horizontal stacked bar per row, one colour per source, with a legend, as inline SVG.
    private func sourceChart(_ rows: [(label: String, counts: [(Collect.Source, Int)])], language L: Language) -> String {
        let scale = Double(max(rows.map { $0.counts.reduce(0) { $0 + $1.1 } }.max() ?? 0, 1))
        let label = 220.0, barArea = 300.0, row = 24.0, top = 30.0
        let height = top + row * Double(rows.count) + 8
        var svg =
            "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(label + barArea + 60)) \(Int(height))\" width=\"100%\" font-size=\"12\" font-family=\"sans-serif\" role=\"img\" aria-label=\"\(HTML.escape(Text("建议来源", "suggestions by source")(L)))\">\n"
        var x = 10.0
        for source in Collect.Source.allCases {
            svg +=
                "<rect fill=\"\(Self.sourceColours[source]!)\" x=\"\(Int(x))\" y=\"6\" width=\"12\" height=\"12\"/><text x=\"\(Int(x + 16))\" y=\"16\">\(HTML.escape(source.title(L)))</text>\n"
            x += L == .zh ? 96 : 110
        }
        for (index, item) in rows.enumerated() {
            let y = top + row * Double(index)
            let short = item.label.count > 22 ? String(item.label.prefix(21)) + "…" : item.label
            svg += "<text x=\"\(label - 6)\" y=\"\(y + 16)\" text-anchor=\"end\">\(HTML.escape(short))</text>\n"
            var start = label
            for (source, count) in item.counts where count > 0 {
                let width = barArea * Double(count) / scale
                svg +=
                    "<rect fill=\"\(Self.sourceColours[source]!)\" x=\"\(String(format: "%.1f", start))\" y=\"\(y + 4)\" width=\"\(String(format: "%.1f", width))\" height=\"\(row - 8)\"><title>\(HTML.escape(source.title(L))) \(count)</title></rect>\n"
                start += width
            }
            svg += "<text x=\"\(String(format: "%.1f", start + 6))\" y=\"\(y + 16)\">\(item.counts.reduce(0) { $0 + $1.1 })</text>\n"
        }
        return svg + "</svg></div>\n"
    }
}
