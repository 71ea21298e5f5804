import Hummingbird
import HummingbirdAuth
import ShishiCore

/// The staff's forms on both sites: signing in and out, and every form of a signed-in account
/// with its session's token. One home for these checks; the hall and the year call them.
extension StaffContext where Session: RoleSession {
    /// The login form.
    struct LoginForm: Decodable {
        var csrf: String
        var name: String
        var password: String
    }

    /// A form that carries only its token.
    struct TokenForm: Decodable {
        var csrf: String
    }

    /// Signs in: reads the login form, checks it came from this site's own page, and asks
    /// `verify` within the login limits of `logins`; the new session holds what `session` makes
    /// of the account and a fresh token.
    func logIn<Account>(
        _ request: Request, logins: LoginGuard, locked: Text, verify: (_ name: String, _ password: String) throws -> Account?,
        session: (Account, _ csrf: String) -> Session
    ) async throws -> Account {
        guard let form = try? await URLEncodedFormDecoder().decode(LoginForm.self, from: request, context: self) else { throw Site.badForm }
        guard Site.isLoginFromThisSite(request, token: form.csrf) else { throw Site.crossSite }
        let account = try await logins.attempt(account: form.name, address: remoteAddress?.ipAddress ?? "unknown", locked: locked) {
            try verify(form.name, form.password)
        }
        sessions.createSession(session(account, Site.token()))
        return account
    }

    /// Signs out, with the session's token.
    func logOut(_ request: Request) async throws -> Response {
        _ = try await requireForm(TokenForm.self, request)
        sessions.clearSession()
        return Response.redirect(to: "/", type: .normal)
    }

    /// A form from the signed-in account (its role checked by the group's ``RequireRole``),
    /// with its session's token, from a page of this site.
    func requireForm<Form: Decodable>(_ type: Form.Type, _ request: Request) async throws -> (Form, Session) {
        guard let session = sessions.session else { throw Site.notSignedIn }
        guard Site.sameOrigin(request), let body = try? await request.body.collect(upTo: maxUploadSize) else { throw Site.crossSite }
        let text = String(buffer: body)
        guard let token = try? URLEncodedFormDecoder().decode(TokenForm.self, from: text), token.csrf == session.csrf else { throw Site.crossSite }
        guard let form = try? URLEncodedFormDecoder().decode(Form.self, from: text) else { throw Site.badForm }
        return (form, session)
    }

    /// A JSON request of the signed-in account (its role checked by the group's
    /// ``RequireRole``), with its session's token in `X-CSRF-Token`.
    func requireJSON<Body: Codable>(_ type: Body.Type, _ request: Request) async throws -> (Body, Session) {
        guard let session = sessions.session else { throw Site.notSignedIn }
        guard Site.sameOrigin(request), request.headers[.init("X-CSRF-Token")!] == session.csrf else { throw Site.crossSite }
        return (try await JSONAnswer.body(Body.self, request, limit: maxUploadSize), session)
    }
}
