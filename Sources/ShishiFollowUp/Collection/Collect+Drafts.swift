import Foundation
import GRDB
import ShishiCore
public import ShishiStore

extension Collect {
    /// Merges suggestions about the same thing into one draft project (草案), each kept as
    /// evidence: a new draft titled `title`, or the existing draft `into`. A suggestion already in
    /// a draft or declined is refused, naming which; nothing changes once the shortlist is out.
    @discardableResult
    public static func merge(_ numbers: [Int64], title: String?, text: String? = nil, into existing: Int64? = nil, year: Int, in workspace: Workspace) throws
        -> DraftProjectRecord
    {
        guard !numbers.isEmpty else {
            throw ShishiError(
                .collectBadMerge, zh: "请给出要合并的建议编号，如 shishi collect merge 12 17 31。", en: "Name the suggestions to merge, like shishi collect merge 12 17 31.")
        }
        if let repeated = Dictionary(grouping: numbers, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ShishiError(.collectBadMerge, zh: "建议第 \(repeated) 号写了两次。", en: "Suggestion \(repeated) is named twice.")
        }
        let title = title?.trimmingCharacters(in: .whitespaces) ?? ""
        if existing == nil, title.isEmpty {
            throw ShishiError(
                .collectBadMerge, zh: "新的草案项目需要标题：请用 --title 给出（或用 --into 并入已有草案）。",
                en: "A new draft project needs a title: give it with --title (or add to an existing draft with --into).")
        }
        try VoteManifest.checkTitle(title, what: Text("草案标题", "The draft's title"))
        return try workspace.write { db, audit in
            let call = try requireCall(year, db)
            try requireDraftsOpen(call, db)
            let suggestions = try numbers.map { try requireUnanswered($0, call: call, db) }
            var draft: DraftProjectRecord
            if let existing {
                draft = try requireDraft(existing, call: call, db)
                if !title.isEmpty || text != nil {
                    draft.title = title.isEmpty ? draft.title : title
                    draft.text = text ?? draft.text
                    try draft.update(db)
                }
            } else {
                draft = DraftProjectRecord(collectionCallId: call.id!, title: title, text: text ?? "", createdAt: audit.at)
                try draft.insert(db)
            }
            for var suggestion in suggestions {
                suggestion.draftProjectId = draft.id
                try suggestion.update(db)
            }
            struct Detail: Encodable {
                var draft: DraftProjectRecord
                var suggestions: [Int64]
            }
            try audit.record("collect.merge", subject: "draft:\(draft.id!)", detail: Detail(draft: draft, suggestions: numbers))
            return draft
        }
    }

