import Foundation
public import ShishiCore
import Synchronization

/// Checks an issuance log: numbering, hash chain, roster membership, one entry per deputy.
public enum IssuanceChain {
    /// What a checked log adds up to.
    public struct Summary: Sendable, Equatable {
        /// The hash of the last line (the head); for no entries, the manifest hash.
        public var head: HashValue
        /// Deputies present (one entry each, or every deputy for a ``IssuanceEntry/Kind/paperForRoster`` entry).
        public var entries: Int
        /// Electronic admissions (credentials, or recorded sign-ins).
        public var credentials: Int
        /// Paper ballots issued.
        public var paper: Int { entries - credentials }
    }

    /// Verifies `entries` held in memory (a version 1 seal).
    public static func verify(_ entries: [IssuanceEntry], vote: Vote, source: String) throws -> Summary {
        var checker = Checker(vote: vote, source: source)
        for start in stride(from: 0, to: entries.count, by: 65_536) {
            let block = Array(entries[start..<min(start + 65_536, entries.count)])
            let links = try parallelMap(block) { entry in
                try Link(entry, lineHash: entry.lineBytes().withUnsafeBytes { vote.manifest.hash.digest32($0) }, vote: vote)
            }
            for link in links { try checker.check(link) }
        }
        return checker.summary
    }

    /// Verifies `issuance/log.jsonl`, streamed a block at a time (a version 2 seal): each line
    /// must be the canonical form of its entry, since the chain hashes the lines' bytes.
    ///
    /// Lines are read where they lie, checked, hashed and looked up on the roster on all cores;
    /// the chain, the numbering and the one-entry-per-deputy rule are then checked in order.
    public static func verifyLog(vote: Vote) throws -> Summary {
        let source = VoteFolder.Name.issuanceLog
        var checker = Checker(vote: vote, source: source)
        guard FileManager.default.fileExists(atPath: vote.folder.issuanceLogURL.path) else { return checker.summary }
        let tasks = ProcessInfo.processInfo.activeProcessorCount * 4
        try JSONLines.forEachRawBlock(of: vote.folder.issuanceLogURL) { block in
            let lines = block.lines.indices.filter { !block.lines[$0].range.isEmpty }
            // Each share: the links read, and the error that stopped it, if any (reported after the links before it are checked).
            let shares = Mutex([(links: [Link], error: ShishiError?)](repeating: ([], nil), count: tasks))
            DispatchQueue.concurrentPerform(iterations: tasks) { task in
                var links: [Link] = []
                let range = lines.count * task / tasks..<lines.count * (task + 1) / tasks
                links.reserveCapacity(range.count)
                do {
                    for index in lines[range] {
                        let bytes = block.line(index)
                        if let link = Link(canonical: bytes, vote: vote) {
                            links.append(link)
                        } else {
                            // Anything else: the full reading, with its message if it fails.
                            let data = Data(bytes)
                            let entry =
                                try IssuanceEntry.canonical(data)
                                ?? StrictJSON.decode(IssuanceEntry.self, from: data, source: "\(source) 第 \(block.lines[index].number) 行", canonical: true)
                            links.append(Link(entry, lineHash: vote.manifest.hash.digest32(bytes), vote: vote))
                        }
                    }
                    shares.withLock { $0[task] = (links, nil) }
                } catch let error as ShishiError {
                    shares.withLock { $0[task] = (links, error) }
                } catch {
                    shares.withLock { $0[task] = (links, ShishiError(.issuanceMalformed, zh: "\(source)：\(error)", en: "\(source): \(error)")) }
                }
            }
            for share in shares.withLock({ $0 }) {
                for link in share.links { try checker.check(link) }
                if let error = share.error { throw error }
            }
            return true
        }
        return checker.summary
    }

    /// One log entry reduced to what the chain check needs.
    struct Link: Sendable {
        var seq: Int
        var paper: Bool
        /// A paper ballot to every deputy on the roster (``IssuanceEntry/Kind/paperForRoster``).
        var everyone: Bool
        var prevAlgorithm: HashAlgorithm
        var prev: Digest32
        var lineHash: Digest32
        /// The deputy's place on the roster, if there.
        var position: Int?
        /// The deputy's id as written, for the message when it is not on the roster.
        var deputy: String

        /// The link of an entry read the full way.
        init(_ entry: IssuanceEntry, lineHash: Digest32, vote: Vote) {
            seq = entry.seq
            paper = entry.kind.isPaper
            everyone = entry.kind == .paperForRoster
            prevAlgorithm = entry.prev.algorithm
            prev = Digest32(entry.prev.bytes) ?? .zero
            self.lineHash = lineHash
            position = everyone ? nil : vote.roster.position(of: entry.deputy)
            deputy = entry.deputy
        }

        private static let kinds: [(text: StaticString, paper: Bool)] = [("credential", false), ("paper", true), ("recorded", false)]

