import Foundation
import ShishiCore
public import ShishiFollowUp
public import ShishiStore

/// The year's accounts, kept in the workspace: a role, the department or deputy it acts for, and
/// a bcrypt hash of the password. `shishi serve user add --workspace` adds one, and so does the
/// office's accounts page, with a first password to be changed at the first sign-in; the server
/// checks logins.
public enum YearAccounts {
    /// Adds `account` with `password` (hashed with bcrypt, cost 12; 10 to 72 bytes).
    @discardableResult
    public static func add(_ account: YearAccount, password: String, in workspace: Workspace) throws -> YearAccount {
        try workspace.addAccount(account, passwordHash: try StaffAccounts.hash(password: password))
    }

    /// Adds `account` with a first password, which it returns: the office hands it over, and the
    /// account must change it at its first sign-in.
    public static func addWithFirstPassword(_ account: YearAccount, in workspace: Workspace) throws -> String {
        let password = firstPassword()
        try workspace.addAccount(account, passwordHash: try StaffAccounts.hash(password: password), mustChangePassword: true)
        return password
    }

    /// Resets account `name` to a new first password, which it returns.
    public static func reset(_ name: String, in workspace: Workspace) throws -> String {
        let password = firstPassword()
        try workspace.setPassword(of: name, passwordHash: try StaffAccounts.hash(password: password), first: true)
        return password
    }

    /// Changes account `name`'s password from `current` to `new` (10 to 72 bytes, not the same).
    public static func change(_ name: String, current: String, new: String, in workspace: Workspace) throws {
        guard let found = try workspace.account(named: name), StaffAccounts.check(current, hash: found.record.passwordHash) else {
            throw ShishiError(.serverBadLogin, zh: "当前密码不对。", en: "The current password is wrong.")
        }
        guard new != current else {
            throw ShishiError(.serverBadPassword, zh: "新密码不能与当前密码相同。", en: "The new password must differ from the current one.")
        }
        try workspace.setPassword(of: name, passwordHash: try StaffAccounts.hash(password: new), first: false)
    }

    /// The account `name` when `password` is its password and it is not disabled, and whether
    /// the password is a first one to be changed now.
    public static func verify(name: String, password: String, in workspace: Workspace) throws -> (account: YearAccount, mustChange: Bool)? {
        let found = try workspace.account(named: name)
        guard StaffAccounts.check(password, hash: found?.record.passwordHash), let found, found.record.disabledAt == nil else { return nil }
        return (found.account, found.record.mustChangePassword)
    }

    /// A first password: 16 letters and digits that cannot be mistaken for one another when read
    /// aloud or copied from paper, in groups of four (about 80 bits).
    static func firstPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return stride(from: 0, to: 16, by: 4).map { String(letters[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
