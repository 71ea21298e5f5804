public import Foundation
public import ShishiBallot
public import ShishiCore

/// The close record (`close.json`): when voting ends the secretariat closes the box, and from
/// then on it takes no ballot. The record, signed by the secretariat, names the vote and round,
/// the number of electronic ballots in the box at that moment and a digest over their trackers
/// (the Merkle root, as the result's box digest); `closed-trackers.txt` lists those trackers.
///
/// The count then sets aside any ballot the record does not cover, as arriving after the
/// close, and refuses to count a box from which a covered ballot has gone (check 19). A vote
/// folder without a close record counts as before and says it has none.
public struct BoxClose: Sendable, Codable, Equatable {
    /// The payload type of `close.json`.
    public static let payloadType = "shishi/box-close/v1"

    /// The manifest hash of the vote.
    public var vote: HashValue
    /// The round.
    public var round: Int
    /// Electronic ballots in the box when it was closed.
    public var ballots: Int
    /// The Merkle root over their sorted trackers.
    public var digest: HashValue
    /// When the box was closed.
    public var closedAt: String
    /// The head of the sealed sign-in log when the box was closed (its last line's hash): the box
    /// closes only after the seal, so no one can have signed in after the close without this
    /// differing from the sealed log's head (check 19). Absent in records made before it existed.
    public var issuanceHead: HashValue?

    /// A close record checked against its folder: the record and the trackers it covers.
    public struct Loaded: Sendable {
        /// The record.
        public var record: BoxClose
        /// The trackers of the ballots in the box at the close.
        public var trackers: TrackerList
    }

    /// Closes the box of `vote`, signed with the secretariat's key (the one the manifest
    /// publishes): the record of the box as it is, made, signed and written under one hold of the
    /// folder's lock, so that no cast lands between the listing and the record. Closing twice is
    /// refused.
    @discardableResult
    public static func close(_ vote: Vote, secretariat: PrivateKey, now: Date) throws -> Loaded {
        guard secretariat.publicKey == vote.manifest.keys.secretariat else { throw wrongKey }
        return try FolderLock.withLock(vote.folder.url) {
            let (record, trackers) = try current(vote, now: now)
            var envelope = try SignedEnvelope(payloadType: payloadType, encoding: record)
            try envelope.sign(with: secretariat)
            return try write(envelope, record: record, trackers: trackers, for: vote)
        }
    }

    /// The close record of the box as it is now, unsigned: for the secretariat to sign (here,
    /// or in a browser whose key file never leaves it). Refused once the box is closed.
    public static func prepare(_ vote: Vote, now: Date) throws -> SignedEnvelope {
        try FolderLock.withLock(vote.folder.url) {
            try SignedEnvelope(payloadType: payloadType, encoding: current(vote, now: now).record)
        }
    }

    /// Writes a signed close record: it must carry the secretariat's valid signature and name
    /// this vote and round, and, under the folder's lock, so that no cast lands between the
    /// check and the record, the box must still hold exactly the ballots it names (a cast that
    /// landed after the record was made: make and sign it again). Closing twice is refused.
    @discardableResult
    public static func submit(_ envelope: SignedEnvelope, for vote: Vote) throws -> Loaded {
        guard envelope.isSigned(by: vote.manifest.keys.secretariat) else { throw wrongKey }
        let record = try envelope.decodePayload(BoxClose.self, expecting: payloadType, source: VoteFolder.Name.boxClose)
        guard record.vote == vote.hash, record.round == vote.manifest.round else {
            throw invalid(Text("封箱记录属于另一次投票或另一轮", "the close record belongs to another vote or round"))
        }
        return try FolderLock.withLock(vote.folder.url) {
            let (expected, trackers) = try current(vote, now: Date())
            guard record.issuanceHead == expected.issuanceHead else {
                throw invalid(Text("封箱记录没有写明签到日志的链头，或与封存的签到日志不符", "it does not name the sealed sign-in log's head"))
            }
            guard trackers.count == record.ballots, trackers.root == record.digest else {
                throw ShishiError(
                    .boxChanged, zh: "封箱记录生成后票箱里又有了选票：请重新生成并签名封箱记录。",
                    en: "The box took a ballot after the close record was made: make and sign the record again.")
            }
            return try write(envelope, record: record, trackers: trackers, for: vote)
        }
    }

    /// The record of the open box as it is now, and its trackers; call with the folder's lock held.
    private static func current(_ vote: Vote, now: Date) throws -> (record: BoxClose, trackers: TrackerList) {
        try requireOpen(vote)
        let trackers = try trackersInBox(vote)
        return (
            BoxClose(
                vote: vote.hash, round: vote.manifest.round, ballots: trackers.count, digest: trackers.root, closedAt: Timestamp.string(now),
                issuanceHead: try IssuanceSeal.sealedHead(for: vote)),
            trackers
        )
    }

