import Dispatch
import Hummingbird
import ShishiStore
import Synchronization

/// Public pages kept as rendered, each with the workspace's version it was rendered from: a
/// visitor without an account gets the kept page while the workspace is unchanged (one
/// `PRAGMA data_version` read, shared by the requests of the same millisecond), and a new
/// rendering as soon as anything changed: at once after a change this server made (its forms
/// call ``changed()``), within a millisecond after a command's. Keys are bounded: past `limit`
/// the oldest half is dropped.
final class PageCache: Sendable {
    private struct Entry {
        var version: Int64
        var body: ByteBuffer
        var order: Int
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var counter = 0
        /// The version last read, and when (monotonic nanoseconds; 0: read it again).
        var version: Int64 = 0
        var checkedAt: UInt64 = 0
    }

    /// How long a version read stands for the requests that follow it.
    static let recheckAfter: UInt64 = 1_000_000

    private let changes: WorkspaceChanges
    private let limit: Int
    private let state = Mutex(State())

    init(changes: WorkspaceChanges, limit: Int = 256) {
        self.changes = changes
        self.limit = limit
    }

    /// The page under `key`, rendered by `render` unless a rendering of the current workspace is kept.
    func page(_ key: String, render: () throws -> ByteBuffer) throws -> ByteBuffer {
        let version = try currentVersion()
        if let body = state.withLock({ state in state.entries[key].flatMap { $0.version == version ? $0.body : nil } }) {
            return body
        }
        let body = try render()
        state.withLock { state in
            if state.entries.count >= limit {
                let kept = state.entries.sorted { $0.value.order > $1.value.order }.prefix(limit / 2)
                state.entries = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
            }
            state.counter += 1
            state.entries[key] = Entry(version: version, body: body, order: state.counter)
        }
        return body
    }

    /// Makes the next request read the workspace's version again: called after a form of this
    /// server was handled, so that the change it made shows at once.
    func changed() {
        state.withLock { $0.checkedAt = 0 }
    }

    /// The workspace's version, read again when the last reading is older than ``recheckAfter``.
    private func currentVersion() throws -> Int64 {
        let now = DispatchTime.now().uptimeNanoseconds
        if let version = state.withLock({ $0.checkedAt != 0 && now &- $0.checkedAt < Self.recheckAfter ? $0.version : nil }) {
            return version
        }
        let version = try changes.version()
        state.withLock { state in
            state.version = version
            state.checkedAt = now
        }
        return version
    }
}

/// After any form (a request other than GET or HEAD), the kept pages are checked again.
struct PageCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: PageCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        defer { cache.changed() }
        return try await next(request, context)
    }
}
