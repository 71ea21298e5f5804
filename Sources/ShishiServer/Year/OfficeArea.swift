import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTally

/// The congress office's work (人大办公室): sheets uploaded, residents' reports reviewed and
/// their ratings taken into the scores, and the hall's vote taken in.
struct OfficeArea: YearArea {
    let site: YearRoutes

    func addRoutes(to router: Router<YearContext>) {
        router.group().add(middleware: site.pageRefusals).add(middleware: RequireRole<YearSession>(.secretariat))
            .get("/office/feedback") { request, context in try feedbackPage(request, context) }
            .post("/office/feedback/review") { request, context in try await reviewFeedback(request, context) }
            .post("/office/feedback/scores") { request, context in try await ratingsIntoScores(request, context) }
            .post("/office/upload/progress") { request, context in try await upload(request, context, kind: "progress") }
            .post("/office/upload/hotline") { request, context in try await upload(request, context, kind: "hotline") }
            .get("/office/vote") { request, context in try votePage(request, context) }
            .get("/office/signs") { request, context in try allSigns(request, context) }
            .post("/office/vote/take-in") { request, context in try await takeInVote(request, context) }
    }

    /// An upload from the office: a progress sheet (`progress import`'s CSV) or a 12345 file
    /// (`hotline import`'s, with its optional rules file), refused whole with the line on a bad row.
    func upload(_ request: Request, _ context: YearContext, kind: String) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let language = Site.language(request)
        let acting = workspace.acting(as: session.account.name)
        guard let file = form.files.first(where: { $0.field == "file" }) else {
            throw ShishiError(.serverBadRequest, zh: "请选择要上传的文件。", en: "Choose the file to upload.")
        }
        let message: Text
        if kind == "progress" {
            let outcome = try ProgressSheet.importSheet(file.data, source: file.name, into: acting)
            message = Text(
                "已导入 \(file.name)：新增进度报告 \(outcome.added) 条，\(outcome.unchanged) 条已在工作库中。",
                "Imported \(file.name): \(outcome.added, noun: "progress report") added, \(outcome.unchanged) already in the workspace.")
        } else {
            let rules = try form.files.first(where: { $0.field == "rules" }).map { try Hotline.rules($0.data, source: $0.name) } ?? []
            let outcome = try Hotline.importFile(file.data, source: file.name, rules: rules, into: acting)
            message = Text(
                "已导入 \(file.name)：新增工单 \(outcome.added) 件（其中 \(outcome.linked) 件关联到项目），\(outcome.skipped) 件已在工作库中。",
                "Imported \(file.name): \(outcome.added) complaints added (\(outcome.linked) linked to a project), \(outcome.skipped) already in the workspace."
            )
        }
        // How the file was read, when it was not UTF-8 CSV (a workbook, Chinese Excel's GB18030).
        let note = SheetFile.readingNote(file.data, source: file.name).map { $0(language) + " " } ?? ""
        return pages.page(frame(request, context, title: Text("上传", "Upload")), DonePage(message: note + message(language)))
    }

    /// Every project's 民生码 at once, to print one A4 sheet each; refused while the codes would
    /// lead to this machine itself.
    func allSigns(_ request: Request, _ context: YearContext) throws -> Response {
        try site.requirePublicCodes(request)
        let language = Site.language(request)
        let signs = try report().projects.map { entry in
            let title = language.title(entry.project.title, english: entry.project.titleEn)
            let target = address(request, path: "/project/\(entry.project.id!)")
            return SignsPage.Sign(
                project: row(entry, language), qr: try QRCode(target).svg(title: Text("民生码：\(title)", "Project code: \(title)")(language)), target: target)
        }
        var frame = frame(request, context, title: Text("打印全部民生码", "Print every project code"))
        frame.bodyClass = "sign-page"
        return pages.page(frame, SignsPage(signs: signs))
    }

    /// The office's review of residents' problems, and taking the year's ratings into the scores.
    func feedbackPage(_ request: Request, _ context: YearContext) throws -> Response {
        let session = try signedIn(context)
        let language = Site.language(request)
        let titles = Dictionary(uniqueKeysWithValues: try report().projects.map { ($0.project.id!, $0.project.title) })
        let year = Int(today().prefix(4)) ?? 2000
        let counts = try PublicFeedback.counts(year: year, in: workspace)
        var page = FeedbackPage(
            pending: try PublicFeedback.reports(.pending, in: workspace).map { report in
                .init(id: report.id!, project: report.projectId, title: titles[report.projectId] ?? "", text: report.text, at: String(report.at.prefix(10)))
            },
            counts: counts.keys.sorted().map { id in
                let c = counts[id]!
                return .init(
                    project: id, title: titles[id] ?? "", satisfied: c.satisfied, basically: c.basicallySatisfied, unsatisfied: c.unsatisfied,
                    total: c.cast, thin: c.cast < Scores.fewRatings)
            }, year: year, csrf: session.csrf,
            done: DoneNote.text(request.uri.queryParameters.get("done"))?(language))
        let thin = page.counts.filter(\.thin).count
        if thin > 0 {
            page.thinWarning = Text(
                "其中 \(thin) 个项目的评价少于 \(Scores.fewRatings) 份：由它们算出的得分样本过少，仅供参考（项目页面和年度报告的得分旁会注明份数）。",
                "\(thin, noun: "project") \(thin == 1 ? "has" : "have") fewer than \(Scores.fewRatings) ratings: a score from so few says little (the project's page and the year report show the count beside the score)."
            )(language)
        }
        return pages.page(frame(request, context, title: Text("群众评价与反映", "Residents' ratings and reports")), page)
    }

    struct ReviewForm: Decodable {
        var report: Int64
        var decision: String
    }

    func reviewFeedback(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requireForm(ReviewForm.self, request, context)
        let accept = form.decision == "accept"
        try PublicFeedback.review(form.report, accept: accept, in: workspace.acting(as: session.account.name))
        return Response.redirect(to: "/office/feedback?done=report-\(accept ? "accepted" : "rejected")-\(form.report)", type: .normal)
    }

    struct ScoresForm: Decodable {
        var source: String
        var weight: String
    }

    func ratingsIntoScores(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requireForm(ScoresForm.self, request, context)
        guard let weight = Double(form.weight.trimmingCharacters(in: .whitespaces)) else {
            throw ShishiError(.scoreBadWeights, zh: "权重“\(form.weight)”不是数。", en: "The weight “\(form.weight)” is not a number.")
        }
        let taken = try Scores.importPublicRatings(
            year: Int(today().prefix(4)) ?? 2000, source: form.source, weight: weight, points: PointsMapping(),
            into: workspace.acting(as: session.account.name))
        return Response.redirect(to: "/office/feedback?done=scores-\(taken)", type: .normal)
    }

    /// The hall's vote as the office sees it from the year (`serve --vote --workspace`): where it
    /// stands, and, once counted and countersigned, the form that takes its result in as
    /// `projects adopt` (a vote) or `evaluation import` (an evaluation round) does.
    func votePage(_ request: Request, _ context: YearContext) throws -> Response {
        let session = try signedIn(context)
        let language = Site.language(request)
        let hallVote = try requireHallVote()
        let vote = try VoteFolder(url: hallVote.folder).open()
        let manifest = vote.manifest
        let evaluation = manifest.style.isRating
        let file = ResultFile(vote: vote)
        let stage: Text
        var takenIn: Text?
        if file.exists {
            let (envelope, _) = try file.read()
            let signers = file.signers(envelope).names
            stage =
                signers.isEmpty
                ? Text("已计票，待监票人会签（在大厅的会签页）。", "Counted; waiting for a scrutineer's countersignature (the hall's countersign page).")
                : Text("已计票，监票人 \(signers.joined(separator: "、")) 已会签。", "Counted and countersigned by \(signers.joined(separator: ", ")).")
            takenIn = try TakenIn.describe(voteHash: vote.hash, in: workspace)
        } else if vote.folder.isClosed {
            stage = Text("已封箱，尚未计票。", "The box is closed; not counted yet.")
        } else {
            stage = Text("投票进行中：计票并会签后才能导入。", "Voting is open: it can be taken in once counted and countersigned.")
        }
        var done: Text?
        if let text = request.uri.queryParameters.get("done"), let count = text.split(separator: "-").last.flatMap({ Int($0) }) {
            done =
                text.hasPrefix("rated")
                ? Text("测评结果核验通过：已导入 \(count) 个项目的测评票数。", "The evaluation verifies: ratings of \(count, noun: "project") taken in.")
                : Text("结果核验通过：已导入 \(count) 个当选项目。", "The result verifies: \(count, noun: "adopted project") taken in.")
        }
        let page = VotePage(
            title: manifest.title, kind: evaluation ? Text("满意度测评", "satisfaction evaluation")(language) : Text("项目票决", "vote on projects")(language),
            evaluation: evaluation, hallAddress: hallVote.address, stage: stage(language), takenIn: takenIn?(language),
            counted: file.exists && takenIn == nil, year: Int(today().prefix(4)) ?? 2000, csrf: session.csrf,
            stages: ScoreSourceRecord.Stage.allCases.map {
                .init(key: $0.rawValue, title: Words.word($0 == .regular ? .stageRegular : .stageLookBack, language))
            }, done: done?(language))
        return pages.page(frame(request, context, title: Text("大厅的表决", "The hall's vote")), page)
    }

    /// The hall's vote, or a refusal that says the server was started without one.
    func requireHallVote() throws -> YearServerConfiguration.HallVote {
        guard let hallVote else {
            throw ShishiError(
                .serverBadRequest, zh: "这个服务没有同时开启票决大厅：请用 shishi serve --vote 目录 --workspace 工作库 启动。",
                en: "This server serves no hall: start it with shishi serve --vote DIR --workspace FILE.")
        }
        return hallVote
    }

    struct TakeInForm: Decodable {
        var year: String?
        var source: String?
        var weight: String?
        var satisfied: String?
        var basically: String?
        var unsatisfied: String?
        var stage: String?
    }

    /// Takes the hall's verified result in, acting as the account: the projects of a vote are
    /// adopted, the ratings of an evaluation become a source of the year's scores.
    func takeInVote(_ request: Request, _ context: YearContext) async throws -> Response {
        let hallVote = try requireHallVote()
        let (form, session) = try await requireForm(TakeInForm.self, request, context)
        let workspace = workspace.acting(as: session.account.name)
        let vote = try VoteFolder(url: hallVote.folder).open()
        guard vote.manifest.style.isRating else {
            let projects = try Adoption.adopt(resultIn: hallVote.folder, previous: hallVote.previous, into: workspace)
            return Response.redirect(to: "/office/vote?done=adopted-\(projects.count)", type: .normal)
        }
        func number(_ text: String?, _ name: Text) throws -> Double {
            let text = (text ?? "").trimmingCharacters(in: .whitespaces)
            guard let value = Double(text) else {
                throw ShishiError(.serverBadRequest, zh: "\(name.zh)“\(text)”不是数。", en: "The \(name.en) “\(text)” is not a number.")
            }
            return value
        }
        guard let year = Int((form.year ?? "").trimmingCharacters(in: .whitespaces)) else {
            throw ShishiError(.scoreBadYear, zh: "年份“\(form.year ?? "")”不对：请写四位年份。", en: "The year “\(form.year ?? "")” is wrong: write four digits.")
        }
        let points = PointsMapping(
            satisfied: try number(form.satisfied, Text("满意分值", "points for satisfied")),
            basicallySatisfied: try number(form.basically, Text("基本满意分值", "points for basically satisfied")),
            unsatisfied: try number(form.unsatisfied, Text("不满意分值", "points for unsatisfied")))
        let count = try Scores.importRound(
            hallVote.folder, year: year, source: form.source ?? "", weight: try number(form.weight, Text("权重", "weight")), points: points,
            stage: ScoreSourceRecord.Stage(rawValue: form.stage ?? "") ?? .regular, into: workspace)
        return Response.redirect(to: "/office/vote?done=rated-\(count)", type: .normal)
    }
}
