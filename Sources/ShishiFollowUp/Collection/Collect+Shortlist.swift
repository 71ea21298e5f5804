import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

extension Collect {
    /// A comment's stance on a shortlisted draft.
    public enum Stance: String, Sendable, Codable, CaseIterable {
        /// For it.
        case support
        /// Against it.
        case oppose
        /// An opinion, neither for nor against.
        case opinion

        /// Reads a stance written in English or Chinese.
        public init?(parsing text: String) {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "support", "for", "支持", "赞成": self = .support
            case "oppose", "against", "反对": self = .oppose
            case "opinion", "意见", "建议": self = .opinion
            default: return nil
            }
        }

        /// The stance in words.
        public var title: Text {
            switch self {
            case .support: Text("支持", "for")
            case .oppose: Text("反对", "against")
            case .opinion: Text("意见", "opinion")
            }
        }
    }

    /// The longest comment, in characters.
    public static let maximumCommentLength = 2_000

    /// Publishes the shortlist of the call of `year` for comment until `commentsUntil`: every
    /// draft that passed its screening, most support first (deputies, then suggestions, then
    /// complaints). Refused while a suggestion is neither merged nor declined or a draft is not
    /// screened, so that every proposer has an answer; published once. The vote will be
    /// differential (差额), so the shortlist must hold more drafts than the seats: `seats`, when
    /// given, sets the call's seats now (the last time before the list is fixed), else the
    /// call's own are checked.
    @discardableResult
    public static func publishShortlist(year: Int, commentsUntil: String, seats: Int? = nil, in workspace: Workspace) throws -> [Draft] {
        if let seats, seats < 1 {
            throw ShishiError(.collectBadList, zh: "拟定项目数应为正整数，而不是 \(seats)。", en: "The number of seats is a whole number from 1, not \(seats).")
        }
        try Dates.require(commentsUntil, field: "--comments-until")
        let drafts = try drafts(year: year, in: workspace)
        let pending = try suggestions(year: year, in: workspace).filter { $0.suggestion.draftProjectId == nil && $0.suggestion.declinedReason == nil }
        if !pending.isEmpty {
            let numbers = pending.prefix(8).map { "\($0.suggestion.id!)" }.joined(separator: ", ") + (pending.count > 8 ? " …" : "")
            throw ShishiError(
                .collectPending, zh: "还有 \(pending.count) 条建议既未合并也未答复（\(numbers)）：请用 collect merge 或 collect decline 处理后再公布。",
                en: "\(pending.count, noun: "suggestion", verb: "are") neither merged nor declined (\(numbers)): merge or decline them before publishing.")
        }
        if let unscreened = drafts.first(where: { $0.screening == nil }) {
            throw ShishiError(
                .collectPending, zh: "草案第 \(unscreened.draft.id!) 号（\(unscreened.draft.title)）还没有初审：请用 collect screen 处理后再公布。",
                en: "Draft \(unscreened.draft.id!) (\(unscreened.draft.title)) is not screened yet: screen it with collect screen before publishing.")
        }
        let passed = drafts.filter(\.passed).sorted { a, b in
            a.support.ranksBefore(b.support) || (!b.support.ranksBefore(a.support) && a.draft.id! < b.draft.id!)
        }
        guard !passed.isEmpty else {
            throw ShishiError(
                .collectPending, zh: "\(year) 年没有通过初审的草案项目，清单无从公布。", en: "No draft project of \(year) passed its screening: there is no shortlist to publish.")
        }
        let call = try call(year: year, in: workspace)
        if let seats = seats ?? call.seats, passed.count <= seats {
            throw ShishiError(
                .collectTooFewDrafts,
                zh: "差额票决要求候选项目多于拟定项目数：通过初审的草案只有 \(passed.count) 个，拟定 \(seats) 项。请再初审通过更多草案，或在公布时把拟定项目数改为少于 \(passed.count)。",
                en:
                    "A differential vote needs more candidates than seats: \(passed.count, noun: "draft") passed screening for \(seats, noun: "seat"). Pass more drafts, or publish with fewer seats than \(passed.count)."
            )
        }
        try workspace.write { db, audit in
            var call = try requireCall(year, db)
            try requireDraftsOpen(call, db)
            if let seats, seats != call.seats {
                try audit.record("collect.seats", subject: "\(year)", detail: ["seats": seats, "before": call.seats ?? 0])
                call.seats = seats
                try call.update(db)
            }
            var entries: [ShortlistEntryRecord] = []
            for (index, draft) in passed.enumerated() {
                var entry = ShortlistEntryRecord(draftProjectId: draft.draft.id!, position: index + 1, publishedAt: audit.at, commentsUntil: commentsUntil)
                try entry.insert(db)
                entries.append(entry)
            }
            try audit.record("collect.shortlist", subject: "\(year)", detail: entries)
        }
        return try shortlisted(Self.drafts(year: year, in: workspace), year: year)
    }

    /// The shortlist of `year` in order; refused before it is published.
    public static func shortlist(year: Int, in workspace: Workspace) throws -> [Draft] {
        try shortlisted(drafts(year: year, in: workspace), year: year)
    }

    /// The drafts of `drafts` on the shortlist of `year`, in order; refused before it is published.
    static func shortlisted(_ drafts: [Draft], year: Int) throws -> [Draft] {
        let listed = drafts.filter { $0.shortlist != nil }.sorted { $0.shortlist!.position < $1.shortlist!.position }
        guard !listed.isEmpty else {
            throw ShishiError(
                .collectNoShortlist, zh: "\(year) 年的草案清单还没有公布：请先运行 shishi collect shortlist --year \(year)。",
                en: "The shortlist for \(year) is not published yet: run shishi collect shortlist --year \(year) first.")
        }
        return listed
    }

    /// Takes in a comment on shortlisted draft `number`, received on `received`: within the
    /// comment period and before the list is fixed; counted, and kept, never shown unreviewed.
    @discardableResult
    ///
    /// With `device` (the hash of a public page's device cookie), a device holds one stance per
    /// draft: a second comment from it replaces its first (the audit log keeps both), so one phone
    /// cannot count for and against, or twice.
    public static func comment(
        on number: Int64, stance: Stance, text: String, received: String, year: Int, device: String? = nil, in workspace: Workspace
    ) throws -> DraftCommentRecord {
        try Dates.require(received, field: "--date")
        guard text.count <= maximumCommentLength else {
            throw ShishiError(
                .collectBadComment, zh: "意见有 \(text.count) 个字，超过上限 \(maximumCommentLength) 字：请缩短。",
                en: "The comment has \(text.count) characters, more than the limit of \(maximumCommentLength): shorten it.")
        }
        return try workspace.write { db, audit in
            let call = try requireCall(year, db)
            try requireNotFixed(call, db)
            let draft = try requireDraft(number, call: call, db)
            guard let entry = try ShortlistEntryRecord.filter(ShortlistEntryRecord.Columns.draftProjectId == draft.id!).fetchOne(db) else {
                throw ShishiError(
                    .collectBadComment, zh: "草案第 \(number) 号不在公布的清单上，不征求意见。", en: "Draft \(number) is not on the published shortlist: it takes no comments.")
            }
            guard received <= entry.commentsUntil else {
                throw ShishiError(
                    .collectBadComment, zh: "征求意见已于 \(entry.commentsUntil) 截止（这条意见的日期是 \(received)）。",
                    en: "The comment period ended on \(entry.commentsUntil) (this comment is dated \(received)).")
            }
            if let device,
                var earlier = try DraftCommentRecord.filter(
                    DraftCommentRecord.Columns.draftProjectId == draft.id! && DraftCommentRecord.Columns.device == device
                ).fetchOne(db)
            {
                (earlier.stance, earlier.text, earlier.received) = (stance.rawValue, text, received)
                try earlier.update(db)
                try audit.record("collect.comment.replace", subject: "draft:\(number)", detail: earlier)
                return earlier
            }
            var comment = DraftCommentRecord(draftProjectId: draft.id!, stance: stance.rawValue, text: text, received: received, device: device)
            try comment.insert(db)
            try audit.record("collect.comment", subject: "draft:\(number)", detail: comment)
            return comment
        }
    }

    /// Refuses a change once the call's final list is fixed.
    static func requireNotFixed(_ call: CollectionCallRecord, _ db: Database) throws {
        if let list = try CandidateListRecord.filter(CandidateListRecord.Columns.collectionCallId == call.id!).fetchOne(db) {
            throw ShishiError(
                .collectFixed, zh: "\(call.year) 年的候选项目清单已于 \(list.fixedAt.prefix(10)) 确定（哈希 \(list.hash.prefix(16))…），不再改动。",
                en: "The candidate list for \(call.year) was fixed on \(list.fixedAt.prefix(10)) (hash \(list.hash.prefix(16))…): it no longer changes.")
        }
    }
}
