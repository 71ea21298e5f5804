import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// Every page of the year. A handler parses, makes one library call and presents; a refusal is
/// answered in words on a page.
struct YearRoutes: Sendable {
    let workspace: Workspace
    let pages: Pages
    let secure: Bool
    let publicAddress: String?
    let today: @Sendable () -> String
    /// The hall's vote, when the hall is served beside the year.
    let hallVote: YearServerConfiguration.HallVote?
    let devices: DeviceCookie
    /// The public list as rendered for visitors without an account, kept while the workspace is unchanged.
    let publicPages: PageCache
    /// Sign-in attempts, limited by account and address (``LoginGuard``).
    let logins: LoginGuard
    /// Residents' ratings: at most 30 an hour from one address.
    let ratings = AddressLimit(limit: 30, window: .seconds(3600))

    /// Every page of the year, grouped by who may use it: each group behind its refusal policy
    /// and, where only some may use it, ``RequireRole``. Which projects an account may touch is
    /// the library's rule (``YearAccount``), asked inside the handler.
    func add(to router: Router<YearContext>) {
        router.add(middleware: PageCacheMiddleware(cache: publicPages))
        // Everyone: the public list, the projects, the reports, the collection, the login.
        router.group().add(middleware: pageRefusals)
            .get("/") { request, context in try list(request, context) }
            .get("/lang") { request, _ in Site.switchLanguage(request, secure: secure) }
            .get("/project/{id}") { request, context in try projectPage(request, context) }
            .get("/project/{id}/code") { request, context in try codeSign(request, context) }
            .get("/report") { request, context in try yearReport(request, context, format: "html") }
            .get("/report.csv") { request, context in try yearReport(request, context, format: "csv") }
            .get("/report.json") { request, context in try yearReport(request, context, format: "json") }
            .get("/file/{hash}") { request, context in try file(request, context) }
            .get("/office") { request, context in try office(request, context) }
            .post("/login") { request, context in try await login(request, context) }
            .get("/collection") { request, context in try collection(request, context) }
            .get("/collection/list.json") { request, context in try candidateListFile(request, context) }
            // Residents' forms: each with a token bound to a cookie of its own, no account.
            .post("/project/{id}/rate") { request, context in try await rate(request, context) }
            .post("/collection/suggest") { request, context in try await suggest(request, context) }
            .post("/collection/comment") { request, context in try await commentOnDraft(request, context) }
        // Any signed-in account: departments report, groups inspect and check, on their own projects.
        router.group().add(middleware: pageRefusals).add(middleware: RequireRole<YearSession>.signedIn)
            .post("/logout") { request, context in try await context.logOut(request) }
            .post("/project/{id}/progress") { request, context in try await reportProgress(request, context) }
            .post("/project/{id}/inspection") { request, context in try await fileInspection(request, context) }
            .post("/rectification/{id}/answer") { request, context in try await answerRectification(request, context) }
            .post("/rectification/{id}/check") { request, context in try await checkRectification(request, context) }
        // The congress office only.
        router.group().add(middleware: pageRefusals).add(middleware: RequireRole<YearSession>(.secretariat))
            .get("/office/feedback") { request, context in try feedbackPage(request, context) }
            .post("/office/feedback/review") { request, context in try await reviewFeedback(request, context) }
            .post("/office/feedback/scores") { request, context in try await ratingsIntoScores(request, context) }
            .post("/office/upload/progress") { request, context in try await upload(request, context, kind: "progress") }
            .post("/office/upload/hotline") { request, context in try await upload(request, context, kind: "hotline") }
            .get("/collection/report") { request, context in try collectionReport(request, context, format: "html") }
            .get("/collection/report.csv") { request, context in try collectionReport(request, context, format: "csv") }
            .get("/collection/report.json") { request, context in try collectionReport(request, context, format: "json") }
            .get("/office/collection") { request, context in try collectionOffice(request, context) }
            .post("/office/collection/step") { request, context in try await collectionStep(request, context) }
            .post("/office/collection/review") { request, context in try await reviewSuggestion(request, context) }
            .get("/office/vote") { request, context in try votePage(request, context) }
            .post("/office/vote/take-in") { request, context in try await takeInVote(request, context) }
    }

