import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// What residents send from a project's page (民生码) and what comes back to them: a rating, a
/// problem with its reference number (受理编号), the look-up of the office's review and the
/// department's answers by that number, and the department's (or office's) answer form. The
/// rules are ``PublicFeedback``'s.
struct ResidentsArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals)
            // A resident's rating or problem: a token bound to a cookie of its own, no account.
            .post("/project/{id}/rate") { request, context in try await send(request, context) }
            .get("/lookup") { request, context in try lookUp(request, context) }
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>.signedIn)
            .post("/resident-report/{id}/answer") { request, context in try await answer(request, context) }
    }

    struct SendForm: Decodable {
        var token: String
        var rating: String?
        var text: String?
    }

    /// A resident's rating, problem or both, from the project's page: one rating per device,
    /// project and year (the device's signed cookie); at most 30 sendings an hour from one
    /// address. A problem leads to the page of its reference number.
    func send(_ request: Request, _ context: YearContext) async throws -> Response {
        guard Site.sameOrigin(request), let body = try? await request.body.collect(upTo: context.maxUploadSize) else { throw Site.crossSite }
        guard let form = try? URLEncodedFormDecoder().decode(SendForm.self, from: String(buffer: body)) else { throw Site.badForm }
        guard Site.isFormFromThisSite(request, token: form.token) else { throw Site.crossSite }
        var rating: Rating?
        if let chosen = form.rating, !chosen.isEmpty {
            guard let known = Rating(rawValue: chosen) else {
                throw ShishiError(.serverBadRequest, zh: "请选择满意、基本满意或不满意。", en: "Choose satisfied, basically satisfied or unsatisfied.")
            }
            rating = known
        }
        let entry = try entry(context, in: try report())
        guard ratings.allow(context.remoteAddress?.ipAddress ?? "unknown") else {
            throw ShishiError(
                .feedbackTooMany, zh: "这个网络地址在一小时内提交的评价和反映过多：请稍后再试。",
                en: "Too many ratings and reports from this address within the hour: try again later.")
        }
        let (device, issued) = devices.identify(request)
        let reference = try PublicFeedback.submit(
            project: entry.project.id!, rating: rating, text: form.text ?? "", device: device, year: Int(today().prefix(4)) ?? 2000, in: workspace)
        let target =
            reference.map { "/lookup?ref=\($0)&sent=\(rating == nil ? "report" : "both")" } ?? "/project/\(entry.project.id!)?rated=1#residents"
        var response = Response.redirect(to: target, type: .normal)
        if let issued { response.setCookie(DeviceCookie.cookie(issued, secure: secure)) }
        return response
    }

    /// The look-up by reference number: the form, and once a number is given, where the report
    /// stands and every answer. A wrong number is said on the page, beside what was typed.
    func lookUp(_ request: Request, _ context: YearContext) throws -> Response {
        let language = Site.language(request)
        let typed = request.uri.queryParameters.get("ref").map { String($0) } ?? ""
        var page = LookupPage(reference: typed)
        if !typed.isEmpty {
            do {
                guard lookups.allow(context.remoteAddress?.ipAddress ?? "unknown") else {
                    throw ShishiError(
                        .feedbackTooMany, zh: "这个网络地址在一小时内查询过多：请稍后再试。", en: "Too many look-ups from this address within the hour: try again later.")
                }
                let found = try PublicFeedback.lookUp(typed, in: workspace)
                let project = try workspace.read { db in try ProjectRecord.fetchOne(db, key: found.report.projectId) }
                let names = try answererNames()
                page.found = .init(
                    reference: found.report.reference ?? typed, projectId: found.report.projectId,
                    projectTitle: project.map { language.title($0.title, english: $0.titleEn) } ?? "",
                    sentOn: String(found.report.at.prefix(10)), reportText: found.report.text,
                    standing: Self.standing(found.report, department: project?.department)(language),
                    answers: found.answers.map { Self.answerRow($0, names: names, language: language) }, hasAnswers: !found.answers.isEmpty,
                    accepted: found.report.status == PublicFeedback.Status.accepted.rawValue)
                switch request.uri.queryParameters.get("sent") {
                case "report": page.sent = Text("已收到您反映的问题。", "Your report is received.")(language)
                case "both": page.sent = Text("已收到您的评价和反映的问题。", "Your rating and your report are received.")(language)
                default: break
                }
            } catch let error as ShishiError {
                page.refusal = ErrorPolicy.message(of: error)(language)
            }
        }
        var response = pages.page(frame(request, context, title: Text("查询反映的答复", "Look up a report's answers")), page)
        // The number is the only key to what the resident wrote: no cache keeps the page.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    struct AnswerForm: Decodable {
        var csrf: String
        var text: String
    }

    /// The department's (or office's) answer to an accepted report on its project.
    func answer(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requireForm(AnswerForm.self, request, context)
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw Site.badForm }
        try PublicFeedback.answer(id, by: session.account, text: form.text, in: workspace.acting(as: session.account.name))
        let project = try workspace.read { db in try PublicReportRecord.fetchOne(db, key: id)?.projectId } ?? 0
        return Response.redirect(to: "/project/\(project)?done=resident-answered-\(id)#resident-report-\(id)", type: .normal)
    }

    /// Where a report stands, in words.
    static func standing(_ report: PublicReportRecord, department: String?) -> Text {
        switch PublicFeedback.Status(rawValue: report.status) {
        case .accepted:
            let date = String((report.reviewedAt ?? report.at).prefix(10))
            return Text(
                "\(date) 已受理，转\(department ?? "责任单位")答复。", "Accepted on \(date) and passed to \(department ?? "the department") to answer.")
        case .rejected:
            return Text(
                "未予受理：人大办公室审核认为它与项目无关，或含有不宜公开的内容。如有疑问，请拨打 12345。",
                "Not accepted: the congress office found it off the project's topic, or holding what cannot be published. If in doubt, call 12345.")
        case .pending, nil:
            return Text("等待人大办公室审核；受理后转责任单位答复。", "Waiting for the congress office's review; once accepted, the department answers.")
        }
    }

    /// Who answered, as a resident reads it: the department an account acts for, or the office.
    func answererNames() throws -> [String: AccountRecord] {
        Dictionary(try workspace.accounts().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func answerRow(_ answer: PublicReportAnswerRecord, names: [String: AccountRecord], language: Language) -> ResidentAnswer {
        let account = names[answer.answeredBy]
        let who =
            account?.role == YearAccount.Role.department.rawValue
            ? account?.department ?? answer.answeredBy : YearAccount.Role(rawValue: account?.role ?? "")?.title(language) ?? answer.answeredBy
        return ResidentAnswer(answeredOn: String(answer.answeredAt.prefix(10)), answeredBy: who, answerText: answer.text)
    }

    /// The accepted reports on `project` as its page shows them, each with an answer form for an
    /// account that may answer.
    func reports(project: ProjectRecord, session: YearSession?, language: Language) throws -> [ProjectPage.ResidentReport] {
        let names = try answererNames()
        let mayAnswer = session.map { $0.account.mayReport(on: project) } ?? false
        return try PublicFeedback.accepted(project: project.id!, in: workspace).map { found in
            .init(
                id: found.report.id!, sentOn: String(found.report.at.prefix(10)), reportText: found.report.text,
                answers: found.answers.map { Self.answerRow($0, names: names, language: language) }, hasAnswers: !found.answers.isEmpty,
                answerForm: session.flatMap { mayAnswer ? ProjectPage.Form(csrf: $0.csrf) : nil })
        }
    }
}

/// One answer to a resident's report, as pages show it.
struct ResidentAnswer {
    var answeredOn: String
    var answeredBy: String
    var answerText: String
}

/// The look-up by reference number.
struct LookupPage: PageContent {
    static let template = Template.yearLookup
    struct Found {
        var reference: String
        var projectId: Int64
        var projectTitle: String
        var sentOn: String
        var reportText: String
        var standing: String
        var answers: [ResidentAnswer]
        var hasAnswers: Bool
        var accepted: Bool
    }
    /// What was typed.
    var reference: String
    /// The report found.
    var found: Found?
    /// What the form just sent, in words.
    var sent: String?
    /// Why nothing was found, in words.
    var refusal: String?
}
