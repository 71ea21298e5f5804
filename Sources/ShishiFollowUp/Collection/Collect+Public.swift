import Foundation
import GRDB
import ShishiCore
public import ShishiStore

extension Collect {
    /// The longest title of a resident's suggestion, in characters.
    public static let maximumPublicTitle = 100
    /// The longest text of a resident's suggestion, in characters.
    public static let maximumPublicText = 2_000

    /// Where a call stands, for its public page.
    public enum Stage: String, Sendable, Codable {
        /// Taking suggestions (up to its closing day).
        case open
        /// Closed for suggestions, the shortlist not yet out.
        case screening
        /// The shortlist is out for comment.
        case shortlist
        /// The presidium's list is fixed.
        case fixed
    }

    /// The most recent call, if any.
    public static func latestCall(in workspace: Workspace) throws -> CollectionCallRecord? {
        try workspace.read { db in try CollectionCallRecord.order(CollectionCallRecord.Columns.year.desc).fetchOne(db) }
    }

    /// Where the call of `year` stands on `today`.
    public static func stage(year: Int, today: String, in workspace: Workspace) throws -> Stage {
        try workspace.read { db in
            let call = try requireCall(year, db)
            if try CandidateListRecord.filter(CandidateListRecord.Columns.collectionCallId == call.id!).fetchCount(db) > 0 { return .fixed }
            if try !shortlistEntries(call, db).isEmpty { return .shortlist }
            return today <= call.until ? .open : .screening
        }
    }

    /// A resident's suggestion from the public site to the call of `year`, on `today`: only while
    /// the call is open, kept for the office's review before it is listed.
    @discardableResult
    public static func suggestFromPublic(
        year: Int, title: String, text: String, district: String?, today: String, in workspace: Workspace
    ) throws -> PublicSuggestionRecord {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else {
            throw ShishiError(.collectBadSuggestion, zh: "请写一个简短的标题。", en: "Write a short title.")
        }
        guard title.count <= maximumPublicTitle, text.count <= maximumPublicText else {
            throw ShishiError(
                .collectBadSuggestion, zh: "标题至多 \(maximumPublicTitle) 字，内容至多 \(maximumPublicText) 字：请缩短。",
                en: "A title has at most \(maximumPublicTitle) characters and a text \(maximumPublicText): shorten it.")
        }
        try VoteManifest.checkTitle(title, what: Text("标题", "The title"))
        guard try stage(year: year, today: today, in: workspace) == .open else {
            let call = try call(year: year, in: workspace)
            throw ShishiError(
                .collectClosed, zh: "\(year) 年的征集已于 \(call.until) 截止，不再收建议。", en: "The call for \(year) closed on \(call.until): it takes no more suggestions.")
        }
        return try workspace.write { db, audit in
            let call = try requireCall(year, db)
            let district = district?.trimmingCharacters(in: .whitespaces)
            var record = PublicSuggestionRecord(
                collectionCallId: call.id!, title: title, text: text, district: district?.isEmpty == false ? district : nil, at: audit.at, status: "pending")
            try record.insert(db)
            try audit.record("collect.publicSuggestion", subject: "\(year)", detail: ["number": "\(record.id!)"])
            return record
        }
    }

    /// The residents' suggestions to the call of `year` with `status` (`pending`, `accepted`, `rejected`).
    public static func publicSuggestions(year: Int, status: String, in workspace: Workspace) throws -> [PublicSuggestionRecord] {
        try workspace.read { db in
            let call = try requireCall(year, db)
            return try PublicSuggestionRecord.filter(
                PublicSuggestionRecord.Columns.collectionCallId == call.id! && PublicSuggestionRecord.Columns.status == status
            ).order(PublicSuggestionRecord.Columns.id).fetchAll(db)
        }
    }

    /// Reviews a resident's suggestion: accepted, it becomes a suggestion of its call (source
    /// public, reference `web-N`, received the day it came in); rejected, it stays on record, unlisted.
    @discardableResult
    public static func reviewPublicSuggestion(_ id: Int64, accept: Bool, in workspace: Workspace) throws -> PublicSuggestionRecord {
        try workspace.write { db, audit in
            guard var record = try PublicSuggestionRecord.fetchOne(db, key: id) else {
                throw ShishiError(.collectNoSuggestion, zh: "没有编号为 \(id) 的网上建议。", en: "There is no resident's suggestion \(id).")
            }
            guard record.status == "pending" else {
                throw ShishiError(.collectAlreadyAnswered, zh: "第 \(id) 条网上建议已经审核过。", en: "Resident's suggestion \(id) was already reviewed.")
            }
            guard let call = try CollectionCallRecord.fetchOne(db, key: record.collectionCallId) else {
                throw ShishiError(.collectNoCall, zh: "这条建议的征集不存在。", en: "The call of this suggestion does not exist.")
            }
            if accept {
                let input = Input(
                    reference: "web-\(id)", title: record.title, text: record.text, source: .public, proposer: "网上征集", district: record.district,
                    received: String(record.at.prefix(10)))
                try check(input, line: nil, source: nil)
                record.suggestionId = try insert(input, call: call, line: nil, source: nil, db, audit)?.id
            }
            record.status = accept ? "accepted" : "rejected"
            record.reviewedBy = audit.actor
            record.reviewedAt = audit.at
            try record.update(db)
            try audit.record(accept ? "collect.publicAccept" : "collect.publicReject", subject: "web-\(id)", detail: ["status": record.status])
            return record
        }
    }
}
