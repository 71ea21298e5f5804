public import Foundation
import GRDB
import ShishiCore

/// Tells whether a workspace file has changed, from any connection of any process: SQLite's
/// `PRAGMA data_version` read on a connection of its own that never writes, so every commit
/// made elsewhere (this process's workspace, a command in a terminal) changes the number.
/// A page rendered from the workspace may be kept for as long as the number stands.
public final class WorkspaceChanges: Sendable {
    private let queue: DatabaseQueue

    /// Watches the workspace database at `url` (which must exist).
    public init(url: URL) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            queue = try DatabaseQueue(path: url.path, configuration: configuration)
        } catch {
            throw ShishiError(
                .workspaceOpen, zh: "无法打开工作库 \(url.path)：\(error)。请检查路径和权限。",
                en: "Cannot open the workspace \(url.path): \(error). Check the path and permissions.")
        }
    }

    /// A number that differs from the last one read whenever the database has changed since.
    public func version() throws -> Int64 {
        // One prepared statement, outside any explicit transaction: SQLite reads the number in
        // the statement's own read transaction (GRDB's `read` would add a BEGIN and a COMMIT).
        try queue.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0 }
    }
}
