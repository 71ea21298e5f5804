public import ShishiCore
public import ShishiStore

/// A draft project (草案) as the office sees it: the suggestions merged into it, what stands
/// behind it, its screenings, its place on the shortlist and the comments it received.
public struct Draft: Sendable, Encodable {
    /// The draft.
    public var draft: DraftProjectRecord
    /// The suggestions merged into it, by number.
    public var suggestions: [Collect.Listed]
    /// Every screening, oldest first: the last one stands.
    public var screenings: [ScreeningRecord]
    /// Its place on the shortlist, once published.
    public var shortlist: ShortlistEntryRecord?
    /// The comments on the shortlist.
    public var comments: CandidateList.Comments

    /// Creates a draft view.
    public init(
        draft: DraftProjectRecord, suggestions: [Collect.Listed], screenings: [ScreeningRecord], shortlist: ShortlistEntryRecord?,
        comments: CandidateList.Comments
    ) {
        self.draft = draft
        self.suggestions = suggestions
        self.screenings = screenings
        self.shortlist = shortlist
        self.comments = comments
    }

    /// The screening that stands: the latest.
    public var screening: ScreeningRecord? { screenings.last }

    /// Whether its standing screening passed it.
    public var passed: Bool { screening?.passed == true }

    /// What stands behind the draft.
    public var support: Support {
        var sources: [String: Int] = [:]
        for item in suggestions { sources[item.suggestion.source, default: 0] += 1 }
        return Support(
            suggestions: suggestions.count, deputies: Set(suggestions.flatMap { $0.deputies.map(\.deputyId) }).count,
            complaints: suggestions.reduce(0) { $0 + ($1.suggestion.complaints ?? 0) }, sources: sources)
    }

    private enum CodingKeys: String, CodingKey {
        case draft, suggestions, screenings, shortlist, comments, support, passed
    }

    /// Encodes the draft with what stands behind it and whether it passed, for machines.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(draft, forKey: .draft)
        try container.encode(suggestions, forKey: .suggestions)
        try container.encode(screenings, forKey: .screenings)
        try container.encodeIfPresent(shortlist, forKey: .shortlist)
        try container.encode(comments, forKey: .comments)
        try container.encode(support, forKey: .support)
        try container.encode(passed, forKey: .passed)
    }

    /// What stands behind a draft: suggestions, distinct deputies, hotline complaints, and the
    /// suggestions from each source.
    public struct Support: Sendable, Encodable, Equatable {
        /// Suggestions merged into it.
        public var suggestions: Int
        /// Distinct deputies who proposed or co-signed one of them.
        public var deputies: Int
        /// Hotline complaints behind its hotline topics.
        public var complaints: Int
        /// Suggestions by source (`deputy`, `public`, …).
        public var sources: [String: Int]

        /// Creates a support count.
        public init(suggestions: Int, deputies: Int, complaints: Int, sources: [String: Int]) {
            self.suggestions = suggestions
            self.deputies = deputies
            self.complaints = complaints
            self.sources = sources
        }

        /// Whether `self` ranks before `other` on the shortlist: more deputies, then more
        /// suggestions, then more complaints.
        public func ranksBefore(_ other: Support) -> Bool {
            (deputies, suggestions, complaints) > (other.deputies, other.suggestions, other.complaints)
        }
    }
}
