public import Foundation
import GRDB
import ShishiCore
public import ShishiStore

/// Backups of a workspace (`shishi workspace backup` and `restore`): the database by SQLite's
/// online backup (the year's server may go on writing), the file store of attachments with it,
/// and both checked before they count: the audit chain holds, and every attached file is there
/// and hashes to its name.
///
/// A backup is a folder: `workspace.sqlite` and `workspace.sqlite.files/`. Both directions are
/// written under temporary names and renamed into place at the end, so a backup or a restore cut
/// short (a crash, a `kill -9`) leaves no torn copy, only a `.…tmp` folder or file that was never
/// in place, and the original untouched. Nothing is overwritten.
public enum WorkspaceBackup {
    /// What a backup holds.
    public struct Report: Sendable, Equatable {
        /// Entries of the audit log, checked.
        public var entries: Int
        /// Attached files, checked.
        public var files: Int
    }

    /// The database's name inside a backup folder.
    public static let databaseName = "workspace.sqlite"

    /// Backs `workspace` up into the new folder `folder`, and checks the copy.
    public static func backup(_ workspace: Workspace, to folder: URL) throws -> Report {
        try refuseExisting(folder)
        let parent = folder.deletingLastPathComponent()
        try FileAccess.makeDirectory(parent)
        let temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileAccess.makeDirectory(temporary)
        let database = temporary.appendingPathComponent(databaseName)
        try workspace.backupDatabase(to: database)
        if let store = workspace.filesFolder, FileManager.default.fileExists(atPath: store.path) {
            try copyStore(store, to: URL(fileURLWithPath: database.path + ".files"))
        }
        let report = try check(database: database)
        FileAccess.synchronizeFolder(temporary)
        guard rename(temporary.path, folder.path) == 0 else { throw failure(folder, "rename") }
        FileAccess.synchronizeFolder(parent)
        return report
    }

    /// Restores the backup in `folder` as the workspace at `url` (with its file store beside it),
    /// after checking it; refuses when a workspace is already at `url`.
    public static func restore(from folder: URL, to url: URL) throws -> Report {
        let source = folder.appendingPathComponent(databaseName)
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw ShishiError(
                .workspaceBackup, zh: "\(folder.path) 不是工作库备份：里面没有 \(databaseName)。",
                en: "\(folder.path) is not a workspace backup: it holds no \(databaseName).")
        }
        guard !Workspace.exists(at: url) else {
            throw ShishiError(.workspaceExists, zh: "\(url.path) 已存在，不会覆盖。", en: "\(url.path) already exists and will not be overwritten.")
        }
        let report = try check(database: source)
        let parent = url.deletingLastPathComponent()
        try FileAccess.makeDirectory(parent)
        let token = UUID().uuidString
        let temporaryDatabase = parent.appendingPathComponent(".\(url.lastPathComponent).\(token).tmp")
        let temporaryStore = parent.appendingPathComponent(".\(url.lastPathComponent).files.\(token).tmp")
        defer {
            try? FileManager.default.removeItem(at: temporaryDatabase)
            try? FileManager.default.removeItem(at: temporaryStore)
        }
        do {
            try FileManager.default.copyItem(at: source, to: temporaryDatabase)
        } catch {
            throw failure(url, "\(error)")
        }
        let sourceStore = URL(fileURLWithPath: source.path + ".files")
        let store = URL(fileURLWithPath: url.path + ".files")
        if FileManager.default.fileExists(atPath: sourceStore.path) { try copyStore(sourceStore, to: temporaryStore) }
        // A file store left without its database (a restore cut short) is kept aside, not merged.
        if FileManager.default.fileExists(atPath: store.path) {
            let aside = URL(fileURLWithPath: store.path + ".before-restore-\(token)")
            guard rename(store.path, aside.path) == 0 else { throw failure(url, "rename") }
        }
        FileAccess.synchronizeFolder(parent)
        if FileManager.default.fileExists(atPath: temporaryStore.path) {
            guard rename(temporaryStore.path, store.path) == 0 else { throw failure(url, "rename") }
        }
        // The database last: once it is in place the restore is whole.
        guard link(temporaryDatabase.path, url.path) == 0 else { throw failure(url, "link") }
        FileAccess.synchronizeFolder(parent)
        return report
    }

    /// Checks a backup's database (and its file store beside it): the audit chain holds, and
    /// every attachment and piece of evidence it records is stored and hashes to its name.
    public static func check(database: URL) throws -> Report {
        let queue: DatabaseQueue
        do {
            var configuration = Configuration()
            configuration.readonly = true
            queue = try DatabaseQueue(path: database.path, configuration: configuration)
        } catch {
            throw ShishiError(.workspaceBackup, zh: "无法打开备份 \(database.path)：\(error)。", en: "Cannot open the backup \(database.path): \(error).")
        }
        let workspace = Workspace(readingOnly: queue)
        let chain = try workspace.verifyAuditChain()
        if let broken = chain.firstBroken {
            throw ShishiError(
                .workspaceBackup, zh: "备份的审计链不完整：\(broken.reason.zh)。这份备份不能用。",
                en: "The backup's audit chain does not hold: \(broken.reason.en). This backup cannot be used.")
        }
        let hashes = try queue.read { db in
            // Every table of stored files the copy has (one made by an earlier version has fewer).
            let tables = try [AttachmentRecord.databaseTableName, RectificationEvidenceRecord.databaseTableName, MilestoneEvidenceRecord.databaseTableName]
                .filter { try db.tableExists($0) }
            return try String.fetchAll(db, sql: tables.map { "SELECT sha256 FROM \($0)" }.joined(separator: " UNION "))
        }
        let store = URL(fileURLWithPath: database.path + ".files")
        for hex in hashes {
            let data = try? Data(contentsOf: Workspace.storedURL(hex, in: store))
            guard let data, HashAlgorithm.sha256.digest(data).hex == hex else {
                throw ShishiError(
                    .workspaceBackup, zh: "备份缺少附件 \(hex.prefix(12))…，或其内容与记录的哈希不符。这份备份不完整。",
                    en: "The backup lacks the attachment \(hex.prefix(12))…, or it does not match its recorded hash. This backup is not whole.")
            }
        }
        return Report(entries: chain.entries, files: hashes.count)
    }

    /// Copies a file store (content-addressed, never rewritten) file by file.
    private static func copyStore(_ store: URL, to destination: URL) throws {
        do {
            try FileManager.default.copyItem(at: store, to: destination)
        } catch {
            throw failure(destination, "\(error)")
        }
    }

    private static func refuseExisting(_ url: URL) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw ShishiError(
                .workspaceExists, zh: "\(url.path) 已存在，不会覆盖：请换一个名字。", en: "\(url.path) already exists and will not be overwritten: choose another name.")
        }
    }

    private static func failure(_ url: URL, _ what: String) -> ShishiError {
        ShishiError(
            .workspaceBackup, zh: "无法写入 \(url.path)（\(what)）：请检查空间与权限；原来的文件没有改动。",
            en: "Cannot write \(url.path) (\(what)): check the space and permissions; nothing that was there has changed.")
    }
}
