import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore

extension HallRoutes {
    /// The status a refusal is answered with.
    static func status(of error: ShishiError) -> HTTPResponse.Status {
        switch error.code {
        case .serverForbidden: .forbidden
        case .serverCSRF: .forbidden
        case .serverBadRequest: .badRequest
        default: .conflict
        }
    }

    /// Runs a page handler; a refusal becomes a page that says why.
    func answering(_ request: Request, _ context: HallContext, back: (String, Text), _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as ShishiError {
            return refusal(request, context, error, status: Self.status(of: error), back: back)
        } catch {
            return refusal(request, context, Self.badForm, status: .internalServerError, back: back)
        }
    }

    /// The figures as the templates read them (read now unless given).
    func figuresValues(_ figures: Hall.Figures? = nil, language: Language) throws -> [String: Any] {
        let figures = try figures ?? hall.figures()
        return [
            "present": figures.present, "deputies": figures.deputies, "quorumFigure": figures.quorumFigure, "quorumMet": figures.quorumMet,
            "credentials": figures.credentials, "paper": figures.paper, "cast": figures.cast, "sealed": figures.sealed, "closed": figures.closed,
            "counted": figures.counted, "isCounting": figures.counting != nil, "round": figures.round,
            "phase": phaseValues(figures.phase, language: language), "phaseNumber": figures.phase.rawValue,
        ]
    }

    /// The round's phase and what comes next, as the desk, the count room and the big screen say it.
    func phaseValues(_ phase: RoundPhase, language: Language) -> [String: String] {
        ["title": phase.title(language), "next": phase.next(language)]
    }

    // MARK: - The sign-in desk

    func desk(_ request: Request, _ context: HallContext) throws -> Response {
        do {
            _ = try requireRole(context, .registrar)
        } catch let error as ShishiError {
            return refusal(request, context, error, status: .forbidden, back: ("/", Text("返回首页", "Back to the home page")))
        }
        return try deskPage(request, context, query: (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces))
    }

    /// The desk on one page: the search, the deputies it finds, and, after a sign-in, the code and
    /// its QR code beside them with the search emptied and ready for the next deputy, so that a
    /// registrar signs each deputy in with one search and one click.
    func deskPage(_ request: Request, _ context: HallContext, query: String, issued: [String: Any]? = nil) throws -> Response {
        let language = Self.language(request)
        var values = base(request, context, title: Text("签到台", "Sign-in desk"))
        values["figures"] = try figuresValues(language: language)
        values["query"] = query
        values["hasQuery"] = !query.isEmpty
        if let issued { values["issued"] = issued }
        if !query.isEmpty {
            let present = try hall.registrar.currentPresence()
            let waiting = hall.codes.outstanding()
            let sealed = hall.registrar.isSealed
            let recorded = hall.vote.manifest.secrecy == .recorded
            let needle = query.lowercased()
            var rows: [[String: Any]] = []
            for deputy in hall.vote.roster.deputies
            where deputy.id.lowercased().contains(needle) || deputy.name.lowercased().contains(needle) || (deputy.group ?? "").lowercased().contains(needle) {
                let status: Text =
                    switch present[deputy.id] {
                    case .credential?: Text("已签到（电子凭证）", "signed in (credential)")
                    case .paper?, .paperForRoster?: Text("已签到（纸质选票）", "signed in (paper ballot)")
                    case .recorded?: Text("已签到（记名）", "signed in (recorded)")
                    case nil: waiting.contains(deputy.id) ? Text("签到码待使用", "code not yet used") : Text("未签到", "not signed in")
                    }
                rows.append([
                    "id": deputy.id, "name": deputy.name, "group": deputy.group ?? "", "status": status(language),
                    "canSignIn": present[deputy.id] == nil && !waiting.contains(deputy.id) && !sealed,
                    "boothLabel": Words.table[recorded ? "admit" : "signInBooth"]!(language),
                ])
                if rows.count == 50 { break }
            }
            values["deputies"] = rows
        }
        return pages.page("desk", values)
    }

