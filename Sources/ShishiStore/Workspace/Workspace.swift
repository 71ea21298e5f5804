public import Foundation
public import GRDB
import ShishiCore

/// A congress office's workspace: one SQLite database (through GRDB, WAL mode, foreign keys on)
/// holding the adopted projects, their implementation tracking and their evaluation, with every
/// change appended to a hash-chained audit log in the same transaction.
///
/// Shaped after GRDB's demo `AppDatabase`: a small `Sendable` value around a `DatabaseWriter`,
/// the schema only in named migrations, and task-level methods in extensions.
public struct Workspace: Sendable {
    /// The database.
    let writer: any DatabaseWriter
    /// The clock that stamps audit entries (fixed in tests).
    let clock: @Sendable () -> Date
    /// Who is making the changes, recorded in the audit log.
    public let actor: String
    /// Where attached files are kept, by their SHA-256 (`PATH.files/` beside the database);
    /// `nil` for a workspace with no file on disk.
    public let filesFolder: URL?

    /// Opens (creating if needed) the workspace at `url` and brings its schema up to date.
    public init(url: URL, actor: String, clock: @escaping @Sendable () -> Date = Date.init) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration)
        } catch {
            throw ShishiError(
                .workspaceOpen,
                zh: "无法打开工作库 \(url.path)：\(error)。请检查路径和权限。",
                en: "Cannot open the workspace \(url.path): \(error). Check the path and permissions."
            )
        }
        try self.init(writer: pool, actor: actor, clock: clock, filesFolder: URL(fileURLWithPath: url.path + ".files"))
    }

    /// Wraps an open database writer (an in-memory queue in tests) and migrates it.
    public init(writer: any DatabaseWriter, actor: String, clock: @escaping @Sendable () -> Date = Date.init, filesFolder: URL? = nil) throws {
        self.writer = writer
        self.actor = actor
        self.clock = clock
        self.filesFolder = filesFolder
        try Self.migrator.migrate(writer)
    }

    /// The same workspace, its changes recorded in the audit log as made by `actor` (a web
    /// account): one database, many actors.
    public func acting(as actor: String) -> Workspace {
        Workspace(writer: writer, clock: clock, actor: actor, filesFolder: filesFolder)
    }

    /// A workspace opened to be read and checked only (a backup): no migration runs.
    public init(readingOnly queue: DatabaseQueue) {
        self.init(writer: queue, clock: Date.init, actor: "check", filesFolder: nil)
    }

    /// A copy sharing the open database (no migration).
    private init(writer: any DatabaseWriter, clock: @escaping @Sendable () -> Date, actor: String, filesFolder: URL?) {
        self.writer = writer
        self.clock = clock
        self.actor = actor
        self.filesFolder = filesFolder
    }

    /// Whether a workspace file exists at `url`.
    public static func exists(at url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }

    /// Opens an existing workspace, with a clear message when there is none.
    public static func open(url: URL, actor: String, clock: @escaping @Sendable () -> Date = Date.init) throws -> Workspace {
        guard exists(at: url) else {
            throw ShishiError(
                .workspaceMissing,
                zh: "找不到工作库 \(url.path)：请先运行 shishi workspace init \(url.path)，或用 --workspace 指定。",
                en: "No workspace at \(url.path): run shishi workspace init \(url.path) first, or name one with --workspace."
            )
        }
        return try Workspace(url: url, actor: actor, clock: clock)
    }

    /// Runs `changes` in one transaction, with an audit context that appends to the chain in the
    /// same transaction: either everything is committed, or nothing is.
    @discardableResult
    public func write<T: Sendable>(_ changes: @Sendable (Database, AuditTrail) throws -> T) throws -> T {
        let at = Timestamp.string(clock())
        let actor = actor
        return try writer.write { db in
            try changes(db, AuditTrail(db: db, actor: actor, at: at))
        }
    }

    /// The time the next audit entry would carry (ISO 8601, UTC, by the workspace's clock).
    public var now: String { Timestamp.string(clock()) }

    /// Reads in a consistent snapshot.
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try writer.read(body)
    }
}
