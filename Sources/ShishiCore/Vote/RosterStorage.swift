import Foundation

/// The bytes of a roster: ids, names and groups in one buffer, keys in another, and an
/// open-addressing index from id to place. Never changed once built.
final class RosterStorage: Sendable {
    /// Per deputy, where its id, name and group end in `text` (each starts where the one before ends).
    private let bounds: [UInt32]
    private let text: [UInt8]
    /// Per deputy: its key's suite (0 none, 1 Ed25519, 2 SM2), plus 0x80 when it has a group.
    private let flags: [UInt8]
    /// Per deputy, where its key ends in `keys`.
    private let keyEnds: [UInt32]
    private let keys: [UInt8]
    /// Deputy places plus one (0 is empty), at the slot of their id's hash.
    private let table: [Int32]

    let count: Int

    private init(builder: Builder) {
        bounds = builder.bounds
        text = builder.text
        flags = builder.flags
        keyEnds = builder.keyEnds
        keys = builder.keys
        table = builder.table
        count = builder.count
    }

    private static let hasGroup: UInt8 = 0x80

    /// The roster as `roster.csv` text (``Roster/csvText()``), written from the stored bytes: a
    /// field of printable ASCII without a comma or a quote as it is, any other through
    /// ``CSVTable/field(_:delimiter:)``.
    func csvText() -> String {
        var out = Roster.headerLine
        out.reserveCapacity(text.count + 4 * count + 32)
        text.withUnsafeBufferPointer { text in
            for position in 0..<count {
                for which in 0..<3 {
                    let start = position == 0 && which == 0 ? 0 : Int(bounds[3 * position + which - 1])
                    Self.appendField(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[start..<Int(bounds[3 * position + which])])), to: &out)
                    out.append(0x2C)
                }
                if flags[position] & 0x03 != 0, let key = deputy(at: position).publicKey {
                    out.append(contentsOf: CSVTable.field(key.description).utf8)
                }
                out.append(0x0A)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a `roster.csv` field: printable ASCII without a comma or a quote as it is, any
    /// other through ``CSVTable/field(_:delimiter:)``.
    static func appendField(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var plain = true
        for byte in bytes where byte < 0x20 || byte >= 0x7F || byte == 0x2C || byte == 0x22 {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: CSVTable.field(String(decoding: bytes, as: UTF8.self)).utf8)
        }
    }

