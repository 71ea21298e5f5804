import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTally

/// A deputy monitoring group's work (代表小组): inspections with the problems they find, and
/// checking what the department answered. Which projects it may touch is ``YearAccount``'s rule.
struct GroupArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>.signedIn)
            .post("/project/{id}/inspection") { request, context in try await fileInspection(request, context) }
            .post("/rectification/{id}/check") { request, context in try await checkRectification(request, context) }
    }

    /// A group member's inspection of the project, the problems it found (up to three on the
    /// form: problem, responsibility, deadline; empty rows left out) and the photos taken on site.
    func fileInspection(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let entry = try entry(context, in: try report())
        let problems = (1...3).compactMap { index -> (problem: String, responsible: String, deadline: String)? in
            let problem = (form.fields["problem\(index)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !problem.isEmpty else { return nil }
            return (problem, form.fields["responsible\(index)"] ?? "", form.fields["deadline\(index)"] ?? "")
        }
        let (_, problemsFiled) = try workspace.acting(as: session.account.name).fileInspection(
            by: session.account, project: entry.project.id!, date: form.fields["date"] ?? "", findings: form.fields["findings"] ?? "", problems: problems,
            photos: form.files.filter { $0.field == "photos" }.map { Workspace.FileContents(name: $0.name, data: $0.data) })
        return Response.redirect(to: "/project/\(entry.project.id!)?done=inspection-filed-\(problemsFiled.count)#inspections", type: .normal)
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
