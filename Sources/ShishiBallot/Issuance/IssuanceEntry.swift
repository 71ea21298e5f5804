public import Foundation
public import ShishiCore

/// One line of the registrar's issuance log: that a deputy signed in and received a credential or
/// a paper ballot, and when. It says nothing of the credential itself.
public struct IssuanceEntry: Sendable, Codable, Equatable {
    /// What the deputy received.
    public enum Kind: String, Sendable, Codable {
        /// An anonymous electronic credential.
        case credential
        /// A paper ballot.
        case paper
        /// Admission to a recorded vote, cast with the deputy's own roster key.
        case recorded
        /// A paper ballot to every deputy on the roster at once, in one entry whose `deputy` is
        /// empty: an imported file's voters, all present, whose ballots the import enters
        /// together. Only ever the log's first entry; no other can follow it.
        case paperForRoster = "paper-roster"

        /// Whether the deputies the entry names received paper ballots.
        public var isPaper: Bool { self == .paper || self == .paperForRoster }
    }

    /// 1 for the first entry, then consecutive.
    public var seq: Int
    /// The deputy's roster id.
    public var deputy: String
    /// What the deputy received.
    public var kind: Kind
    /// When (ISO 8601, UTC).
    public var at: String
    /// The hash of the previous line's bytes; for the first line, the manifest hash.
    public var prev: HashValue

    /// Creates an entry.
    public init(seq: Int, deputy: String, kind: Kind, at: String, prev: HashValue) {
        self.seq = seq
        self.deputy = deputy
        self.kind = kind
        self.at = at
        self.prev = prev
    }

    /// The exact bytes of the entry's line (canonical JSON).
    public func lineBytes() throws -> Data {
        var writer = CanonicalWriter(capacity: 160)
        write(to: &writer)
        return try writer.data ?? StrictJSON.encode(self)
    }
}
