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
        if let index = matches.first {
            let proof = trackers.proof(for: index)
            let item = reviewed.first
            return Receipt(
                status: item?.status == .invalid ? .invalid : .counted, tracker: trackers[index].description, reason: item?.reason,
                boxDigest: result.boxDigest, index: index, proof: proof,
                proofValid: MerkleTree.verify(item: trackers[index].bytes, proof: proof, root: result.boxDigest), counted: trackers.count
            )
        }
        if let item = reviewed.first {
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
        return Receipt(
            status: .absent, tracker: tracker, reason: nil, boxDigest: result.boxDigest, index: nil, proof: nil, proofValid: nil, counted: trackers.count)
    }
}