        /// The link of a canonical line of a deputy on the roster, read where it lies:
        /// `{"at":"…","deputy":"…","kind":"…","prev":"<algorithm>:<64 lower-case hex>","seq":N}`.
        /// `nil` for anything else (another layout, an escape, text beyond ASCII in the time, a
        /// deputy not on the roster), which the full reading then decides on.
        init?(canonical line: UnsafeRawBufferPointer, vote: Vote) {
            var reader = CanonicalReader(line)
            guard reader.expect(#"{"at":"#), let at = reader.stringBytes(), !at.contains(where: { $0 >= 0x80 }),
                reader.expect(#","deputy":"#), let deputy = reader.stringBytes(), let position = vote.roster.position(ofUTF8: deputy),
                reader.expect(#","kind":"#), let kindText = reader.stringBytes(),
                let kind = Self.kinds.first(where: {
                    kindText.elementsEqual(UnsafeRawBufferPointer(start: $0.text.utf8Start, count: $0.text.utf8CodeUnitCount))
                }),
                reader.expect(#","prev":"#), let prevText = reader.stringBytes(), let colon = prevText.firstIndex(of: 0x3A),
                let algorithm = HashAlgorithm(rawValue: String(decoding: UnsafeRawBufferPointer(rebasing: prevText[..<colon]), as: UTF8.self)),
                // Lower-case digits, as a hash value is written.
                !prevText.contains(where: { (0x41...0x46).contains($0) }), let prev = Digest32(hex: UnsafeRawBufferPointer(rebasing: prevText[(colon + 1)...])),
                reader.expect(#","seq":"#), let seq = reader.integer(), reader.expect(byte: 0x7D), reader.atEnd
            else { return nil }
            self.seq = seq
            paper = kind.paper
            everyone = false
            prevAlgorithm = algorithm
            self.prev = prev
            lineHash = vote.manifest.hash.digest32(line)
            self.position = position
            self.deputy = ""
        }
    }

    /// The running check: each entry in order.
    struct Checker {
        let vote: Vote
        let source: String
        var previous: Digest32
        var seen: [Bool]
        /// Lines checked.
        var lines = 0
        /// Deputies present.
        var count = 0
        var credentials = 0

        init(vote: Vote, source: String) {
            self.vote = vote
            self.source = source
            previous = Digest32(vote.hash.bytes) ?? .zero
            seen = Array(repeating: false, count: vote.roster.count)
        }

        var summary: Summary {
            Summary(head: lines == 0 ? vote.hash : HashValue(algorithm: vote.manifest.hash, bytes: previous.data), entries: count, credentials: credentials)
        }

        mutating func check(_ link: Link) throws {
            let number = lines + 1
            let where_ = Text("\(source) 第 \(number) 条", "\(source) entry \(number)")
            guard link.seq == number else {
                throw ShishiError(
                    .issuanceBadSequence,
                    zh: "\(where_.zh)：序号为 \(link.seq)，应为 \(number)：日志有缺失或被重排。",
                    en: "\(where_.en): numbered \(link.seq) where \(number) is due: entries are missing or reordered."
                )
            }
            guard link.prevAlgorithm == (lines == 0 ? vote.hash.algorithm : vote.manifest.hash), link.prev == previous else {
                throw ShishiError(
                    .issuanceBrokenChain,
                    zh: "\(where_.zh)：哈希链断裂（前一条被改动、删除或插入）。",
                    en: "\(where_.en): the hash chain is broken (an earlier entry was changed, removed or inserted)."
                )
            }
            if link.everyone {
                guard link.deputy.isEmpty else {
                    throw ShishiError(
                        .issuanceMalformed,
                        zh: "\(where_.zh)：“全体代表领取纸质选票”一条不应写代表（写的是“\(link.deputy)”）。",
                        en: "\(where_.en): an entry for every deputy on the roster names no deputy (this one names “\(link.deputy)”)."
                    )
                }
                guard lines == 0 else {
                    throw ShishiError(
                        .issuanceRosterNotFirst,
                        zh: "\(where_.zh)：“全体代表领取纸质选票”只能是日志的第一条。",
                        en: "\(where_.en): a paper ballot for every deputy on the roster may only be the log's first entry."
                    )
                }
                seen = Array(repeating: true, count: seen.count)
                lines = number
                count = seen.count
                previous = link.lineHash
                return
            }
            guard let position = link.position else {
                throw ShishiError(
                    .issuanceUnknownDeputy,
                    zh: "\(where_.zh)：代表“\(link.deputy)”不在代表名单上。",
                    en: "\(where_.en): deputy “\(link.deputy)” is not on the roster."
                )
            }
            guard !seen[position] else {
                let deputy = vote.roster.deputies[position].id
                throw ShishiError(
                    .issuanceDuplicate,
                    zh: "\(where_.zh)：代表“\(deputy)”领取了第二次。",
                    en: "\(where_.en): deputy “\(deputy)” received a second time."
                )
            }
            seen[position] = true
            lines = number
            count += 1
            if !link.paper { credentials += 1 }
            previous = link.lineHash
        }
    }
}
