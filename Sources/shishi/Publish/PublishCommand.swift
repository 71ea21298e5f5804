import ArgumentParser
import Foundation
import ShishiCore
import ShishiServer

/// `shishi publish`: the year's public site and the vote's board as plain files any web server carries.
struct PublishCommand: AsyncShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the year's public site and the vote's board as plain files any web server or CDN serves as they are. 发布公开网站（静态文件）。",
        discussion: """
            shishi publish --workspace FILE --public-url URL --out SITE writes the year's public site: the list, \
            every project's page and its 民生码 sign (its QR code leading to URL, where SITE will be served), the year \
            report, and the photos and files the pages show, in Chinese and, under en/, English. Residents' ratings, \
            the reference-number look-up and the office stay on shishi serve --workspace. \
            shishi publish --vote DIR --out SITE writes the vote's public board (board/, en/board/): the result and \
            its checks, the receipts the page checks a tracker against (board/receipts/, one small file per prefix), \
            the counted trackers and the public archive. Give both for one site. Run it again after a change: only \
            what changed is rewritten. docs/web.md says what a server carrying SITE learns.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The follow-up workspace (SQLite) whose public site to publish.")
    var workspace: String?

    @Option(name: .customLong("public-url"), help: "Where the site will be served (https://…): the 民生码 lead there. Needed with --workspace.")
    var publicURL: String?

    @Option(help: "The vote folder whose board to publish.")
    var vote: String?

    @Option(help: "The previous round's folder, shown on the board before this round.")
    var previous: String?

    @Option(help: "The folder to write the site into (made if missing).")
    var out: String

    @Option(name: .customLong("time-zone"), help: "The time zone of the times the pages show (the files keep UTC).")
    var timeZone = ServerConfiguration.defaultTimeZone.identifier

    func validate() throws {
        guard TimeZone(identifier: timeZone) != nil else { throw ValidationError.notATimeZone(timeZone, global.lang) }
        guard workspace != nil || vote != nil else {
            throw ValidationError(global.lang, "请给出 --workspace（年度网站）或 --vote（公示），或两者都给。", "Give --workspace (the year's site), --vote (the board), or both.")
        }
        guard workspace == nil || publicURL != nil else {
            throw ValidationError(
                global.lang, "发布年度网站需要 --public-url：网站将要发布的地址（如 https://ms.example.gov.cn），民生码指向那里。",
                "Publishing the year's site needs --public-url: the address the site will be served at (such as https://ms.example.gov.cn), where the project codes lead."
            )
        }
    }

    func execute() async throws {
        let zone = TimeZone(identifier: timeZone)!
        let site = Paths.url(out)
        let earlier = previous.map { [Paths.url($0)] } ?? []
        let summary =
            if let workspace, let publicURL {
                try await StaticSite.publish(
                    workspace: Paths.url(workspace), publicURL: publicURL, vote: vote.map(Paths.url), earlier: earlier, to: site, timeZone: zone)
            } else {
                try await StaticSite.publishBoard(vote: Paths.url(vote ?? ""), earlier: earlier, to: site, timeZone: zone)
            }
        Console.out(
            Text(
                "已发布到 \(site.path)：写入 \(summary.written) 个文件，\(summary.unchanged) 个未变，删除 \(summary.removed) 个。首页：\(workspace == nil ? "board/" : "")index.html",
                "Published to \(site.path): \(summary.written, noun: "file") written, \(summary.unchanged) unchanged, \(summary.removed) removed. The front page: \(workspace == nil ? "board/" : "")index.html"
            )(global.lang))
    }
}
