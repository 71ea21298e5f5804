import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiCore
import ShishiFollowUp
import ShishiStore

/// The year's accounts in the browser. The office lists them, makes one for a department or a
/// group member with a first password it hands over (shown once), resets a forgotten password to
/// a new first one, and disables or enables an account. An account signed in with a first
/// password changes it before any other page lets it in (``RequireRole``).
struct AccountArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>(.secretariat))
            .get("/office/accounts") { request, context in try accounts(request, context) }
            .post("/office/accounts") { request, context in try await create(request, context) }
            .post("/office/accounts/reset") { request, context in try await reset(request, context) }
            .post("/office/accounts/disable") { request, context in try await setDisabled(request, context, true) }
            .post("/office/accounts/enable") { request, context in try await setDisabled(request, context, false) }
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>.signedInBeforePasswordChange)
            .get("/account/password") { request, context in try passwordPage(request, context) }
            .post("/account/password") { request, context in try await changePassword(request, context) }
    }

    /// The accounts, and the form for a new one.
    func accounts(_ request: Request, _ context: YearContext) throws -> Response {
        let session = try signedIn(context)
        let language = Site.language(request)
        let groups = try workspace.allGroupMembers()
        let names = Dictionary(groups.map { ($0.deputyId, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = try workspace.accounts().map { record in
            AccountsPage.Row(
                name: record.name, role: (YearAccount.Role(rawValue: record.role)?.title ?? Text(record.role, record.role))(language),
                actsFor: record.department ?? record.deputyId.map { "\(names[$0] ?? $0)\(language.parenthesized($0))" } ?? "",
                state: Words.word(record.disabledAt != nil ? .disabled : record.mustChangePassword ? .firstPasswordPending : .active, language),
                disabled: record.disabledAt != nil, isSelf: record.name == session.account.name, csrf: session.csrf)
        }
        let deputies = groups.reduce(into: [String: String]()) { $0[$1.deputyId] = $1.name }.sorted { $0.key < $1.key }
        let page = AccountsPage(
            done: DoneNote.text(request.uri.queryParameters.get("done"))?(language), rows: rows, csrf: session.csrf,
            roles: YearAccount.Role.allCases.map { .init(value: $0.rawValue, title: $0.title(language)) }, departments: try workspace.departments(),
            deputies: deputies.map { .init(id: $0.key, label: "\($0.value)\(language.parenthesized($0.key))") })
        return pages.page(frame(request, context, title: Text("账户", "Accounts")), page)
    }

    struct CreateForm: Decodable {
        var name: String
        var role: String
        var department: String?
        var deputy: String?
    }

    /// A new account, with a first password shown once to the office.
    func create(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requireForm(CreateForm.self, request, context)
        guard let role = YearAccount.Role(rawValue: form.role) else { throw Site.badForm }
        let account = YearAccount(
            name: form.name.trimmingCharacters(in: .whitespaces), role: role,
            department: role == .department ? form.department.flatMap { $0.isEmpty ? nil : $0 } : nil,
            deputyId: role == .member ? form.deputy.flatMap { $0.isEmpty ? nil : $0 } : nil)
        let password = try YearAccounts.addWithFirstPassword(account, in: workspace.acting(as: session.account.name))
        return handOver(request, context, account: account.name, password: password, made: true)
    }

    struct NameForm: Decodable {
        var name: String
    }

    /// A forgotten password reset to a new first one, shown once to the office.
    func reset(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requireForm(NameForm.self, request, context)
        let password = try YearAccounts.reset(form.name, in: workspace.acting(as: session.account.name))
        return handOver(request, context, account: form.name, password: password, made: false)
    }

    /// The page that shows a first password once, to hand over.
    func handOver(_ request: Request, _ context: YearContext, account: String, password: String, made: Bool) -> Response {
        let message = Text(
            "\(made ? "已新建账户" : "已重置账户")“\(account)”的密码。初始密码：\(password)（只显示这一次：请当面或以密封方式交给使用人；首次登录时须改为自己的密码）。",
            "\(made ? "Account “\(account)” made" : "The password of “\(account)” is reset"). First password: \(password) (shown this once: hand it over in person or sealed; it must be changed at the first sign-in)."
        )
        var response = pages.page(frame(request, context, title: Text("初始密码", "First password")), DonePage(message: message(Site.language(request))))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// An account disabled, or enabled again.
    func setDisabled(_ request: Request, _ context: YearContext, _ disabled: Bool) async throws -> Response {
        let (form, session) = try await requireForm(NameForm.self, request, context)
        try workspace.acting(as: session.account.name).setDisabled(form.name, disabled, by: session.account.name)
        return Response.redirect(to: "/office/accounts?done=\(disabled ? "account-disabled" : "account-enabled")-1", type: .normal)
    }

    /// The form to change one's password.
    func passwordPage(_ request: Request, _ context: YearContext) throws -> Response {
        let session = try signedIn(context)
        return pages.page(
            frame(request, context, title: Text("修改密码", "Change the password")), PasswordPage(mustChange: session.mustChangePassword, csrf: session.csrf))
    }

    struct PasswordForm: Decodable {
        var current: String
        var new: String
        var again: String
    }

    /// One's own password changed; the session goes on without the first password's limit.
    func changePassword(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requireForm(PasswordForm.self, request, context)
        guard form.new == form.again else {
            throw ShishiError(.serverBadPassword, zh: "两次输入的新密码不一致。", en: "The two new passwords differ.")
        }
        try YearAccounts.change(session.account.name, current: form.current, new: form.new, in: workspace.acting(as: session.account.name))
        var changed = session
        changed.mustChangePassword = false
        context.sessions.createSession(changed)
        return pages.page(
            frame(request, context, title: Text("修改密码", "Change the password")),
            DonePage(message: Text("密码已修改。", "The password is changed.")(Site.language(request))))
    }
}

/// The office's list of accounts.
struct AccountsPage: PageContent {
    static let template = Template.yearAccounts
    struct Row {
        var name: String
        var role: String
        var actsFor: String
        var state: String
        var disabled: Bool
        var isSelf: Bool
        var csrf: String
    }
    struct Choice {
        var value: String
        var title: String
    }
    struct Deputy {
        var id: String
        var label: String
    }
    var done: String?
    var rows: [Row]
    var csrf: String
    var roles: [Choice]
    var departments: [String]
    var deputies: [Deputy]
}

/// The form to change one's password.
struct PasswordPage: PageContent {
    static let template = Template.yearPassword
    var mustChange: Bool
    var csrf: String
}
