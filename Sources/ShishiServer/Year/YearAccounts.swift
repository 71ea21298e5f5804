import ShishiCore
public import ShishiFollowUp
public import ShishiStore

/// The year's accounts, kept in the workspace: a role, the department or deputy it acts for, and
/// a bcrypt hash of the password. `shishi serve user add --workspace` adds one; the server checks logins.
public enum YearAccounts {
    /// Adds `account` with `password` (hashed with bcrypt, cost 12; 10 to 72 bytes).
    @discardableResult
    public static func add(_ account: YearAccount, password: String, in workspace: Workspace) throws -> YearAccount {
        try workspace.addAccount(account, passwordHash: try StaffAccounts.hash(password: password))
    }

    /// The account `name` when `password` is its password.
    public static func verify(name: String, password: String, in workspace: Workspace) throws -> YearAccount? {
        let found = try workspace.account(named: name)
        return StaffAccounts.check(password, hash: found?.passwordHash) ? found?.account : nil
    }
}
