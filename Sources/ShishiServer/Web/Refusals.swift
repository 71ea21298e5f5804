import Hummingbird
import ShishiCore

/// Answers a refusal thrown by a page's handler with the refusal page: the words of the
/// ``ShishiError`` in the visitor's language, a way back, and the ``ErrorPolicy`` status. Any
/// other failure is a refusal page too (500), never an empty answer; Hummingbird's own errors
/// (a route not found) pass through.
struct PageRefusals<Context: RequestContext>: RouterMiddleware {
    /// Where the page's "back" link leads for `request`, and its words.
    let back: @Sendable (Request) -> (String, Text)
    /// The refusal page of the site.
    let render: @Sendable (Request, Context, Refusal) -> Response

    /// One refusal, as the refusal page shows it.
    struct Refusal {
        var error: ShishiError
        var status: HTTPResponse.Status
        var back: (href: String, label: Text)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ShishiError {
            return render(request, context, Refusal(error: error, status: ErrorPolicy.status(of: error), back: back(request)))
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            let failed = ShishiError(.serverBadRequest, zh: "无法完成：\(error)", en: "Could not be done: \(error)")
            return render(request, context, Refusal(error: failed, status: .internalServerError, back: back(request)))
        }
    }
}

/// Answers a refusal thrown by a JSON handler as ``JSONAnswer/refusal(_:)``; any other failure
/// as `server.badRequest` (500), with no words of the server's inside.
struct JSONRefusals<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ShishiError {
            return JSONAnswer.refusal(error)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            var response = JSONAnswer.refusal(
                ShishiError(.serverBadRequest, zh: "服务器未能完成这次请求。", en: "The server could not complete this request."))
            response.status = .internalServerError
            return response
        }
    }
}
