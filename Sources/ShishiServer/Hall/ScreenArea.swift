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

    func screen(_ request: Request, _ context: HallContext) throws -> Response {
        var values = base(request, context, title: Text("大屏", "Big screen"))
        values["figures"] = try figuresValues(language: Site.language(request))
        if let published = try hall.published() {
            values["result"] = resultValues(published.result, signers: published.signers, language: Site.language(request))
        }
        values["bodyClass"] = "screen"
        return pages.page(.screen, values)
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
