import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// An account of the year's web pages, and what it may do: the one home of those rules, which
/// the server asks before every page and form.
///
/// The congress office (`secretariat`) sees and does everything; a responsible department sees
/// and reports on its own projects only (those whose department is the account's); a member of a
/// deputy monitoring group inspects the projects whose group holds the account's deputy.
public struct YearAccount: Sendable, Equatable, Codable {
    /// The roles.
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// The congress office: everything.
        case secretariat
        /// A responsible department (责任单位): its own projects.
        case department
        /// A member of a deputy monitoring group (代表小组): its group's projects.
        case member

        /// The role in words.
        public var title: Text {
            switch self {
            case .secretariat: Text("人大办公室", "congress office")
            case .department: Text("责任单位", "department")
            case .member: Text("代表小组成员", "monitoring group member")
            }
        }
    }

    /// The login name.
    public var name: String
    /// The role.
    public var role: Role
    /// For a department, the department.
    public var department: String?
    /// For a group member, the deputy's roster id.
    public var deputyId: String?

    /// Creates an account view.
    public init(name: String, role: Role, department: String? = nil, deputyId: String? = nil) {
        self.name = name
        self.role = role
        self.department = department
        self.deputyId = deputyId
    }

    /// Whether the account sees `project` on its board.
    public func sees(_ project: ProjectRecord, groups: [GroupMemberRecord]) -> Bool {
        switch role {
        case .secretariat: true
        case .department: project.department != nil && project.department == department
        case .member: groups.contains { $0.projectId == project.id && $0.deputyId == deputyId }
        }
    }

    /// Whether the account may report progress on `project`: the office, or the project's department.
    public func mayReport(on project: ProjectRecord) -> Bool {
        role == .secretariat || (role == .department && project.department != nil && project.department == department)
    }

    /// Refuses a progress report on `project` by this account, saying whose project it is.
    public func requireReport(on project: ProjectRecord) throws {
        guard mayReport(on: project) else {
            throw ShishiError(
                .accessDenied, zh: "项目 \(project.id!)（\(project.title)）由\(project.department ?? "其他单位")负责，本账户不能填报它的进度。",
                en: "Project \(project.id!) (\(project.title)) belongs to \(project.department ?? "another department"): this account cannot report on it.")
        }
    }

    /// Accounts' names: letters (any script), digits, `-`, `_` and `.`, at most 32.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 32 && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }
    }
}

extension Workspace {
    /// Adds an account with its password's hash (made by the caller: the server's bcrypt). A
    /// department account names a department some project has; a member names a deputy on a
    /// project's monitoring group. Recorded in the audit log without the hash.
    @discardableResult
    public func addAccount(_ account: YearAccount, passwordHash: String, mustChangePassword: Bool = false) throws -> YearAccount {
        guard YearAccount.isValidName(account.name) else {
            throw ShishiError(
                .accountBadName, zh: "账户名“\(account.name.prefix(40))”无效：只能由字母、数字、汉字和 - _ . 组成，至多 32 个字符。",
                en: "The account name “\(account.name.prefix(40))” is not valid: use letters, digits, - _ and ., at most 32.")
        }
        return try write { db, audit in
            switch account.role {
            case .secretariat:
                guard account.department == nil, account.deputyId == nil else {
                    throw ShishiError(
                        .accountBadRole, zh: "人大办公室账户不带 --department 或 --deputy。", en: "An office account takes no --department or --deputy.")
                }
            case .department:
                guard let department = account.department, account.deputyId == nil else {
                    throw ShishiError(.accountBadRole, zh: "责任单位账户须用 --department 写明单位。", en: "A department account names its department with --department.")
                }
                let known = try String.fetchAll(db, sql: "SELECT DISTINCT department FROM project WHERE department IS NOT NULL ORDER BY department")
                guard known.contains(department) else {
                    throw ShishiError(
                        .accountBadRole,
                        zh: "没有项目由“\(department)”负责（现有：\(known.isEmpty ? "无" : known.joined(separator: "、"))）：请先用 shishi projects update 写明责任单位。",
                        en:
                            "No project belongs to “\(department)” (there are: \(known.isEmpty ? "none" : known.joined(separator: ", "))): set departments with shishi projects update first."
                    )
                }
            case .member:
                guard let deputy = account.deputyId, account.department == nil else {
                    throw ShishiError(.accountBadRole, zh: "代表小组成员账户须用 --deputy 写明代表编号。", en: "A group member's account names the deputy with --deputy.")
                }
                guard try GroupMemberRecord.filter(GroupMemberRecord.Columns.deputyId == deputy).fetchCount(db) > 0 else {
                    throw ShishiError(
                        .accountBadRole, zh: "代表 \(deputy) 不在任何项目的代表小组中：请先用 shishi group add 编组。",
                        en: "Deputy \(deputy) is in no project's monitoring group: add them with shishi group add first.")
                }
            }
            guard try AccountRecord.filter(AccountRecord.Columns.name == account.name).fetchCount(db) == 0 else {
                throw ShishiError(.accountExists, zh: "账户“\(account.name)”已存在。", en: "The account “\(account.name)” already exists.")
            }
            var record = AccountRecord(
                name: account.name, role: account.role.rawValue, department: account.department, deputyId: account.deputyId, passwordHash: passwordHash,
                createdAt: audit.at, mustChangePassword: mustChangePassword)
            try record.insert(db)
            try audit.record("account.add", subject: account.name, detail: account)
            return account
        }
    }

    /// The account `name` and its record (password hash, first password, disabled), if there is one.
    public func account(named name: String) throws -> (account: YearAccount, record: AccountRecord)? {
        try read { db in
            guard let record = try AccountRecord.filter(AccountRecord.Columns.name == name).fetchOne(db), let role = YearAccount.Role(rawValue: record.role)
            else { return nil }
            return (YearAccount(name: record.name, role: role, department: record.department, deputyId: record.deputyId), record)
        }
    }

    /// Every project's monitoring group members.
    public func allGroupMembers() throws -> [GroupMemberRecord] {
        try read { try GroupMemberRecord.fetchAll($0) }
    }
}
