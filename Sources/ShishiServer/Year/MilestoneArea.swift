import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// A project's milestones in the browser: the office adds them and moves one still ahead; the
/// office or the project's department marks one done, with a date, a note and files. The rules
/// (who may, what is refused) are the workspace's (``Workspace/completeMilestone(_:on:by:evidence:files:)``).
struct MilestoneArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>.signedIn)
            .post("/milestone/{id}/done") { request, context in try await markDone(request, context) }
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>(.secretariat))
            .post("/project/{id}/milestone") { request, context in try await add(request, context) }
            .post("/milestone/{id}/due") { request, context in try await move(request, context) }
    }

    /// The milestone a path names, and its project.
    func milestone(_ context: YearContext) throws -> MilestoneRecord {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let milestone = try workspace.milestone(id) else {
            throw ShishiError(
                .milestoneMissing, zh: "没有编号为 \(context.parameters.get("id") ?? "") 的节点。", en: "There is no milestone \(context.parameters.get("id") ?? "").")
        }
        return milestone
    }

    /// Marks a milestone done, by the office or the project's department.
    func markDone(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let milestone = try milestone(context)
        let files = form.files.filter { $0.field == "files" }.map { Workspace.FileContents(name: $0.name, data: $0.data) }
        try workspace.acting(as: session.account.name).completeMilestone(
            milestone.id!, on: form.fields["date"] ?? "", by: session.account, evidence: form.fields["evidence"] ?? "", files: files)
        return Response.redirect(to: "/project/\(milestone.projectId)?done=milestone-done-\(milestone.id!)#milestones", type: .normal)
    }

    /// Adds a milestone to a project (the office).
    func add(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let entry = try entry(context, in: try report())
        let weightText = (form.fields["weight"] ?? "1").trimmingCharacters(in: .whitespaces)
        guard let weight = Int(weightText.isEmpty ? "1" : weightText) else {
            throw ShishiError(.milestoneBadWeight, zh: "权重“\(weightText)”应为正整数。", en: "The weight “\(weightText)” must be a positive whole number.")
        }
        let added = try workspace.acting(as: session.account.name).addMilestone(
            project: entry.project.id!, title: form.fields["title"] ?? "", due: form.fields["due"] ?? "", weight: weight)
        return Response.redirect(to: "/project/\(entry.project.id!)?done=milestone-added-\(added.id!)#milestones", type: .normal)
    }

    /// Moves a milestone still ahead to another date (the office).
    func move(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let milestone = try milestone(context)
        try workspace.acting(as: session.account.name).rescheduleMilestone(milestone.id!, due: form.fields["due"] ?? "", today: today(), by: session.account)
        return Response.redirect(to: "/project/\(milestone.projectId)?done=milestone-moved-\(milestone.id!)#milestones", type: .normal)
    }

    /// A project's milestones as its page shows them, with the forms `session` may use.
    static func rows(
        _ entry: YearReport.Entry, evidence: [Int64: [MilestoneEvidenceRecord]], session: YearSession?, today: String
    ) -> [ProjectPage.Milestone] {
        let marks = session.map { $0.account.mayReport(on: entry.project) } ?? false
        let moves = session?.account.role == .secretariat
        return entry.milestones.map { m in
            let files = (evidence[m.id!] ?? []).map { FileLink(name: $0.name, sha256: $0.sha256) }
            let open = m.doneAt == nil
            return ProjectPage.Milestone(
                id: m.id!, title: m.title, due: m.due, doneAt: m.doneAt, late: open && m.due < today, evidence: m.evidence, files: files,
                hasFiles: !files.isEmpty,
                markForm: session.flatMap { marks && open ? ProjectPage.DatedForm(csrf: $0.csrf, today: today) : nil },
                moveForm: session.flatMap { moves && open && m.due >= today ? ProjectPage.DatedForm(csrf: $0.csrf, today: m.due) : nil })
        }
    }
}