    /// Writes the tracker list, then the signed record; call with the folder's lock held.
    private static func write(_ envelope: SignedEnvelope, record: BoxClose, trackers: TrackerList, for vote: Vote) throws -> Loaded {
        // A list left by a close killed between its two files: no record names it.
        unlink(vote.folder.closedTrackersURL.path)
        try FileAccess.create(vote.folder.closedTrackersURL, pieces: trackers.filePieces)
        try FileAccess.create(vote.folder.boxCloseURL, data: envelope.fileData())
        // The box is closed: it becomes one file in tracker order, keeping no order of arrival.
        try BallotBox(vote: vote).consolidate()
        return Loaded(record: record, trackers: trackers)
    }

    /// Finishes the rewrite of a closed box into one file (``BallotBox/consolidate()``) if a crash
    /// cut it short, under the folder's lock; the count calls it before it reads the box.
    /// A folder counted already is left as it was counted.
    public static func finishConsolidation(of vote: Vote) throws {
        guard vote.folder.phase == .boxClosed else { return }
        try FolderLock.withLock(vote.folder.url) {
            FileAccess.removeAbandonedTemporaries(in: vote.folder.url)
            try BallotBox(vote: vote).consolidate()
        }
    }

    /// The box is closed once, after sign-in is sealed and before the count (``RoundPhase``).
    private static func requireOpen(_ vote: Vote) throws {
        switch vote.folder.phase {
        case .signInSealed:
            return
        case .boxClosed:
            throw ShishiError(
                .boxAlreadyClosed, zh: "票箱已经封箱（close.json 已存在），不能再次封箱。", en: "The box is already closed (close.json exists); it cannot be closed twice.")
        case let phase:
            throw phase.refusal(Text("封箱", "Closing the box"))
        }
    }

    private static let wrongKey = ShishiError(
        .boxWrongKey, zh: "这把密钥不是本次投票 manifest 中公布的秘书处密钥：封箱须由秘书处签名。",
        en: "This key is not the secretariat key the manifest publishes: the secretariat signs the close.")

    /// The close record of `vote`, checked: the secretariat's signature, this vote and round,
    /// and a tracker list that holds as many trackers as the record says, with its digest. `nil`
    /// when the box has not been closed.
    public static func load(for vote: Vote) throws -> Loaded? {
        guard vote.folder.isClosed else { return nil }
        let source = VoteFolder.Name.boxClose
        let envelope = try SignedEnvelope.read(from: vote.folder.boxCloseURL)
        try envelope.requireSignature(by: vote.manifest.keys.secretariat, role: Text("秘书处", "secretariat"), source: source)
        let record = try envelope.decodePayload(BoxClose.self, expecting: payloadType, source: source)
        guard record.vote == vote.hash, record.round == vote.manifest.round else {
            throw invalid(Text("封箱记录属于另一次投票或另一轮", "the close record belongs to another vote or round"))
        }
        let trackers = try TrackerList(
            fileData: FileAccess.read(vote.folder.closedTrackersURL), algorithm: vote.manifest.hash, source: VoteFolder.Name.closedTrackers)
        guard trackers.count == record.ballots, trackers.root == record.digest, zip(trackers.digests, trackers.digests.dropFirst()).allSatisfy({ $0 < $1 })
        else {
            throw invalid(
                Text(
                    "\(VoteFolder.Name.closedTrackers) 与封箱记录不符（记录 \(record.ballots) 张）",
                    "\(VoteFolder.Name.closedTrackers) does not match the close record (\(record.ballots, noun: "ballot") recorded)"))
        }
        return Loaded(record: record, trackers: trackers)
    }

    /// The sorted trackers of every ballot in the box that reads as a signed envelope (one that
    /// does not is rejected by the count whenever it came).
    static func trackersInBox(_ vote: Vote) throws -> TrackerList {
        var digests: [Digest32] = []
        try BallotBox(vote: vote).forEachRawChunk { chunk in
            for index in 0..<chunk.count {
                let data = Data(chunk.ballot(index))
                guard
                    let envelope = SignedEnvelope.stored(data, source: chunk.name(index)),
                    let digest = Digest32(envelope.tracker(vote.manifest.hash).bytes)
                else { continue }
                digests.append(digest)
            }
        }
        digests.sort()
        // The same bytes twice (a file and a bundle line) are one tracker.
        var unique: [Digest32] = []
        unique.reserveCapacity(digests.count)
        for digest in digests where unique.last != digest { unique.append(digest) }
        return TrackerList(algorithm: vote.manifest.hash, digests: unique)
    }

    static func invalid(_ reason: Text) -> ShishiError {
        ShishiError(.boxCloseInvalid, zh: "封箱记录无效：\(reason.clause.zh)。", en: "The close record does not check: \(reason.clause.en).")
    }
}