    /// The middleware that answers a refusal with the refusal page, leading back to the page
    /// the request came from (``backPath(_:)``).
    var pageRefusals: PageRefusals<YearContext> {
        PageRefusals(
            back: { request in (Self.backPath(request), Text("返回", "Back")) },
            render: { request, context, refusal in self.refusal(request, context, refusal) })
    }

    /// Where a refused request leads back to: the page a form was posted from (the path
    /// without its last part: `/project/3/rate` → `/project/3`; a rectification's and an
    /// upload's form are on the office's page), the home page after a refused page.
    static func backPath(_ request: Request) -> String {
        let path = request.uri.path
        guard request.method != .get || path.hasPrefix("/office/") else { return "/" }
        if path.hasPrefix("/rectification/") || path.hasPrefix("/office/upload/") { return "/office" }
        let parent = path.split(separator: "/").dropLast().joined(separator: "/")
        return "/" + parent
    }

    // MARK: - Pages

    /// The frame of every page: the words, the language, the account.
    func frame(_ request: Request, _ context: YearContext, title: Text) -> PageFrame {
        let language = Site.language(request)
        return Site.frame(
            request, words: YearWords.all(language), siteTitle: Words.text(.projects)(language), title: title,
            signedIn: context.sessions.session.map { Site.SignedIn(account: $0.account.name, role: $0.account.role.title, csrf: $0.csrf) })
    }

    /// The refusal page: what was refused, in words, and the way back.
    func refusal(_ request: Request, _ context: YearContext, _ refusal: PageRefusals<YearContext>.Refusal) -> Response {
        pages.page(frame(request, context, title: Text("未能完成", "Refused")), RefusalPage(refusal, language: Site.language(request)), status: refusal.status)
    }

    /// The year (`year`, else this year): every project, as the commands compute it.
    func report(year: Int? = nil) throws -> YearReport {
        let day = today()
        return try YearReport(year: year ?? Int(day.prefix(4)) ?? 2000, today: day, workspace: workspace)
    }

