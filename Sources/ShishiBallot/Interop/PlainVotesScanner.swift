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

    /// The voters of a part read: each voter id as a range of the section's bytes, and their index.
    struct Voters {
        var ranges: [Range<Int>]
        var index: ByteStringIndex
    }

    /// Scans the section `base` (header first); `false` at the first thing that is not plain.
    func scan<Visitor: PlainVoteVisitor>(_ base: UnsafeRawBufferPointer, firstLine: Int, visitor: inout Visitor) -> Bool {
        let headerEnd = base.firstIndex(of: 0x0A) ?? base.count
        let withPoints: Bool
        switch String(decoding: base[..<headerEnd], as: UTF8.self) {
        case "voter_id;vote": withPoints = false
        case "voter_id;vote;points": withPoints = true
        default: return false
        }
        let body = min(headerEnd + 1, base.count)..<base.count
        // Below a megabyte, or on one core, the rows are read in one pass.
        guard body.count > 1 << 20, ProcessInfo.processInfo.activeProcessorCount > 1,
            let middle = base[(body.lowerBound + body.count / 2)...].firstIndex(of: 0x0A).map({ $0 + 1 }), middle < body.upperBound
        else {
            return rows(base, body, firstLine: firstLine + 1, withPoints: withPoints, visitor: &visitor) != nil
        }
        let secondFirstLine = firstLine + 1 + base[body.lowerBound..<middle].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        nonisolated(unsafe) let shared = base
        let parts = Mutex<[(visitor: Visitor, voters: Voters)?]>([nil, nil])
        let templates = [visitor, visitor.emptyCopy()]
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            var own = templates[part]
            let range = part == 0 ? body.lowerBound..<middle : middle..<body.upperBound
            let voters = rows(shared, range, firstLine: part == 0 ? firstLine + 1 : secondFirstLine, withPoints: withPoints, visitor: &own)
            let done = voters.map { (own, $0) }
            parts.withLock { $0[part] = done }
        }
        guard let first = parts.withLock({ $0[0] }), let second = parts.withLock({ $0[1] }) else { return false }
        // A voter of the second half already in the first is a voter listed twice.
        for range in second.voters.ranges {
            let bytes = UnsafeRawBufferPointer(rebasing: base[range])
            if first.voters.index.find(bytes, bytesOf: { UnsafeRawBufferPointer(rebasing: base[first.voters.ranges[$0]]) }) != nil { return false }
        }
        visitor = first.visitor
        visitor.append(contentsOf: second.visitor)
        return true
    }

    /// Reads the rows in `range` of `base`, the first on file line `firstLine`; their voters, or
    /// `nil` at the first thing that is not plain (or a voter listed twice).
    private func rows<Visitor: PlainVoteVisitor>(
        _ base: UnsafeRawBufferPointer, _ range: Range<Int>, firstLine: Int, withPoints: Bool, visitor: inout Visitor
    ) -> Voters? {
        projectText.withUnsafeBytes { projectText in
            let ends = projectEnds
            func projectBytes(_ position: Int) -> UnsafeRawBufferPointer { Self.slice(projectText, ends, position) }
            var voters = Voters(ranges: [], index: ByteStringIndex(capacity: range.count / 16))
            voters.ranges.reserveCapacity(range.count / 16)
            var position = range.lowerBound
            var line = firstLine - 1
            var chosen: [Int] = []
            var values: [Int] = []
            while position < range.upperBound {
                let rowEnd = base[position..<range.upperBound].firstIndex(of: 0x0A) ?? range.upperBound
                let row = position..<rowEnd
                position = rowEnd + 1
                line += 1
                if row.isEmpty { continue }
                // Printable ASCII without a quote or a space: the bytes are the cells.
                var semicolons = 0
                var first = 0
                var second = 0
                for index in row {
                    let byte = base[index]
                    guard byte > 0x20, byte < 0x7F, byte != 0x22 else { return nil }
                    if byte == 0x3B {
                        semicolons += 1
                        if semicolons == 1 { first = index } else { second = index }
                    }
                }
                guard semicolons == (withPoints ? 2 : 1), first > row.lowerBound else { return nil }
                let voterRange = row.lowerBound..<first
                let voter = UnsafeRawBufferPointer(rebasing: base[voterRange])
                let ranges = voters.ranges
                guard voters.index.insert(ranges.count, bytes: voter, bytesOf: { UnsafeRawBufferPointer(rebasing: base[ranges[$0]]) }) == nil else {
                    return nil
                }
                voters.ranges.append(voterRange)
                chosen.removeAll(keepingCapacity: true)
                let voteEnd = withPoints ? second : row.upperBound
                var start = first + 1
                while start < voteEnd {
                    let end = base[start..<voteEnd].firstIndex(of: 0x2C) ?? voteEnd
                    if end > start {
                        guard let project = projectIndex.find(UnsafeRawBufferPointer(rebasing: base[start..<end]), bytesOf: projectBytes),
                            !chosen.contains(project)
                        else { return nil }
                        chosen.append(project)
                    }
                    start = end + 1
                }
                if withPoints {
                    values.removeAll(keepingCapacity: true)
                    for item in base[second + 1..<row.upperBound].split(separator: 0x2C) {
                        guard let value = Int(String(decoding: item, as: UTF8.self)), value >= 0 else { return nil }
                        values.append(value)
                    }
                    guard values.count == chosen.count else { return nil }
                }
                visitor.visit(voter: voter, line: line, chosen: chosen, points: withPoints ? values : nil)
            }
            return voters
        }
    }
}
