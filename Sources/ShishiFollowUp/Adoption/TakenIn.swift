import GRDB
public import ShishiCore
public import ShishiStore

/// Whether a vote folder's result is already in the workspace: a vote's projects adopted, or an
/// evaluation round's ratings imported. The one place both are looked up by the vote's hash.
public enum TakenIn {
    /// How the vote with `voteHash` was taken in, in words, or `nil` when it has not been.
    public static func describe(voteHash: HashValue, in workspace: Workspace) throws -> Text? {
        let hash = voteHash.description
        return try workspace.read { db in
            if let vote = try VoteRecord.filter(VoteRecord.Columns.voteHash == hash).fetchOne(db) {
                let count = try ProjectRecord.filter(Column("voteId") == vote.id).fetchCount(db)
                return Text(
                    "已于 \(vote.adoptedAt.prefix(10)) 导入 \(count) 个当选项目。", "Taken in on \(vote.adoptedAt.prefix(10)): \(count, noun: "adopted project").")
            }
            if let source = try ScoreSourceRecord.filter(ScoreSourceRecord.Columns.voteHash == hash).fetchOne(db) {
                return Text(
                    "已作为 \(source.year) 年的“\(source.name)”（权重 \(source.weight)）计入测评。",
                    "Taken into \(source.year)'s scores as “\(source.name)” (weight \(source.weight)).")
            }
            return nil
        }
    }
}
