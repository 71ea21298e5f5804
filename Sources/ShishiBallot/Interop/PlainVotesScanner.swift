import Foundation
import ShishiCore
import Synchronization

/// What ``PabulibFile/scanPlainVotes(_:projects:visitor:)`` hands each vote to.
protocol PlainVoteVisitor: Sendable {
    /// One vote: its voter id's bytes, its file line, the places in the file of the projects chosen, and the points given to each.
    mutating func visit(voter: UnsafeRawBufferPointer, line: Int, chosen: [Int], points: [Int]?)
    /// A visitor like this one that has visited nothing, for the second half of a section read on two cores.
    func emptyCopy() -> Self
    /// Takes the votes `other` visited, after those this one did.
    mutating func append(contentsOf other: Self)
}

/// Reads plain VOTES rows on their bytes (``PabulibFile/scanPlainVotes(_:projects:visitor:)``):
/// a large section in two halves on two cores, the second half's voters then looked for among
/// the first half's, and the two visitors joined in file order.
struct PlainVotesScanner: Sendable {
    /// The projects' ids one after another, and where each ends.
    let projectText: [UInt8]
    let projectEnds: [Int]
    let projectIndex: ByteStringIndex

    init(projects: [PabulibFile.Project]) {
        var text: [UInt8] = []
        var ends: [Int] = []
        for project in projects {
            text += project.id.utf8
            ends.append(text.count)
        }
        var index = ByteStringIndex(capacity: projects.count)
        text.withUnsafeBytes { bytes in
            for position in projects.indices {
                _ = index.insert(position, bytes: Self.slice(bytes, ends, position)) { Self.slice(bytes, ends, $0) }
            }
        }
        (projectText, projectEnds, projectIndex) = (text, ends, index)
    }

