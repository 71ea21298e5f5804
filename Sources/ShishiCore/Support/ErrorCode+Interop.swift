// The error codes of Pabulib imports and exports; the type is in ErrorCode.swift.

extension ErrorCode {
    /// `pabulib.badAmount`: the budget or a cost is not an amount.
    public static let pabulibBadAmount = ErrorCode(rawValue: "pabulib.badAmount")
    /// `pabulib.badID`
    public static let pabulibBadID = ErrorCode(rawValue: "pabulib.badID")
    /// `pabulib.badPoints`: … column “points”.
    public static let pabulibBadPoints = ErrorCode(rawValue: "pabulib.badPoints")
    /// `pabulib.duplicateID`
    public static let pabulibDuplicateID = ErrorCode(rawValue: "pabulib.duplicateID")
    /// `pabulib.missingSection`: ….
    public static let pabulibMissingSection = ErrorCode(rawValue: "pabulib.missingSection")
    /// `pabulib.noBudget`: … has no budget in META.
    public static let pabulibNoBudget = ErrorCode(rawValue: "pabulib.noBudget")
    /// `pabulib.noSection`: … line ….
    public static let pabulibNoSection = ErrorCode(rawValue: "pabulib.noSection")
    /// `pabulib.outExists`: … exists and is not empty.
    public static let pabulibOutExists = ErrorCode(rawValue: "pabulib.outExists")
    /// `pabulib.rating`: This is a satisfaction evaluation, not a vote choosing projects.
    public static let pabulibRating = ErrorCode(rawValue: "pabulib.rating")
    /// `pabulib.repeatedProject`: a voter lists a project twice.
    public static let pabulibRepeatedProject = ErrorCode(rawValue: "pabulib.repeatedProject")
    /// `pabulib.unknownProject`: … line …, column “vote”.
    public static let pabulibUnknownProject = ErrorCode(rawValue: "pabulib.unknownProject")
    /// `pabulib.voteType`: Only approval data can be imported;
    public static let pabulibVoteType = ErrorCode(rawValue: "pabulib.voteType")
}
