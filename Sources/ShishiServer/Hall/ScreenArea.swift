import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore

/// The big screen (大屏), without an account: the figures as they change, and the result.
struct ScreenArea: HallArea {
    let site: HallRoutes

    func addRoutes(to router: Router<HallContext>) {
        router.group().add(middleware: site.pageRefusals(back: nil))
            .get("/screen") { request, context in try screen(request, context) }
            .get("/events") { _, _ in events() }
    }

    /// The big screen: the figures as they change, and the result once counted.
    struct ScreenPage: PageContent {
        static let template = Template.screen
        var figures: FiguresView
        var result: ResultView?
    }

    func screen(_ request: Request, _ context: HallContext) throws -> Response {
        let language = Site.language(request)
        var frame = frame(request, context, title: Text("大屏", "Big screen"))
        frame.bodyClass = "screen"
        let result = try hall.published().map { resultView($0.result, signers: $0.signers, language: language) }
        return pages.page(frame, ScreenPage(figures: try figuresView(language: language), result: result))
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
