import HummingbirdBcrypt
public import ShishiCore
public import ShishiFollowUp
public import ShishiStore

/// The year's accounts, kept in the workspace: a role, the department or deputy it acts for, and
/// a bcrypt hash of the password. `shishi serve user add --workspace` adds one; the server checks logins.
public enum YearAccounts {
    /// Adds `account` with `password` (hashed with bcrypt, cost 12; 10 to 72 bytes).
    @discardableResult
    public static func add(_ account: YearAccount, password: String, in workspace: Workspace) throws -> YearAccount {
        guard password.count >= StaffAccounts.minimumPasswordLength, password.utf8.count <= 72 else {
            throw ShishiError(
                .serverBadPassword, zh: "密码应为 \(StaffAccounts.minimumPasswordLength) 至 72 个字节。",
                en: "A password must have \(StaffAccounts.minimumPasswordLength) to 72 bytes.")
        }
        return try workspace.addAccount(account, passwordHash: Bcrypt.hash(password, cost: 12))
    }

    /// The account `name` when `password` is its password.
    public static func verify(name: String, password: String, in workspace: Workspace) throws -> YearAccount? {
        guard let (account, hash) = try workspace.account(named: name) else {
            // Spend the time a check costs, so the answer's speed does not tell whether the name exists.
            _ = Bcrypt.verify(password, hash: decoyHash)
            return nil
        }
        return Bcrypt.verify(password, hash: hash) ? account : nil
    }

    private static let decoyHash = Bcrypt.hash("shishi decoy password", cost: 12)
}
