import ShishiCore

/// What a form of the office just did, in words: the page a form sends back to carries it as
/// `?done=KIND-NUMBER` (never free text), and says it at the top, so that a success names what
/// was done rather than "recorded".
enum DoneNote {
    /// The words for `value`, or `nil` when it names nothing this page knows.
    static func text(_ value: String?) -> Text? {
        guard let value else { return nil }
        let parts = value.split(separator: "-")
        let number = parts.last.flatMap { Int($0) }
        let kind = parts.count > 1 && number != nil ? parts.dropLast().joined(separator: "-") : value
        switch (kind, number) {
        case ("report-accepted", let n?):
            return Text(
                "已受理第 \(n) 号居民反映：它显示在项目页面上，转责任单位答复，并计入项目的热线工单。",
                "Resident report \(n) accepted: it shows on the project's page for the department to answer, and counts with the project's hotline complaints.")
        case ("resident-answered", let n?):
            return Text(
                "已答复第 \(n) 号居民反映：居民凭受理编号可以看到，项目页面也公开显示。",
                "Resident report \(n) answered: the resident sees it by the reference number, and the project's page shows it.")
        case ("report-rejected", let n?): return Text("第 \(n) 号居民反映不予受理。", "Resident report \(n) not accepted.")
        case ("scores", let n?): return Text("已将 \(n) 个项目的居民评价计入年度得分。", "Residents' ratings of \(n, noun: "project") taken into the year's scores.")
        // Online suggestions are named web-N, as the call lists them once accepted, apart from the call's own #N.
        case ("suggestion-accepted", let n?): return Text("网上建议 web-\(n) 已列入本次征集。", "Online suggestion web-\(n) accepted into the call.")
        case ("suggestion-rejected", let n?): return Text("网上建议 web-\(n) 不予采纳。", "Online suggestion web-\(n) not accepted.")
        case ("merged", let n?): return Text("已并入草案项目第 \(n) 号。", "Merged into draft project \(n).")
        case ("declined", let n?): return Text("建议第 \(n) 号不予采纳，理由已记录。", "Suggestion \(n) declined, with its reason recorded.")
        case ("screened-pass", let n?): return Text("草案第 \(n) 号初审通过。", "Draft \(n) passed screening.")
        case ("screened-fail", let n?): return Text("草案第 \(n) 号初审未通过，理由已记录。", "Draft \(n) did not pass screening; the reason is recorded.")
        case ("list-fixed", let n?):
            return Text(
                "候选项目清单已确定：\(n) 个候选项目，已用秘书处的密钥签署，不再改动。",
                "The candidate list is fixed: \(n, noun: "candidate"), signed with the secretariat's key; it no longer changes.")
        case ("shortlisted", let n?): return Text("已公布 \(n) 个草案项目征求意见。", "\(n, noun: "draft project") published for comment.")
        case ("progress-reported", let n?):
            return Text(
                "进度报告已记录：完成 \(n)%，显示在项目页面、年度报告和项目动态中。",
                "The progress report is recorded: \(n)% done, shown on the project's page, in its timeline and in the year report.")
        case ("inspection-filed", 0):
            return Text("视察已记录，没有提出整改问题。", "The inspection is recorded, with no problem to rectify.")
        case ("inspection-filed", let n?):
            return Text(
                "视察已记录：\(n) 个问题已交责任单位整改，各有期限，逾期会显示在工作台上。",
                "The inspection is recorded: \(n, noun: "problem") passed to the department to rectify, each with its deadline; an overdue one shows on the board."
            )
        case ("milestone-done", let n?): return Text("节点 #\(n) 已标记完成，完成日期与佐证已记录。", "Milestone #\(n) marked done, with its date and evidence recorded.")
        case ("milestone-added", let n?): return Text("已添加节点 #\(n)。", "Milestone #\(n) added.")
        case ("milestone-moved", let n?): return Text("节点 #\(n) 已改期，原日期记入审计日志。", "Milestone #\(n) moved; the earlier date is kept in the audit log.")
        case ("project-updated", let n?): return Text("项目 #\(n) 的责任单位、负责人、预算与目标已更新。", "Project #\(n): department, lead, budget and targets updated.")
        case ("group-added", let n?): return Text("已将代表加入项目 #\(n) 的代表小组。", "The deputy is now on project #\(n)'s monitoring group.")
        case ("progress-corrected", _?):
            return Text(
                "进度报告已更正：新内容取代原内容，原内容与更正原因保留在更正记录中。",
                "The progress report is corrected: the new version replaces it, and the earlier one is kept with the reason.")
        case ("account-disabled", _?):
            return Text("账户已停用：它不能再登录，审计日志中的记录不变。", "The account is disabled: it can no longer sign in; its entries in the audit log stay.")
        case ("account-enabled", _?): return Text("账户已重新启用。", "The account is enabled again.")
        default: return nil
        }
    }
}
