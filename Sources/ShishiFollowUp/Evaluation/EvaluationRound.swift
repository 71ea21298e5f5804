import Foundation
import GRDB
import ShishiCore
public import ShishiStore

/// The projects an evaluation round rates, as the candidates of a `rating` vote: each project under
/// its workspace number, and optionally its sub-items (进度, 质量, 成效…) under `N-1`, `N-2`, … so
/// that `shishi evaluation import` can match every count back to its project and item.
public enum EvaluationRound {
    /// What separates a project's title from a sub-item's name in a sub-item's title.
    public static let itemSeparator = " · "

    /// The candidates CSV (`id,title,title_en,department`) for `vote init --style rating`: every
    /// project in the workspace, or only the year's look-back list, each followed by its sub-items.
    public static func candidatesCSV(lookBackYear: Int?, items: [String] = [], in workspace: Workspace) throws -> String {
        let items = items.map { $0.trimmingCharacters(in: .whitespaces) }
        if let bad = items.first(where: { $0.isEmpty || $0.contains(itemSeparator.trimmingCharacters(in: .whitespaces)) }) {
            throw ShishiError(.evaluationBadItem, zh: "分项名称“\(bad)”不能为空，也不能含“·”。", en: "A sub-item name (“\(bad)”) cannot be empty or contain “·”.")
        }
        if let repeated = Dictionary(grouping: items, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ShishiError(.evaluationBadItem, zh: "分项“\(repeated)”写了两次。", en: "The sub-item “\(repeated)” is given twice.")
        }
        let projects: [ProjectRecord]
        if let year = lookBackYear {
            projects = try LookBack.nonEmptyList(year: year, in: workspace).map(\.project)
        } else {
            projects = try workspace.read { try ProjectRecord.order(ProjectRecord.Columns.id).fetchAll($0) }
            guard !projects.isEmpty else {
                throw ShishiError(
                    .evaluationNoProjects, zh: "工作库里还没有项目：先用 shishi projects adopt 导入当选项目。",
                    en: "The workspace holds no projects yet: adopt them first with shishi projects adopt.")
            }
        }
        var lines = ["id,title,title_en,department"]
        for project in projects {
            let id = String(project.id!)
            lines.append(row(id, project.title, project.titleEn, project.department))
            for (index, item) in items.enumerated() {
                lines.append(
                    row("\(id)-\(index + 1)", project.title + itemSeparator + item, project.titleEn.map { $0 + itemSeparator + item }, project.department))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ id: String, _ title: String, _ titleEn: String?, _ department: String?) -> String {
        [id, title, titleEn ?? "", department ?? ""].map { CSVTable.field($0) }.joined(separator: ",")
    }

    /// What a rated candidate stands for: a project (number `N`) or one of its sub-items (`N-k`,
    /// titled `project title · item`); `nil` when it is neither.
    public static func subject(id: String, title: String) -> (project: Int64, item: String?)? {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard let project = Int64(parts[0]), parts[0].allSatisfy(\.isNumber) else { return nil }
        switch parts.count {
        case 1:
            return (project, nil)
        case 2 where Int(parts[1]) != nil:
            guard let range = title.range(of: itemSeparator, options: .backwards) else { return nil }
            let item = String(title[range.upperBound...])
            return item.isEmpty ? nil : (project, item)
        default:
            return nil
        }
    }
}
