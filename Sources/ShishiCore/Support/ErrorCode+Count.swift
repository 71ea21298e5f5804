// The error codes of the count, its result and receipts; the type is in ErrorCode.swift.

extension ErrorCode {
    /// `receipt.ambiguous`: That prefix matches several ballots.
    public static let receiptAmbiguous = ErrorCode(rawValue: "receipt.ambiguous")
    /// `receipt.badTracker`: “…” is not a tracker.
    public static let receiptBadTracker = ErrorCode(rawValue: "receipt.badTracker")
}

extension ErrorCode {
    /// `result.alreadySigned`: This scrutineer has already signed this result.
    public static let resultAlreadySigned = ErrorCode(rawValue: "result.alreadySigned")
    /// `result.badTrackers`: counted-trackers.txt line … is not a tracker.
    public static let resultBadTrackers = ErrorCode(rawValue: "result.badTrackers")
    /// `result.exists`: This round has already been counted (result.json exists) and shishi will not overwrite it.
    public static let resultExists = ErrorCode(rawValue: "result.exists")
    /// `result.mismatch`: result.json does not match the recount and cannot be signed.
    public static let resultMismatch = ErrorCode(rawValue: "result.mismatch")
    /// `result.missing`: There is no result yet (no result.json).
    public static let resultMissing = ErrorCode(rawValue: "result.missing")
    /// `result.notScrutineer`: This key belongs to none of the scrutineers in the manifest.
    public static let resultNotScrutineer = ErrorCode(rawValue: "result.notScrutineer")
}

extension ErrorCode {
    /// `tally.cannotCount`: Cannot count.
    public static let tallyCannotCount = ErrorCode(rawValue: "tally.cannotCount")
    /// `tally.changed`: This round was counted already, but the folder has changed since.
    public static let tallyChanged = ErrorCode(rawValue: "tally.changed")
    /// `tally.publicCopy`: This folder is a public copy without the ballots' marks: counting and
    /// countersigning need the full folder.
    public static let tallyPublicCopy = ErrorCode(rawValue: "tally.publicCopy")
    /// `tally.previousRound`: This is round …;
    public static let tallyPreviousRound = ErrorCode(rawValue: "tally.previousRound")
}