    /// The year report as `report year` writes it: the page (its own strict policy: no script,
    /// only its own style), the sheet or JSON; `?year=` picks the year of the scores.
    func yearReport(_ request: Request, _ context: YearContext, format: String) throws -> Response {
        let language = Site.language(request)
        let year = try request.uri.queryParameters.get("year").map { text in
            guard let year = Int(text), (2000...2999).contains(year) else {
                throw ShishiError(.serverBadRequest, zh: "年份“\(text)”不对：请写四位年份。", en: "The year “\(text)” is wrong: write four digits.")
            }
            return year
        }
        let report = try report(year: year)
        let body: String
        var response: Response
        switch format {
        case "csv":
            body = report.csv()
            response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: body)))
            response.headers[.contentType] = "text/csv; charset=utf-8"
            response.headers[.contentDisposition] = "attachment; filename=\"report-\(report.year).csv\""
        case "json":
            response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: try StrictJSON.encode(report, pretty: true))))
            response.headers[.contentType] = "application/json; charset=utf-8"
        default:
            body = report.html(title: report.title(language), language: language)
            response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: body)))
            response.headers[.contentType] = "text/html; charset=utf-8"
            response.headers[.contentSecurityPolicy] = YearReport.contentSecurityPolicy
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// One project's row on a list.
    func row(_ entry: YearReport.Entry, _ language: Language) -> ProjectRow {
        let p = entry.project
        return ProjectRow(
            id: p.id!, title: language.title(p.title, english: p.titleEn), department: p.department ?? "—",
            status: entry.progress.status.title(language), statusKey: entry.progress.status.rawValue,
            overdue: entry.progress.status == .overdue || !entry.progress.overdueRectifications.isEmpty, percent: entry.progress.percent,
            planned: entry.progress.planned, milestonesDone: entry.milestones.filter { $0.doneAt != nil }.count, milestones: entry.milestones.count,
            spent: entry.reports.last?.spent.map { Amount($0).grouped }, grade: entry.evaluation?.standingGrade?.title(language))
    }

    /// The public list: every project, those needing attention first, filtered by department and status.
    func list(_ request: Request, _ context: YearContext) throws -> Response {
        // A visitor without an account: the page kept from the last rendering while the workspace is unchanged.
        guard context.sessions.session != nil else {
            let key = "\(Site.language(request).htmlTag)|\(today())|\(request.uri.query ?? "")"
            return Pages.html(try publicPages.page(key) { try listPage(request, context) })
        }
        return Pages.html(try listPage(request, context))
    }

    /// The list as rendered for this request.
    func listPage(_ request: Request, _ context: YearContext) throws -> ByteBuffer {
        let language = Site.language(request)
        let report = try report()
        let department = request.uri.queryParameters.get("department").flatMap { $0.isEmpty ? nil : $0 }
        let status = request.uri.queryParameters.get("status").flatMap(ProjectStatus.init(rawValue:))
        let shown = Self.attentionFirst(report.projects).filter { entry in
            (department == nil || entry.project.department == department) && (status == nil || entry.progress.status == status)
        }
        let page = ListPage(
            rows: shown.map { row($0, language) }, empty: report.projects.isEmpty,
            departments: Set(report.projects.compactMap(\.project.department)).sorted().map {
                FilterChoice(key: $0, name: $0, title: $0, selected: $0 == department)
            },
            statuses: ProjectStatus.allCases.map { FilterChoice(key: $0.rawValue, name: $0.rawValue, title: $0.title(language), selected: $0 == status) },
            today: report.today)
        return pages.render(frame(request, context, title: Text("民生实事项目", "Livelihood projects")), page)
    }

    /// Projects with overdue milestones or rectifications first, then in their order.
    static func attentionFirst(_ entries: [YearReport.Entry]) -> [YearReport.Entry] {
        let late = { (entry: YearReport.Entry) in entry.progress.status == .overdue || !entry.progress.overdueRectifications.isEmpty }
        return entries.filter(late) + entries.filter { !late($0) }
    }

    /// The project of the path's `{id}`.
    func entry(_ context: YearContext, in report: YearReport) throws -> YearReport.Entry {
        let id = context.parameters.get("id").flatMap(Int64.init)
        guard let id, let entry = report.projects.first(where: { $0.project.id == id }) else {
            throw ShishiError(
                .projectMissing, zh: "没有编号为 \(context.parameters.get("id") ?? "") 的项目。", en: "There is no project \(context.parameters.get("id") ?? "").")
        }
        return entry
    }

    /// A project's page: status, progress, milestones, reports, inspections and their problems,
    /// hotline counts by month, grade; and, for an account that may, the report form.
    func projectPage(_ request: Request, _ context: YearContext) throws -> Response {
        let language = Site.language(request)
        let report = try report()
        let entry = try entry(context, in: report)
        let p = entry.project
        var project = row(entry, language)
        project.lead = p.lead
        project.budget = p.budget.map { Amount($0).grouped }
        project.targets = p.targets
        project.combined = entry.evaluation?.combined.map { String(format: "%.1f", $0) }
        let attached = Dictionary(grouping: try workspace.attachedFiles(project: p.id!), by: \.date)
        let session = context.sessions.session
        let groups = try workspace.groupMembers(project: p.id!)
        let answers = session.map { $0.account.mayReport(on: p) } ?? false
        let checks = session.map { $0.account.mayInspect(p.id!, groups: groups) } ?? false
        let evidence = try workspace.rectificationEvidence(project: p.id!)
        let year = Int(report.today.prefix(4)) ?? 2000
        let counts = try PublicFeedback.counts(year: year, in: workspace)[p.id!]
        // The residents' form: its token bound to a cookie of its own, as the login form's.
        let token = request.cookies["shishi_form"]?.value ?? Site.token()
        let problems = entry.rectifications.map { r in
            ProjectPage.Problem(
                id: r.id!, problem: r.problem, responsible: r.responsible, deadline: r.deadline, status: r.status.title(language),
                late: r.status.awaitsDepartment && r.deadline < report.today, resolution: r.resolution.flatMap { $0.isEmpty ? nil : $0 },
                evidence: (evidence[r.id!] ?? []).map { FileLink(name: $0.name, sha256: $0.sha256) }, hasEvidence: evidence[r.id!] != nil,
                answer: session.flatMap { answers && r.status.awaitsDepartment ? ProjectPage.Form(csrf: $0.csrf) : nil },
                check: session.flatMap { checks && r.status == .rectified ? ProjectPage.Form(csrf: $0.csrf) : nil })
        }
        let reports = entry.reports.reversed().map { r in
            ProjectPage.Report(
                date: r.date, percent: r.percent, spent: r.spent.map { Amount($0).grouped }, narrative: r.narrative,
                files: (attached[r.date] ?? []).map { FileLink(name: $0.attachment.name, sha256: $0.attachment.sha256) })
        }
        let page = ProjectPage(
            project: project,
            milestones: entry.milestones.map { .init(title: $0.title, due: $0.due, doneAt: $0.doneAt, late: $0.doneAt == nil && $0.due < report.today) },
            reports: reports, inspections: entry.inspections.map { .init(date: $0.date, inspectors: $0.inspectors, findings: $0.findings) },
            problems: problems, hasProblems: !entry.rectifications.isEmpty,
            inspectionForm: session.flatMap { checks ? ProjectPage.InspectionForm(csrf: $0.csrf, today: report.today, rows: [1, 2, 3]) : nil },
            hotline: entry.hotline.map { .init(month: $0.month, count: $0.count) },
            reportForm: session.flatMap { $0.account.mayReport(on: p) ? ProjectPage.ReportForm(csrf: $0.csrf, today: report.today) : nil },
            reported: request.uri.queryParameters.get("reported") == "1", rated: request.uri.queryParameters.get("rated") == "1",
            inspected: request.uri.queryParameters.get("inspected") == "1",
            residents: .init(
                satisfied: counts?.satisfied ?? 0, basically: counts?.basicallySatisfied ?? 0, unsatisfied: counts?.unsatisfied ?? 0, year: year),
            rateForm: .init(
                token: token, maximum: PublicFeedback.maximumText, choices: Rating.allCases.map { .init(value: $0.rawValue, title: $0.title(language)) }))
        var response = pages.page(frame(request, context, title: Text(p.title, p.titleEn ?? p.title)), page)
        if request.cookies["shishi_form"] == nil {
            response.setCookie(Cookie(name: "shishi_form", value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// The address a 民生码 leads to: the site's public address when configured, else the one the browser used.
    func address(_ request: Request, path: String) -> String {
        let origin = publicAddress ?? "\(secure ? "https" : "http")://\(request.head.authority ?? "localhost")"
        return origin.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path
    }

    /// A project's 民生码 as a printable sign: the title, the department and a QR code leading to
    /// the project's public page.
    func codeSign(_ request: Request, _ context: YearContext) throws -> Response {
        let language = Site.language(request)
        let entry = try entry(context, in: try report())
        let p = entry.project
        let target = address(request, path: "/project/\(p.id!)")
        var frame = frame(request, context, title: Text("民生码 · \(p.title)", "Project code · \(p.titleEn ?? p.title)"))
        frame.bodyClass = "sign-page"
        let qr = try QRCode(target).svg(title: Text("民生码：\(p.title)", "Project code: \(p.title)")(language))
        return pages.page(frame, CodePage(project: row(entry, language), qr: qr, target: target))
    }
}
