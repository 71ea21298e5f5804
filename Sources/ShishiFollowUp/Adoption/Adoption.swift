public import Foundation
import GRDB
import ShishiBallot
import ShishiCore
public import ShishiStore
import ShishiTally

/// `shishi projects adopt`: takes the adopted projects of a vote into the workspace, only from a
/// result that passes `shishi verify` in full.
public enum Adoption {
    /// Verifies the result in `folder` (with `previous` for a later round) and records its vote
    /// and adopted projects, in one audited transaction. Returns the projects recorded.
    public static func adopt(resultIn folder: URL, previous: URL?, into workspace: Workspace) throws -> [ProjectRecord] {
        let verified = try VerifiedResult(folder: folder, previous: previous)
        let (vote, result) = (verified.vote, verified.result)
        guard !vote.manifest.style.isRating else {
            throw ShishiError(
                .adoptEvaluation,
                zh: "这是满意度测评，不是选择项目的投票：请用 shishi evaluation import 导入测评结果。",
                en: "This is a satisfaction evaluation, not a vote choosing projects: take it in with shishi evaluation import."
            )
        }
        guard let allocation = result.allocation else {
            throw ShishiError(
                .adoptNotCounted, zh: "这一轮没有计票结果（无效或不足法定人数），没有可导入的项目。", en: "This round was not counted (void or inquorate): there are no projects to adopt.")
        }
        let manifest = vote.manifest
        let resultHash = verified.resultHash.description
        let voteHash = vote.hash.description
        let adoptedAll = result.adoptedAll
        return try workspace.write { db, audit in
            if try VoteRecord.filter(VoteRecord.Columns.voteHash == voteHash).fetchOne(db) != nil {
                throw ShishiError(
                    .adoptAlready,
                    zh: "这次投票（\(vote.hash.short)…）的结果已经导入过了。",
                    en: "This vote's result (\(vote.hash.short)…) has already been adopted."
                )
            }
            var record = VoteRecord(
                voteHash: voteHash, title: manifest.title, session: manifest.session, round: manifest.round, folder: folder.path,
                resultHash: resultHash, boxDigest: result.boxDigest.description, signers: verified.signers.joined(separator: ", "),
                adoptedAt: audit.at
            )
            try record.insert(db)
            try RosterCopy.store(vote.roster, voteId: record.id!, in: db)
            var projects: [ProjectRecord] = []
            for id in allocation.adopted {
                guard let candidate = manifest.candidate(id), let counted = result.candidates.first(where: { $0.id == id }) else { continue }
                var project = ProjectRecord(
                    voteId: record.id!, candidateId: id, title: candidate.title, titleEn: candidate.titleEn,
                    rank: (adoptedAll.firstIndex(of: id) ?? 0) + 1, yes: counted.yes, department: candidate.department
                )
                try project.insert(db)
                projects.append(project)
            }
            try audit.record(
                "vote.adopt", subject: "vote:\(voteHash)",
                detail: AdoptDetail(
                    voteHash: voteHash, resultHash: resultHash, round: manifest.round, signers: verified.signers,
                    projects: projects.map { "\($0.id!):\($0.candidateId) \($0.title)" }
                ))
            return projects
        }
    }

    struct AdoptDetail: Encodable {
        var voteHash: String
        var resultHash: String
        var round: Int
        var signers: [String]
        var projects: [String]
    }
}
