// The error codes of the follow-up workspace (the year after the vote); the type and the
// vote's codes are in ErrorCode.swift, beside this file.

extension ErrorCode {
    /// `adopt.already`: This vote's result (……) has already been adopted.
    public static let adoptAlready = ErrorCode(rawValue: "adopt.already")
    /// `adopt.evaluation`: This is a satisfaction evaluation, not a vote choosing projects.
    public static let adoptEvaluation = ErrorCode(rawValue: "adopt.evaluation")
    /// `adopt.notCounted`: This round was not counted (void or inquorate).
    public static let adoptNotCounted = ErrorCode(rawValue: "adopt.notCounted")
    /// `adopt.unverified`: This result does not pass verification and cannot be taken in.
    public static let adoptUnverified = ErrorCode(rawValue: "adopt.unverified")
}

extension ErrorCode {
    /// `attachment.already`: … is already attached to project …'s report of ….
    public static let attachmentAlready = ErrorCode(rawValue: "attachment.already")
    /// `attachment.damaged`: … stored files are missing or altered.
    public static let attachmentDamaged = ErrorCode(rawValue: "attachment.damaged")
    /// `attachment.noReport`: Project … has no progress report for ….
    public static let attachmentNoReport = ErrorCode(rawValue: "attachment.noReport")
    /// `attachment.noStore`: This workspace has no file store.
    public static let attachmentNoStore = ErrorCode(rawValue: "attachment.noStore")
    /// `attachment.none`: Name the files to attach.
    public static let attachmentNone = ErrorCode(rawValue: "attachment.none")
    /// `attachment.storeAltered`: The stored copy … has been altered and no longer matches its hash.
    public static let attachmentStoreAltered = ErrorCode(rawValue: "attachment.storeAltered")
    /// `attachment.twice`: ….joined(separator.
    public static let attachmentTwice = ErrorCode(rawValue: "attachment.twice")
}

extension ErrorCode {
    /// `date.malformed`: “…” must be a date written YYYY-MM-DD, not “…”.
    public static let dateMalformed = ErrorCode(rawValue: "date.malformed")
}

extension ErrorCode {
    /// `evaluation.badItem`: A sub-item name (“…”) cannot be empty or contain “·”.
    public static let evaluationBadItem = ErrorCode(rawValue: "evaluation.badItem")
    /// `evaluation.badProject`: The rated id “…” is not a workspace project number (or “number-item”).
    public static let evaluationBadProject = ErrorCode(rawValue: "evaluation.badProject")
    /// `evaluation.noProjects`: The workspace holds no projects yet.
    public static let evaluationNoProjects = ErrorCode(rawValue: "evaluation.noProjects")
    /// `evaluation.notCounted`: This evaluation was not counted (inquorate or void).
    public static let evaluationNotCounted = ErrorCode(rawValue: "evaluation.notCounted")
    /// `evaluation.notRating`: … is a vote on projects, not a satisfaction evaluation (--style rating).
    public static let evaluationNotRating = ErrorCode(rawValue: "evaluation.notRating")
}

extension ErrorCode {
    /// `group.already`: Deputy … (…) is already in project …'s monitoring group.
    public static let groupAlready = ErrorCode(rawValue: "group.already")
    /// `group.notOnRoster`: Deputy “…” is not on the roster of the vote this project came from.
    public static let groupNotOnRoster = ErrorCode(rawValue: "group.notOnRoster")
}

extension ErrorCode {
    /// `hotline.badRow`: … line …, column “date”.
    public static let hotlineBadRow = ErrorCode(rawValue: "hotline.badRow")
    /// `hotline.badRule`: … line …, column “project”.
    public static let hotlineBadRule = ErrorCode(rawValue: "hotline.badRule")
    /// `hotline.duplicate`: … line ….
    public static let hotlineDuplicate = ErrorCode(rawValue: "hotline.duplicate")
}

