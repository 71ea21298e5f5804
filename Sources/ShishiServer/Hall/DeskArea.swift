import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore

/// The sign-in desk (登记员): finds a deputy, signs them in with a one-time code for the booth
/// (or a paper ballot, or admission to a recorded vote), and seals sign-in.
struct DeskArea: HallArea {
    let site: HallRoutes

    func addRoutes(to router: Router<HallContext>) {
        router.group().add(middleware: site.pageRefusals(back: ("/desk", Text("返回签到台", "Back to the desk"))))
            .add(middleware: RequireRole<HallSession>(.registrar))
            .get("/desk") { request, context in try desk(request, context) }
            .post("/desk/signin") { request, context in try await signIn(request, context) }
            .post("/desk/seal") { request, context in try await seal(request, context) }
    }

    func desk(_ request: Request, _ context: HallContext) throws -> Response {
        try deskPage(request, context, query: (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces))
    }

    /// The desk on one page: the search, the deputies it finds, and, after a sign-in, the code and
    /// its QR code beside them with the search emptied and ready for the next deputy, so that a
    /// registrar signs each deputy in with one search and one click.
    struct DeskPage: PageContent {
        static let template = Template.desk
        /// A deputy the search found.
        struct Row {
            var id: String
            var name: String
            var group: String
            var status: String
            var canSignIn: Bool
            var boothLabel: String
        }
        /// The deputy just signed in: the code and its QR code, or what was done instead.
        struct Issued {
            var deputy: String
            var name: String
            var code: String?
            var qr: String?
            var done: String?
        }
        var figures: FiguresView
        var query: String
        var hasQuery: Bool
        var issued: Issued?
        /// The deputies found (fifty at most), when there is a search.
        var deputies: [Row]?
    }

    func deskPage(_ request: Request, _ context: HallContext, query: String, issued: DeskPage.Issued? = nil) throws -> Response {
        let language = Site.language(request)
        var page = DeskPage(figures: try figuresView(language: language), query: query, hasQuery: !query.isEmpty, issued: issued)
        if !query.isEmpty {
            let present = try hall.registrar.currentPresence()
            let waiting = hall.codes.outstanding()
            let sealed = hall.registrar.isSealed
            let boothLabel = Words.word(hall.vote.manifest.secrecy == .recorded ? .admit : .signInBooth, language)
            let needle = query.lowercased()
            var rows: [DeskPage.Row] = []
            for deputy in hall.vote.roster.deputies
            where deputy.id.lowercased().contains(needle) || deputy.name.lowercased().contains(needle) || (deputy.group ?? "").lowercased().contains(needle) {
                let status: Text =
                    switch present[deputy.id] {
                    case .credential?: Text("已签到（电子凭证）", "signed in (credential)")
                    case .paper?, .paperForRoster?: Text("已签到（纸质选票）", "signed in (paper ballot)")
                    case .recorded?: Text("已签到（记名）", "signed in (recorded)")
                    case nil: waiting.contains(deputy.id) ? Text("签到码待使用", "code not yet used") : Text("未签到", "not signed in")
                    }
                rows.append(
                    DeskPage.Row(
                        id: deputy.id, name: deputy.name, group: deputy.group ?? "", status: status(language),
                        canSignIn: present[deputy.id] == nil && !waiting.contains(deputy.id) && !sealed, boothLabel: boothLabel))
                if rows.count == 50 { break }
            }
            page.deputies = rows
        }
        return pages.page(frame(request, context, title: Text("签到台", "Sign-in desk")), page)
    }

    struct SignInForm: Decodable {
        var deputy: String
        var mode: String
    }

    /// Signs a deputy in and answers with the desk itself: the code (or the paper ballot's
    /// note) beside an emptied search. The code is in this page only, never in an address.
    func signIn(_ request: Request, _ context: HallContext) async throws -> Response {
        let form = try await requireForm(SignInForm.self, request, context)
        let language = Site.language(request)
        var issued = DeskPage.Issued(deputy: form.deputy, name: hall.vote.roster[form.deputy]?.name ?? form.deputy)
        switch try hall.signIn(form.deputy, paper: form.mode == "paper") {
        case .code(let code):
            let address = "\(Self.origin(request))/booth#\(code)"
            issued.code = code
            issued.qr = try QRCode(address).svg(title: Text("表决终端地址与签到码", "the booth's address and sign-in code")(language))
        case .admitted(.paperBallot):
            issued.done = Words.word(.paperDone, language)
        case .admitted(.recordedAdmission):
            issued.done = Words.word(.admitted, language)
        }
        var response = try deskPage(request, context, query: "", issued: issued)
        // The page holds a live code: no cache keeps it, and a reload does not sign in again unseen.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// A form that must carry its confirmation (a step that cannot be undone).
    struct ConfirmedForm: Decodable {
        var csrf: String
        var confirm: String?
    }

    func seal(_ request: Request, _ context: HallContext) async throws -> Response {
        let form = try await requireForm(ConfirmedForm.self, request, context)
        guard form.confirm != nil else {
            throw ShishiError(
                .phaseRefused, zh: "请先勾选确认：封存后任何人都不能再签到。", en: "Tick the confirmation first: after the seal no one can sign in.")
        }
        try hall.registrar.seal()
        return Response.redirect(to: "/desk", type: .normal)
    }
}
