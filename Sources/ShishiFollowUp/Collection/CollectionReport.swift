public import ShishiCore
public import ShishiStore

/// The collection of a year, gathered for a report: every suggestion and how it was answered
/// (merged into which draft, or declined with which reason), the drafts with their screening,
/// the shortlist with its comments, and the final list. `shishi collect report` writes it as a
/// page, a sheet or JSON.
public struct CollectionReport: Sendable, Encodable {
    /// The call.
    public var call: CollectionCallRecord
    /// Every suggestion, by number.
    public var suggestions: [Collect.Listed]
    /// Every draft, by number.
    public var drafts: [Draft]
    /// The final list, once fixed.
    public var list: CandidateList?
    /// The final list's hash, once fixed.
    public var listHash: String?

    /// Gathers the call of `year` from `workspace`.
    public init(year: Int, workspace: Workspace) throws {
        call = try Collect.call(year: year, in: workspace)
        suggestions = try Collect.suggestions(year: year, in: workspace)
        drafts = try Collect.drafts(year: year, in: workspace)
        let fixed = try Collect.fixedList(year: year, in: workspace)
        list = fixed?.list
        listHash = fixed?.hash.description
    }

    /// Suggestions by source, in the order of ``Collect/Source``, those with none left out.
    public var bySource: [(source: Collect.Source, count: Int)] {
        Collect.Source.allCases.compactMap { source in
            let count = suggestions.filter { $0.suggestion.source == source.rawValue }.count
            return count > 0 ? (source, count) : nil
        }
    }

    /// The suggestions declined, with their reasons.
    public var declined: [Collect.Listed] { suggestions.filter { $0.suggestion.declinedReason != nil } }

    /// The suggestions neither merged nor declined yet.
    public var pending: [Collect.Listed] { suggestions.filter { $0.suggestion.declinedReason == nil && $0.suggestion.draftProjectId == nil } }

    /// The columns of the CSV sheet, one row per suggestion.
    public static let csvHeader = [
        "suggestion", "reference", "title", "source", "deputies", "proposer", "district", "category", "received", "complaints", "answer", "declined_reason",
        "draft", "draft_title", "screening", "screening_reason", "shortlist", "candidate",
    ]

    /// One row per suggestion: where it came from and where it went, for a spreadsheet.
    public func csv() -> String {
        var lines = [Self.csvHeader.joined(separator: ",")]
        for item in suggestions {
            let s = item.suggestion
            let draft = drafts.first { $0.draft.id == s.draftProjectId }
            let answer = s.draftProjectId != nil ? "merged" : s.declinedReason != nil ? "declined" : "pending"
            let screening = draft?.screening.map { $0.passed ? "passed" : "failed" } ?? ""
            let candidate = list?.candidates.first { $0.draft == s.draftProjectId }?.id ?? ""
            let row: [String] = [
                String(s.id!), s.reference ?? "", s.title, s.source, item.deputies.map(\.deputyId).joined(separator: ";"), s.proposer ?? "", s.district ?? "",
                s.category ?? "", s.received, s.complaints.map(String.init) ?? "", answer, s.declinedReason ?? "", s.draftProjectId.map(String.init) ?? "",
                draft?.draft.title ?? "", screening, draft?.screening?.passed == false ? draft?.screening?.reason ?? "" : "",
                draft?.shortlist.map { String($0.position) } ?? "", candidate,
            ]
            lines.append(row.map { CSVTable.field($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
