internal import Crypto
import Foundation
public import GRDB
public import ShishiCore

/// One entry of the audit log: who did what to what, when, chained to the previous entry.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The row id (the entry's number).
    public var id: Int64?
    /// When (ISO 8601, UTC).
    public var at: String
    /// Who.
    public var actor: String
    /// What was done (`project.adopt`, `milestone.add`, …).
    public var action: String
    /// What it was done to (`vote:…`, `project:12`).
    public var subject: String
    /// The change itself, as canonical JSON.
    public var detail: String
    /// The hash of the previous entry (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 over the previous hash and this entry's fields.
    public var hash: String

    /// The hash an entry with these fields must have.
    static func computeHash(previousHash: String, at: String, actor: String, action: String, subject: String, detail: String) -> String {
        let fields = [previousHash, at, actor, action, subject, detail].map { "\($0.utf8.count):\($0)" }.joined(separator: "\n")
        return Data(SHA256.hash(data: Data(fields.utf8))).hexString
    }

    /// The hash of the first entry's predecessor.
    static let genesis = String(repeating: "0", count: 64)
}

extension AuditEntry {
    /// The table's columns, named once for every query (GRDB's recommended practice).
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `at`.
        public static let at = Column(CodingKeys.at)
        /// `actor`.
        public static let actor = Column(CodingKeys.actor)
        /// `action`.
        public static let action = Column(CodingKeys.action)
        /// `subject`.
        public static let subject = Column(CodingKeys.subject)
        /// `detail`.
        public static let detail = Column(CodingKeys.detail)
        /// `previousHash`.
        public static let previousHash = Column(CodingKeys.previousHash)
        /// `hash`.
        public static let hash = Column(CodingKeys.hash)
    }
}

/// The audit context of one transaction: every change it records joins the hash chain, in the
/// same transaction as the change itself.
public struct AuditTrail {
    let db: Database
    /// Who makes the changes of this transaction.
    public let actor: String
    /// When (ISO 8601, UTC): the time stamped on every entry of this transaction.
    public let at: String

    /// Appends an entry for a change made in this transaction.
    public func record<Detail: Encodable>(_ action: String, subject: String, detail: Detail) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM auditEntry ORDER BY id DESC LIMIT 1") ?? AuditEntry.genesis
        let text = String(decoding: try StrictJSON.encode(detail), as: UTF8.self)
        let entry = AuditEntry(
            id: nil, at: at, actor: actor, action: action, subject: subject, detail: text, previousHash: previous,
            hash: AuditEntry.computeHash(previousHash: previous, at: at, actor: actor, action: action, subject: subject, detail: text)
        )
        try entry.insert(db)
    }
}

extension Workspace {
    /// The outcome of `shishi log verify`.
    public struct ChainCheck: Sendable {
        /// Entries checked.
        public var entries: Int
        /// The first entry that does not fit the chain, and why; `nil` when the chain holds.
        public var firstBroken: (id: Int64, reason: Text)?
    }

    /// Recomputes the audit chain and names the first broken entry.
    public func verifyAuditChain() throws -> ChainCheck {
        try read { db in
            var previous = AuditEntry.genesis
            var count = 0
            let cursor = try AuditEntry.order(AuditEntry.Columns.id).fetchCursor(db)
            while let entry = try cursor.next() {
                count += 1
                let id = entry.id ?? 0
                guard entry.previousHash == previous else {
                    return ChainCheck(
                        entries: count,
                        firstBroken: (
                            id,
                            Text(
                                "第 \(id) 条记录的前序哈希与上一条不符：之前的记录被删除、插入或改动过",
                                "entry \(id) does not follow the entry before it: an earlier entry was removed, inserted or changed")
                        ))
                }
                let expected = AuditEntry.computeHash(
                    previousHash: entry.previousHash, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, detail: entry.detail)
                guard entry.hash == expected else {
                    return ChainCheck(
                        entries: count,
                        firstBroken: (
                            id,
                            Text(
                                "第 \(id) 条记录（\(entry.action)）的内容与其哈希不符：该记录被改动过", "entry \(id) (\(entry.action)) does not match its hash: the entry was changed")
                        ))
                }
                previous = entry.hash
            }
            return ChainCheck(entries: count, firstBroken: nil)
        }
    }
}
