import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTally

/// The year's site: the workspace, the pages, and what every area of it shares. The areas
/// (``PublicArea``, ``DepartmentArea``, ``GroupArea``, ``OfficeArea``, ``CollectionArea``) hold
/// the pages; a handler parses, makes one library call and presents; a refusal is answered in
/// words on a page.
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
    /// Look-ups by reference number: at most 30 an hour from one address, so that no one guesses numbers.
    let lookups = AddressLimit(limit: 30, window: .seconds(3600))

    /// Every area of the year, each adding its own routes grouped by who may use them, behind the
    /// refusal policy and, where only some may use them, ``RequireRole``. Which projects an
    /// account may touch is the library's rule (``YearAccount``), asked inside the handler.
    func add(to router: Router<YearContext>) {
        router.add(middleware: PageCacheMiddleware(cache: publicPages))
        let areas: [any YearArea] = [
            PublicArea(site: self), DepartmentArea(site: self), GroupArea(site: self), OfficeArea(site: self), CollectionArea(site: self),
            MilestoneArea(site: self), ProjectSetupArea(site: self), AccountArea(site: self), ResidentsArea(site: self),
            CandidateListArea(site: self),
        ]
        for area in areas { area.addRoutes(to: router) }
    }

    /// The middleware that answers a refusal with the refusal page, leading back to the page
    /// the request came from (``backPath(_:)``).
    var pageRefusals: PageRefusals<YearContext> {
        PageRefusals(
            back: { request in (Self.backPath(request), Text("返回", "Back")) },
            render: { request, context, refusal in self.refusal(request, context, refusal) })
    }

    /// Where a refused request leads back to: the page a form was posted from (its Referer on
    /// this site, else the path without its last part: `/project/3/rate` → `/project/3`; a rectification's and an
    /// upload's form are on the office's page), the home page after a refused page.
    static func backPath(_ request: Request) -> String {
        let path = request.uri.path
        guard request.method != .get || path.hasPrefix("/office/") else { return "/" }
        // A form leads back to the page it was posted from, as the browser names it (this site only).
        if request.method == .post, let referer = request.headers[.referer], let url = URLComponents(string: referer),
            url.host == request.head.authority?.split(separator: ":").first.map(String.init), let back = Site.sameSitePath(url.path), back != path
        {
            return back
        }
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

    /// The address a 民生码 leads to: the site's public address when configured, else the one the browser used.
    func address(_ request: Request, path: String) -> String {
        let origin = publicAddress ?? "\(secure ? "https" : "http")://\(request.head.authority ?? "localhost")"
        return origin.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path
    }

    /// The origin a 民生码 would lead to when it names this machine itself (`127.0.0.1`,
    /// `localhost`, `::1`): no resident's phone reaches it. `nil` when it leads elsewhere.
    func loopbackCodeOrigin(_ request: Request) -> String? {
        let origin = address(request, path: "")
        return Self.isLoopback(origin) ? origin : nil
    }

    /// Whether `origin` names this machine itself (or is no address at all): no resident's phone reaches it.
    static func isLoopback(_ origin: String) -> Bool {
        guard let host = URLComponents(string: origin)?.host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")), !host.isEmpty else {
            return true
        }
        return host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1" || host == "0.0.0.0"
    }

    /// Refuses to make a 民生码 that leads to this machine itself, saying how to start the
    /// server so that residents' phones reach the page.
    func requirePublicCodes(_ request: Request) throws {
        guard let origin = loopbackCodeOrigin(request) else { return }
        throw ShishiError(
            .qrLoopback,
            zh: "民生码会指向 \(origin)，这是服务器本机的地址，居民用手机扫码打不开。请用 shishi serve --public-url https://…（居民能访问的地址）启动服务器后再打印。",
            en:
                "The code would lead to \(origin), this machine's own address, which no resident's phone can open. Start the server with shishi serve --public-url https://… (an address residents reach) before printing."
        )
    }

    /// A form from the signed-in account, with its session's token, from a page of this site.
    func requireForm<Form: Decodable>(_ type: Form.Type, _ request: Request, _ context: YearContext) async throws -> (Form, YearSession) {
        try await context.requireForm(Form.self, request)
    }

    /// A form (URL-encoded, or multipart with files) from a signed-in account, with its
    /// session's token, from a page of this site; the body is read only once the session is known.
    func requirePosted(_ request: Request, _ context: YearContext) async throws -> (PostedForm, YearSession) {
        guard let session = context.sessions.session else { throw Site.notSignedIn }
        guard Site.sameOrigin(request) else { throw Site.crossSite }
        let form = try await PostedForm.read(request, limit: PostedForm.uploadLimit)
        guard form.fields["csrf"] == session.csrf else { throw Site.crossSite }
        return (form, session)
    }

    /// The signed-in account's session (its role checked by the group's ``RequireRole``).
    func signedIn(_ context: YearContext) throws -> YearSession {
        guard let session = context.sessions.session else { throw Site.notSignedIn }
        return session
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

    /// The image types a page shows inline, by the file name's extension; any other file is downloaded.
    static func imageType(_ name: String) -> String? {
        ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"][(name as NSString).pathExtension.lowercased()]
    }
}
