import ShishiCore

/// The words of the year's pages, beside the hall's (``Words``): templates read both as `{{t.key}}`.
enum YearWords {
    static func all(_ language: Language) -> [String: String] {
        var words = Words.all(language)
        for (key, text) in table { words[key] = text(language) }
        return words
    }

    static let table: [String: Text] = [
        "brand": Text("实事 · 民生实事项目", "shishi · livelihood projects"),
        "projects": Text("民生实事项目", "Livelihood projects"),
        "project": Text("项目", "Project"),
        "department": Text("责任单位", "Department"),
        "allDepartments": Text("全部单位", "All departments"),
        "allStatuses": Text("全部状态", "All statuses"),
        "filter": Text("筛选", "Filter"),
        "progress": Text("进度", "Progress"),
        "planned": Text("计划", "planned"),
        "milestones": Text("节点", "Milestones"),
        "milestone": Text("节点", "Milestone"),
        "due": Text("计划完成", "Due"),
        "done": Text("完成", "Done"),
        "overdue": Text("逾期", "overdue"),
        "spent": Text("已支出", "Spent"),
        "budget": Text("预算", "Budget"),
        "lead": Text("负责人", "Lead"),
        "targets": Text("目标", "Targets"),
        "grade": Text("测评等次", "Grade"),
        "score": Text("综合得分", "Score"),
        "reports": Text("进展报告", "Progress reports"),
        "date": Text("日期", "Date"),
        "percent": Text("完成百分比", "Percent done"),
        "narrative": Text("进展情况", "What was done"),
        "inspections": Text("代表视察", "Inspections"),
        "inspectors": Text("视察代表", "Inspectors"),
        "findings": Text("发现", "Findings"),
        "problems": Text("问题与整改", "Problems and rectification"),
        "problem": Text("问题", "Problem"),
        "responsible": Text("责任人", "Responsible"),
        "deadline": Text("整改期限", "Deadline"),
        "hotline": Text("12345 热线工单（按月）", "12345 hotline complaints by month"),
        "month": Text("月份", "Month"),
        "count": Text("件数", "Count"),
        "none": Text("暂无", "None yet"),
        "code": Text("民生码", "Project code (民生码)"),
        "codeHint": Text("扫码查看项目进展、评价和反映问题。", "Scan to see the project's progress, rate it and report a problem."),
        "printSign": Text("打印民生码标牌", "Print the project's sign"),
        "print": Text("打印", "Print"),
        "office": Text("工作台", "Office"),
        "board": Text("项目督办看板", "Supervision board"),
        "attention": Text("需要关注：逾期节点或逾期整改", "Needs attention: overdue milestones or rectifications"),
        "report": Text("填报进展", "Report progress"),
        "submit": Text("提交", "Submit"),
        "optional": Text("选填", "optional"),
        "reported": Text("已记录进展报告。", "The progress report is recorded."),
        "publicSite": Text("公示页面", "Public site"),
        "status": Text("状态", "Status"),
        "allYours": Text("本账户可见的项目", "Projects this account sees"),
        "backToList": Text("返回项目列表", "Back to the projects"),
        "yearReport": Text("年度报告", "The year report"),
        "nothingYet": Text("工作库里还没有采纳的项目。", "The workspace holds no adopted project yet."),
    ]
}
