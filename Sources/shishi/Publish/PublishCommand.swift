import ArgumentParser
import Foundation
import ShishiCore
import ShishiServer

/// `shishi publish`: the public board as plain files any web server carries.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the public board as plain files any web server or CDN serves as they are. 发布公示网站（静态文件）。",
        discussion: """
            shishi publish --vote DIR --out SITE writes the vote's public board into SITE: the board in Chinese \
            (board/) and English (en/board/), the result and its checks, the receipts the page checks a tracker \
            against (board/receipts/, one small file per prefix), the counted trackers and the public archive. \
            Run it again after a countersignature: it rewrites only what changed. Serve SITE with nginx, any web \
            server or a CDN; it needs nothing else. docs/web.md says what such a server learns.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The vote folder whose board to publish.")
    var vote: String

    @Option(help: "The previous round's folder, shown on the board before this round.")
    var previous: String?

    @Option(help: "The folder to write the site into (made if missing).")
    var out: String

    @Option(name: .customLong("time-zone"), help: "The time zone of the times the pages show (the files keep UTC).")
    var timeZone = ServerConfiguration.defaultTimeZone.identifier

    func run() async throws {
        Log.bootstrap(verbose: global.verbose)
        guard let zone = TimeZone(identifier: timeZone) else {
            Console.error(
                Text("错误：", "error: ")(global.lang)
                    + Text("“\(timeZone)”不是时区：请写 Asia/Shanghai 这样的名称。", "“\(timeZone)” is not a time zone: write one such as Asia/Shanghai.")(global.lang))
            throw ExitCode(1)
        }
        do {
            let site = Paths.url(out)
            let summary = try await StaticSite.publishBoard(vote: Paths.url(vote), earlier: previous.map { [Paths.url($0)] } ?? [], to: site, timeZone: zone)
            Console.out(
                Text(
                    "已发布到 \(site.path)：写入 \(summary.written) 个文件，\(summary.unchanged) 个未变，删除 \(summary.removed) 个。公示页：board/index.html",
                    "Published to \(site.path): \(summary.written, noun: "file") written, \(summary.unchanged) unchanged, \(summary.removed) removed. The board: board/index.html"
                )(global.lang))
        } catch let error as ShishiError {
            Console.error(Text("错误：", "error: ")(global.lang) + error.localized(global.lang))
            throw ExitCode(1)
        }
    }
}
