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

    /// The frame of every page: the words, the language, the account, the vote.
    func frame(_ request: Request, _ context: HallContext, title: Text) -> PageFrame {
        Site.frame(
            request, words: Words.all(Site.language(request)), siteTitle: hall.vote.manifest.title, title: title,
            signedIn: context.sessions.session.map { Site.SignedIn(account: $0.account, role: $0.role.title, csrf: $0.csrf) })
    }

    /// The refusal page: what was refused, in words, and the way back.
    func refusal(_ request: Request, _ context: HallContext, _ refusal: PageRefusals<HallContext>.Refusal) -> Response {
        pages.page(frame(request, context, title: Text("未能完成", "Refused")), RefusalPage(refusal, language: Site.language(request)), status: refusal.status)
    }

    /// The home page: the login form, or the links of the account's role.
    struct HomePage: PageContent {
        static let template = Template.home
        struct Link {
            var href: String
            var label: String
        }
        /// The links of the signed-in account's role.
        var links: [Link] = []
        /// The login form's token, when no one is signed in.
        var loginToken: String?
    }

    func home(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        let frame = frame(request, context, title: Text("首页", "Home"))
        guard let session = context.sessions.session else {
            let token = Site.token()
            var response = pages.page(frame, HomePage(loginToken: token))
            Site.loginToken(on: &response, secure: secure, token: token)
            return response
        }
        let byRole: [StaffRole: (String, WordKey)] = [
            .registrar: ("/desk", .desk), .secretariat: ("/count", .countRoom), .scrutineer: ("/countersign", .countersignTitle),
            .counter: ("/paper", .paperTitle),
        ]
        var links: [HomePage.Link] = []
        if let (href, word) = byRole[session.role] { links.append(.init(href: href, label: Words.word(word, language))) }
        links.append(.init(href: "/screen", label: Words.word(.screen, language)))
        return pages.page(frame, HomePage(links: links))
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