extension ErrorCode {
    /// `inspection.badProblem`: “…” should be PROBLEM|RESPONSIBLE|DEADLINE (YYYY-MM-DD).
    public static let inspectionBadProblem = ErrorCode(rawValue: "inspection.badProblem")
    /// `inspection.empty`: an inspection with neither findings nor problems.
    public static let inspectionEmpty = ErrorCode(rawValue: "inspection.empty")
}

extension ErrorCode {
    /// `log.broken`
    public static let logBroken = ErrorCode(rawValue: "log.broken")
}

extension ErrorCode {
    /// `lookBack.empty`: No project was graded unsatisfied in ….
    public static let lookBackEmpty = ErrorCode(rawValue: "lookBack.empty")
}

extension ErrorCode {
    /// `milestone.badWeight`: A milestone's weight must be a positive whole number.
    public static let milestoneBadWeight = ErrorCode(rawValue: "milestone.badWeight")
    /// `milestone.emptyTitle`: A milestone needs a title.
    public static let milestoneEmptyTitle = ErrorCode(rawValue: "milestone.emptyTitle")
    /// `milestone.missing`: There is no milestone ….
    public static let milestoneMissing = ErrorCode(rawValue: "milestone.missing")
    /// `progress.missing`: There is no such progress report.
    public static let progressMissing = ErrorCode(rawValue: "progress.missing")
    /// `progress.noChange`: A correction that changes nothing.
    public static let progressNoChange = ErrorCode(rawValue: "progress.noChange")
    /// `progress.noReason`: A correction must say why.
    public static let progressNoReason = ErrorCode(rawValue: "progress.noReason")
    /// `milestone.alreadyDone`: The milestone was marked done already.
    public static let milestoneAlreadyDone = ErrorCode(rawValue: "milestone.alreadyDone")
    /// `milestone.due`: A milestone's date moves only while it is still ahead.
    public static let milestoneDue = ErrorCode(rawValue: "milestone.due")
}

extension ErrorCode {
    /// `progress.badPercent`: Percent done must be between 0 and 100 (it is …).
    public static let progressBadPercent = ErrorCode(rawValue: "progress.badPercent")
    /// `progress.badRow`: … line …, column “…”.
    public static let progressBadRow = ErrorCode(rawValue: "progress.badRow")
    /// `progress.badSpent`: the amount spent is not a non-negative whole number.
    public static let progressBadSpent = ErrorCode(rawValue: "progress.badSpent")
    /// `progress.conflict`: … line ….
    public static let progressConflict = ErrorCode(rawValue: "progress.conflict")
    /// `progress.duplicate`: Project … already has a progress report for ….
    public static let progressDuplicate = ErrorCode(rawValue: "progress.duplicate")
}

extension ErrorCode {
    /// `project.badBudget`: The budget cannot be negative.
    public static let projectBadBudget = ErrorCode(rawValue: "project.badBudget")
    /// `project.missing`: There is no project ….
    public static let projectMissing = ErrorCode(rawValue: "project.missing")
}

extension ErrorCode {
    /// `rectification.closed`: Rectification … is already closed (\(record.closedAt ??
    public static let rectificationClosed = ErrorCode(rawValue: "rectification.closed")
    /// `rectification.missing`: There is no rectification ….
    public static let rectificationMissing = ErrorCode(rawValue: "rectification.missing")
    /// `rectification.noResolution`: Closing a rectification needs its resolution (--resolution).
    public static let rectificationNoResolution = ErrorCode(rawValue: "rectification.noResolution")
}

extension ErrorCode {
    /// `report.noOutput`: Say where the report goes.
    public static let reportNoOutput = ErrorCode(rawValue: "report.noOutput")
}

