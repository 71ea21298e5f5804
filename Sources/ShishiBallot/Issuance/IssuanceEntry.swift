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

/// Checks an issuance log: numbering, hash chain, roster membership, one entry per deputy.
public enum IssuanceChain {
    /// What a checked log adds up to.
    public struct Summary: Sendable, Equatable {
        /// The hash of the last line (the head); for no entries, the manifest hash.
        public var head: HashValue
        /// Entries: deputies present.
        public var entries: Int
        /// Electronic admissions (credentials, or recorded sign-ins).
        public var credentials: Int
    }

    /// Verifies `entries` held in memory (a version 1 seal).
    public static func verify(_ entries: [IssuanceEntry], vote: Vote, source: String) throws -> Summary {
        var checker = Checker(vote: vote, source: source)
        for start in stride(from: 0, to: entries.count, by: blockSize) {
            let block = Array(entries[start..<min(start + blockSize, entries.count)])
            let hashes = try parallelMap(block) { entry in try entry.lineBytes().withUnsafeBytes { vote.manifest.hash.digest32($0) } }
            for (entry, hash) in zip(block, hashes) { try checker.check(entry, lineHash: hash, position: vote.roster.position(of: entry.deputy)) }
        }
        return checker.summary
    }

    /// Verifies `issuance/log.jsonl`, streamed a block of lines at a time (a version 2 seal): each
    /// line must be the canonical form of its entry, since the chain hashes the lines' bytes.
    ///
    /// Lines are read, hashed and looked up on the roster on all cores; the chain, the numbering
    /// and the one-entry-per-deputy rule are then checked in order.
    public static func verifyLog(vote: Vote) throws -> Summary {
        let source = "issuance/log.jsonl"
        var checker = Checker(vote: vote, source: source)
        guard FileManager.default.fileExists(atPath: vote.folder.issuanceLogURL.path) else { return checker.summary }
        try JSONLines.forEachBlock(of: vote.folder.issuanceLogURL, size: blockSize) { block in
            let read = try parallelMap(block) { line -> (IssuanceEntry, Digest32, Int?) in
                let entry = try IssuanceEntry.canonical(line.bytes) ?? StrictJSON.decode(IssuanceEntry.self, from: line.bytes, source: "\(source) 第 \(line.number) 行", canonical: true)
                return (entry, line.bytes.withUnsafeBytes { vote.manifest.hash.digest32($0) }, vote.roster.position(of: entry.deputy))
            }
            for (entry, hash, position) in read { try checker.check(entry, lineHash: hash, position: position) }
        }
        return checker.summary
    }

    private static let blockSize = 65_536

    /// The running check: each entry in order, with the hash of its line and its place on the roster.
    struct Checker {
        let vote: Vote
        let source: String
        var previous: Digest32
        var seen: [Bool]
        var count = 0
        var credentials = 0

        init(vote: Vote, source: String) {
            self.vote = vote
            self.source = source
            previous = Digest32(vote.hash.bytes) ?? .zero
            seen = Array(repeating: false, count: vote.roster.count)
        }

        var summary: Summary {
            Summary(head: count == 0 ? vote.hash : HashValue(algorithm: vote.manifest.hash, bytes: previous.data), entries: count, credentials: credentials)
        }

        mutating func check(_ entry: IssuanceEntry, lineHash: Digest32, position: Int?) throws {
            let number = count + 1
            let where_ = Text("\(source) 第 \(number) 条", "\(source) entry \(number)")
            guard entry.seq == number else {
                throw ShishiError(
                    "issuance.badSequence",
                    zh: "\(where_.zh)：序号为 \(entry.seq)，应为 \(number)：日志有缺失或被重排。",
                    en: "\(where_.en): numbered \(entry.seq) where \(number) is due: entries are missing or reordered."
                )
            }
            let expectedAlgorithm = count == 0 ? vote.hash.algorithm : vote.manifest.hash
            guard entry.prev.algorithm == expectedAlgorithm, Digest32(entry.prev.bytes) == previous else {
                throw ShishiError(
                    "issuance.brokenChain",
                    zh: "\(where_.zh)：哈希链断裂（前一条被改动、删除或插入）。",
                    en: "\(where_.en): the hash chain is broken (an earlier entry was changed, removed or inserted)."
                )
            }
            guard let position else {
                throw ShishiError(
                    "issuance.unknownDeputy",
                    zh: "\(where_.zh)：代表“\(entry.deputy)”不在代表名单上。",
                    en: "\(where_.en): deputy “\(entry.deputy)” is not on the roster."
                )
            }
            guard !seen[position] else {
                throw ShishiError(
                    "issuance.duplicate",
                    zh: "\(where_.zh)：代表“\(entry.deputy)”领取了第二次。",
                    en: "\(where_.en): deputy “\(entry.deputy)” received a second time."
                )
            }
            seen[position] = true
            count = number
            if entry.kind != .paper { credentials += 1 }
            previous = lineHash
        }
    }
}
