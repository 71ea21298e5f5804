import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTally

/// A responsible department's work (责任单位): progress reports with their files, and answers
/// to the rectifications asked of it. Which projects it may touch is ``YearAccount``'s rule.
struct DepartmentArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>.signedIn)
            .post("/project/{id}/progress") { request, context in try await reportProgress(request, context) }
            .post("/rectification/{id}/answer") { request, context in try await answerRectification(request, context) }
            .post("/progress/{id}/correct") { request, context in try await correctProgress(request, context) }
    }

    /// A progress report from the project's department (or the office), with its photos and
    /// files, recorded as `progress add` and `progress attach` record them, in one transaction,
    /// in the audit log under the account's name.
    func reportProgress(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let entry = try entry(context, in: try report())
        try session.account.requireReport(on: entry.project)
        let (percent, spent) = try Self.figures(form)
        let files = form.files.filter { $0.field == "files" }.map { Workspace.FileContents(name: $0.name, data: $0.data) }
        let report = try workspace.acting(as: session.account.name).addProgress(
            project: entry.project.id!, date: form.fields["date"] ?? "", percent: percent, spent: spent, narrative: form.fields["narrative"] ?? "", files: files
        )
        return Response.redirect(to: "/project/\(entry.project.id!)?done=progress-reported-\(report.report.percent)#reports", type: .normal)
    }

    /// The percent done and the amount spent (empty: none) a report's form gives, as people type them.
    static func figures(_ form: PostedForm) throws -> (percent: Int, spent: Int?) {
        let percentText = (form.fields["percent"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let percent = Int(percentText) else {
            throw ShishiError(
                .progressBadPercent, zh: "完成百分比“\(percentText)”不是 0 到 100 的整数。", en: "The percent “\(percentText)” is not a whole number from 0 to 100.")
        }
        let spentText = (form.fields["spent"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !spentText.isEmpty else { return (percent, nil) }
        guard let spent = Int(spentText), spent >= 0 else {
            throw ShishiError(
                .progressBadSpent, zh: "已支出“\(spentText)”不是非负整数（元）。", en: "The amount spent “\(spentText)” is not a non-negative whole number (yuan).")
        }
        return (percent, spent)
    }

    /// A progress report corrected by its department (or the office): the new version in place,
    /// the earlier one kept and shown, with who corrected it and why.
    func correctProgress(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let report = try workspace.progressReport(id) else {
            throw ShishiError(.progressMissing, zh: "没有这份进度报告。", en: "There is no such progress report.")
        }
        let (percent, spent) = try Self.figures(form)
        try workspace.acting(as: session.account.name).correctProgress(
            id, by: session.account, percent: percent, spent: spent, narrative: form.fields["narrative"] ?? "", reason: form.fields["reason"] ?? "")
        return Response.redirect(to: "/project/\(report.projectId)?done=progress-corrected-\(id)#reports", type: .normal)
    }

    /// The department's answer to a problem: a reply, or the rectification done.
    func answerRectification(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let (id, project) = try rectificationProject(context)
        let files = form.files.filter { $0.field == "evidence" }.map { Workspace.FileContents(name: $0.name, data: $0.data) }
        try workspace.acting(as: session.account.name).answerRectification(
            id, by: session.account, rectified: form.fields["step"] == "rectified", text: form.fields["text"] ?? "", files: files)
        return Response.redirect(to: "/project/\(project)#problems", type: .normal)
    }
}
