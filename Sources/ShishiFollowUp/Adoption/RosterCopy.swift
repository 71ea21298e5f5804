import Foundation
import GRDB
import ShishiBallot
import ShishiCore
import ShishiStore

/// The workspace's copy of an adopted vote's roster (table `rosterDeputy`).
enum RosterCopy {
    /// Stores every deputy of `roster` for the vote `voteId`.
    static func store(_ roster: Roster, voteId: Int64, in db: Database) throws {
        for deputy in roster.deputies {
            var row = RosterDeputyRecord(voteId: voteId, deputyId: deputy.id, name: deputy.name, deputyGroup: deputy.group)
            try row.insert(db)
        }
    }

    /// The deputies of vote `voteId` named in `ids`, by id. A vote adopted before the workspace
    /// kept rosters has its roster copied from its folder, once, the first time it is needed.
    static func deputies(_ ids: [String], voteId: Int64, folder: String, in db: Database) throws -> [String: RosterDeputyRecord] {
        if try RosterDeputyRecord.filter(RosterDeputyRecord.Columns.voteId == voteId).fetchCount(db) == 0 {
            try store(VoteFolder(url: URL(fileURLWithPath: folder)).open().roster, voteId: voteId, in: db)
        }
        let rows = try RosterDeputyRecord.filter(RosterDeputyRecord.Columns.voteId == voteId && ids.contains(RosterDeputyRecord.Columns.deputyId)).fetchAll(db)
        return Dictionary(rows.map { ($0.deputyId, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
