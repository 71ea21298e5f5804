// The error codes of the vote itself: its definition, sign-in and credentials, ballots, the box,
// paper batches, phases and rounds; the type is in ErrorCode.swift.

extension ErrorCode {
    /// `box.changed`: The ballot box changed during the count.
    public static let boxChanged = ErrorCode(rawValue: "box.changed")
    /// `box.noSuchBallot`: box.jsonl has no line ….
    public static let boxNoSuchBallot = ErrorCode(rawValue: "box.noSuchBallot")
}

extension ErrorCode {
    /// `candidates.badID`: Candidate id “…” is not valid.
    public static let candidatesBadID = ErrorCode(rawValue: "candidates.badID")
    /// `candidates.badCost`: … column “cost”: … is not an amount.
    public static let candidatesBadCost = ErrorCode(rawValue: "candidates.badCost")
    /// `candidates.badDraft`: … column “draft”: … is not a draft number.
    public static let candidatesBadDraft = ErrorCode(rawValue: "candidates.badDraft")
    /// `candidates.listMismatch`: the candidates differ from the signed candidate list.
    public static let candidatesListMismatch = ErrorCode(rawValue: "candidates.listMismatch")
    /// `candidates.duplicateID`: Candidate id “…” appears twice.
    public static let candidatesDuplicateID = ErrorCode(rawValue: "candidates.duplicateID")
    /// `candidates.emptyTitle`: Candidate “…” has an empty title.
    public static let candidatesEmptyTitle = ErrorCode(rawValue: "candidates.emptyTitle")
}

extension ErrorCode {
    /// `cast.alreadyVoted`: Deputy … has already voted (ballot …)…).
    public static let castAlreadyVoted = ErrorCode(rawValue: "cast.alreadyVoted")
    /// `cast.boxClosed`: Voting is closed: the box takes no more ballots.
    public static let castBoxClosed = ErrorCode(rawValue: "cast.boxClosed")
    /// `cast.credentialUsed`: This credential has already voted (ballot …)…).
    public static let castCredentialUsed = ErrorCode(rawValue: "cast.credentialUsed")
    /// `cast.noOnApproval`: This is an approval ballot.
    public static let castNoOnApproval = ErrorCode(rawValue: "cast.noOnApproval")
    /// `cast.otherVote`: This credential belongs to another vote (a different manifest hash) and cannot vote here.
    public static let castOtherVote = ErrorCode(rawValue: "cast.otherVote")
    /// `cast.ratingOnVote`: This vote is not an evaluation round.
    public static let castRatingOnVote = ErrorCode(rawValue: "cast.ratingOnVote")
    /// `cast.recordedVote`: This is a recorded vote.
    public static let castRecordedVote = ErrorCode(rawValue: "cast.recordedVote")
    /// `cast.repeated`
    public static let castRepeated = ErrorCode(rawValue: "cast.repeated")
    /// `cast.secretVote`: This is a secret vote.
    public static let castSecretVote = ErrorCode(rawValue: "cast.secretVote")
    /// `cast.tooManyYes`: … yes marks, but at most … are allowed.
    public static let castTooManyYes = ErrorCode(rawValue: "cast.tooManyYes")
    /// `cast.twoRatings`
    public static let castTwoRatings = ErrorCode(rawValue: "cast.twoRatings")
    /// `cast.unauthorisedCredential`: The registrar's signature on this credential does not verify.
    public static let castUnauthorisedCredential = ErrorCode(rawValue: "cast.unauthorisedCredential")
    /// `cast.unknownCandidate`: No candidate has the id “…”.
    public static let castUnknownCandidate = ErrorCode(rawValue: "cast.unknownCandidate")
    /// `cast.unknownDeputy`: Deputy “…” is not on the roster.
    public static let castUnknownDeputy = ErrorCode(rawValue: "cast.unknownDeputy")
    /// `cast.usage`: Give --credential FILE (secret votes), or --key and --deputy (recorded votes).
    public static let castUsage = ErrorCode(rawValue: "cast.usage")
    /// `cast.votingOnRating`: This is an evaluation ballot.
    public static let castVotingOnRating = ErrorCode(rawValue: "cast.votingOnRating")
    /// `cast.wrongKey`: This private key does not match the roster's public key for … (…).
    public static let castWrongKey = ErrorCode(rawValue: "cast.wrongKey")
    /// `cast.yesAndNo`
    public static let castYesAndNo = ErrorCode(rawValue: "cast.yesAndNo")
}

