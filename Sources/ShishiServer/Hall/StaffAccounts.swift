public import Foundation
import HummingbirdBcrypt
import ShishiCore
import ShishiFollowUp
import Synchronization

/// The staff accounts of a hall server, kept in `accounts.json` in the server's state folder
/// (never in the vote folder, which is the public record): a name, a role and a bcrypt hash of
/// the password. `shishi serve user add` writes it; the server reads it.
public struct StaffAccounts: Sendable {
    /// One account.
    public struct Account: Sendable, Codable, Equatable {
        /// The login name.
        public var name: String
        /// The role.
        public var role: StaffRole
        /// The bcrypt hash of the password (cost 12).
        public var passwordHash: String
    }

    /// The file.
    public let url: URL

    /// The accounts of the state folder `folder`.
    public init(folder: URL) {
        url = folder.appendingPathComponent("accounts.json")
    }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    /// Every account (none when the file does not exist yet).
    public func all() throws -> [Account] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        do {
            return try StrictJSON.decode([Account].self, from: FileAccess.read(url), source: url.lastPathComponent)
        } catch let error as ShishiError {
            throw ShishiError(.serverAccountsUnreadable, zh: "账户文件无法读取：\(error.message.zh)", en: "The accounts file cannot be read: \(error.message.en)")
        }
    }

    /// Adds an account, refusing a name already taken, a name that is not plain, or a password
    /// shorter than ``minimumPasswordLength``. The file is replaced atomically under its folder's lock.
    @discardableResult
    public func add(name: String, role: StaffRole, password: String) throws -> Account {
        guard YearAccount.isValidName(name) else {
            throw ShishiError(
                .serverBadAccountName, zh: "账户名“\(name.prefix(40))”无效：只能由字母、数字、汉字和 - _ . 组成，至多 32 个字符。",
                en: "The account name “\(name.prefix(40))” is not valid: use letters, digits, - _ and ., at most 32."
            )
        }
        let account = Account(name: name, role: role, passwordHash: try Self.hash(password: password))
        try FolderLock.withLock(url.deletingLastPathComponent()) {
            var accounts = try all()
            guard !accounts.contains(where: { $0.name == name }) else {
                throw ShishiError(.serverAccountExists, zh: "账户“\(name)”已存在。", en: "The account “\(name)” already exists.")
            }
            accounts.append(account)
            try FileAccess.replace(url, data: StrictJSON.encode(accounts, pretty: true), mode: 0o600)
        }
        return account
    }

    /// The account `name` when `password` is its password.
    public func verify(name: String, password: String) throws -> Account? {
        let account = try all().first(where: { $0.name == name })
        return Self.check(password, hash: account?.passwordHash) ? account : nil
    }

    /// A bcrypt hash (cost 12) of `password`, refused unless it has ``minimumPasswordLength`` to
    /// 72 bytes: every account of the hall and of the year is made through it.
    static func hash(password: String) throws -> String {
        guard password.count >= minimumPasswordLength, password.utf8.count <= 72 else {
            throw ShishiError(
                .serverBadPassword, zh: "密码应为 \(minimumPasswordLength) 至 72 个字节。",
                en: "A password must have \(minimumPasswordLength) to 72 bytes."
            )
        }
        return Bcrypt.hash(password, cost: 12)
    }

    /// Whether `password` matches `hash`. With no hash (no such account) a check is still spent,
    /// so the answer's speed does not tell whether the name exists.
    static func check(_ password: String, hash: String?) -> Bool {
        guard let hash else {
            _ = Bcrypt.verify(password, hash: decoyHash)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    private static let decoyHash = Bcrypt.hash("shishi decoy password", cost: 12)
}
