public import Foundation
public import ShishiBallot
public import ShishiCore
public import ShishiTally

/// A counted round whose `result.json` passes `shishi verify` in full: the only kind of result the
/// workspace takes in, whether it adopts projects or records an evaluation.
public struct VerifiedResult: Sendable {
    /// The vote folder.
    public var vote: Vote
    /// The published result.
    public var result: TallyResult
    /// The hash of the result's exact payload bytes.
    public var resultHash: HashValue
    /// The scrutineers who signed it.
    public var signers: [String]

    /// Opens the folder, recounts it (with `previous` for a later round) and refuses a result that
    /// fails any check, naming every failed check.
    public init(folder: URL, previous: URL? = nil) throws {
        let vote = try VoteFolder(url: folder).open()
        let previousResult = try previous.map(ResultFile.published(in:))
        let verification = try Verification.run(vote, previous: previousResult)
        if verification.isPublicCopy { throw Verification.publicCopyRefusal(Text("导入结果", "taking the result in")) }
        if verification.verdict == .pendingSignature {
            throw ShishiError(
                .adoptUnverified,
                zh: "这份结果与重新计票一致，但还没有监票人会签，不能导入：请监票人先会签（shishi result sign）。",
                en:
                    "This result matches the recount but no scrutineer has countersigned it yet, so it cannot be taken in: a scrutineer signs it first (shishi result sign)."
            )
        }
        guard verification.passed else {
            let failed = verification.checks.filter { !$0.passed }
            throw ShishiError(
                .adoptUnverified,
                zh:
                    "这份结果没有通过核验，不能导入：\(failed.map { "检查 \($0.number)（\($0.check?.title.zh ?? $0.name)）：\($0.detail.zh)" }.joined(separator: "；"))。请先用 shishi verify 查明原因。",
                en:
                    "This result does not pass verification and cannot be taken in: \(failed.map { "check \($0.number) (\($0.check?.title.en ?? $0.name)): \($0.detail.en)" }.joined(separator: "; ")). Find out why with shishi verify."
            )
        }
        let (envelope, result) = try ResultFile(vote: vote).read()
        self.vote = vote
        self.result = result
        self.resultHash = vote.manifest.hash.digest(envelope.payload)
        self.signers = verification.signers
    }
}
