import Foundation
import Hummingbird
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// One area of the year (the public site, a department's, a group's, the office's, collection):
/// a small type that adds its routes, each group behind the refusal page and, where only some
/// may use it, ``RequireRole``. What the areas share is the site (``YearRoutes``).
protocol YearArea: Sendable {
    /// The year's site.
    var site: YearRoutes { get }
    /// Adds the area's routes.
    func addRoutes(to router: Router<YearContext>)
}

extension YearArea {
    var workspace: Workspace { site.workspace }
    var pages: Pages { site.pages }
    var secure: Bool { site.secure }
    var today: @Sendable () -> String { site.today }
    var hallVote: YearServerConfiguration.HallVote? { site.hallVote }
    var devices: DeviceCookie { site.devices }
    var publicPages: PageCache { site.publicPages }
    var logins: LoginGuard { site.logins }
    var ratings: AddressLimit { site.ratings }
    var lookups: AddressLimit { site.lookups }

    func frame(_ request: Request, _ context: YearContext, title: Text) -> PageFrame { site.frame(request, context, title: title) }
    func report(year: Int? = nil) throws -> YearReport { try site.report(year: year) }
    func row(_ entry: YearReport.Entry, _ language: Language) -> ProjectRow { site.row(entry, language) }
    func entry(_ context: YearContext, in report: YearReport) throws -> YearReport.Entry { try site.entry(context, in: report) }
    func address(_ request: Request, path: String) -> String { site.address(request, path: path) }
    func signedIn(_ context: YearContext) throws -> YearSession { try site.signedIn(context) }
    func requireForm<Form: Decodable>(_ type: Form.Type, _ request: Request, _ context: YearContext) async throws -> (Form, YearSession) {
        try await site.requireForm(Form.self, request, context)
    }
    func requirePosted(_ request: Request, _ context: YearContext) async throws -> (PostedForm, YearSession) {
        try await site.requirePosted(request, context)
    }
    func rectificationProject(_ context: YearContext) throws -> (id: Int64, project: Int64) { try site.rectificationProject(context) }
}
