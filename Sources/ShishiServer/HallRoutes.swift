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

    func add(to router: Router<HallContext>) {
        router.get("/") { request, context in try home(request, context) }
        router.get("/lang") { request, _ in switchLanguage(request) }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, context in
            await answering(request, context, back: ("/", Text("返回首页", "Back to the home page"))) { try await logout(request, context) }
        }
        router.get("/desk") { request, context in try desk(request, context) }
        router.post("/desk/signin") { request, context in try await signIn(request, context) }
        router.post("/desk/seal") { request, context in try await seal(request, context) }
        router.get("/screen") { request, context in try screen(request, context) }
        router.get("/events") { _, _ in events() }
        router.get("/booth") { request, context in
            await answering(request, context, back: ("/booth", Text("返回表决终端", "Back to the booth"))) { try booth(request, context) }
        }
        router.post("/booth") { request, context in
            refusal(
                request, context, ShishiError(.serverBadRequest, Words.table["boothNeedsScript"]!), status: .badRequest,
                back: ("/booth", Text("返回表决终端", "Back to the booth")))
        }
        router.get("/api/qr") { request, _ in try qr(request) }
        router.get("/count") { request, context in
            await answering(request, context, back: ("/", Text("返回首页", "Back to the home page"))) { try countRoom(request, context) }
        }
        router.post("/count/close") { request, context in await closeBox(request, context) }
        router.post("/count/run") { request, context in await startCount(request, context) }
        router.post("/count/next") { request, context in await startNextRound(request, context) }
        router.get("/api/box/close/signing") { request, context in await closeSigning(request, context) }
        router.post("/api/box/close") { request, context in await closeSigned(request, context) }
        router.get("/result/{file}") { request, _ in try resultFile(request) }
        router.get("/board") { request, context in
            await answering(request, context, back: ("/", Text("返回首页", "Back to the home page"))) { try board(request, context) }
        }
        router.get("/board/trackers") { request, context in
            await answering(request, context, back: ("/board", Text("返回公示", "Back to the board"))) { try trackers(request, context) }
        }
        router.get("/board/archive.tar.gz") { request, context in
            await answering(request, context, back: ("/board", Text("返回公示", "Back to the board"))) { try await archive(request, context) }
        }
        router.get("/recount/folder.tar.gz") { request, context in
            await answering(request, context, back: ("/", Text("返回首页", "Back to the home page"))) { try await fullFolder(request, context) }
        }
        router.get("/api/receipt") { request, _ in try receipt(request) }
        router.get("/countersign") { request, context in
            await answering(request, context, back: ("/", Text("返回首页", "Back to the home page"))) { try countersignPage(request, context) }
        }
        router.get("/api/result/signing") { request, context in await signingRequest(request, context) }
        router.get("/paper") { request, context in
            await answering(request, context, back: ("/", Text("返回首页", "Back to the home page"))) { try paperPage(request, context) }
        }
        router.post("/api/paper/prepare") { request, context in await preparePaper(request, context) }
        router.post("/api/paper/submit") { request, context in await submitPaper(request, context) }
        router.get("/api/paper/{box}/signing") { request, context in await paperSigning(request, context) }
        router.post("/api/paper/{box}/countersign") { request, context in await countersignPaper(request, context) }
        router.post("/api/result/countersign") { request, context in await countersign(request, context) }
        BoothAPI(rounds: rounds).add(to: router)
    }

    // MARK: - Pages

    /// The values every page has: the words, the language, the account, the vote.
    func base(_ request: Request, _ context: HallContext, title: Text) -> [String: Any] {
        let language = Self.language(request)
        var values: [String: Any] = [
            "t": Words.all(language), "htmlLang": language.htmlTag, "otherLang": language == .zh ? "en" : "zh",
            "path": request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/", "voteTitle": hall.vote.manifest.title,
            "pageTitle": title(language),
        ]
        if let session = context.sessions.session {
            values["session"] = ["account": session.account, "who": Self.signedIn(session.account, session.role.title, language), "csrf": session.csrf]
        }
        return values
    }

    static func language(_ request: Request) -> Language {
        request.cookies["shishi_lang"]?.value == "en" ? .en : .zh
    }

    func refusal(_ request: Request, _ context: HallContext, _ error: ShishiError, status: HTTPResponse.Status, back: (String, Text)) -> Response {
        let language = Self.language(request)
        var values = base(request, context, title: Text("未能完成", "Refused"))
        values["message"] = error.localized(language)
        values["backHref"] = back.0
        values["backLabel"] = back.1(language)
        return pages.page("refusal", values, status: status)
    }

    func home(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Self.language(request)
        var values = base(request, context, title: Text("首页", "Home"))
        var response: Response
        if let session = context.sessions.session {
            var links: [[String: String]] = []
            if session.role == .registrar { links.append(["href": "/desk", "label": Words.table["desk"]!(language)]) }
            if session.role == .secretariat { links.append(["href": "/count", "label": Words.table["countRoom"]!(language)]) }
            if session.role == .scrutineer { links.append(["href": "/countersign", "label": Words.table["countersignTitle"]!(language)]) }
            if session.role == .counter { links.append(["href": "/paper", "label": Words.table["paperTitle"]!(language)]) }
            links.append(["href": "/screen", "label": Words.table["screen"]!(language)])
            values["links"] = links
            response = pages.page("home", values)
        } else {
            // The login form's token, bound to a cookie of its own: a form posted from another site carries neither.
            let token = Self.token()
            values["loginToken"] = token
            response = pages.page("home", values)
            response.setCookie(Cookie(name: "shishi_login", value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
        }
        return response
    }

    func switchLanguage(_ request: Request) -> Response { Self.switchLanguage(request, secure: secure) }

    /// Sets the language cookie and goes back to the page it came from (only a path on this
    /// site): the hall's and the year's pages switch language alike.
    static func switchLanguage(_ request: Request, secure: Bool) -> Response {
        let to: Language = request.uri.queryParameters.get("to") == "en" ? .en : .zh
        let target = sameSitePath(request.uri.queryParameters.get("back") ?? "/") ?? "/"
        var response = Response.redirect(to: target, type: .normal)
        response.setCookie(Cookie(name: "shishi_lang", value: to.rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
        return response
    }

    /// Who is signed in, as the page's header says it: brackets of the language's own kind.
    static func signedIn(_ account: String, _ role: Text, _ language: Language) -> String {
        Text("当前账户 \(account)（\(role.zh)）", "Signed in as \(account) (\(role.en))")(language)
    }

    /// `path` when it is a path on this site, else `nil`: one leading `/`, no `//` or `\\`, no
    /// white space or control character anywhere (browsers drop a tab or a line feed, so `/\t/host`
    /// would lead off-site). A redirect goes only where this allows.
    static func sameSitePath(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"),
            path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !$0.properties.isWhitespace })
        else { return nil }
        return path
    }

    // MARK: - Accounts

    struct LoginForm: Decodable {
        var csrf: String
        var name: String
        var password: String
    }

    func login(_ request: Request, _ context: HallContext) async throws -> Response {
        let home = ("/", Text("返回首页", "Back to the home page"))
        guard let form = try? await URLEncodedFormDecoder().decode(LoginForm.self, from: request, context: context) else {
            return refusal(request, context, Self.badForm, status: .badRequest, back: home)
        }
        guard Self.sameOrigin(request), let cookie = request.cookies["shishi_login"]?.value, !cookie.isEmpty, cookie == form.csrf else {
            return refusal(request, context, Self.crossSite, status: .forbidden, back: home)
        }
        let account: StaffAccounts.Account
        do {
            account = try await logins.attempt(
                account: form.name, address: context.remoteAddress?.ipAddress ?? "unknown", locked: Text("请秘书处解除锁定", "ask the secretariat to lift it")
            ) { try accounts.verify(name: form.name, password: form.password) }
        } catch let error as ShishiError where [.serverLocked, .serverBadLogin].contains(error.code) {
            return refusal(request, context, error, status: error.code == .serverLocked ? .tooManyRequests : .unauthorized, back: home)
        }
        context.sessions.createSession(HallSession(account: account.name, role: account.role, csrf: Self.token()))
        return Response.redirect(to: account.role == .registrar ? "/desk" : "/", type: .normal)
    }

    struct TokenForm: Decodable {
        var csrf: String
    }

    func logout(_ request: Request, _ context: HallContext) async throws -> Response {
        _ = try await requireForm(TokenForm.self, request, context, role: nil)
        context.sessions.clearSession()
        return Response.redirect(to: "/", type: .normal)
    }

    /// A form from a signed-in account of `role` (any role when `nil`), with its session's token.
    func requireForm<Form: Decodable>(_ type: Form.Type, _ request: Request, _ context: HallContext, role: StaffRole?) async throws -> Form {
        guard let session = context.sessions.session else { throw Self.notSignedIn }
        if let role, session.role != role { throw Self.forbidden(role) }
        guard Self.sameOrigin(request), let body = try? await request.body.collect(upTo: context.maxUploadSize) else { throw Self.crossSite }
        let text = String(buffer: body)
        guard let token = try? URLEncodedFormDecoder().decode(TokenForm.self, from: text), token.csrf == session.csrf else { throw Self.crossSite }
        guard let form = try? URLEncodedFormDecoder().decode(Form.self, from: text) else { throw Self.badForm }
        return form
    }

    /// A page for a signed-in account of `role`.
    func requireRole(_ context: HallContext, _ role: StaffRole) throws -> HallSession {
        try requireRole(context, anyOf: [role])
    }

    /// A page for a signed-in account of any of `roles`.
    func requireRole(_ context: HallContext, anyOf roles: [StaffRole]) throws -> HallSession {
        guard let session = context.sessions.session else { throw Self.notSignedIn }
        guard roles.contains(session.role) else { throw Self.forbidden(roles) }
        return session
    }

    /// Whether a request that changes something came from a page of this site: its Origin
    /// (when the browser sends one) names this host.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static let badForm = ShishiError(.serverBadRequest, zh: "表单无法读取：请从页面重新提交。", en: "The form cannot be read: submit it again from the page.")
    static let crossSite = ShishiError(
        .serverCSRF, zh: "这个表单不是从本站的页面提交的（或页面已过期）：请刷新页面后再试。",
        en: "This form did not come from this site's own page (or the page is stale): reload the page and try again.")
    static let notSignedIn = ShishiError(.serverForbidden, zh: "请先登录。", en: "Sign in first.")
    static func forbidden(_ role: StaffRole) -> ShishiError { forbidden([role]) }

    /// The refusal of a page that only `roles` may use.
    static func forbidden(_ roles: [StaffRole]) -> ShishiError {
        let names = roles.map(\.title)
        return ShishiError(
            .serverForbidden, zh: "只有\(names.map(\.zh).joined(separator: "或"))可以使用这个页面。",
            en: "Only the \(names.map(\.en).joined(separator: " or the ")) can use this page.")
    }
}