    private func field(_ position: Int, _ which: Int) -> String {
        let start = position == 0 && which == 0 ? 0 : Int(bounds[3 * position + which - 1])
        let end = Int(bounds[3 * position + which])
        return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    func deputy(at position: Int) -> Deputy {
        let key = withKeyBytes(at: position) { suite, bytes in
            // The bytes made a key when the roster was read.
            try! PublicKey(suite: suite, rawRepresentation: Data(bytes))
        }
        return Deputy(id: field(position, 0), name: field(position, 1), group: flags[position] & Self.hasGroup != 0 ? field(position, 2) : nil, publicKey: key)
    }

    func withKeyBytes<R>(at position: Int, _ body: (SignatureSuite, UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        let suite: SignatureSuite
        switch flags[position] & 0x7F {
        case 1: suite = .ed25519
        case 2: suite = .sm2
        default: return nil
        }
        let start = position == 0 ? 0 : Int(keyEnds[position - 1])
        return try keys.withUnsafeBytes { try body(suite, UnsafeRawBufferPointer(rebasing: $0[start..<Int(keyEnds[position])])) }
    }

    func position(of id: UnsafeRawBufferPointer) -> Int? {
        Self.position(of: id, table: table, bounds: bounds, text: text)
    }

    /// The place of the deputy with `id` in an index (`table`) over ids in `text` ending at `bounds`.
    fileprivate static func position(of id: UnsafeRawBufferPointer, table: [Int32], bounds: [UInt32], text: [UInt8]) -> Int? {
        guard !table.isEmpty else { return nil }
        let mask = table.count - 1
        var slot = slot(id, tableSize: table.count)
        return text.withUnsafeBytes { text in
            while true {
                let entry = Int(table[slot])
                if entry == 0 { return nil }
                let position = entry - 1
                let start = position == 0 ? 0 : Int(bounds[3 * position - 1])
                let end = Int(bounds[3 * position])
                if end - start == id.count, id.count == 0 || memcmp(text.baseAddress! + start, id.baseAddress!, id.count) == 0 { return position }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The slot of an id in a table of `tableSize` (a power of two): ``ByteStringIndex/slot(_:tableSize:)``.
    fileprivate static func slot(_ bytes: UnsafeRawBufferPointer, tableSize: Int) -> Int {
        ByteStringIndex.slot(bytes, tableSize: tableSize)
    }

    /// Builds a roster's storage one deputy at a time.
    struct Builder {
        var bounds: [UInt32] = []
        var text: [UInt8] = []
        var flags: [UInt8] = []
        var keyEnds: [UInt32] = []
        var keys: [UInt8] = []
        var table: [Int32] = []
        var count = 0
        /// The file line of each deputy (0 when not read from a file), for the message about a repeated id.
        private var lines: [Int32] = []

        init(capacity: Int) {
            reserve(capacity)
        }

        mutating func reserve(_ capacity: Int) {
            bounds.reserveCapacity(3 * capacity)
            flags.reserveCapacity(capacity)
            keyEnds.reserveCapacity(capacity)
            lines.reserveCapacity(capacity)
            keys.reserveCapacity(32 * capacity)
            text.reserveCapacity(24 * capacity)
            if table.count < 2 * capacity { rehash(minimum: 2 * capacity) }
        }

        /// Makes room for `factor` times what has been added so far.
        mutating func reserve(scaledBy factor: Double) {
            let rows = Int((Double(count) * factor).rounded(.up))
            bounds.reserveCapacity(3 * rows)
            flags.reserveCapacity(rows)
            keyEnds.reserveCapacity(rows)
            lines.reserveCapacity(rows)
            text.reserveCapacity(Int((Double(text.count) * factor).rounded(.up)))
            keys.reserveCapacity(Int((Double(keys.count) * factor).rounded(.up)))
            if table.count < 2 * rows { rehash(minimum: 2 * rows) }
        }

        /// The file line the deputy at `position` was read from.
        func line(_ position: Int) -> Int { Int(lines[position]) }

        /// The place of the deputy with `id` appended so far.
        func position(of id: String) -> Int? {
            var id = id
            return id.withUTF8 { position(of: UnsafeRawBufferPointer($0)) }
        }

        /// Appends a deputy; returns the place of an earlier deputy with the same id instead, if any
        /// (`unique` when the caller has looked already).
        @discardableResult
        mutating func append(id: String, name: String, group: String?, key: PublicKey?, line: Int = 0, unique: Bool = false) -> Int? {
            if !unique, let existing = position(of: id) { return existing }
            lines.append(Int32(clamping: line))
            for part in [id, name, group ?? ""] {
                text.append(contentsOf: part.utf8)
                bounds.append(UInt32(text.count))
            }
            var flag: UInt8 = group == nil ? 0 : RosterStorage.hasGroup
            if let key {
                flag |= key.suite == .ed25519 ? 1 : 2
                keys.append(contentsOf: key.rawRepresentation)
            }
            flags.append(flag)
            keyEnds.append(UInt32(keys.count))
            count += 1
            if 2 * count > table.count { rehash(minimum: 2 * count) }
            insert(count - 1)
            return nil
        }

        private func position(of id: UnsafeRawBufferPointer) -> Int? {
            RosterStorage.position(of: id, table: table, bounds: bounds, text: text)
        }

        private mutating func insert(_ position: Int) {
            let start = position == 0 ? 0 : Int(bounds[3 * position - 1])
            let end = Int(bounds[3 * position])
            let mask = table.count - 1
            var slot = text.withUnsafeBytes { RosterStorage.slot(UnsafeRawBufferPointer(rebasing: $0[start..<end]), tableSize: table.count) }
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(position + 1)
        }

        private mutating func rehash(minimum: Int) {
            var size = 16
            while size < minimum { size <<= 1 }
            table = Array(repeating: 0, count: size)
            for position in 0..<count { insert(position) }
        }

        func finish() -> RosterStorage { RosterStorage(builder: self) }

        /// Adds a block read on its bytes, its rows in order, each id checked against every one
        /// before it (the table reader's refusal for a repeated id, with both lines). After a
        /// refusal the builder is not used again.
        mutating func append(_ block: Roster.PlainBlock, source: String) throws {
            reserve(count + block.count)
            let (first, base) = (count, UInt32(text.count))
            text.append(contentsOf: block.text)
            bounds.append(contentsOf: block.ends.lazy.map { $0 + base })
            flags.append(contentsOf: block.grouped.lazy.map { $0 ? RosterStorage.hasGroup : 0 })
            keyEnds.append(contentsOf: repeatElement(UInt32(keys.count), count: block.count))
            lines.append(contentsOf: block.lines)
            count += block.count
            let mask = table.count - 1
            try text.withUnsafeBytes { text in
                for row in 0..<block.count {
                    let position = first + row
                    let id = Self.id(at: position, bounds: bounds, text: text)
                    var slot = ByteStringIndex.slot(hash: block.hashes[row], tableSize: table.count)
                    while table[slot] != 0 {
                        let earlier = Int(table[slot]) - 1
                        let other = Self.id(at: earlier, bounds: bounds, text: text)
                        if other.count == id.count, memcmp(other.baseAddress!, id.baseAddress!, id.count) == 0 {
                            throw CSVTable.repeatedIdentifier(
                                String(decoding: id, as: UTF8.self), column: "id", line: Int(block.lines[row]), first: line(earlier), source: source,
                                code: .rosterDuplicateID)
                        }
                        slot = (slot + 1) & mask
                    }
                    table[slot] = Int32(position + 1)
                }
            }
        }

        /// The id of the deputy at `position`.
        private static func id(at position: Int, bounds: [UInt32], text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            let start = position == 0 ? 0 : Int(bounds[3 * position - 1])
            return UnsafeRawBufferPointer(rebasing: text[start..<Int(bounds[3 * position])])
        }
    }
}