extension ErrorCode {
    /// `credential.badBlindSignature`: The registrar's blind signature does not verify.
    public static let credentialBadBlindSignature = ErrorCode(rawValue: "credential.badBlindSignature")
    /// `credential.badRequest`: Cannot blind-sign this request.
    public static let credentialBadRequest = ErrorCode(rawValue: "credential.badRequest")
    /// `credential.corrupt`: The credential file is damaged.
    public static let credentialCorrupt = ErrorCode(rawValue: "credential.corrupt")
    /// `credential.grantMismatch`: The registrar's answer is for another request (the vote or the deputy differs).
    public static let credentialGrantMismatch = ErrorCode(rawValue: "credential.grantMismatch")
    /// `credential.recordedVote`: This is a recorded vote.
    public static let credentialRecordedVote = ErrorCode(rawValue: "credential.recordedVote")
}

extension ErrorCode {
    /// `issuance.badSequence`: ….
    public static let issuanceBadSequence = ErrorCode(rawValue: "issuance.badSequence")
    /// `issuance.brokenChain`: ….
    public static let issuanceBrokenChain = ErrorCode(rawValue: "issuance.brokenChain")
    /// `issuance.countsMismatch`: The counts or chain head in issuance.json do not match the issuance log (… entries).
    public static let issuanceCountsMismatch = ErrorCode(rawValue: "issuance.countsMismatch")
    /// `issuance.duplicate`: ….
    public static let issuanceDuplicate = ErrorCode(rawValue: "issuance.duplicate")
    /// `issuance.rosterNotFirst`: …: a paper ballot for every deputy on the roster may only be the log's first entry.
    public static let issuanceRosterNotFirst = ErrorCode(rawValue: "issuance.rosterNotFirst")
    /// `issuance.malformed`: ….
    public static let issuanceMalformed = ErrorCode(rawValue: "issuance.malformed")
    /// `issuance.notSealed`: Sign-in has not been sealed (no issuance.json).
    public static let issuanceNotSealed = ErrorCode(rawValue: "issuance.notSealed")
    /// `issuance.otherVote`: issuance.json belongs to another vote.
    public static let issuanceOtherVote = ErrorCode(rawValue: "issuance.otherVote")
    /// `issuance.unknownDeputy`: ….
    public static let issuanceUnknownDeputy = ErrorCode(rawValue: "issuance.unknownDeputy")
    /// `issuance.unreadable`: The issuance log cannot be read.
    public static let issuanceUnreadable = ErrorCode(rawValue: "issuance.unreadable")
}

extension ErrorCode {
    /// `manifest.badFraction`: The quorum fraction must lie between 0 and 1.
    public static let manifestBadFraction = ErrorCode(rawValue: "manifest.badFraction")
    /// `manifest.badVoteID`: The vote id “…” may hold only letters, digits, - and _.
    public static let manifestBadVoteID = ErrorCode(rawValue: "manifest.badVoteID")
    /// `manifest.blindKeyInRecorded`: A recorded vote uses no blind-signing key.
    public static let manifestBlindKeyInRecorded = ErrorCode(rawValue: "manifest.blindKeyInRecorded")
    /// `manifest.controlCharacter`: … holds a control character (such as NUL or a line break).
    public static let manifestControlCharacter = ErrorCode(rawValue: "manifest.controlCharacter")
    /// `manifest.emptyTitle`: The vote's title must not be empty.
    public static let manifestEmptyTitle = ErrorCode(rawValue: "manifest.emptyTitle")
    /// `manifest.gradingInVote`: A grading rule belongs to evaluation rounds only (--style rating).
    public static let manifestGradingInVote = ErrorCode(rawValue: "manifest.gradingInVote")
    /// `manifest.hashMismatch`: The … suite pairs with …, not ….
    public static let manifestHashMismatch = ErrorCode(rawValue: "manifest.hashMismatch")
    /// `manifest.noBlindKey`: A secret vote needs the registrar's RSA blind-signing public key (--blind-key), with the published fingerprint and size matching it.
    public static let manifestNoBlindKey = ErrorCode(rawValue: "manifest.noBlindKey")
    /// `manifest.noGrading`: An evaluation round needs its grading rule, with a share between 0 and 1.
    public static let manifestNoGrading = ErrorCode(rawValue: "manifest.noGrading")
    /// `manifest.noProjects`: An evaluation round needs at least one project to rate.
    public static let manifestNoProjects = ErrorCode(rawValue: "manifest.noProjects")
    /// `manifest.badBudget`: The budget must be more than 0.
    public static let manifestBadBudget = ErrorCode(rawValue: "manifest.badBudget")
    /// `manifest.badYesLimit`: The most yes marks a ballot may give must lie between 1 and the candidates.
    public static let manifestBadYesLimit = ErrorCode(rawValue: "manifest.badYesLimit")
    /// `manifest.noCost`: With a budget every candidate needs a cost.
    public static let manifestNoCost = ErrorCode(rawValue: "manifest.noCost")
    /// `manifest.noPointsRule`: a points vote needs its rule, and only a points vote has one.
    public static let manifestNoPointsRule = ErrorCode(rawValue: "manifest.noPointsRule")
    /// `manifest.noSeats`: The number of seats K must be at least 1 (it is …).
    public static let manifestNoSeats = ErrorCode(rawValue: "manifest.noSeats")
    /// `manifest.notDifferential`: … candidates for … seats.
    public static let manifestNotDifferential = ErrorCode(rawValue: "manifest.notDifferential")
    /// `manifest.seatsInRating`: An evaluation round (rating) adopts nothing.
    public static let manifestSeatsInRating = ErrorCode(rawValue: "manifest.seatsInRating")
    /// `manifest.suiteMismatch`: This vote uses the … suite but one official key is ….
    public static let manifestSuiteMismatch = ErrorCode(rawValue: "manifest.suiteMismatch")
    /// `manifest.textTooLong`: … has … characters, more than the limit of ….
    public static let manifestTextTooLong = ErrorCode(rawValue: "manifest.textTooLong")
    /// `manifest.tooManyCandidates`: … candidates, more than the limit of ….
    public static let manifestTooManyCandidates = ErrorCode(rawValue: "manifest.tooManyCandidates")
}

