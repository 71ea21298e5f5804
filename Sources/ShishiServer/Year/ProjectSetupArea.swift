import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// The office sets a project up in the browser: its department, lead, budget and targets, and its
/// deputy monitoring group, chosen by name from the roster of the vote that adopted it. The same
/// library calls as `shishi projects update` and `shishi group add`, audited under the account.
struct ProjectSetupArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>(.secretariat))
            .post("/project/{id}/details") { request, context in try await details(request, context) }
            .post("/project/{id}/group") { request, context in try await group(request, context) }
    }

    /// The project's details, as the form writes them (an empty budget leaves the budget as it is).
    func details(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let entry = try entry(context, in: try report())
        let field = { (name: String) in (form.fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let details = Workspace.ProjectDetails(
            department: field("department"), lead: field("lead"), budget: try Self.yuan(field("budget")), targets: field("targets"))
        try workspace.acting(as: session.account.name).updateProject(entry.project.id!, details: details)
        return Response.redirect(to: "/project/\(entry.project.id!)?done=project-updated-\(entry.project.id!)#setup", type: .normal)
    }

    /// An amount in whole yuan as people write it (`1,200,000`, `1 200 000 元`); `nil` when empty.
    static func yuan(_ text: String) throws -> Int? {
        let digits = text.filter { !",， 元".contains($0) }
        guard !digits.isEmpty else { return nil }
        guard digits.allSatisfy(\.isASCII), let value = Int(digits), value >= 0 else {
            throw ShishiError(
                .projectBadBudget, zh: "预算“\(text)”应为整数（元），如 1200000。", en: "The budget “\(text)” should be a whole number of yuan, such as 1200000.")
        }
        return value
    }

    /// A deputy put on the project's monitoring group, as its leader when the box is ticked.
    func group(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let entry = try entry(context, in: try report())
        let deputy = (form.fields["deputy"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !deputy.isEmpty else {
            throw ShishiError(.serverBadRequest, zh: "请选择一位代表。", en: "Choose a deputy.")
        }
        let leads = form.fields["leader"] == "yes"
        try workspace.acting(as: session.account.name).addGroupMembers(
            project: entry.project.id!, deputies: leads ? [] : [deputy], leader: leads ? deputy : nil)
        return Response.redirect(to: "/project/\(entry.project.id!)?done=group-added-\(entry.project.id!)#setup", type: .normal)
    }

    /// The office's setup forms for a project, with what it holds now.
    static func form(_ project: ProjectRecord, members: [GroupMemberRecord], workspace: Workspace, csrf: String, language: Language) throws -> ProjectPage.Setup
    {
        let inGroup = Set(members.map(\.deputyId))
        let roster = try workspace.rosterDeputies(project: project.id!).filter { !inGroup.contains($0.deputyId) }
        return ProjectPage.Setup(
            csrf: csrf, department: project.department ?? "", lead: project.lead ?? "", budget: project.budget.map(String.init) ?? "",
            targets: project.targets ?? "", departments: try workspace.departments(),
            deputies: roster.map { .init(id: $0.deputyId, label: "\($0.name)\(language.parenthesized($0.deputyId))") }, hasDeputies: !roster.isEmpty)
    }
}
