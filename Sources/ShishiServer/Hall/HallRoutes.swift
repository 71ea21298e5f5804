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
            .post("/logout") { request, context in try await logout(request, context) }
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
        return pages.page("refusal", values, status: refusal.status)
    }

    /// The home page: the login form, or the links of the account's role.
    func home(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        var values = base(request, context, title: Text("首页", "Home"))
        guard let session = context.sessions.session else {
            let token = Site.token()
            values["loginToken"] = token
            var response = pages.page("home", values)
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
        return pages.page("home", values)
    }

    // MARK: - Accounts

    struct LoginForm: Decodable {
        var csrf: String
        var name: String
        var password: String
    }

    func login(_ request: Request, _ context: HallContext) async throws -> Response {
        guard let form = try? await URLEncodedFormDecoder().decode(LoginForm.self, from: request, context: context) else { throw Site.badForm }
        guard Site.isLoginFromThisSite(request, token: form.csrf) else { throw Site.crossSite }
        let account = try await logins.attempt(
            account: form.name, address: context.remoteAddress?.ipAddress ?? "unknown", locked: Text("请秘书处解除锁定", "ask the secretariat to lift it")
        ) { try accounts.verify(name: form.name, password: form.password) }
        context.sessions.createSession(HallSession(account: account.name, role: account.role, csrf: Site.token()))
        return Response.redirect(to: account.role == .registrar ? "/desk" : "/", type: .normal)
    }

    struct TokenForm: Decodable {
        var csrf: String
    }

    func logout(_ request: Request, _ context: HallContext) async throws -> Response {
        _ = try await requireForm(TokenForm.self, request, context)
        context.sessions.clearSession()
        return Response.redirect(to: "/", type: .normal)
    }

    /// A form from the signed-in account (its role checked by the group's ``RequireRole``), with
    /// its session's token, from a page of this site.
    func requireForm<Form: Decodable>(_ type: Form.Type, _ request: Request, _ context: HallContext) async throws -> Form {
        guard let session = context.sessions.session else { throw Site.notSignedIn }
        guard Site.sameOrigin(request), let body = try? await request.body.collect(upTo: context.maxUploadSize) else { throw Site.crossSite }
        let text = String(buffer: body)
        guard let token = try? URLEncodedFormDecoder().decode(TokenForm.self, from: text), token.csrf == session.csrf else { throw Site.crossSite }
        guard let form = try? URLEncodedFormDecoder().decode(Form.self, from: text) else { throw Site.badForm }
        return form
    }
}
