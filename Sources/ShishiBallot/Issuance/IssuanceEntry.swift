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

/// Checks a sequence of issuance entries: numbering, hash chain, roster membership, one entry per deputy.
public enum IssuanceChain {
    /// Verifies `entries` and returns the hash of the last line (the head); for no entries, the manifest hash.
    public static func verify(_ entries: [IssuanceEntry], vote: Vote, source: String) throws -> HashValue {
        var previous = vote.hash
        var seen = Set<String>()
        // Each line's hash is computed on all cores, a block at a time; the links are checked in order.
        var hashes: [HashValue] = []
        for (index, entry) in entries.enumerated() {
            if index % 65_536 == 0 {
                let block = Array(entries[index..<min(index + 65_536, entries.count)])
                hashes = try parallelMap(block) { vote.manifest.hash.digest(try $0.lineBytes()) }
            }
            let where_ = Text("\(source) 第 \(index + 1) 条", "\(source) entry \(index + 1)")
            guard entry.seq == index + 1 else {
                throw ShishiError(
                    "issuance.badSequence",
                    zh: "\(where_.zh)：序号为 \(entry.seq)，应为 \(index + 1)：日志有缺失或被重排。",
                    en: "\(where_.en): numbered \(entry.seq) where \(index + 1) is due: entries are missing or reordered."
                )
            }
            guard entry.prev == previous else {
                throw ShishiError(
                    "issuance.brokenChain",
                    zh: "\(where_.zh)：哈希链断裂（前一条被改动、删除或插入）。",
                    en: "\(where_.en): the hash chain is broken (an earlier entry was changed, removed or inserted)."
                )
            }
            guard vote.roster[entry.deputy] != nil else {
                throw ShishiError(
                    "issuance.unknownDeputy",
                    zh: "\(where_.zh)：代表“\(entry.deputy)”不在代表名单上。",
                    en: "\(where_.en): deputy “\(entry.deputy)” is not on the roster."
                )
            }
            guard seen.insert(entry.deputy).inserted else {
                throw ShishiError(
                    "issuance.duplicate",
                    zh: "\(where_.zh)：代表“\(entry.deputy)”领取了第二次。",
                    en: "\(where_.en): deputy “\(entry.deputy)” received a second time."
                )
            }
            previous = hashes[index % 65_536]
        }
        return previous
    }
}
