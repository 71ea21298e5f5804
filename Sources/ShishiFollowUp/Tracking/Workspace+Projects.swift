import Foundation
import GRDB
import ShishiBallot
import ShishiCore
public import ShishiStore

extension Workspace {
    /// The details a project's plan sets: who answers for it, what it costs, what it must achieve.
    public struct ProjectDetails: Sendable, Codable {
        /// The responsible department (责任单位).
        public var department: String?
        /// The lead official.
        public var lead: String?
        /// The budget, in yuan.
        public var budget: Int?
        /// The targets.
        public var targets: String?

        /// Creates details; `nil` leaves a field as it is.
        public init(department: String? = nil, lead: String? = nil, budget: Int? = nil, targets: String? = nil) {
            self.department = department
            self.lead = lead
            self.budget = budget
            self.targets = targets
        }
    }

    /// Sets a project's details (the fields given; the others stay as they are).
    @discardableResult
    public func updateProject(_ id: Int64, details: ProjectDetails) throws -> ProjectRecord {
        if let budget = details.budget, budget < 0 {
            throw ShishiError(.projectBadBudget, zh: "预算不能为负。", en: "The budget cannot be negative.")
        }
        return try write { db, audit in
            guard var project = try ProjectRecord.fetchOne(db, key: id) else {
                throw ShishiError(
                    .projectMissing, zh: "没有编号为 \(id) 的项目：用 shishi projects status 查看项目编号。",
                    en: "There is no project \(id): see the project numbers with shishi projects status.")
            }
            if let value = details.department { project.department = value }
            if let value = details.lead { project.lead = value }
            if let value = details.budget { project.budget = value }
            if let value = details.targets { project.targets = value }
            try project.update(db)
            try audit.record("project.update", subject: "project:\(id)", detail: details)
            return project
        }
    }

    /// Puts deputies on a project's monitoring group; each must be on the roster of the vote the
    /// project was adopted in. The first named with `leader` leads it.
    @discardableResult
    public func addGroupMembers(project id: Int64, deputies: [String], leader: String?) throws -> [GroupMemberRecord] {
        let named = deputies + (leader.map { [$0] } ?? [])
        return try write { db, audit in
            guard let project = try ProjectRecord.fetchOne(db, key: id), let vote = try VoteRecord.fetchOne(db, key: project.voteId) else {
                throw ShishiError(.projectMissing, zh: "没有编号为 \(id) 的项目。", en: "There is no project \(id).")
            }
            let roster = try RosterCopy.deputies(named, voteId: vote.id!, folder: vote.folder, in: db)
            var members: [GroupMemberRecord] = []
            for deputy in named where !members.contains(where: { $0.deputyId == deputy }) {
                guard let person = roster[deputy] else {
                    throw ShishiError(
                        .groupNotOnRoster, zh: "代表“\(deputy)”不在该项目所属投票的代表名单上。",
                        en: "Deputy “\(deputy)” is not on the roster of the vote this project came from.")
                }
                members.append(GroupMemberRecord(projectId: id, deputyId: deputy, name: person.name, role: deputy == leader ? .leader : .member))
            }
            var inserted: [GroupMemberRecord] = []
            for var member in members {
                do {
                    try member.insert(db)
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                    throw ShishiError(
                        .groupAlready, zh: "代表 \(member.deputyId)（\(member.name)）已在项目 \(id) 的代表小组中。",
                        en: "Deputy \(member.deputyId) (\(member.name)) is already in project \(id)'s monitoring group.")
                }
                inserted.append(member)
            }
            try audit.record("group.add", subject: "project:\(id)", detail: inserted)
            return inserted
        }
    }

    /// The deputies a project's monitoring group may be formed from: the roster of the vote the
    /// project was adopted in, in roster order (read from the vote's folder when the workspace
    /// keeps no copy of it yet).
    public func rosterDeputies(project id: Int64) throws -> [RosterDeputyRecord] {
        try read { db in
            guard let project = try ProjectRecord.fetchOne(db, key: id), let vote = try VoteRecord.fetchOne(db, key: project.voteId) else {
                throw ShishiError(.projectMissing, zh: "没有编号为 \(id) 的项目。", en: "There is no project \(id).")
            }
            let kept = try RosterDeputyRecord.filter(RosterDeputyRecord.Columns.voteId == vote.id!).order(Column("id")).fetchAll(db)
            guard kept.isEmpty else { return kept }
            return try VoteFolder(url: URL(fileURLWithPath: vote.folder)).open().roster.deputies.map {
                RosterDeputyRecord(voteId: vote.id!, deputyId: $0.id, name: $0.name, deputyGroup: $0.group)
            }
        }
    }

    /// The departments projects name, each once, in order.
    public func departments() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT department FROM project WHERE department IS NOT NULL AND department != '' ORDER BY department")
        }
    }

    /// A project's monitoring group.
    public func groupMembers(project id: Int64) throws -> [GroupMemberRecord] {
        try read {
            try GroupMemberRecord.filter(GroupMemberRecord.Columns.projectId == id).order(GroupMemberRecord.Columns.role, GroupMemberRecord.Columns.deputyId)
                .fetchAll($0)
        }
    }
}
