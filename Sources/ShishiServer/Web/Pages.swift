import Foundation
import Hummingbird
import Mustache
import ShishiCore

/// The pages of both sites: swift-mustache templates (every value escaped unless a template asks for
/// raw HTML with triple braces, which only the server's own QR SVG does), filled in the
/// visitor's language from a typed page (``Page``: a ``PageFrame`` and the page's ``PageContent``).
struct Pages: Sendable {
    let library: MustacheLibrary

    /// Loads the templates shipped with the server and checks them: every ``Template`` is
    /// there, and reads only words its site has. A server with a broken page does not start.
    static func load() async throws -> Pages {
        guard let folder = templateFolder else {
            throw ShishiError(.serverBadRequest, zh: "找不到页面模板。", en: "The page templates are missing.")
        }
        let library = try await MustacheLibrary(directory: folder.path)
        let hallWords = Set(Words.table.keys)
        let yearWords = hallWords.union(YearWords.table.keys)
        for template in Template.allCases {
            let url = folder.appendingPathComponent(template.rawValue + ".mustache")
            guard library.getTemplate(named: template.rawValue) != nil, let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ShishiError(
                    .serverBadRequest, zh: "页面模板 \(template.rawValue).mustache 缺失：安装不完整，请重新安装。",
                    en: "The page template \(template.rawValue).mustache is missing: the installation is incomplete; install again.")
            }
            let unknown = Template.unknownWords(in: text, words: template.words == .hall ? hallWords : yearWords)
            guard unknown.isEmpty else {
                throw ShishiError(
                    .serverBadRequest, zh: "页面模板 \(template.rawValue).mustache 用到未定义的词：\(unknown.joined(separator: "、"))。",
                    en: "The page template \(template.rawValue).mustache reads words that are not defined: \(unknown.joined(separator: ", ")).")
            }
        }
        if let key = WordKey.missing.first {
            throw ShishiError(
                .serverBadRequest, zh: "页面用到的词“\(key.rawValue)”未定义：安装不完整，请重新安装。",
                en: "The word “\(key.rawValue)” the pages use is not defined: the installation is incomplete; install again.")
        }
        return Pages(library: library)
    }

    /// The folder of the templates.
    static var templateFolder: URL? { Bundle.module.resourceURL?.appendingPathComponent("Templates") }

    /// The folder of the static files (style sheet, scripts).
    static var staticFolder: String { Bundle.module.resourceURL?.appendingPathComponent("Static").path ?? "Static" }

    /// A page of `content` in `frame`, as an HTML response.
    func page(_ frame: PageFrame, _ content: some PageContent, status: HTTPResponse.Status = .ok) -> Response {
        Self.html(
            ByteBuffer(string: library.render(Page(frame: frame, content: content), withTemplate: type(of: content).template.rawValue) ?? ""), status: status)
    }

    /// A page of `content` in `frame`, rendered (for a page kept in a cache).
    func render(_ frame: PageFrame, _ content: some PageContent) -> ByteBuffer {
        ByteBuffer(string: library.render(Page(frame: frame, content: content), withTemplate: type(of: content).template.rawValue) ?? "")
    }

    /// An HTML response of `body`.
    static func html(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(status: status, body: .init(byteBuffer: body))
        response.headers[.contentType] = "text/html; charset=utf-8"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
