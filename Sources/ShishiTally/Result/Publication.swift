public import Foundation
public import Logging
public import ShishiBallot
public import ShishiCore

/// Publishing a count: the one call `shishi tally`, the walk-through and a web server make.
///
/// A first count writes `result.json` and `counted-trackers.txt` (see ``ResultFile``); a later
/// one recounts and refuses a folder that has changed since the result was published. Either
/// way the texts are then (re)written from the published result: `announcement.txt` (宣布稿),
/// `notice.txt` (公告) and `report.html`, each replaced atomically.
public struct Publication: Sendable {
    /// The vote.
    public let vote: Vote

    /// Names the publication of `vote` (nothing is read).
    public init(vote: Vote) {
        self.vote = vote
    }

    /// `announcement.txt`: what the chair reads out.
    public var announcementURL: URL { vote.folder.announcementURL }
    /// `notice.txt`: the numbered public notice.
    public var noticeURL: URL { vote.folder.noticeURL }
    /// `report.html`: the printable count report.
    public var reportURL: URL { vote.folder.reportURL }

    /// What a publication did.
    public struct Outcome: Sendable {
        /// The published result (the one just written, or the one already there).
        public var result: TallyResult
        /// The scrutineers who have signed it so far.
        public var signers: [String]
        /// Whether the folder had been counted before (and the recount matched it).
        public var alreadyCounted: Bool
    }

    /// Counts the round and publishes it. `previous` is the previous round's result for a later
    /// round; the texts are written in `language`, the notice numbered `noticeNumber`.
    ///
    /// Refuses (`tally.changed`) a folder counted before whose recount no longer matches its
    /// `result.json`: nothing is rewritten then.
    public func publish(
        previous: TallyResult?, noticeNumber: Int = 1, language: Language, now: Date, logger: Logger = Tally.silentLogger,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws -> Outcome {
        let file = ResultFile(vote: vote)
        if file.exists, let (_, published) = try? file.read(), Verification.isPublicCopy(vote, result: published) {
            throw Verification.publicCopyRefusal(Text("计票", "counting"))
        }
        try BoxClose.finishConsolidation(of: vote)
        let stamp = try BallotBox(vote: vote).stamp()
        let run = try Tally(vote: vote).run(previous: previous, now: now, logger: logger, progress: progress)
        var outcome = Outcome(result: run.result, signers: [], alreadyCounted: file.exists)
        if outcome.alreadyCounted {
            let (envelope, published) = try file.read()
            guard Verification.differences(published, run.result.stamped(published.countedAt)).isEmpty else {
                throw ShishiError(
                    .tallyChanged,
                    zh: "本轮已计过票，但投票目录自那以后有变化：重新计票与 result.json 不符。请运行 shishi verify 查看差异。",
                    en: "This round was counted already, but the folder has changed since: the recount differs from result.json. Run shishi verify to see how."
                )
            }
            outcome.result = published
            outcome.signers = file.signers(envelope).names
        } else {
            try file.write(run, box: stamp)
            logger.debug("result.json and counted-trackers.txt written")
        }
        try writeTexts(outcome.result, signers: outcome.signers, noticeNumber: noticeNumber, language: language)
        return outcome
    }

    /// Writes the announcement, the notice and the report of `result` in `language`.
    public func writeTexts(_ result: TallyResult, signers: [String], noticeNumber: Int = 1, language: Language) throws {
        try FileAccess.replace(announcementURL, data: Data(Announcement.text(result, vote: vote, language: language).utf8))
        try FileAccess.replace(noticeURL, data: Data(Announcement.notice(result, vote: vote, number: noticeNumber, language: language).utf8))
        try FileAccess.replace(reportURL, data: Data(HTMLReport.page(result, vote: vote, signers: signers, language: language).utf8))
    }
}