    struct SignInForm: Decodable {
        var deputy: String
        var mode: String
    }

    /// Signs a deputy in and answers with the desk itself: the code (or the paper ballot's
    /// note) beside an emptied search. The code is in this page only, never in an address.
    func signIn(_ request: Request, _ context: HallContext) async throws -> Response {
        await answering(request, context, back: ("/desk", Text("返回签到台", "Back to the desk"))) {
            let form = try await requireForm(SignInForm.self, request, context, role: .registrar)
            let language = Self.language(request)
            var issued: [String: Any] = ["deputy": form.deputy, "name": hall.vote.roster[form.deputy]?.name ?? form.deputy]
            switch try hall.signIn(form.deputy, paper: form.mode == "paper") {
            case .code(let code):
                let address = "\(Self.origin(request))/booth#\(code)"
                issued["code"] = code
                issued["qr"] = try QRCode(address).svg(title: Text("表决终端地址与签到码", "the booth's address and sign-in code")(language))
            case .admitted(.paperBallot):
                issued["done"] = Words.table["paperDone"]!(language)
            case .admitted(.recordedAdmission):
                issued["done"] = Words.table["admitted"]!(language)
            }
            var response = try deskPage(request, context, query: "", issued: issued)
            // The page holds a live code: no cache keeps it, and a reload does not sign in again unseen.
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// A form that must carry its confirmation (a step that cannot be undone).
    struct ConfirmedForm: Decodable {
        var csrf: String
        var confirm: String?
    }

    func seal(_ request: Request, _ context: HallContext) async throws -> Response {
        await answering(request, context, back: ("/desk", Text("返回签到台", "Back to the desk"))) {
            let form = try await requireForm(ConfirmedForm.self, request, context, role: .registrar)
            guard form.confirm != nil else {
                throw ShishiError(
                    .phaseRefused, zh: "请先勾选确认：封存后任何人都不能再签到。", en: "Tick the confirmation first: after the seal no one can sign in.")
            }
            try hall.registrar.seal()
            return Response.redirect(to: "/desk", type: .normal)
        }
    }

    /// This server's own origin, as the browser reached it.
    static func origin(_ request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        return "\(request.head.scheme ?? "http")://\(host)"
    }

    // MARK: - The big screen

    func screen(_ request: Request, _ context: HallContext) throws -> Response {
        var values = base(request, context, title: Text("大屏", "Big screen"))
        values["figures"] = try figuresValues(language: Self.language(request))
        if let published = try hall.published() {
            values["result"] = resultValues(published.result, signers: published.signers, language: Self.language(request))
        }
        values["bodyClass"] = "screen"
        return pages.page("screen", values)
    }

    /// Server-sent events: the figures, sent when they change (read from the folder once a
    /// second, so sign-ins made beside the server count too), and a comment every 2 seconds, by
    /// which a screen that has gone away is noticed.
    /// A stream lasts ten minutes at most (the browser's EventSource reconnects by itself), so
    /// a server being stopped never waits long for its screens.
    func events() -> Response {
        let rounds = self.rounds
        var response = Response(
            status: .ok,
            body: .init { writer in
                var last: Hall.Figures?
                var quiet = 0
                let until = ContinuousClock.now + .seconds(600)
                while !Task.isCancelled, ContinuousClock.now < until {
                    // The round running now: after a next round starts, the screens follow it.
                    if let figures = try? rounds.current.figures(), figures != last {
                        let json = String(decoding: try StrictJSON.encode(figures), as: UTF8.self)
                        try await writer.write(ByteBuffer(string: "event: figures\ndata: \(json)\n\n"))
                        last = figures
                        quiet = 0
                    } else if quiet >= 2 {
                        try await writer.write(ByteBuffer(string: ": still here\n\n"))
                        quiet = 0
                    }
                    quiet += 1
                    try await Task.sleep(for: .seconds(1))
                }
                try await writer.finish(nil)
            }
        )
        response.headers[.contentType] = "text/event-stream"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
