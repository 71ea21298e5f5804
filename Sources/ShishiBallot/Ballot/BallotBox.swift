public import Foundation
public import ShishiCore

/// The electronic ballot box of a vote folder: `box/<tracker hex>.json`, one file per ballot.
public struct BallotBox: Sendable {
    /// The vote.
    public let vote: Vote

    /// Opens the box of `vote`.
    public init(vote: Vote) {
        self.vote = vote
    }

    /// The ballot files in the box, sorted by name.
    public func files() throws -> [URL] {
        let url = vote.folder.boxURL
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Writes a signed ballot into the box under its tracker; returns the tracker.
    ///
    /// `durable` flushes it to disk first (a cast ballot); a bulk writer may defer that.
    @discardableResult
    public func put(_ envelope: SignedEnvelope, durable: Bool = true) throws -> HashValue {
        let tracker = envelope.tracker(vote.manifest.hash)
        try FileAccess.create(vote.folder.boxURL.appendingPathComponent("\(tracker.hex).json"), data: envelope.fileData(), durable: durable)
        return tracker
    }

    /// The tracker of the ballot in the box already cast with one-time key `key`, or by deputy `voter`.
    func existingBallot(key: PublicKey?, voter: String?) throws -> String? {
        for url in try files() {
            guard let envelope = try? SignedEnvelope.read(from: url),
                let ballot = try? StrictJSON.decode(Ballot.self, from: envelope.payload, source: url.lastPathComponent)
            else { continue }
            if let key, ballot.credential?.key == key { return url.deletingPathExtension().lastPathComponent }
            if let voter, ballot.voter == voter { return url.deletingPathExtension().lastPathComponent }
        }
        return nil
    }
}
