import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiBallot
import ShishiCore

/// Every page and API of the hall. A handler parses, makes one library call (through ``Hall``)
/// and presents; a refusal is answered in words on a page (or, for the booth's API, as JSON).
struct HallRoutes: Sendable {
    let rounds: Rounds
    let pages: Pages
    let accounts: StaffAccounts
    let secure: Bool
    /// Sign-in attempts, limited by account and address (``LoginGuard``).
    let logins: LoginGuard
    /// The hall's time zone, for the times pages show.
    let timeZone: TimeZone

    /// The round now running: every page serves it.
    var hall: Hall { rounds.current }
    /// Its public board.
    var board: Board { hall.board }

    /// Every area of the hall, each adding its own routes behind its own refusal policy and roles.
    func add(to router: Router<HallContext>) {
        router.group().add(middleware: pageRefusals(back: nil))
            .get("/") { request, context in try home(request, context) }
            .get("/lang") { request, _ in Site.switchLanguage(request, secure: secure) }
            .post("/login") { request, context in try await login(request, context) }
        router.group().add(middleware: pageRefusals(back: nil)).add(middleware: RequireRole<HallSession>.signedIn)
            .post("/logout") { request, context in try await context.logOut(request) }
        let areas: [any HallArea] = [
            DeskArea(site: self), ScreenArea(site: self), BoothArea(site: self), BoothAPI(site: self), CountArea(site: self),
            BoardArea(site: self), CountersignArea(site: self), PaperArea(site: self),
        ]
        for area in areas { area.addRoutes(to: router) }
    }

    /// The middleware that answers a page's refusal with the refusal page, its way back leading
    /// to `back` after a form, and home otherwise.
    func pageRefusals(back: (String, Text)?) -> PageRefusals<HallContext> {
        PageRefusals(
            back: { request in
                if let back, request.method != .get { return back }
                return ("/", Text("返回首页", "Back to the home page"))
            },
            render: { request, context, refusal in self.refusal(request, context, refusal) })
    }

    // MARK: - Pages

    /// The values every page has: the words, the language, the account, the vote.
    func base(_ request: Request, _ context: HallContext, title: Text) -> [String: Any] {
        Site.base(
            request, words: Words.all(Site.language(request)), siteTitle: hall.vote.manifest.title, title: title,
            signedIn: context.sessions.session.map { Site.SignedIn(account: $0.account, role: $0.role.title, csrf: $0.csrf) })
    }

    /// The refusal page: what was refused, in words, and the way back.
    func refusal(_ request: Request, _ context: HallContext, _ refusal: PageRefusals<HallContext>.Refusal) -> Response {
        let language = Site.language(request)
        var values = base(request, context, title: Text("未能完成", "Refused"))
        values["message"] = ErrorPolicy.message(of: refusal.error)(language)
        values["backHref"] = refusal.back.href
        values["backLabel"] = refusal.back.label(language)
        return pages.page(.refusal, values, status: refusal.status)
    }

    /// The home page: the login form, or the links of the account's role.
    func home(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        var values = base(request, context, title: Text("首页", "Home"))
        guard let session = context.sessions.session else {
            let token = Site.token()
            values["loginToken"] = token
            var response = pages.page(.home, values)
            Site.loginToken(on: &response, secure: secure, token: token)
            return response
        }
        var links: [[String: String]] = []
        if session.role == .registrar { links.append(["href": "/desk", "label": Words.table["desk"]!(language)]) }
        if session.role == .secretariat { links.append(["href": "/count", "label": Words.table["countRoom"]!(language)]) }
        if session.role == .scrutineer { links.append(["href": "/countersign", "label": Words.table["countersignTitle"]!(language)]) }
        if session.role == .counter { links.append(["href": "/paper", "label": Words.table["paperTitle"]!(language)]) }
        links.append(["href": "/screen", "label": Words.table["screen"]!(language)])
        values["links"] = links
        return pages.page(.home, values)
    }

    // MARK: - Accounts

    func login(_ request: Request, _ context: HallContext) async throws -> Response {
        let account = try await context.logIn(
            request, logins: logins, locked: Text("请秘书处解除锁定", "ask the secretariat to lift it"),
            verify: { name, password in try accounts.verify(name: name, password: password) },
            session: { account, csrf in HallSession(account: account.name, role: account.role, csrf: csrf) })
        return Response.redirect(to: account.role == .registrar ? "/desk" : "/", type: .normal)
    }
}
