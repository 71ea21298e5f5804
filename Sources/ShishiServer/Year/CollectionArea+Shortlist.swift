import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

extension CollectionArea {
    /// The office's view of a published shortlist: each draft with its comments, what comes next,
    /// and the fix form's starting values.
    func shortlisted(_ drafts: [Draft], call: CollectionCallRecord, language: Language) throws -> OfficeCollectionPage.Shortlisted {
        let listed = try Collect.shortlist(year: call.year, in: workspace)
        let until = listed.first?.shortlist?.commentsUntil ?? ""
        let open = today() <= until
        let next =
            open
            ? Text(
                "征求意见至 \(until)。截止后，由主席团确定候选项目（多于应选名额），在下面用秘书处的密钥文件签署清单。",
                "Comments are taken until \(until). Then the presidium picks the candidates (more than the seats), and the list is signed below with the secretariat's key file."
            )
            : Text(
                "征求意见已于 \(until) 截止。请按主席团的决定确定候选项目（多于应选名额），在下面用秘书处的密钥文件签署清单。",
                "Comments closed on \(until). Fix the candidates the presidium decided (more than the seats), signing the list below with the secretariat's key file."
            )
        return .init(
            entries: listed.map { draft in
                .init(
                    position: draft.shortlist?.position ?? 0, draftId: draft.draft.id!, draftTitle: draft.draft.title,
                    department: draft.screening?.department ?? "", cost: draft.screening?.cost.flatMap(Amount.init(parsing:))?.grouped ?? "",
                    support: draft.comments.support, oppose: draft.comments.oppose, opinion: draft.comments.opinion)
            }, commentsUntil: until, nextStep: next(language), callSeats: call.seats.map(String.init) ?? "", listed: listed.count)
    }

    /// The office's view of the fixed candidate list, and what comes next.
    func fixedList(year: Int, language: Language) throws -> OfficeCollectionPage.FixedList? {
        guard let fixed = try Collect.fixedList(year: year, in: workspace) else { return nil }
        return .init(
            hash: fixed.hash.description, listSeats: fixed.list.seats, fixedOn: String(fixed.list.fixedAt.prefix(10)),
            candidates: fixed.list.candidates.map { .init(candidateId: $0.id, candidateTitle: $0.title, department: $0.department) },
            nextStep: Text(
                "下一步：下载签署的清单（candidate-list.json），在秘书处的机器上用 shishi vote init --list candidate-list.json 建立票决；清单的哈希写入票决的清单文件，任何人可以核对。",
                "Next: download the signed list (candidate-list.json) and make the vote on the secretariat's machine with shishi vote init --list candidate-list.json; the vote's manifest names the list's hash, for anyone to check."
            )(language))
    }
}
