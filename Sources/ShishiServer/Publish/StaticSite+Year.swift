public import Foundation
import ShishiBallot
import ShishiCore
import ShishiFollowUp
import ShishiStore

extension StaticSite {
    /// Publishes the year's public site and, with `vote`, the vote's board beside it (as
    /// ``publishBoard(vote:earlier:to:timeZone:)`` does) into `site`: the list of projects
    /// (`index.html`), each project's page (`project/<id>/`) and its 民生码 sign
    /// (`project/<id>/code/`, its QR code leading to the page at `publicURL`, the address the
    /// site will be served at), the year report (`report/`, `report.csv`, `report.json`) and
    /// the files the pages show (`file/<sha256>`), in Chinese and, under `en/`, English.
    ///
    /// The pages are the server's, as a visitor without an account sees them, less what needs
    /// the server: the list's search, residents' ratings and problem reports, the reference
    /// number look-up and the office's sign-in, which stay on `shishi serve --workspace`.
    public static func publish(
        workspace url: URL, publicURL: String, vote: URL? = nil, earlier: [URL] = [], to site: URL,
        timeZone: TimeZone = ServerConfiguration.defaultTimeZone, clock: @escaping @Sendable () -> Date = Date.init
    ) async throws -> Summary {
        guard !YearRoutes.isLoopback(publicURL) else {
            throw ShishiError(
                .qrLoopback,
                zh: "民生码会指向 \(publicURL)：这不是居民能打开的地址。请用 --public-url 给出这个网站将要发布的地址（如 https://ms.example.gov.cn）。",
                en:
                    "The project codes would lead to \(publicURL), which no resident's phone can open. Give with --public-url the address the site will be served at (such as https://ms.example.gov.cn)."
            )
        }
        let workspace = try Workspace.open(url: url, actor: "publish", clock: clock)
        let board = try vote.map { try openBoard(vote: $0, earlier: earlier) }
        let writer = try await StaticSite(root: site)
        let routes = YearRoutes(
            workspace: workspace, pages: writer.pages, secure: true, publicAddress: publicURL, today: { Dates.today(clock()) }, hallVote: nil,
            devices: DeviceCookie(secret: Data((0..<32).map { _ in UInt8.random(in: 0...255) })),
            publicPages: PageCache(changes: try WorkspaceChanges(url: url)),
            logins: LoginGuard())
        try writer.writeYear(PublicArea(site: routes), publicURL: publicURL)
        if let board { try writer.writeBoard(vote: board.vote, earlier: board.earlier, timeZone: timeZone) }
        try writer.copyStaticFiles()
        return try writer.finish()
    }

    /// The frame of a year page at `path` in `language`, as a published copy shows it.
    func yearFrame(path: String, language: Language, title: Text) -> PageFrame {
        var frame = frame(path: path, language: language, words: YearWords.all(language), siteTitle: Words.text(.projects)(language), title: title)
        frame.home = language == .zh ? "" : "/en"
        frame.published = true
        return frame
    }

    /// Writes the year's public pages and the files they show.
    func writeYear(_ area: PublicArea, publicURL: String) throws {
        let report = try area.report()
        let origin = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        for language in Language.allCases {
            let list = try area.listContent(language: language, department: nil, status: nil, query: "")
            try writePage("/", language: language, frame: yearFrame(path: "/", language: language, title: PublicArea.listTitle), content: list)
            for entry in report.projects {
                let p = entry.project
                let path = "/project/\(p.id!)/"
                let page = try area.projectContent(entry, report: report, language: language, session: nil, token: "", done: nil, rated: false)
                try writePage(path, language: language, frame: yearFrame(path: path, language: language, title: PublicArea.projectTitle(p)), content: page)
                var sign = yearFrame(path: path + "code/", language: language, title: PublicArea.codeTitle(p))
                sign.bodyClass = "sign-page"
                let code = try area.codeContent(entry, target: origin + Self.href(path, in: language), language: language)
                try writePage(path + "code/", language: language, frame: sign, content: code)
            }
            try write(Self.file("/report/", in: language), Data(report.html(title: report.title(language), language: language).utf8))
        }
        try write("report.csv", Data(report.csv().utf8))
        try write("report.json", StrictJSON.encode(report, pretty: true))
        // The files the pages show: reports' attachments, milestones' evidence, inspections' photos, rectifications' evidence.
        let workspace = area.site.workspace
        var hashes = Set<String>()
        for entry in report.projects {
            let id = entry.project.id!
            hashes.formUnion(try workspace.attachedFiles(project: id).map(\.attachment.sha256))
            hashes.formUnion(try workspace.milestoneEvidence(project: id).values.joined().map(\.sha256))
            hashes.formUnion(try workspace.inspectionPhotos(project: id).values.joined().map(\.sha256))
            hashes.formUnion(try workspace.rectificationEvidence(project: id).values.joined().map(\.sha256))
        }
        for hash in hashes.sorted() {
            guard let (_, data) = try workspace.attachedFile(sha256: hash) else { continue }
            try write("file/\(hash)", data)
        }
    }
}