    /// Declines suggestion `number` with `reason`, which its proposer sees; it stays on record.
    @discardableResult
    public static func decline(_ number: Int64, reason: String, year: Int, in workspace: Workspace) throws -> SuggestionRecord {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ShishiError(
                .collectBadMerge, zh: "不采纳须写明理由（--reason），提出人会看到它。", en: "A declined suggestion needs a reason (--reason): its proposer sees it.")
        }
        return try workspace.write { db, audit in
            let call = try requireCall(year, db)
            try requireDraftsOpen(call, db)
            var suggestion = try requireUnanswered(number, call: call, db)
            suggestion.declinedReason = reason
            suggestion.declinedAt = audit.at
            try suggestion.update(db)
            try audit.record("collect.decline", subject: "suggestion:\(number)", detail: suggestion)
            return suggestion
        }
    }

    /// The draft projects of the call of `year`, by number, each with its suggestions, its
    /// latest screening, its place on the shortlist and its comments.
    public static func drafts(year: Int, in workspace: Workspace) throws -> [Draft] {
        let suggestions = try suggestions(year: year, in: workspace)
        return try workspace.read { db in
            let call = try requireCall(year, db)
            let drafts = try DraftProjectRecord.filter(DraftProjectRecord.Columns.collectionCallId == call.id!).order(DraftProjectRecord.Columns.id).fetchAll(
                db)
            let ids = drafts.map(\.id!)
            let screenings = Dictionary(
                grouping: try ScreeningRecord.filter(ids.contains(ScreeningRecord.Columns.draftProjectId)).order(ScreeningRecord.Columns.id).fetchAll(db),
                by: \.draftProjectId)
            let shortlist = Dictionary(
                uniqueKeysWithValues: try ShortlistEntryRecord.filter(ids.contains(ShortlistEntryRecord.Columns.draftProjectId)).fetchAll(db).map {
                    ($0.draftProjectId, $0)
                })
            let comments = Dictionary(
                grouping: try DraftCommentRecord.filter(ids.contains(DraftCommentRecord.Columns.draftProjectId)).fetchAll(db), by: \.draftProjectId)
            return drafts.map { draft in
                let mine = comments[draft.id!] ?? []
                return Draft(
                    draft: draft, suggestions: suggestions.filter { $0.suggestion.draftProjectId == draft.id },
                    screenings: screenings[draft.id!] ?? [], shortlist: shortlist[draft.id!],
                    comments: CandidateList.Comments(
                        support: mine.filter { $0.stance == Stance.support.rawValue }.count, oppose: mine.filter { $0.stance == Stance.oppose.rawValue }.count,
                        opinion: mine.filter { $0.stance == Stance.opinion.rawValue }.count))
            }
        }
    }

    /// Suggestion `number` of `call`, neither merged nor declined.
    static func requireUnanswered(_ number: Int64, call: CollectionCallRecord, _ db: Database) throws -> SuggestionRecord {
        guard let suggestion = try SuggestionRecord.fetchOne(db, key: number), suggestion.collectionCallId == call.id else {
            throw ShishiError(
                .collectNoSuggestion, zh: "\(call.year) 年征集中没有第 \(number) 号建议（用 shishi collect list --year \(call.year) 查看）。",
                en: "The call for \(call.year) has no suggestion \(number) (see shishi collect list --year \(call.year)).")
        }
        if let draft = suggestion.draftProjectId {
            throw ShishiError(
                .collectAlreadyAnswered, zh: "第 \(number) 号建议已并入草案第 \(draft) 号。", en: "Suggestion \(number) is already merged into draft \(draft).")
        }
        if let reason = suggestion.declinedReason {
            throw ShishiError(
                .collectAlreadyAnswered, zh: "第 \(number) 号建议已不予采纳（\(reason)）。", en: "Suggestion \(number) was already declined (\(reason)).")
        }
        return suggestion
    }

    /// Draft `number` of `call`.
    static func requireDraft(_ number: Int64, call: CollectionCallRecord, _ db: Database) throws -> DraftProjectRecord {
        guard let draft = try DraftProjectRecord.fetchOne(db, key: number), draft.collectionCallId == call.id else {
            throw ShishiError(
                .collectNoDraft, zh: "\(call.year) 年征集中没有第 \(number) 号草案项目（用 shishi collect drafts --year \(call.year) 查看）。",
                en: "The call for \(call.year) has no draft project \(number) (see shishi collect drafts --year \(call.year)).")
        }
        return draft
    }

    /// Refuses a change to suggestions or drafts once the shortlist is published.
    static func requireDraftsOpen(_ call: CollectionCallRecord, _ db: Database) throws {
        if let entry = try shortlistEntries(call, db).first {
            throw ShishiError(
                .collectShortlisted, zh: "\(call.year) 年的草案清单已于 \(entry.publishedAt.prefix(10)) 公布征求意见，建议和草案不再改动。",
                en: "The shortlist for \(call.year) was published on \(entry.publishedAt.prefix(10)): suggestions and drafts no longer change.")
        }
    }

    /// The shortlist of `call`, in order (empty before it is published).
    static func shortlistEntries(_ call: CollectionCallRecord, _ db: Database) throws -> [ShortlistEntryRecord] {
        try ShortlistEntryRecord.fetchAll(
            db,
            sql: """
                SELECT shortlistEntry.* FROM shortlistEntry JOIN draftProject ON draftProject.id = draftProjectId
                WHERE collectionCallId = ? ORDER BY position
                """, arguments: [call.id!])
    }
}
