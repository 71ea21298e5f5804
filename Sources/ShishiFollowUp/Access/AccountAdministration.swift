import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// The office keeps the year's accounts without a terminal: every account listed, a password
/// reset to a first one (changed at the next sign-in), an account disabled and enabled again.
/// Each change is in the audit log under the account that made it, without any hash.
extension Workspace {
    /// Every account, by name.
    public func accounts() throws -> [AccountRecord] {
        try read { db in try AccountRecord.order(AccountRecord.Columns.name).fetchAll(db) }
    }

    /// Sets account `name`'s password to `passwordHash`: a first one the office hands out (to be
    /// changed at the next sign-in) when `first`, else the account holder's own.
    public func setPassword(of name: String, passwordHash: String, first: Bool) throws {
        try write { db, audit in
            var record = try Self.requireAccount(name, db)
            record.passwordHash = passwordHash
            record.mustChangePassword = first
            try record.update(db)
            try audit.record(first ? "account.reset" : "account.password", subject: name, detail: ["account": name])
        }
    }

    /// Disables (or enables again) account `name`; `by` may not disable itself.
    public func setDisabled(_ name: String, _ disabled: Bool, by: String) throws {
        guard !(disabled && name == by) else {
            throw ShishiError(.accountInUse, zh: "不能停用正在使用的账户。", en: "The account in use cannot disable itself.")
        }
        try write { db, audit in
            var record = try Self.requireAccount(name, db)
            guard (record.disabledAt != nil) != disabled else { return }
            record.disabledAt = disabled ? audit.at : nil
            try record.update(db)
            try audit.record(disabled ? "account.disable" : "account.enable", subject: name, detail: ["account": name])
        }
    }

    static func requireAccount(_ name: String, _ db: Database) throws -> AccountRecord {
        guard let record = try AccountRecord.filter(AccountRecord.Columns.name == name).fetchOne(db) else {
            throw ShishiError(.accountMissing, zh: "没有名为“\(name)”的账户。", en: "There is no account “\(name)”.")
        }
        return record
    }
}
