import Foundation

extension Roster {
    /// A block of `roster.csv` lines read on their bytes, for the rosters shishi writes for a
    /// large electorate (an imported Pabulib file: plain ASCII ids, no keys): ids, names and
    /// groups laid out as the roster stores them, with each id's hash, so that adding the block
    /// is copying and indexing.
    ///
    /// ``read(_:firstLine:header:)`` takes a block only when the table reader would give exactly
    /// these rows and no message: the header `id,name,group,public_key`, ASCII throughout, every
    /// line four fields without surrounding spaces, a valid id, a name, no key. Any other block
    /// (a key, a blank line, a bad id, a missing comma) is read by the table reader, which words
    /// the refusal with its line.
    struct PlainBlock: Sendable {
        /// Each row's id, name and group, one after another.
        var text: [UInt8] = []
        /// Where each row's id, name and group end in ``text``: three a row.
        var ends: [UInt32] = []
        /// Per row: whether it names a group.
        var grouped: [Bool] = []
        /// Per row: its line in the file.
        var lines: [Int32] = []
        /// Per row: the id's spread hash (``ByteStringIndex/hash(_:)``).
        var hashes: [UInt64] = []

        var count: Int { lines.count }

        /// The header a plain block may come under, line feed included: the one shishi writes.
        static let header = Roster.headerLine

        /// Reads `bytes` (whole lines; the first block starts with the header) whose first line is
        /// line `firstLine` of a file with header line `header`; `nil` when the table reader must.
        static func read(_ bytes: Data, firstLine: Int, header: Data) -> PlainBlock? {
            guard header.elementsEqual(Self.header) else { return nil }
            return bytes.withUnsafeBytes { raw -> PlainBlock? in
                guard firstLine == 1 else { return read(rows: raw, firstLine: firstLine) }
                guard raw.prefix(Self.header.count).elementsEqual(Self.header) else { return nil }
                return read(rows: UnsafeRawBufferPointer(rebasing: raw[Self.header.count...]), firstLine: 2)
            }
        }

        /// Reads the rows `raw` (whole lines, no header), the first on file line `firstLine`;
        /// `nil` when the table reader must.
        static func read(rows raw: UnsafeRawBufferPointer, firstLine: Int) -> PlainBlock? {
            var block = PlainBlock()
            block.text.reserveCapacity(raw.count)
            let rows = raw.count / 8
            block.ends.reserveCapacity(3 * rows)
            block.grouped.reserveCapacity(rows)
            block.lines.reserveCapacity(rows)
            block.hashes.reserveCapacity(rows)
            guard let base = raw.baseAddress else { return block }
            var (start, line) = (0, firstLine)
            while start < raw.count {
                let end = memchr(base + start, 0x0A, raw.count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? raw.count
                guard block.add(UnsafeRawBufferPointer(rebasing: raw[start..<end]), line: line) else { return nil }
                (start, line) = (end + 1, line + 1)
            }
            return block
        }

        /// Adds one line; `false` when it is not a plain row.
        private mutating func add(_ row: UnsafeRawBufferPointer, line: Int) -> Bool {
            // The three commas of a row of four fields, or not a plain row.
            var commas = (0, 0, 0)
            var found = 0
            for index in 0..<row.count {
                let byte = row[index]
                guard byte < 0x80 else { return false }
                guard byte == 0x2C else { continue }
                switch found {
                case 0: commas.0 = index
                case 1: commas.1 = index
                case 2: commas.2 = index
                default: return false
                }
                found += 1
            }
            guard found == 3, commas.2 == row.count - 1 else { return false }
            let (id, name, group) = (0..<commas.0, (commas.0 + 1)..<commas.1, (commas.1 + 1)..<commas.2)
            guard !name.isEmpty, Candidate.isValidASCIIID(UnsafeRawBufferPointer(rebasing: row[id])) else { return false }
            guard !Self.isSpace(row[name.lowerBound]), !Self.isSpace(row[name.upperBound - 1]) else { return false }
            guard group.isEmpty || (!Self.isSpace(row[group.lowerBound]) && !Self.isSpace(row[group.upperBound - 1])) else { return false }
            text.append(contentsOf: UnsafeRawBufferPointer(rebasing: row[id]))
            ends.append(UInt32(text.count))
            text.append(contentsOf: UnsafeRawBufferPointer(rebasing: row[name]))
            ends.append(UInt32(text.count))
            text.append(contentsOf: UnsafeRawBufferPointer(rebasing: row[group]))
            ends.append(UInt32(text.count))
            grouped.append(!group.isEmpty)
            lines.append(Int32(clamping: line))
            hashes.append(ByteStringIndex.hash(UnsafeRawBufferPointer(rebasing: row[id])))
            return true
        }

        /// ASCII white space a cell is trimmed of (carriage returns never reach a plain block).
        private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C }
    }
}