extension ErrorCode {
    /// `score.badEvaluators`: … evaluators is not valid.
    public static let scoreBadEvaluators = ErrorCode(rawValue: "score.badEvaluators")
    /// `score.badPoints`: --points takes three numbers, such as 100,80,50.
    public static let scoreBadPoints = ErrorCode(rawValue: "score.badPoints")
    /// `score.badRow`: … line …, column “…”.
    public static let scoreBadRow = ErrorCode(rawValue: "score.badRow")
    /// `score.badSource`: The source name “…)” is not valid.
    public static let scoreBadSource = ErrorCode(rawValue: "score.badSource")
    /// `score.badWeights`: Weights must not be negative, and at least one must be positive.
    public static let scoreBadWeights = ErrorCode(rawValue: "score.badWeights")
    /// `score.badYear`: The year … is not valid.
    public static let scoreBadYear = ErrorCode(rawValue: "score.badYear")
    /// `score.roundImported`: This evaluation round has already been imported as “…” for ….
    public static let scoreRoundImported = ErrorCode(rawValue: "score.roundImported")
    /// `score.sourceExists`: “…” has already been imported for … and will not be overwritten;
    public static let scoreSourceExists = ErrorCode(rawValue: "score.sourceExists")
}

extension ErrorCode {
    /// `workspace.exists`: … already exists and will not be overwritten.
    public static let workspaceExists = ErrorCode(rawValue: "workspace.exists")
    /// `workspace.backup`: A backup could not be made, or is not whole (its audit chain or files do not check).
    public static let workspaceBackup = ErrorCode(rawValue: "workspace.backup")
    /// `workspace.missing`: No workspace at ….
    public static let workspaceMissing = ErrorCode(rawValue: "workspace.missing")
    /// `workspace.open`: Cannot open the workspace ….
    public static let workspaceOpen = ErrorCode(rawValue: "workspace.open")
}

extension ErrorCode {
    /// `access.denied`: the account may not do this to this project.
    public static let accessDenied = ErrorCode(rawValue: "access.denied")
    /// `account.badName`: an account name that is not plain.
    public static let accountBadName = ErrorCode(rawValue: "account.badName")
    /// `account.badRole`: a role without (or with the wrong) department or deputy.
    public static let accountBadRole = ErrorCode(rawValue: "account.badRole")
    /// `account.exists`: the account name is taken.
    public static let accountExists = ErrorCode(rawValue: "account.exists")
    /// `account.missing`: There is no such account.
    public static let accountMissing = ErrorCode(rawValue: "account.missing")
    /// `account.inUse`: The account in use cannot disable itself.
    public static let accountInUse = ErrorCode(rawValue: "account.inUse")
    /// `feedback.alreadyRated`: this device rated this project this year already.
    public static let feedbackAlreadyRated = ErrorCode(rawValue: "feedback.alreadyRated")
    /// `feedback.tooLong`: a resident's description over the limit.
    public static let feedbackTooLong = ErrorCode(rawValue: "feedback.tooLong")
    /// `feedback.missing`: no resident's report with this number.
    public static let feedbackMissing = ErrorCode(rawValue: "feedback.missing")
    /// `feedback.reviewed`: the report was already reviewed.
    public static let feedbackReviewed = ErrorCode(rawValue: "feedback.reviewed")
    /// `feedback.noRatings`: no resident's rating in the year.
    public static let feedbackNoRatings = ErrorCode(rawValue: "feedback.noRatings")
    /// `feedback.tooMany`: too many ratings from one address in a short time.
    public static let feedbackTooMany = ErrorCode(rawValue: "feedback.tooMany")
    /// `feedback.empty`: neither a rating nor a problem was given.
    public static let feedbackEmpty = ErrorCode(rawValue: "feedback.empty")
    /// `feedback.badReference`: a reference number that is not twelve digits.
    public static let feedbackBadReference = ErrorCode(rawValue: "feedback.badReference")
    /// `feedback.notAccepted`: an answer to a report the office has not accepted.
    public static let feedbackNotAccepted = ErrorCode(rawValue: "feedback.notAccepted")
    /// `feedback.emptyAnswer`: an answer without text.
    public static let feedbackEmptyAnswer = ErrorCode(rawValue: "feedback.emptyAnswer")
}
