import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTally

/// Collection (征集): residents' suggestions and comments on the public page, the signed list,
/// and the office's work on the call (its report, reviews, merging, screening, the shortlist).
struct CollectionArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals)
            .get("/collection") { request, context in try collection(request, context) }
            .get("/collection/list.json") { request, context in try candidateListFile(request, context) }
            // Residents' forms: each with a token bound to a cookie of its own, no account.
            .post("/collection/suggest") { request, context in try await suggest(request, context) }
            .post("/collection/comment") { request, context in try await commentOnDraft(request, context) }
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>(.secretariat))
            .get("/collection/report") { request, context in try collectionReport(request, context, format: "html") }
            .get("/collection/report.csv") { request, context in try collectionReport(request, context, format: "csv") }
            .get("/collection/report.json") { request, context in try collectionReport(request, context, format: "json") }
            .get("/office/collection") { request, context in try collectionOffice(request, context) }
            .post("/office/collection/step") { request, context in try await collectionStep(request, context) }
            .post("/office/collection/review") { request, context in try await reviewSuggestion(request, context) }
    }

    /// The latest call, refused in words when there is none.
    func latestCall() throws -> CollectionCallRecord {
        guard let call = try Collect.latestCall(in: workspace) else {
            throw ShishiError(.collectNoCall, zh: "还没有开始征集民生实事项目。", en: "No call for livelihood projects has been opened yet.")
        }
        return call
    }

    /// The public page of the latest call: the form for suggestions while it is open, the
    /// shortlist with its comment form, and the presidium's list once fixed.
    func collection(_ request: Request, _ context: YearContext) throws -> Response {
        let language = Site.language(request)
        let call = try latestCall()
        let day = today()
        let stage = try Collect.stage(year: call.year, today: day, in: workspace)
        let token = Site.formToken(request)
        let stageTitle: Text =
            switch stage {
            case .open: Text("正在征集建议，截至 \(call.until)", "taking suggestions until \(call.until)")
            case .screening: Text("征集已截止，正在合并和初审", "closed for suggestions: merging and screening")
            case .shortlist: Text("草案清单征求意见中", "the shortlist is out for comment")
            case .fixed: Text("候选项目清单已确定", "the candidate list is fixed")
            }
        var page = CollectionPage(
            call: .init(year: Int(call.year), until: call.until, stage: stageTitle(language), seats: call.seats.map { Int($0) }),
            suggestForm: stage == .open ? .init(token: token, maxTitle: Collect.maximumPublicTitle, maxText: Collect.maximumPublicText) : nil,
            sent: request.uri.queryParameters.get("sent") == "1", commented: request.uri.queryParameters.get("commented") == "1")
        if stage == .shortlist || stage == .fixed {
            let shortlist = try Collect.shortlist(year: call.year, in: workspace)
            let until = shortlist.first?.shortlist?.commentsUntil ?? ""
            let open = stage == .shortlist && day <= until
            page.commentsUntil = until.isEmpty ? nil : until
            page.shortlist = shortlist.map { draft in
                let support = draft.support
                return .init(
                    id: draft.draft.id!, position: Int(draft.shortlist!.position), title: draft.draft.title,
                    text: draft.draft.text.isEmpty ? nil : draft.draft.text, suggestions: support.suggestions, deputies: support.deputies,
                    complaints: support.complaints, support: draft.comments.support, oppose: draft.comments.oppose, opinion: draft.comments.opinion,
                    department: draft.screening?.department ?? "", cost: draft.screening?.cost.flatMap(Amount.init(parsing:))?.grouped,
                    commentForm: open
                        ? .init(
                            token: token, choices: Collect.Stance.allCases.map { .init(value: $0.rawValue, title: $0.title(language)) },
                            max: Collect.maximumCommentLength) : nil)
            }
        }
        if stage == .fixed, let fixed = try Collect.fixedList(year: call.year, in: workspace) {
            page.list = .init(
                hash: fixed.hash.description, seats: fixed.list.seats,
                candidates: fixed.list.candidates.map { .init(id: $0.id, title: $0.title, department: $0.department, cost: $0.cost.grouped) })
        }
        let frame = frame(request, context, title: Text("\(call.year) 年民生实事项目征集", "Collecting \(call.year)'s livelihood projects"))
        var response = pages.page(frame, page)
        Site.keepFormToken(token, for: request, on: &response, secure: secure)
        return response
    }

    /// A public form's fields, its token checked against its cookie and the address's limit.
    func publicForm(_ request: Request, _ context: YearContext) async throws -> PostedForm {
        guard Site.sameOrigin(request) else { throw Site.crossSite }
        let form = try await PostedForm.read(request, limit: context.maxUploadSize)
        guard Site.isFormFromThisSite(request, token: form.fields["token"]) else { throw Site.crossSite }
        guard ratings.allow(context.remoteAddress?.ipAddress ?? "unknown") else {
            throw ShishiError(
                .feedbackTooMany, zh: "这个网络地址在一小时内提交的内容过多：请稍后再试。", en: "Too much sent from this address within the hour: try again later.")
        }
        return form
    }

    /// A resident's suggestion to the open call, kept for the office's review.
    func suggest(_ request: Request, _ context: YearContext) async throws -> Response {
        let form = try await publicForm(request, context)
        let call = try latestCall()
        try Collect.suggestFromPublic(
            year: call.year, title: form.fields["title"] ?? "", text: form.fields["text"] ?? "", district: form.fields["district"], today: today(),
            in: workspace)
        return Response.redirect(to: "/collection?sent=1", type: .normal)
    }

    /// A resident's comment on a shortlisted draft: counted (its text kept, not shown).
    func commentOnDraft(_ request: Request, _ context: YearContext) async throws -> Response {
        let form = try await publicForm(request, context)
        let call = try latestCall()
        guard let draft = form.fields["draft"].flatMap(Int64.init), let stance = form.fields["stance"].flatMap(Collect.Stance.init(rawValue:)) else {
            throw ShishiError(.collectBadComment, zh: "请选择支持、反对或意见。", en: "Choose for, against or an opinion.")
        }
        // One stance per device and draft (the device cookie ratings use): a new one replaces the old.
        let (device, issued) = devices.identify(request)
        try Collect.comment(on: draft, stance: stance, text: form.fields["text"] ?? "", received: today(), year: call.year, device: device, in: workspace)
        var response = Response.redirect(to: "/collection?commented=1", type: .normal)
        if let issued { response.setCookie(DeviceCookie.cookie(issued, secure: secure)) }
        return response
    }

    /// The collection report as `collect report` writes it, for the office (it names residents
    /// who proposed and every declined suggestion): the page (its own strict policy), the sheet or JSON.
    func collectionReport(_ request: Request, _ context: YearContext, format: String) throws -> Response {
        let report = try CollectionReport(year: try latestCall().year, workspace: workspace)
        var response: Response
        switch format {
        case "csv":
            response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: report.csv())))
            response.headers[.contentType] = "text/csv; charset=utf-8"
            response.headers[.contentDisposition] = "attachment; filename=\"collection-\(report.call.year).csv\""
        case "json":
            response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: try StrictJSON.encode(report, pretty: true))))
            response.headers[.contentType] = "application/json; charset=utf-8"
        default:
            response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: report.html(language: Site.language(request)))))
            response.headers[.contentType] = "text/html; charset=utf-8"
            response.headers[.contentSecurityPolicy] = CollectionReport.contentSecurityPolicy
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The signed candidate list, as issued, for anyone to check against the vote's manifest.
    func candidateListFile(_ request: Request, _ context: YearContext) throws -> Response {
        guard let fixed = try Collect.fixedList(year: try latestCall().year, in: workspace) else {
            throw ShishiError(.collectNoShortlist, zh: "候选项目清单还没有确定。", en: "The candidate list is not fixed yet.")
        }
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: try fixed.envelope.fileData())))
        response.headers[.contentType] = "application/json"
        response.headers[.contentDisposition] = "attachment; filename=\"\(CandidateList.fileName)\""
        return response
    }

    /// The office's review of residents' suggestions to the latest call.
    func collectionOffice(_ request: Request, _ context: YearContext) throws -> Response {
        let session = try signedIn(context)
        let call = try latestCall()
        var page = OfficeCollectionPage(
            year: Int(call.year), csrf: session.csrf,
            pending: try Collect.publicSuggestions(year: call.year, status: "pending", in: workspace).map { s in
                .init(id: s.id!, title: s.title, text: s.text, district: s.district.flatMap { $0.isEmpty ? nil : $0 }, at: String(s.at.prefix(10)))
            },
            done: DoneNote.text(request.uri.queryParameters.get("done"))?(Site.language(request)))
        try collectionWork(request, context, into: &page, year: call.year)
        return pages.page(frame(request, context, title: Text("\(call.year) 年征集工作", "The collection of \(call.year)")), page)
    }

    func reviewSuggestion(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        guard let id = form.fields["suggestion"].flatMap(Int64.init) else { throw Site.badForm }
        let accept = form.fields["decision"] == "accept"
        try Collect.reviewPublicSuggestion(id, accept: accept, in: workspace.acting(as: session.account.name))
        return Response.redirect(to: "/office/collection?done=suggestion-\(accept ? "accepted" : "rejected")-\(id)", type: .normal)
    }

    /// The office's collection work: suggestions to answer (merge into a draft, or decline with a
    /// reason), drafts to screen, and the shortlist to publish; each one library call.
    func collectionWork(_ request: Request, _ context: YearContext, into page: inout OfficeCollectionPage, year: Int) throws {
        let language = Site.language(request)
        let stage = try Collect.stage(year: year, today: today(), in: workspace)
        let drafts = try Collect.drafts(year: year, in: workspace)
        let call = try latestCall()
        switch stage {
        case .shortlist: return page.shortlisted = try shortlisted(drafts, call: call, language: language)
        case .fixed: return page.fixedList = try fixedList(year: year, language: language)
        case .open, .screening: break
        }
        page.seats = call.seats.map(String.init) ?? ""
        page.passedCount = drafts.filter(\.passed).count
        page.unanswered = try Collect.suggestions(year: year, in: workspace).filter {
            $0.suggestion.draftProjectId == nil && $0.suggestion.declinedReason == nil
        }.map { item in
            let s = item.suggestion
            let by = item.deputies.isEmpty ? (s.proposer ?? "") : item.deputies.map(\.name).joined(separator: "、")
            return .init(
                id: s.id!, title: s.title, text: s.text, source: Collect.Source(rawValue: s.source)?.title(language) ?? s.source, by: by,
                complaints: s.complaints.map { Int($0) })
        }
        page.drafts = drafts.map { draft in
            let support = draft.support
            return .init(
                id: draft.draft.id!, title: draft.draft.title, suggestions: support.suggestions, deputies: support.deputies,
                complaints: support.complaints,
                screening: draft.screening.map { screening in
                    .init(
                        passed: screening.passed, department: screening.department ?? "",
                        cost: screening.cost.flatMap(Amount.init(parsing:))?.grouped ?? "", reason: screening.reason ?? "")
                })
        }
        page.work = true
    }

    /// One step of the office's collection work, posted from `/office/collection`.
    func collectionStep(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let year = try latestCall().year
        let acting = workspace.acting(as: session.account.name)
        let text = { (name: String) in (form.fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let done: String
        switch form.fields["step"] {
        case "merge":
            let chosen = form.fields.keys.compactMap { key in key.hasPrefix("s") ? Int64(key.dropFirst()) : nil }.sorted()
            let draft = try Collect.merge(
                chosen, title: text("title").isEmpty ? nil : text("title"), text: text("text").isEmpty ? nil : text("text"),
                into: Int64(text("into")), year: year, in: acting)
            done = "merged-\(draft.id!)"
        case "decline":
            guard let number = Int64(text("suggestion")) else { throw Site.badForm }
            try Collect.decline(number, reason: text("reason"), year: year, in: acting)
            done = "declined-\(number)"
        case "screen":
            guard let draft = Int64(text("draft")) else { throw Site.badForm }
            let cost = text("cost").isEmpty ? nil : try Amount(cost: text("cost"))
            try Collect.screen(
                draft,
                .init(
                    department: text("department").isEmpty ? nil : text("department"), cost: cost, feasible: form.fields["feasible"] == "yes",
                    finishable: form.fields["finishable"] == "yes", benefit: text("benefit").isEmpty ? nil : text("benefit"),
                    note: text("note").isEmpty ? nil : text("note"), passed: form.fields["verdict"] == "pass",
                    reason: text("reason").isEmpty ? nil : text("reason")),
                year: year, in: acting)
            done = "screened-\(form.fields["verdict"] == "pass" ? "pass" : "fail")-\(draft)"
        case "shortlist":
            let seats = try form.wholeNumber("seats", named: Text("拟定项目数", "The number of seats"))
            done = "shortlisted-\(try Collect.publishShortlist(year: year, commentsUntil: text("commentsUntil"), seats: seats, in: acting).count)"
        default:
            throw Site.badForm
        }
        return Response.redirect(to: "/office/collection?done=\(done)", type: .normal)
    }
}
