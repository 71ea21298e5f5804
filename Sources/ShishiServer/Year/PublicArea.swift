import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTally

/// The public site (公开): the list, each project and its 民生码, the year's report, stored
/// files, residents' ratings, and signing in to the office.
struct PublicArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals)
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
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>.signedInBeforePasswordChange)
            .post("/logout") { request, context in try await context.logOut(request) }
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
        let page = try listContent(
            language: Site.language(request), department: request.uri.queryParameters.get("department").flatMap { $0.isEmpty ? nil : $0 },
            status: request.uri.queryParameters.get("status").flatMap(ProjectStatus.init(rawValue:)),
            query: String((request.uri.queryParameters.get("q") ?? "").prefix(100)))
        return pages.render(frame(request, context, title: Self.listTitle), page)
    }

    /// The list's title.
    static let listTitle = Text("民生实事项目", "Livelihood projects")

    /// The list in `language`: the projects of `department` in `status` matching `query` (each
    /// `nil` or empty for all), those needing attention first.
    func listContent(language: Language, department: String?, status: ProjectStatus?, query: String) throws -> ListPage {
        let report = try report()
        let shown = YearRoutes.attentionFirst(report.projects).filter { entry in
            (department == nil || entry.project.department == department) && (status == nil || entry.progress.status == status) && entry.matches(query)
        }
        let page = ListPage(
            rows: shown.map { row($0, language) }, empty: report.projects.isEmpty,
            departments: Set(report.projects.compactMap(\.project.department)).sorted().map {
                FilterChoice(key: $0, name: $0, title: $0, selected: $0 == department)
            },
            statuses: ProjectStatus.allCases.map { FilterChoice(key: $0.rawValue, name: $0.rawValue, title: $0.title(language), selected: $0 == status) },
            today: report.today, query: query, noMatch: shown.isEmpty && !report.projects.isEmpty)
        return page
    }

    /// A project's page: status, progress, milestones, reports, inspections and their problems,
    /// hotline counts by month, grade; and, for an account that may, the report form.
    func projectPage(_ request: Request, _ context: YearContext) throws -> Response {
        // The residents' form: its token bound to a cookie of its own, as the login form's.
        let token = Site.formToken(request)
        // A visitor without an account, as a 民生码 brings one: the page kept from the last
        // rendering while the workspace is unchanged, with this visitor's token put in its place.
        if context.sessions.session == nil, request.uri.query == nil, token.allSatisfy(\.isHexDigit), !token.isEmpty {
            let key = "project|\(context.parameters.get("id") ?? "")|\(Site.language(request).htmlTag)|\(today())"
            let kept = try publicPages.page(key) { try renderProjectPage(request, context, token: Self.tokenPlaceholder) }
            var response = Pages.html(Self.replacing(Self.tokenPlaceholder, with: token, in: kept))
            Site.keepFormToken(token, for: request, on: &response, secure: secure)
            return response
        }
        var response = Pages.html(try renderProjectPage(request, context, token: token))
        Site.keepFormToken(token, for: request, on: &response, secure: secure)
        return response
    }

    /// What stands for a visitor's form token in a kept project page.
    static let tokenPlaceholder = "shishi-form-token-placeholder"

    /// `body` with every `placeholder` replaced by `value`, found on its bytes (memchr, then memcmp).
    static func replacing(_ placeholder: String, with value: String, in body: ByteBuffer) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(body.readableBytes + value.utf8.count)
        let pattern = Array(placeholder.utf8)
        body.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress, let first = pattern.first else { return }
            var start = 0
            var position = 0
            while position + pattern.count <= bytes.count, let hit = memchr(base + position, Int32(first), bytes.count - position - pattern.count + 1) {
                let offset = base.distance(to: UnsafeRawPointer(hit))
                guard memcmp(base + offset, pattern, pattern.count) == 0 else {
                    position = offset + 1
                    continue
                }
                out.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[start..<offset]))
                out.writeString(value)
                start = offset + pattern.count
                position = start
            }
            out.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[start...]))
        }
        return out
    }

    /// A project's page rendered for this request, its residents' form carrying `token`.
    func renderProjectPage(_ request: Request, _ context: YearContext, token: String) throws -> ByteBuffer {
        let report = try report()
        let entry = try entry(context, in: report)
        let page = try projectContent(
            entry, report: report, language: Site.language(request), session: context.sessions.session, token: token,
            done: request.uri.queryParameters.get("done"), rated: request.uri.queryParameters.get("rated") == "1")
        return pages.render(frame(request, context, title: Self.projectTitle(entry.project)), page)
    }

    /// A project page's title.
    static func projectTitle(_ p: ProjectRecord) -> Text { Text(p.title, p.titleEn ?? p.title) }

    /// A project's page in `language` for `session` (`nil`: a visitor without an account), the
    /// residents' form carrying `token`; `done` the code of what was just done (``DoneNote``),
    /// `rated` whether a rating was just sent.
    func projectContent(_ entry: YearReport.Entry, report: YearReport, language: Language, session: YearSession?, token: String, done: String?, rated: Bool)
        throws -> ProjectPage
    {
        let p = entry.project
        var project = row(entry, language)
        project.lead = p.lead
        project.budget = p.budget.map { Amount($0).grouped }
        project.targets = p.targets
        project.combined = entry.evaluation?.combinedText(language)
        let attached = Dictionary(grouping: try workspace.attachedFiles(project: p.id!), by: \.date)
        let groups = try workspace.groupMembers(project: p.id!)
        let answers = session.map { $0.account.mayReport(on: p) } ?? false
        let checks = session.map { $0.account.mayInspect(p.id!, groups: groups) } ?? false
        let evidence = try workspace.rectificationEvidence(project: p.id!)
        let history = try workspace.rectificationHistory(project: p.id!)
        let year = Int(report.today.prefix(4)) ?? 2000
        let counts = try PublicFeedback.counts(year: year, in: workspace)[p.id!]
        let problems = entry.rectifications.map { r in
            ProjectPage.Problem(
                id: r.id!, problem: r.problem, responsible: r.responsible, deadline: r.deadline, status: r.status.title(language),
                late: r.status.awaitsDepartment && r.deadline < report.today, resolution: r.resolution.flatMap { $0.isEmpty ? nil : $0 },
                evidence: (evidence[r.id!] ?? []).map { FileLink(name: $0.name, sha256: $0.sha256) }, hasEvidence: evidence[r.id!] != nil,
                answer: session.flatMap { answers && r.status.awaitsDepartment ? ProjectPage.Form(csrf: $0.csrf) : nil },
                check: session.flatMap { checks && r.status == .rectified ? ProjectPage.Form(csrf: $0.csrf) : nil },
                history: (history[r.id!] ?? []).map { step in
                    ProjectPage.Step(
                        date: String(step.at.prefix(10)), who: step.actor, what: step.kind.title(language), text: step.text.isEmpty ? nil : step.text)
                }, hasHistory: history[r.id!] != nil)
        }
        let corrections = try workspace.progressCorrections(project: p.id!)
        let residentReports = try ResidentsArea(site: site).reports(project: p, session: session, language: language)
        let timeline = ProjectTimeline.events(of: entry).map { event in
            ProjectPage.Event(
                eventDate: event.date, what: event.what(language), detail: event.detail.isEmpty ? nil : Self.excerpt(event.detail), section: event.section)
        }
        let milestoneFiles = try workspace.milestoneEvidence(project: p.id!).values.joined().map { FileLink(name: $0.name, sha256: $0.sha256) }
        let inspectionPhotos = try workspace.inspectionPhotos(project: p.id!)
        let photos = Self.images(
            attached.values.joined().map { FileLink(name: $0.attachment.name, sha256: $0.attachment.sha256) } + milestoneFiles
                + inspectionPhotos.values.joined().map { FileLink(name: $0.name, sha256: $0.sha256) }
                + evidence.values.joined().map { FileLink(name: $0.name, sha256: $0.sha256) })
        let reports = entry.reports.reversed().map { r in
            ProjectPage.Report(
                id: r.id!, date: r.date, percent: r.percent, spent: r.spent.map { Amount($0).grouped }, narrative: r.narrative,
                files: (attached[r.date] ?? []).map { FileLink(name: $0.attachment.name, sha256: $0.attachment.sha256) },
                versions: (corrections[r.id!] ?? []).map {
                    .init(
                        date: String($0.correctedAt.prefix(10)), by: $0.correctedBy, earlierPercent: $0.percent,
                        earlierSpent: $0.spent.map { Amount($0).grouped }, earlierNarrative: $0.narrative.isEmpty ? nil : $0.narrative, reason: $0.reason)
                }, hasVersions: corrections[r.id!] != nil,
                correctForm: session.flatMap {
                    answers ? .init(csrf: $0.csrf, percent: r.percent, spent: r.spent.map(String.init) ?? "", narrative: r.narrative) : nil
                })
        }
        return ProjectPage(
            project: project,
            milestones: MilestoneArea.rows(entry, evidence: try workspace.milestoneEvidence(project: p.id!), session: session, today: report.today),
            group: groups.map { .init(name: $0.name, leader: $0.role == .leader) }, hasGroup: !groups.isEmpty,
            setup: try session.flatMap {
                $0.account.role == .secretariat ? try ProjectSetupArea.form(p, members: groups, workspace: workspace, csrf: $0.csrf, language: language) : nil
            },
            addMilestone: session.flatMap { $0.account.role == .secretariat ? ProjectPage.DatedForm(csrf: $0.csrf, today: report.today) : nil },
            doneNote: DoneNote.text(done)?(language),
            reports: reports,
            inspections: entry.inspections.map { inspection in
                let files = (inspectionPhotos[inspection.id!] ?? []).map { FileLink(name: $0.name, sha256: $0.sha256) }
                return .init(
                    date: inspection.date, inspectors: inspection.inspectors, findings: inspection.findings, inspectionPhotos: files,
                    hasInspectionPhotos: !files.isEmpty)
            },
            problems: problems, hasProblems: !entry.rectifications.isEmpty,
            inspectionForm: session.flatMap { checks ? ProjectPage.InspectionForm(csrf: $0.csrf, today: report.today, rows: [1, 2, 3]) : nil },
            hotline: entry.hotline.map { .init(month: $0.month, count: $0.count) },
            reportForm: session.flatMap { $0.account.mayReport(on: p) ? ProjectPage.ReportForm(csrf: $0.csrf, today: report.today) : nil },
            rated: rated,
            residents: .init(
                satisfied: counts?.satisfied ?? 0, basically: counts?.basicallySatisfied ?? 0, unsatisfied: counts?.unsatisfied ?? 0, year: year),
            rateForm: .init(
                token: token, maximum: PublicFeedback.maximumText, choices: Rating.allCases.map { .init(value: $0.rawValue, title: $0.title(language)) }),
            progressHow: ProjectProgress.howComputed(language), residentReports: residentReports, hasResidentReports: !residentReports.isEmpty,
            timeline: timeline, hasTimeline: !timeline.isEmpty, photos: photos, hasPhotos: !photos.isEmpty)
    }

    /// The first 80 characters of `text`, for a timeline line (the whole text is in its section).
    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 80 ? String(line.prefix(80)) + "…" : line
    }

    /// The images among `files`, each once, in order.
    static func images(_ files: [FileLink]) -> [FileLink] {
        var seen = Set<String>()
        return files.filter { $0.image && seen.insert($0.hash).inserted }
    }

    /// A project's 民生码 as a printable sign: the title, the department and a QR code leading to
    /// the project's public page.
    func codeSign(_ request: Request, _ context: YearContext) throws -> Response {
        let language = Site.language(request)
        let entry = try entry(context, in: try report())
        let p = entry.project
        try site.requirePublicCodes(request)
        let target = address(request, path: "/project/\(p.id!)")
        var frame = frame(request, context, title: Self.codeTitle(p))
        frame.bodyClass = "sign-page"
        return pages.page(frame, try codeContent(entry, target: target, language: language))
    }

    /// A 民生码 sign's title.
    static func codeTitle(_ p: ProjectRecord) -> Text { Text("民生码 · \(p.title)", "Project code · \(p.titleEn ?? p.title)") }

    /// A project's 民生码 in `language`, its QR code leading to `target`.
    func codeContent(_ entry: YearReport.Entry, target: String, language: Language) throws -> CodePage {
        let qr = try QRCode(target).svg(title: Text("民生码：\(entry.project.title)", "Project code: \(entry.project.title)")(language))
        return CodePage(project: row(entry, language), qr: qr, target: target)
    }

    /// The office: the login form, or the board of the projects the account sees.
    func office(_ request: Request, _ context: YearContext) throws -> Response {
        let language = Site.language(request)
        let frame = frame(request, context, title: Text("工作台", "Office"))
        guard let session = context.sessions.session else {
            let token = Site.token()
            var response = pages.page(frame, OfficePage(loginToken: token))
            Site.loginToken(on: &response, secure: secure, token: token)
            return response
        }
        if session.mustChangePassword { return Response.redirect(to: "/account/password", type: .normal) }
        let report = try report()
        let groups = try workspace.allGroupMembers()
        let seen = YearRoutes.attentionFirst(report.projects).filter { session.account.sees($0.project, groups: groups) }
        let scope =
            switch session.account.role {
            case .secretariat: Text("全部项目", "every project")(language)
            case .department: session.account.department ?? ""
            case .member: Text("代表 \(session.account.deputyId ?? "") 所在小组的项目", "the projects of deputy \(session.account.deputyId ?? "")'s groups")(language)
            }
        var page = OfficePage(
            rows: seen.map { row($0, language) }, hasRows: !seen.isEmpty, isOffice: session.account.role == .secretariat, hallVote: hallVote != nil,
            csrf: session.csrf, uploadLimit: PostedForm.uploadLimit / 1024 / 1024, attention: nil, today: report.today,
            scope: scope.isEmpty ? nil : scope)
        if session.account.role == .secretariat, let origin = site.loopbackCodeOrigin(request) {
            page.codeWarning = Text(
                "注意：民生码现在会指向 \(origin)（服务器本机的地址），居民用手机扫码打不开，所以不能打印。请用 shishi serve --public-url https://…（居民能访问的地址）重新启动服务器。",
                "Note: the project codes would now lead to \(origin), this machine's own address, which no resident's phone can open, so they cannot be printed. Restart the server with shishi serve --public-url https://… (an address residents reach)."
            )(language)
        }
        // What needs attention, each line leading to the project where it is dealt with.
        for entry in seen {
            let p = entry.project
            let name = "#\(p.id!) \(language.title(p.title, english: p.titleEn))"
            for milestone in entry.progress.overdue {
                page.attentionItems.append(
                    .init(
                        href: "/project/\(p.id!)",
                        text: Text(
                            "\(name)：节点“\(milestone.title)”逾期（应于 \(milestone.due) 完成）", "\(name): milestone “\(milestone.title)” overdue (due \(milestone.due))"
                        )(
                            language)))
            }
            for problem in entry.progress.overdueRectifications {
                page.attentionItems.append(
                    .init(
                        href: "/project/\(p.id!)#problems",
                        text: Text(
                            "\(name)：整改“\(problem.problem)”逾期（期限 \(problem.deadline)）",
                            "\(name): rectification “\(problem.problem)” overdue (deadline \(problem.deadline))")(
                                language)))
            }
        }
        // Residents' reports accepted and not answered yet, on the projects the account sees.
        let seenProjects = Dictionary(uniqueKeysWithValues: seen.map { ($0.project.id!, $0.project) })
        for report in try PublicFeedback.unanswered(in: workspace) {
            guard let p = seenProjects[report.projectId] else { continue }
            let name = "#\(p.id!) \(language.title(p.title, english: p.titleEn))"
            page.attentionItems.append(
                .init(
                    href: "/project/\(p.id!)#resident-report-\(report.id!)",
                    text: Text(
                        "\(name)：居民反映待答复（\(String(report.at.prefix(10))) 提出）",
                        "\(name): a resident's report waits for an answer (sent \(String(report.at.prefix(10))))")(language)))
        }
        page.attention = page.attentionItems.isEmpty ? nil : page.attentionItems.count
        // What waits for the office's review.
        if session.account.role == .secretariat {
            let reports = try PublicFeedback.reports(.pending, in: workspace).count
            if reports > 0 {
                page.waiting.append(.init(href: "/office/feedback", text: Text("居民反映 \(reports) 条待审核", "\(reports) residents' reports to review")(language)))
            }
            if let call = try Collect.latestCall(in: workspace) {
                let suggestions = try Collect.publicSuggestions(year: call.year, status: "pending", in: workspace).count
                if suggestions > 0 {
                    page.waiting.append(
                        .init(
                            href: "/office/collection", text: Text("网上建议 \(suggestions) 条待审核", "\(suggestions, noun: "online suggestion") to review")(language))
                    )
                }
            }
            page.hasWaiting = !page.waiting.isEmpty
        }
        return pages.page(frame, page)
    }

    func login(_ request: Request, _ context: YearContext) async throws -> Response {
        let signedIn = try await context.logIn(
            request, logins: logins, locked: Text("请人大办公室解除锁定", "ask the congress office to lift it"),
            verify: { name, password in try YearAccounts.verify(name: name, password: password, in: workspace) },
            session: { found, csrf in YearSession(account: found.account, csrf: csrf, mustChangePassword: found.mustChange) })
        return Response.redirect(to: signedIn.mustChange ? "/account/password" : "/office", type: .normal)
    }

    /// An attached file, by its SHA-256, only if some progress report has it: images shown in the
    /// page, anything else downloaded, never run (no script, sandboxed).
    func file(_ request: Request, _ context: YearContext) throws -> Response {
        let hash = context.parameters.get("hash") ?? ""
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit), let (name, data) = try workspace.attachedFile(sha256: hash) else {
            throw ShishiError(.projectMissing, zh: "没有这个附件。", en: "There is no such attached file.")
        }
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        if let type = YearRoutes.imageType(name) {
            response.headers[.contentType] = type
        } else {
            response.headers[.contentType] = "application/octet-stream"
            let ascii = String(name.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }.map(Character.init))
            response.headers[.contentDisposition] = "attachment; filename=\"\(ascii.isEmpty ? "file" : ascii)\""
        }
        response.headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        response.headers[.cacheControl] = "public, max-age=31536000, immutable"
        return response
    }
}