extension ErrorCode {
    /// `phase.refused`: An action outside the round's phase (a credential after sign-in closed, a
    /// ballot into a counted round, a close before sign-in is sealed or after the count).
    public static let phaseRefused = ErrorCode(rawValue: "phase.refused")
}

extension ErrorCode {
    /// `paper.alreadyCountersigned`: This scrutineer has already countersigned box ….
    public static let paperAlreadyCountersigned = ErrorCode(rawValue: "paper.alreadyCountersigned")
    /// `paper.badBox`: The box number must be a positive whole number.
    public static let paperBadBox = ErrorCode(rawValue: "paper.badBox")
    /// `paper.badCount`: Ballots issued and taken out cannot be negative.
    public static let paperBadCount = ErrorCode(rawValue: "paper.badCount")
    /// `paper.ballotsFile`: …: the ballots file … is missing, unreadable, or not the one the counter signed.
    public static let paperBallotsFile = ErrorCode(rawValue: "paper.ballotsFile")
    /// `paper.badMark`: … line …, column “…”.
    public static let paperBadMark = ErrorCode(rawValue: "paper.badMark")
    /// `paper.boxEntered`: Box … has already been entered (…) and will not be overwritten.
    public static let paperBoxEntered = ErrorCode(rawValue: "paper.boxEntered")
    /// `paper.countMismatch`: … holds … ballots but … were taken out of the box.
    public static let paperCountMismatch = ErrorCode(rawValue: "paper.countMismatch")
    /// `paper.duplicateSerial`: … line ….
    public static let paperDuplicateSerial = ErrorCode(rawValue: "paper.duplicateSerial")
    /// `paper.markMisfit`: ….
    public static let paperMarkMisfit = ErrorCode(rawValue: "paper.markMisfit")
    /// `paper.missingCandidate`: … line 1.
    public static let paperMissingCandidate = ErrorCode(rawValue: "paper.missingCandidate")
    /// `paper.noOnApproval`
    public static let paperNoOnApproval = ErrorCode(rawValue: "paper.noOnApproval")
    /// `paper.notCounter`: This key belongs to none of the counters in the manifest.
    public static let paperNotCounter = ErrorCode(rawValue: "paper.notCounter")
    /// `paper.notScrutineer`: This key belongs to none of the scrutineers in the manifest.
    public static let paperNotScrutineer = ErrorCode(rawValue: "paper.notScrutineer")
    /// `paper.otherVote`: ….
    public static let paperOtherVote = ErrorCode(rawValue: "paper.otherVote")
}

