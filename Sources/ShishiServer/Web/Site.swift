import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiCore

/// What every page of both servers shares: the visitor's language, the values every template
/// reads, the same-site checks and the refusals they make. The one home of these rules; the
/// hall's and the year's areas call it.
enum Site {
    /// The language the visitor chose (the `shishi_lang` cookie), Chinese unless English.
    static func language(_ request: Request) -> Language {
        request.cookies["shishi_lang"]?.value == "en" ? .en : .zh
    }

    /// Who is signed in, for the page's header.
    struct SignedIn {
        var account: String
        var role: Text
        var csrf: String
    }

    /// The frame of every page: the words, the language, the site's title, the page's title and
    /// who is signed in.
    static func frame(_ request: Request, words: [String: String], siteTitle: String, title: Text, signedIn: SignedIn?) -> PageFrame {
        let language = language(request)
        let path = request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
        let other = language == .zh ? "en" : "zh"
        return PageFrame(
            t: words, htmlLang: language.htmlTag, otherLang: other, path: path, languageHref: "/lang?to=\(other)&back=\(path)", voteTitle: siteTitle,
            pageTitle: title(language),
            session: signedIn.map { .init(account: $0.account, who: Self.signedIn($0.account, $0.role, language), csrf: $0.csrf) })
    }

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

    /// Whether a request that changes something came from a page of this site: its Origin
    /// (when the browser sends one) names this host.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// A fresh random token (a session's or a form's), 32 bytes in hex.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for _ in 0..<4 {
            var word = generator.next()
            for _ in 0..<16 {
                hex.append(digits[Int(word & 0xF)])
                word >>= 4
            }
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The login form's token, bound to a cookie of its own: a form posted from another site
    /// carries neither. Set on `response`; the token goes into the form.
    static func loginToken(on response: inout Response, secure: Bool, token: String) {
        response.setCookie(Cookie(name: "shishi_login", value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// Whether a posted login form came from this site's own page: its token matches its cookie.
    static func isLoginFromThisSite(_ request: Request, token: String) -> Bool {
        guard sameOrigin(request), let cookie = request.cookies["shishi_login"]?.value, !cookie.isEmpty else { return false }
        return cookie == token
    }

    /// The token of a residents' form (a rating, a suggestion, a comment): the one bound to this
    /// browser's cookie, or a new one for ``keepFormToken(_:for:on:secure:)`` to bind.
    static func formToken(_ request: Request) -> String {
        request.cookies["shishi_form"]?.value ?? token()
    }

    /// Binds `token` to the browser with a cookie of its own, unless it is bound already.
    static func keepFormToken(_ token: String, for request: Request, on response: inout Response, secure: Bool) {
        guard request.cookies["shishi_form"] == nil else { return }
        response.setCookie(Cookie(name: "shishi_form", value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// Whether a posted residents' form carries the token its cookie holds: a form posted from
    /// another site carries neither.
    static func isFormFromThisSite(_ request: Request, token: String?) -> Bool {
        guard let cookie = request.cookies["shishi_form"]?.value, !cookie.isEmpty else { return false }
        return cookie == token
    }

    static let badForm = ShishiError(.serverBadRequest, zh: "表单无法读取：请从页面重新提交。", en: "The form cannot be read: submit it again from the page.")
    static let crossSite = ShishiError(
        .serverCSRF, zh: "这个表单不是从本站的页面提交的（或页面已过期）：请刷新页面后再试。",
        en: "This form did not come from this site's own page (or the page is stale): reload the page and try again.")
    static let notSignedIn = ShishiError(.serverForbidden, zh: "请先登录。", en: "Sign in first.")

    /// The refusal of every page but the password page to an account signed in with a first password.
    static let passwordChangeFirst = ShishiError(
        .serverForbidden, zh: "请先修改人大办公室发给您的初始密码（/account/password），再使用其他页面。",
        en: "Change the first password the congress office gave you (/account/password) before using other pages.")

    /// The refusal of a page that only the roles named `titles` may use.
    static func forbidden(_ titles: [Text]) -> ShishiError {
        ShishiError(
            .serverForbidden, zh: "只有\(titles.map(\.zh).joined(separator: "或"))可以使用这个页面。",
            en: "Only the \(titles.map(\.en).joined(separator: " or the ")) can use this page.")
    }
}
