import Foundation

extension Roster {
    /// The largest `roster.csv` read whole rather than a few megabytes at a time: a roster of
    /// about half a million deputies (a million is read in pieces, never held as text).
    static let wholeFileLimit = 8 << 20

    /// The roster in `data` when it is the header shishi writes and rows every one of which
    /// ``PlainBlock`` reads: the rows cut into one piece per core at line feeds, each piece read
    /// on its own core, the pieces then added in file order (each id checked against every one
    /// before it, as a block read in pieces is). `nil` when any row is not plain: the caller
    /// reads the file as before, and words any refusal. `pieces` (for tests) sets the number of
    /// pieces; by default a roster under 256 kB is one piece.
    static func plainStorage(_ data: Data, source: String, pieces: Int? = nil) throws -> RosterStorage? {
        try data.withUnsafeBytes { raw -> RosterStorage? in
            let header = PlainBlock.header
            guard raw.count > header.count, let base = raw.baseAddress, raw.prefix(header.count).elementsEqual(header),
                memchr(base, 0x22, raw.count) == nil, memchr(base, 0x0D, raw.count) == nil
            else { return nil }
            // Where each piece starts, the last followed by the end.
            var cuts = [header.count]
            let pieces = pieces ?? (raw.count < 1 << 18 ? 1 : Cores.active)
            for piece in 1..<max(pieces, 1) {
                let target = header.count + (raw.count - header.count) * piece / pieces
                guard let found = memchr(base + target, 0x0A, raw.count - target) else { break }
                let next = base.distance(to: UnsafeRawPointer(found)) + 1
                if next > cuts.last!, next < raw.count { cuts.append(next) }
            }
            cuts.append(raw.count)
            let starts = cuts
            // Each piece's first file line: the header is line 1.
            var lines = [2]
            for piece in 1..<(starts.count - 1) {
                var feeds = 0
                for byte in UnsafeRawBufferPointer(rebasing: raw[starts[piece - 1]..<starts[piece]]) where byte == 0x0A { feeds += 1 }
                lines.append(lines[piece - 1] + feeds)
            }
            let firstLines = lines
            nonisolated(unsafe) let bytes = raw
            let blocks = try parallelMap(Array(0..<(starts.count - 1))) { piece in
                PlainBlock.read(rows: UnsafeRawBufferPointer(rebasing: bytes[starts[piece]..<starts[piece + 1]]), firstLine: firstLines[piece])
            }
            var builder = RosterStorage.Builder(capacity: blocks.reduce(0) { $0 + ($1?.count ?? 0) })
            for block in blocks {
                guard let block else { return nil }
                try builder.append(block, source: source)
            }
            return builder.finish()
        }
    }
}
