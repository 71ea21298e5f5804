// The error codes of collection (`shishi collect`), beside the code that throws them; the type
// is in ShishiCore (ErrorCode.swift).
public import ShishiCore

extension ErrorCode {
    /// `collect.badCall`: the year, the closing date or the seats of a call are wrong.
    public static let collectBadCall = ErrorCode(rawValue: "collect.badCall")
    /// `collect.badRow`: a row of a suggestions file is wrong; nothing was written.
    public static let collectBadRow = ErrorCode(rawValue: "collect.badRow")
    /// `collect.badSuggestion`: a suggestion given on the command line is incomplete.
    public static let collectBadSuggestion = ErrorCode(rawValue: "collect.badSuggestion")
    /// `collect.callExists`: the year's call is already open.
    public static let collectCallExists = ErrorCode(rawValue: "collect.callExists")
    /// `collect.duplicate`: a suggestion with this reference is already in.
    public static let collectDuplicate = ErrorCode(rawValue: "collect.duplicate")
    /// `collect.noCall`: there is no call for the year.
    public static let collectNoCall = ErrorCode(rawValue: "collect.noCall")
    /// `collect.unknownDeputy`: a deputy not on any roster the workspace holds.
    public static let collectUnknownDeputy = ErrorCode(rawValue: "collect.unknownDeputy")
    /// `collect.noSuggestion`: no suggestion with this number in the year's call.
    public static let collectNoSuggestion = ErrorCode(rawValue: "collect.noSuggestion")
    /// `collect.noDraft`: no draft project with this number in the year's call.
    public static let collectNoDraft = ErrorCode(rawValue: "collect.noDraft")
    /// `collect.alreadyAnswered`: the suggestion is already in a draft, or declined.
    public static let collectAlreadyAnswered = ErrorCode(rawValue: "collect.alreadyAnswered")
    /// `collect.badMerge`: a merge or a decline is missing its title or reason.
    public static let collectBadMerge = ErrorCode(rawValue: "collect.badMerge")
    /// `collect.badScreening`: a screening is incomplete or contradicts itself.
    public static let collectBadScreening = ErrorCode(rawValue: "collect.badScreening")
    /// `collect.pending`: suggestions not yet merged or declined, or drafts not yet screened.
    public static let collectPending = ErrorCode(rawValue: "collect.pending")
    /// `collect.shortlisted`: the shortlist is published; drafts no longer change.
    public static let collectShortlisted = ErrorCode(rawValue: "collect.shortlisted")
    /// `collect.noShortlist`: the shortlist is not published yet.
    public static let collectNoShortlist = ErrorCode(rawValue: "collect.noShortlist")
    /// `collect.badComment`: a comment on a draft not on the shortlist, or after the period.
    public static let collectBadComment = ErrorCode(rawValue: "collect.badComment")
    /// `collect.badList`: the final list has too few candidates, or names drafts not shortlisted.
    public static let collectBadList = ErrorCode(rawValue: "collect.badList")
    /// `collect.tooFewDrafts`: no more drafts passed screening than there are seats.
    public static let collectTooFewDrafts = ErrorCode(rawValue: "collect.tooFewDrafts")
    /// `collect.closed`: the call takes no more suggestions.
    public static let collectClosed = ErrorCode(rawValue: "collect.closed")
    /// `collect.fixed`: the year's final list is already fixed.
    public static let collectFixed = ErrorCode(rawValue: "collect.fixed")
    /// `collect.listChanged`: a list signed elsewhere differs from the one the workspace makes now.
    public static let collectListChanged = ErrorCode(rawValue: "collect.listChanged")
}