    private static func slice(_ text: UnsafeRawBufferPointer, _ ends: [Int], _ position: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: text[(position == 0 ? 0 : ends[position - 1])..<ends[position]])
    }

    /// The voters of a part read: each voter id as a range of the section's bytes; those written
    /// as whole numbers in a bit set, the others in an index of their bytes.
    struct Voters {
        var ranges: [Range<Int>]
        var numbers: DecimalIDSet
        var index: ByteStringIndex

        /// Adds the voter at `range` of `base`; `false` when that voter is there already.
        mutating func insert(_ range: Range<Int>, of base: UnsafeRawBufferPointer) -> Bool {
            let bytes = UnsafeRawBufferPointer(rebasing: base[range])
            if let number = numbers.number(bytes) {
                guard numbers.insert(number) else { return false }
            } else {
                if index.isEmpty {
                    // Made when the first id that is not a number comes: most files have none.
                    index = ByteStringIndex(capacity: max(1024, ranges.capacity))
                }
                let ranges = self.ranges
                guard index.insert(ranges.count, bytes: bytes, bytesOf: { UnsafeRawBufferPointer(rebasing: base[ranges[$0]]) }) == nil else {
                    return false
                }
            }
            ranges.append(range)
            return true
        }

        /// Whether the voter with `bytes` is among these.
        func contains(_ bytes: UnsafeRawBufferPointer, of base: UnsafeRawBufferPointer) -> Bool {
            if let number = numbers.number(bytes) { return numbers.contains(number) }
            return index.find(bytes, bytesOf: { UnsafeRawBufferPointer(rebasing: base[ranges[$0]]) }) != nil
        }
    }

    /// Where a plain section's cells are: the number of columns, and the places of `voter_id`,
    /// `vote` and (on a points file) `points` among them; the other columns (a city's age, sex,
    /// voting method or district) are passed over.
    struct Layout: Sendable {
        var columns: Int
        var voter: Int
        var vote: Int
        var points: Int?

        /// The layout of a header of printable ASCII names without quotes or spaces, each named
        /// once, `voter_id` and `vote` among them; `nil` for any other header (the table reader
        /// then reads it, with its aliases, its case-folding and its refusals).
        init?(header: UnsafeRawBufferPointer) {
            guard !header.isEmpty, header.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x22 }) else { return nil }
            let names = header.split(separator: 0x3B, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            let reserved: Set<String> = ["voter_id", "id", "vote", "points"]
            guard !names.contains(""), Set(names.map { $0.lowercased() }).count == names.count,
                names.allSatisfy({ !reserved.contains($0.lowercased()) || ["voter_id", "vote", "points"].contains($0) }),
                let voter = names.firstIndex(of: "voter_id"), let vote = names.firstIndex(of: "vote")
            else { return nil }
            (columns, self.voter, self.vote, points) = (names.count, voter, vote, names.firstIndex(of: "points"))
        }
    }

    /// Scans the section `base` (header first); `false` at the first thing that is not plain.
    func scan<Visitor: PlainVoteVisitor>(_ base: UnsafeRawBufferPointer, firstLine: Int, visitor: inout Visitor) -> Bool {
        let headerEnd = base.firstIndex(of: 0x0A) ?? base.count
        guard let layout = Layout(header: UnsafeRawBufferPointer(rebasing: base[..<headerEnd])) else { return false }
        let body = min(headerEnd + 1, base.count)..<base.count
        // Below a megabyte, or on one core, the rows are read in one pass.
        guard body.count > 1 << 20, Cores.active > 1,
            let middle = base[(body.lowerBound + body.count / 2)...].firstIndex(of: 0x0A).map({ $0 + 1 }), middle < body.upperBound
        else {
            return rows(base, body, firstLine: firstLine + 1, layout: layout, visitor: &visitor) != nil
        }
        let secondFirstLine = firstLine + 1 + base[body.lowerBound..<middle].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        nonisolated(unsafe) let shared = base
        let parts = Mutex<[(visitor: Visitor, voters: Voters)?]>([nil, nil])
        let templates = [visitor, visitor.emptyCopy()]
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            var own = templates[part]
            let range = part == 0 ? body.lowerBound..<middle : middle..<body.upperBound
            let voters = rows(shared, range, firstLine: part == 0 ? firstLine + 1 : secondFirstLine, layout: layout, visitor: &own)
            let done = voters.map { (own, $0) }
            parts.withLock { $0[part] = done }
        }
        guard let first = parts.withLock({ $0[0] }), let second = parts.withLock({ $0[1] }) else { return false }
        // A voter of the second half already in the first is a voter listed twice.
        let firstVoters = first.voters
        for range in second.voters.ranges where firstVoters.contains(UnsafeRawBufferPointer(rebasing: base[range]), of: base) { return false }
        visitor = first.visitor
        visitor.append(contentsOf: second.visitor)
        return true
    }

    /// Reads the rows in `range` of `base`, the first on file line `firstLine`; their voters, or
    /// `nil` at the first thing that is not plain (or a voter listed twice).
    ///
    /// Plain here is what the table reader would split on its bytes (``CSVTable``'s direct
    /// split): no quote, no carriage return or other line break, no Unicode space or combining
    /// mark anywhere, and in the voter, vote and points cells printable ASCII without spaces.
    private func rows<Visitor: PlainVoteVisitor>(
        _ base: UnsafeRawBufferPointer, _ range: Range<Int>, firstLine: Int, layout: Layout, visitor: inout Visitor
    ) -> Voters? {
        projectText.withUnsafeBytes { projectText in
            let ends = projectEnds
            func projectBytes(_ position: Int) -> UnsafeRawBufferPointer { Self.slice(projectText, ends, position) }
            // The voters so far. Numbers below eight per byte of the whole section: both halves
            // take the same ones as numbers, and the set never holds more bits than the section has bytes.
            var voters = Voters(ranges: [], numbers: DecimalIDSet(limit: 8 * base.count), index: ByteStringIndex(capacity: 0))
            voters.ranges.reserveCapacity(range.count / 16)
            // Which cells are read (and so must be plain ASCII): voter, vote, points.
            var read = [Bool](repeating: false, count: layout.columns)
            for place in [layout.voter, layout.vote] + (layout.points.map { [$0] } ?? []) { read[place] = true }
            var cells = [Range<Int>](repeating: 0..<0, count: layout.columns)
            var position = range.lowerBound
            var line = firstLine - 1
            var chosen: [Int] = []
            var values: [Int] = []
            let start = base.baseAddress!
            while position < range.upperBound {
                // memchr finds the line feed many bytes at a time.
                var rowEnd = range.upperBound
                if let found = memchr(start + position, 0x0A, range.upperBound - position) { rowEnd = start.distance(to: found) }
                let row = position..<rowEnd
                position = rowEnd + 1
                line += 1
                if row.isEmpty { continue }
                var cell = 0
                var cellStart = row.lowerBound
                var readingCell = read[0]
                for index in row {
                    let byte = base[index]
                    if byte == 0x3B {
                        cells[cell] = cellStart..<index
                        cell += 1
                        guard cell < layout.columns else { return nil }
                        cellStart = index + 1
                        readingCell = read[cell]
                    } else if readingCell {
                        guard byte > 0x20, byte < 0x7F, byte != 0x22 else { return nil }
                    } else if byte < 0x80 {
                        guard byte != 0x22, byte < 0x0B || byte > 0x0D else { return nil }
                    } else if byte == 0xC2 || byte == 0xCC || byte == 0xCD || (0xE1...0xE3).contains(byte) {
                        guard !Self.mayBreakACell(base, at: index) else { return nil }
                    }
                }
                cells[cell] = cellStart..<row.upperBound
                guard cell + 1 == layout.columns, !cells[layout.voter].isEmpty else { return nil }
                let voterRange = cells[layout.voter]
                guard voters.insert(voterRange, of: base) else { return nil }
                chosen.removeAll(keepingCapacity: true)
                var item = cells[layout.vote].lowerBound
                let voteEnd = cells[layout.vote].upperBound
                while item < voteEnd {
                    let end = base[item..<voteEnd].firstIndex(of: 0x2C) ?? voteEnd
                    if end > item {
                        guard let project = projectIndex.find(UnsafeRawBufferPointer(rebasing: base[item..<end]), bytesOf: projectBytes),
                            !chosen.contains(project)
                        else { return nil }
                        chosen.append(project)
                    }
                    item = end + 1
                }
                if let pointsCell = layout.points {
                    values.removeAll(keepingCapacity: true)
                    var item = cells[pointsCell].lowerBound
                    let pointsEnd = cells[pointsCell].upperBound
                    while item < pointsEnd {
                        let end = base[item..<pointsEnd].firstIndex(of: 0x2C) ?? pointsEnd
                        if end > item {
                            guard let value = Self.wholeNumber(base[item..<end]), value >= 0 else { return nil }
                            values.append(value)
                        }
                        item = end + 1
                    }
                    guard values.count == chosen.count else { return nil }
                }
                visitor.visit(
                    voter: UnsafeRawBufferPointer(rebasing: base[voterRange]), line: line, chosen: chosen, points: layout.points == nil ? nil : values)
            }
            return voters
        }
    }

    /// The whole number an item of a points cell writes, as `Int(_:)` reads it; up to 18
    /// digits are added up on the bytes, anything else (a sign, more digits) goes to `Int(_:)`.
    private static func wholeNumber(_ bytes: Slice<UnsafeRawBufferPointer>) -> Int? {
        if bytes.count <= 18 {
            var value = 0
            for byte in bytes {
                guard byte >= 0x30, byte <= 0x39 else { return Int(String(decoding: bytes, as: UTF8.self)) }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        return Int(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether the UTF-8 sequence at `index` is one the table reader would not split on its bytes:
    /// a line break or Unicode space (U+0085, U+00A0, U+1680, U+2000–U+20FF's spaces and
    /// separators, U+3000) or a combining mark (U+0300–U+036F), which could join a delimiter.
    private static func mayBreakACell(_ base: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let next = index + 1 < base.count ? base[index + 1] : 0
        let after = index + 2 < base.count ? base[index + 2] : 0
        switch base[index] {
        case 0xC2: return next == 0x85 || next == 0xA0
        case 0xCC, 0xCD: return true
        case 0xE1: return next == 0x9A && after == 0x80
        case 0xE2: return next == 0x80 || next == 0x81 || next == 0x83
        case 0xE3: return next == 0x80 && after == 0x80
        default: return false
        }
    }
}
