import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiCore
import ShishiFollowUp
import ShishiStore

extension YearRoutes {
    struct RatingForm: Decodable {
        var token: String
        var rating: String
        var text: String?
    }

    /// A resident's rating (and problem, if described) from the project's page: one per device,
    /// project and year (the device's signed cookie), at most 30 an hour from one address.
    func rate(_ request: Request, _ context: YearContext) async throws -> Response {
        guard Site.sameOrigin(request), let body = try? await request.body.collect(upTo: context.maxUploadSize) else { throw Site.crossSite }
        guard let form = try? URLEncodedFormDecoder().decode(RatingForm.self, from: String(buffer: body)) else { throw Site.badForm }
        guard let cookie = request.cookies["shishi_form"]?.value, !cookie.isEmpty, cookie == form.token else { throw Site.crossSite }
        guard let rating = Rating(rawValue: form.rating) else {
            throw ShishiError(.serverBadRequest, zh: "请选择满意、基本满意或不满意。", en: "Choose satisfied, basically satisfied or unsatisfied.")
        }
        let entry = try entry(context, in: try report())
        guard ratings.allow(context.remoteAddress?.ipAddress ?? "unknown") else {
            throw ShishiError(
                .feedbackTooMany, zh: "这个网络地址在一小时内提交的评价过多：请稍后再试。", en: "Too many ratings from this address within the hour: try again later.")
        }
        let (device, issued) = devices.identify(request)
        try PublicFeedback.rate(
            project: entry.project.id!, rating: rating, text: form.text ?? "", device: device, year: Int(today().prefix(4)) ?? 2000, in: workspace)
        var response = Response.redirect(to: "/project/\(entry.project.id!)?rated=1", type: .normal)
        if let issued { response.setCookie(DeviceCookie.cookie(issued, secure: secure)) }
        return response
    }

    /// The office's review of residents' problems, and taking the year's ratings into the scores.
    func feedbackPage(_ request: Request, _ context: YearContext) throws -> Response {
        let session = try signedIn(context)
        let language = Site.language(request)
        let titles = Dictionary(uniqueKeysWithValues: try report().projects.map { ($0.project.id!, $0.project.title) })
        let year = Int(today().prefix(4)) ?? 2000
        let counts = try PublicFeedback.counts(year: year, in: workspace)
        let page = FeedbackPage(
            pending: try PublicFeedback.reports(.pending, in: workspace).map { report in
                .init(id: report.id!, project: report.projectId, title: titles[report.projectId] ?? "", text: report.text, at: String(report.at.prefix(10)))
            },
            counts: counts.keys.sorted().map { id in
                let c = counts[id]!
                return .init(project: id, title: titles[id] ?? "", satisfied: c.satisfied, basically: c.basicallySatisfied, unsatisfied: c.unsatisfied)
            }, year: year, csrf: session.csrf,
            done: request.uri.queryParameters.get("done") != nil ? Text("已记录。", "Recorded.")(language) : nil)
        return pages.page(frame(request, context, title: Text("群众评价与反映", "Residents' ratings and reports")), page)
    }

    /// The signed-in account's session (its role checked by the group's ``RequireRole``).
    func signedIn(_ context: YearContext) throws -> YearSession {
        guard let session = context.sessions.session else { throw Site.notSignedIn }
        return session
    }

    struct ReviewForm: Decodable {
        var report: Int64
        var decision: String
    }

    func reviewFeedback(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requireForm(ReviewForm.self, request, context)
        try PublicFeedback.review(form.report, accept: form.decision == "accept", in: workspace.acting(as: session.account.name))
        return Response.redirect(to: "/office/feedback?done=1", type: .normal)
    }

    struct ScoresForm: Decodable {
        var source: String
        var weight: String
    }

    func ratingsIntoScores(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requireForm(ScoresForm.self, request, context)
        guard let weight = Double(form.weight.trimmingCharacters(in: .whitespaces)) else {
            throw ShishiError(.scoreBadWeights, zh: "权重“\(form.weight)”不是数。", en: "The weight “\(form.weight)” is not a number.")
        }
        try Scores.importPublicRatings(
            year: Int(today().prefix(4)) ?? 2000, source: form.source, weight: weight, points: PointsMapping(),
            into: workspace.acting(as: session.account.name))
        return Response.redirect(to: "/office/feedback?done=1", type: .normal)
    }
}
