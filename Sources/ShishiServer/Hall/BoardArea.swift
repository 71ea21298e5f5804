import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore
import ShishiTally

/// The public bulletin board (公示), without an account: the result and its checks, the counted
/// trackers, the receipts for the browser's check, the result's texts and the archive; the whole
/// folder for those who recount (scrutineers and the secretariat).
struct BoardArea: HallArea {
    let site: HallRoutes

    func addRoutes(to router: Router<HallContext>) {
        router.group().add(middleware: site.pageRefusals(back: ("/board", Text("返回公示", "Back to the board"))))
            .get("/board") { request, context in try board(request, context) }
            .get("/board/trackers") { request, context in try trackers(request, context) }
            .get("/board/archive.tar.gz") { request, context in try await archive(request, context) }
        router.group().add(middleware: site.pageRefusals(back: nil)).add(middleware: RequireRole<HallSession>(.scrutineer, .secretariat))
            .get("/recount/folder.tar.gz") { request, context in try await fullFolder(request, context) }
        router.group().add(middleware: JSONRefusals())
            .get("/api/receipt") { request, _ in try receipt(request) }
        router.get("/result/{file}") { request, _ in try resultFile(request) }
    }

    /// The board: the vote's definition and officials, the result with every numbered check,
    /// the box digest, a receipt check made in the browser, the counted trackers and the
    /// whole folder to download for an offline recount.
    struct BoardPage: PageContent {
        static let template = Template.board
        /// An earlier round of the same vote, and its result.
        struct Earlier {
            var round: Int
            var result: ResultView
        }
        var definition: [String]
        var trackerMeaning: String
        var ballotsPublished: Bool
        var closeRecord: String?
        var result: ResultView?
        var digestHex: String?
        var algorithm: String?
        var counted: Int?
        var earlier: [Earlier]?
        /// This round's number, when there were earlier ones.
        var round: Int?
        /// How many of a tracker's digits the page asks with (``Receipt/prefixLength(counted:)``).
        var prefixLength = 1
        /// Where a published copy keeps its receipts, one file a prefix (`nil`: the server's API answers).
        var receiptsBase: String?
        /// Where the counted trackers are listed.
        var trackersHref = "/board/trackers"
        /// Where the archive downloads from.
        var archiveHref = "/board/archive.tar.gz"
    }

    func board(_ request: Request, _ context: HallContext) throws -> Response {
        let page = try Self.page(of: board, earlier: rounds.all.dropLast().map(\.board), language: Site.language(request), timeZone: timeZone)
        return pages.page(frame(request, context, title: Text("公示", "Public board")), page)
    }

    /// The board of `board`'s round, after the rounds of `earlier`, in `language`: what the
    /// server shows at `/board` and a published copy writes as a file.
    static func page(of board: Board, earlier: [Board], language: Language, timeZone: TimeZone) throws -> BoardPage {
        let vote = board.vote
        let publication = vote.manifest.publishes
        var page = BoardPage(
            definition: VoteDescription.lines(vote, language: language), trackerMeaning: publication.trackerMeaning(language),
            ballotsPublished: publication == .ballots)
        if let closed = try BoxClose.load(for: vote) {
            page.closeRecord = Text(
                "\(Timestamp.display(closed.record.closedAt, in: timeZone, language: .zh))，由秘书处封箱，票箱中电子选票 \(closed.record.ballots) 张，摘要 \(closed.record.digest)",
                "\(Timestamp.display(closed.record.closedAt, in: timeZone, language: .en)), by the secretariat, \(closed.record.ballots, noun: "electronic ballot") in the box, digest \(closed.record.digest)"
            )(language)
        }
        if let published = try board.published() {
            page.result = ResultView(published.result, signers: published.signers, language: language, vote: vote)
            page.digestHex = published.result.boxDigest.hex
            page.algorithm = published.result.boxDigest.algorithm.rawValue
            page.counted = published.trackers.count
            page.prefixLength = Receipt.prefixLength(counted: published.trackers.count)
        }
        let earlierResults = earlier.compactMap { round -> BoardPage.Earlier? in
            guard let published = try? round.published() else { return nil }
            return .init(
                round: round.vote.manifest.round, result: ResultView(published.result, signers: published.signers, language: language, vote: round.vote))
        }
        if !earlierResults.isEmpty {
            page.earlier = earlierResults
            page.round = vote.manifest.round
        }
        return page
    }

    /// The counted trackers, a hundred a page, or those beginning with the hex digits asked for.
    struct TrackersPage: PageContent {
        static let template = Template.trackers
        struct Row {
            var n: Int
            var hex: String
        }
        var rows: [Row]
        var query: String
        var summary: String
        var previous: String?
        var next: String?
    }

