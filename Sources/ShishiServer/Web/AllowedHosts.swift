import Foundation
import HTTPTypes
import Hummingbird

/// The names a server answers to: what it was started for (`--host`, `--public-url`), the
/// machine's own addresses and name, and localhost. A request naming any other host in its `Host`
/// header is refused (421), so that a page on another site whose name was made to resolve here
/// (DNS rebinding) cannot drive the desk or the office from a visitor's browser.
struct AllowedHosts: Sendable {
    /// The names and addresses, lower-case, without a port.
    let names: Set<String>

    /// The names of a server started on `host` (an address, or 0.0.0.0 for all), known to the
    /// public as `publicURL` when given.
    init(host: String, publicURL: String?) {
        var names: Set<String> = ["localhost", "127.0.0.1", "::1"]
        if !["0.0.0.0", "::", ""].contains(host) { names.insert(host.lowercased()) }
        if let publicURL, let name = URL(string: publicURL)?.host { names.insert(name.lowercased()) }
        names.formUnion(ServerAddresses.interfaceAddresses())
        let machine = ProcessInfo.processInfo.hostName.lowercased()
        if !machine.isEmpty { names.formUnion([machine, machine.split(separator: ".").first.map { "\($0).local" } ?? machine]) }
        self.names = names
    }

    /// Whether a request's authority (`host`, `host:port`, `[v6]:port`) names this server; a
    /// request with none (not a browser's) is let through.
    func admits(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return true }
        var name = authority.lowercased()
        if name.hasPrefix("["), let end = name.firstIndex(of: "]") {
            name = String(name[name.index(after: name.startIndex)..<end])
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        if name.hasSuffix(".") { name.removeLast() }
        return names.contains(name)
    }
}

/// Refuses, in words, a request addressed to a host this server was not started for.
struct AllowedHostsMiddleware<Context: RequestContext>: RouterMiddleware {
    let hosts: AllowedHosts

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard hosts.admits(request.head.authority) else {
            let words =
                "此服务器不以这个名称提供服务：请使用工作人员给出的地址。\nThis server does not answer to that name: use the address the staff gave.\n"
            var response = Response(status: .misdirectedRequest, body: .init(byteBuffer: ByteBuffer(string: words)))
            response.headers[.contentType] = "text/plain; charset=utf-8"
            return response
        }
        return try await next(request, context)
    }
}
