import Foundation
public import ShishiBallot
public import ShishiCore

/// `shishi receipt`: what became of one ballot, with its inclusion proof against the box digest.
public struct Receipt: Sendable, Codable {
    /// What became of a ballot.
    public enum Status: String, Sendable, Codable {
        /// Valid and counted.
        case counted
        /// Returned but over-marked: not valid.
        case invalid
        /// Set aside for the scrutineers (its credential cast another ballot too, or it arrived after the close): not counted.
        case setAside = "set-aside"
        /// Failed a check: rejected.
        case rejected
        /// No such ballot in this round's box.
        case absent
    }

    /// What became of the ballot.
    public var status: Status
    /// The tracker asked about.
    public var tracker: String
    /// Why, when not counted as valid.
    public var reason: Text?
    /// The box digest published in the result.
    public var boxDigest: HashValue
    /// The ballot's position among the sorted counted trackers.
    public var index: Int?
    /// The inclusion proof, leaf to root.
    public var proof: [MerkleTree.Step]?
    /// Whether the proof leads to the published digest.
    public var proofValid: Bool?
    /// How many trackers the box digest covers.
    public var counted: Int

    /// Looks up `tracker` (full `sha256:…`, bare hex, or a unique prefix of 8 or more hex digits) in `vote`'s result.
    public static func look(up tracker: String, in vote: Vote) throws -> Receipt {
        let file = ResultFile(vote: vote)
        return try look(up: tracker, result: file.read().result, trackers: file.countedTrackers())
    }

    /// Looks up `tracker` in a result and its counted trackers already read (a server answering
    /// many receipts reads them once).
    public static func look(up tracker: String, result: TallyResult, trackers: TrackerList) throws -> Receipt {
        let wanted = tracker.split(separator: ":").last.map(String.init)?.lowercased() ?? ""
        guard wanted.count >= 8, Data(hex: wanted.count % 2 == 0 ? wanted : wanted + "0") != nil else {
            throw ShishiError(
                .receiptBadTracker,
                zh: "“\(tracker)”不是跟踪码：请给出投票时显示的跟踪码（至少前 8 位）。",
                en: "“\(tracker)” is not a tracker: give the tracker shown when the ballot was cast (at least its first 8 hex digits)."
            )
        }
        let matches = trackers.indices(withHexPrefix: wanted)
        let reviewed = result.review.filter { $0.tracker?.hex.hasPrefix(wanted) == true }
        guard matches.count + reviewed.count <= 1 || (matches.count == 1 && reviewed.count == 1) else {
            throw ShishiError(.receiptAmbiguous, zh: "这个前缀对应多张选票：请多给几位。", en: "That prefix matches several ballots: give more digits.")
        }
        if let index = matches.first { return counted(at: index, result: result, trackers: trackers, review: reviewed.first) }
        if let item = reviewed.first { return underReview(item, tracker: tracker, result: result, trackers: trackers) }
        return Receipt(
            status: .absent, tracker: tracker, reason: nil, boxDigest: result.boxDigest, index: nil, proof: nil, proofValid: nil, counted: trackers.count)
    }

    /// How many hex digits a board's page asks with, and a published board splits its receipts
    /// by, for `counted` counted ballots: as many as keep a dozen or more ballots behind each
    /// prefix on average (16 digits' worth per step), at least one. The server, or whoever serves
    /// the published files, learns the prefix only, one of a dozen ballots or more.
    public static func prefixLength(counted: Int) -> Int {
        var length = 1
        var buckets = 16 * 16
        while counted >= 12 * buckets, length < 16 {
            length += 1
            buckets *= 16
        }
        return length
    }

    /// The receipts of every ballot whose tracker begins with `prefix` (1 to 16 hex digits):
    /// what a public board answers, so that the server learns only a few digits, not which ballot
    /// the visitor holds; the visitor's browser picks its own. More than `limit` is refused
    /// (give more digits).
    public static func all(withPrefix prefix: String, result: TallyResult, trackers: TrackerList, limit: Int = 256) throws -> [Receipt] {
        let wanted = prefix.lowercased()
        guard (1...16).contains(wanted.count), wanted.isLowercaseHex else {
            throw ShishiError(
                .receiptBadTracker, zh: "“\(prefix.prefix(40))”不是跟踪码的开头：请给出 1 至 16 位十六进制数字。",
                en: "“\(prefix.prefix(40))” is not the start of a tracker: give 1 to 16 hex digits.")
        }
        let matches = trackers.indices(withHexPrefix: wanted)
        let reviewed = result.review.filter { $0.tracker?.hex.hasPrefix(wanted) == true && $0.status != .invalid }
        guard matches.count + reviewed.count <= limit else {
            throw ShishiError(.receiptAmbiguous, zh: "这个开头对应的选票太多：请多给几位。", en: "Too many ballots begin with that: give more digits.")
        }
        let invalid = result.review.filter { $0.status == .invalid }
        return matches.map { index in
            counted(at: index, result: result, trackers: trackers, review: invalid.first { $0.tracker == trackers[index] })
        } + reviewed.map { underReview($0, tracker: $0.tracker?.description ?? "", result: result, trackers: trackers) }
    }

    /// The receipt of the counted tracker at `index`, with its inclusion proof (`invalid` when the
    /// review lists it as over-marked).
    private static func counted(at index: Int, result: TallyResult, trackers: TrackerList, review item: TallyResult.ReviewItem?) -> Receipt {
        let proof = trackers.proof(for: index)
        return Receipt(
            status: item?.status == .invalid ? .invalid : .counted, tracker: trackers[index].description, reason: item?.reason,
            boxDigest: result.boxDigest, index: index, proof: proof,
            proofValid: MerkleTree.verify(item: trackers[index].bytes, proof: proof, root: result.boxDigest), counted: trackers.count
        )
    }

    /// The receipt of a ballot under review (set aside or rejected), with the reason.
    private static func underReview(_ item: TallyResult.ReviewItem, tracker: String, result: TallyResult, trackers: TrackerList) -> Receipt {
        let status: Status =
            switch item.status {
            case .invalid: .invalid
            case .setAside: .setAside
            case .rejected: .rejected
            }
        return Receipt(
            status: status, tracker: item.tracker?.description ?? tracker, reason: item.reason, boxDigest: result.boxDigest, index: nil, proof: nil,
            proofValid: nil, counted: trackers.count)
    }
}