    func trackers(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        guard let published = try board.published() else {
            throw ShishiError(.resultMissing, zh: "还没有计票结果。", en: "There is no result yet.")
        }
        let trackers = published.trackers
        let query = (request.uri.queryParameters.get("q") ?? "").lowercased().filter { !$0.isWhitespace }
        guard query.isLowercaseHex, query.count <= 64 else {
            throw ShishiError(
                .receiptBadTracker, zh: "“\(query.prefix(70))”不是跟踪码的开头：请只输入 0–9 与 a–f。",
                en: "“\(query.prefix(70))” is not the start of a tracker: type only 0–9 and a–f.")
        }
        let perPage = 100
        let range = query.isEmpty ? trackers.indices : trackers.indices(withHexPrefix: query)
        let pageCount = max(1, (range.count + perPage - 1) / perPage)
        let number = min(max(1, Int(request.uri.queryParameters.get("page") ?? "1") ?? 1), pageCount)
        let shown = range.clamped(to: (range.lowerBound + (number - 1) * perPage)..<(range.lowerBound + number * perPage))
        let link = { (page: Int) in "/board/trackers?page=\(page)" + (query.isEmpty ? "" : "&q=\(query)") }
        let page = TrackersPage(
            rows: shown.map { .init(n: $0 + 1, hex: trackers[$0].hex) }, query: query,
            summary: Text(
                "共 \(range.count) 个\(query.isEmpty ? "" : "以 \(query) 开头的")跟踪码，第 \(number)/\(pageCount) 页",
                "\(range.count, noun: "tracker")\(query.isEmpty ? "" : " beginning with \(query)"), page \(number) of \(pageCount)")(language),
            previous: number > 1 ? link(number - 1) : nil, next: number < pageCount ? link(number + 1) : nil)
        return pages.page(frame(request, context, title: Text("已计入的跟踪码", "Counted trackers")), page)
    }

    /// The receipts of the trackers beginning with `?prefix=`, as JSON, for the board's script
    /// (which picks its own and checks the proof itself).
    struct Receipts: Codable {
        var receipts: [Receipt]
    }

    func receipt(_ request: Request) throws -> Response {
        let prefix = request.uri.queryParameters.get("prefix") ?? ""
        let receipts = try board.receipts(withPrefix: String(prefix.prefix(40)))
        return try JSONAnswer.value(Receipts(receipts: receipts))
    }

    /// The archive the public may download: the public copy of a vote that keeps its ballots'
    /// marks from the public, else the whole folder (``VoteArchive/forPublic(_:)``).
    func archive(_ request: Request, _ context: HallContext) async throws -> Response {
        let contents = VoteArchive.forPublic(hall.vote)
        return try await download(board.archive(contents), contents, context)
    }

    /// The whole folder, ballots included, for those who recount: signed-in scrutineers and the
    /// secretariat. (Of a vote that publishes its ballots it is also the public archive.)
    func fullFolder(_ request: Request, _ context: HallContext) async throws -> Response {
        return try await download(board.archive(.fullFolder), .fullFolder, context)
    }

    private func download(_ url: URL, _ contents: VoteArchive.Contents, _ context: HallContext) async throws -> Response {
        let body = try await FileIO().loadFile(path: url.path, context: context)
        var response = Response(status: .ok, body: body)
        response.headers[.contentType] = "application/gzip"
        let suffix = contents == .publicCopy ? "-public" : ""
        response.headers[.contentDisposition] =
            "attachment; filename=\"\(hall.vote.manifest.voteId)-round-\(hall.vote.manifest.round)\(suffix).tar.gz\""
        // Neither kind may be kept by a shared cache: the full folder is for its holder only.
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    /// The texts a count writes into the folder: the announcement, the notice, the report.
    func resultFile(_ request: Request) throws -> Response {
        let name = request.uri.path.split(separator: "/").last.map(String.init) ?? ""
        let files: [String: (URL, String)] = [
            VoteFolder.Name.announcement: (hall.vote.folder.announcementURL, "text/plain; charset=utf-8"),
            VoteFolder.Name.notice: (hall.vote.folder.noticeURL, "text/plain; charset=utf-8"),
            VoteFolder.Name.report: (hall.vote.folder.reportURL, "text/html; charset=utf-8"),
        ]
        guard let (url, type) = files[name], ResultFile(vote: hall.vote).exists, let data = try? FileAccess.read(url) else {
            return Response(status: .notFound)
        }
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentType] = type
        response.headers[.cacheControl] = "no-store"
        if type.hasPrefix("text/plain") { response.headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        // The report is one self-contained page: its own style element, no script, nothing fetched.
        if type.hasPrefix("text/html") { response.headers[.contentSecurityPolicy] = HTMLReport.contentSecurityPolicy }
        return response
    }
}
