import Foundation
import Hummingbird
import ShishiCore
import ShishiFollowUp
import ShishiStore

extension YearRoutes {
    /// A group member's inspection of the project and the problems it found (up to three on the
    /// form: problem, responsibility, deadline; empty rows left out).
    func fileInspection(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let entry = try entry(context, in: try report())
        let problems = (1...3).compactMap { index -> (problem: String, responsible: String, deadline: String)? in
            let problem = (form.fields["problem\(index)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !problem.isEmpty else { return nil }
            return (problem, form.fields["responsible\(index)"] ?? "", form.fields["deadline\(index)"] ?? "")
        }
        try workspace.acting(as: session.account.name).fileInspection(
            by: session.account, project: entry.project.id!, date: form.fields["date"] ?? "", findings: form.fields["findings"] ?? "", problems: problems)
        return Response.redirect(to: "/project/\(entry.project.id!)?inspected=1", type: .normal)
    }

    /// The rectification of the path's `{id}`, for the redirect back to its project.
    func rectificationProject(_ context: YearContext) throws -> (id: Int64, project: Int64) {
        guard let id = context.parameters.get("id").flatMap(Int64.init),
            let record = try workspace.read({ db in try RectificationRecord.fetchOne(db, key: id) })
        else {
            throw ShishiError(.rectificationMissing, zh: "没有这个整改事项。", en: "There is no such rectification.")
        }
        return (id, record.projectId)
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

    /// The group's check of a rectified problem: closed, or sent back with the reason.
    func checkRectification(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let (id, project) = try rectificationProject(context)
        try workspace.acting(as: session.account.name).checkRectification(
            id, by: session.account, close: form.fields["decision"] == "close", note: form.fields["note"] ?? "", date: today())
        return Response.redirect(to: "/project/\(project)#problems", type: .normal)
    }
}
