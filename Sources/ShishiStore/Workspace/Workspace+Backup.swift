public import Foundation
import GRDB
import ShishiCore

extension Workspace {
    /// Copies the database, as it stands at one moment, into a new file at `url` with SQLite's
    /// online backup: the server's writers go on meanwhile, and the copy is one consistent state.
    public func backupDatabase(to url: URL) throws {
        do {
            let destination = try DatabaseQueue(path: url.path)
            try writer.backup(to: destination)
            // One self-contained file: no write-ahead log beside it (a restored workspace opens in WAL mode again).
            try destination.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch {
            throw ShishiError(
                .workspaceBackup, zh: "无法复制工作库到 \(url.path)：\(error)。请检查空间与权限。",
                en: "Cannot copy the workspace to \(url.path): \(error). Check the space and permissions.")
        }
    }
}
