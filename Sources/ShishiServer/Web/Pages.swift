import Foundation
import Hummingbird
import Mustache
import ShishiCore

/// The hall's pages: swift-mustache templates (every value escaped unless a template asks for
/// raw HTML with triple braces, which only the server's own QR SVG does), filled in the
/// visitor's language.
struct Pages: Sendable {
    let library: MustacheLibrary

    /// Loads the templates shipped with the server.
    static func load() async throws -> Pages {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw ShishiError(.serverBadRequest, zh: "找不到页面模板。", en: "The page templates are missing.")
        }
        return Pages(library: try await MustacheLibrary(directory: folder))
    }

    /// The folder of the static files (style sheet, scripts).
    static var staticFolder: String { Bundle.module.resourceURL?.appendingPathComponent("Static").path ?? "Static" }

    /// `template` filled with `values`, as an HTML response.
    func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        Self.html(render(template, values), status: status)
    }

    /// `template` filled with `values`.
    func render(_ template: String, _ values: [String: Any]) -> ByteBuffer {
        ByteBuffer(string: library.render(values, withTemplate: template) ?? "")
    }

    /// An HTML response of `body`.
    static func html(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(status: status, body: .init(byteBuffer: body))
        response.headers[.contentType] = "text/html; charset=utf-8"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