extension ErrorCode {
    /// `registrar.alreadyIssued`: Deputy … (…) has already received a credential or ballot;
    public static let registrarAlreadyIssued = ErrorCode(rawValue: "registrar.alreadyIssued")
    /// `registrar.noBlindKey`: Issuing anonymous credentials needs the registrar's RSA blind-signing private key (--blind-key).
    public static let registrarNoBlindKey = ErrorCode(rawValue: "registrar.noBlindKey")
    /// `registrar.otherVote`: The request for deputy … is for another vote (a different manifest hash).
    public static let registrarOtherVote = ErrorCode(rawValue: "registrar.otherVote")
    /// `registrar.sealed`: Sign-in is sealed.
    public static let registrarSealed = ErrorCode(rawValue: "registrar.sealed")
    /// `registrar.secretVote`: This is a secret vote.
    public static let registrarSecretVote = ErrorCode(rawValue: "registrar.secretVote")
    /// `registrar.unknownDeputy`: Deputy “…” is not on this vote's roster and cannot receive a credential.
    public static let registrarUnknownDeputy = ErrorCode(rawValue: "registrar.unknownDeputy")
    /// `registrar.wrongBlindKey`: This RSA key is not this vote's blind-signing key (the manifest publishes fingerprint … ??
    public static let registrarWrongBlindKey = ErrorCode(rawValue: "registrar.wrongBlindKey")
    /// `registrar.wrongKey`: This signing key is not the registrar key published in this vote's manifest.
    public static let registrarWrongKey = ErrorCode(rawValue: "registrar.wrongKey")
}

extension ErrorCode {
    /// `roster.badID`
    public static let rosterBadID = ErrorCode(rawValue: "roster.badID")
    /// `roster.badKey`: … line …, column “public_key”.
    public static let rosterBadKey = ErrorCode(rawValue: "roster.badKey")
    /// `roster.duplicateID`: The roster lists the id “…” twice.
    public static let rosterDuplicateID = ErrorCode(rawValue: "roster.duplicateID")
    /// `roster.empty`: The roster is empty.
    public static let rosterEmpty = ErrorCode(rawValue: "roster.empty")
    /// `roster.noKey`: A recorded vote needs every deputy's … public key.
    public static let rosterNoKey = ErrorCode(rawValue: "roster.noKey")
}

extension ErrorCode {
    /// `round.notNeeded`: This round's result calls for no further round (\(result.outcome == .counted ?
    public static let roundNotNeeded = ErrorCode(rawValue: "round.notNeeded")
    /// `round.otherVote`: The result does not belong to this vote folder.
    public static let roundOtherVote = ErrorCode(rawValue: "round.otherVote")
    /// `round.rating`: An evaluation has no next round.
    public static let roundRating = ErrorCode(rawValue: "round.rating")
    /// `round.reusedBlindKey`: The next round needs a fresh registrar blind-signing key (one per vote).
    public static let roundReusedBlindKey = ErrorCode(rawValue: "round.reusedBlindKey")
}

extension ErrorCode {
    /// `terminal.timeout`: No grant from the registrar within … seconds.
    public static let terminalTimeout = ErrorCode(rawValue: "terminal.timeout")
}

extension ErrorCode {
    /// `vote.exists`: … already holds a vote and shishi will not overwrite it.
    public static let voteExists = ErrorCode(rawValue: "vote.exists")
    /// `vote.noManifest`: … is not a vote folder.
    public static let voteNoManifest = ErrorCode(rawValue: "vote.noManifest")
    /// `vote.rosterAltered`: The number of deputies does not match manifest.json.
    public static let voteRosterAltered = ErrorCode(rawValue: "vote.rosterAltered")
    /// `vote.listAltered`: the candidate list the manifest names is missing or was changed.
    public static let voteListAltered = ErrorCode(rawValue: "vote.listAltered")
}

extension ErrorCode {
    /// `box.alreadyClosed`: The box was closed already (close.json exists).
    public static let boxAlreadyClosed = ErrorCode(rawValue: "box.alreadyClosed")
    /// `box.wrongKey`: The key that closes the box is not the manifest's secretariat key.
    public static let boxWrongKey = ErrorCode(rawValue: "box.wrongKey")
    /// `box.closeInvalid`: close.json or closed-trackers.txt does not check.
    public static let boxCloseInvalid = ErrorCode(rawValue: "box.closeInvalid")
}

extension ErrorCode {
    /// `booth.notValid`: a ballot the booth sent does not pass the checks.
    public static let boothNotValid = ErrorCode(rawValue: "booth.notValid")
}
