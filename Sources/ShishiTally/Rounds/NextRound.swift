public import Foundation
public import ShishiBallot
public import ShishiCore

/// The next round of a vote (`shishi round next`): a run-off among tied candidates, or a second
/// round for the remaining seats among the candidates not yet adopted. Same roster, rules and
/// officials; a fresh registrar key; the previous round named by its hash.
public enum NextRound {
    /// Starts the round after `result`: its definition (``definition(after:of:registrar:blind:)``)
    /// created at `folder` and signed by the secretariat. What `shishi round next` and the count
    /// room's button both call.
    public static func start(
        after result: TallyResult, of vote: Vote, at folder: URL, secretariat: PrivateKey, registrar: PublicKey, blind: BlindPublicKey?, now: Date
    ) throws -> Vote {
        try definition(after: result, of: vote, registrar: registrar, blind: blind).create(at: folder, secretariat: secretariat, now: now)
    }

    /// The definition of the round after `result`, which must call for one.
    public static func definition(after result: TallyResult, of vote: Vote, registrar: PublicKey, blind: BlindPublicKey?) throws -> VoteDefinition {
        guard result.vote == vote.hash else {
            throw ShishiError(.roundOtherVote, zh: "结果与投票目录不符。", en: "The result does not belong to this vote folder.")
        }
        guard !vote.manifest.style.isRating else {
            throw ShishiError(
                .roundRating,
                zh: "满意度测评没有下一轮：评为不满意的项目整改后，用 shishi evaluation init --look-back 另行组织回头看测评。",
                en: "An evaluation has no next round: after rectification, rate the unsatisfied projects again with shishi evaluation init --look-back."
            )
        }
        guard let allocation = result.allocation, allocation.next != .none else {
            throw ShishiError(
                .roundNotNeeded,
                zh: "本轮结果不需要下一轮投票（\(result.outcome == .counted ? "名额已定" : "本轮未计票；无效或不足法定人数时应重新举行本轮")）。",
                en:
                    "This round's result calls for no further round (\(result.outcome == .counted ? "the seats are decided" : "the round was not counted; a void or inquorate round is held again as it was"))."
            )
        }
        let m = vote.manifest
        let ids = allocation.next == .runOff ? allocation.runOff : m.candidates.map(\.id).filter { !allocation.adopted.contains($0) }
        var candidates = m.candidates.filter { ids.contains($0.id) }
        if let left = allocation.budgetLeft, allocation.next == .secondRound {
            // A project that no longer fits the budget left cannot be adopted in the second round.
            candidates = candidates.filter { ($0.cost ?? .zero) <= left }
        }
        if m.secrecy == .secret, blind == nil || blind == m.keys.blind {
            throw ShishiError(
                .roundReusedBlindKey,
                zh: "下一轮需要新的登记员盲签名密钥（每次投票一把）：请用 shishi key new --suite rsa-blind 生成。",
                en: "The next round needs a fresh registrar blind-signing key (one per vote): make one with shishi key new --suite rsa-blind."
            )
        }
        var definition = VoteDefinition(
            voteId: "\(m.voteId)-r\(m.round + 1)", title: m.title, seats: allocation.openSeats, candidates: candidates,
            rosterCSV: try FileAccess.read(vote.folder.rosterURL), registrar: registrar, blind: m.secrecy == .secret ? blind : nil
        )
        definition.session = m.session
        definition.style = m.style
        definition.secrecy = m.secrecy
        definition.publication = m.publishes
        definition.rules = m.rules
        if let left = allocation.budgetLeft {
            // The budget left is the next round's budget; the yes limit stays, within the candidates.
            definition.budget = left
            definition.maxYes = m.maxYes.map { Swift.min($0, candidates.count) } ?? (allocation.openSeats == 0 ? candidates.count : nil)
        }
        definition.round = m.round + 1
        definition.previousRound = vote.hash
        definition.officials = m.officials
        return definition
    }
}
