/// An index of short byte strings kept elsewhere (ids in a file's bytes, or in a roster's text):
/// open addressing over entry numbers, found by their bytes, with no `String` made and no
/// seeded hashing. The caller keeps the bytes and says whether an entry's bytes are the ones
/// looked for.
///
/// For ids a secretariat or a city wrote (FNV-1a is not meant to stand up to chosen collisions:
/// a file built to collide only reads slower).
public struct ByteStringIndex: Sendable {
    @usableFromInline var table: [Int32]
    @usableFromInline var count = 0

    /// Whether no entry has been added.
    public var isEmpty: Bool { count == 0 }

    /// An index with room for `capacity` entries before it grows.
    public init(capacity: Int) {
        table = Array(repeating: 0, count: Self.size(for: capacity))
    }

    /// Adds entry `entry` with `bytes`, unless an entry with the same bytes is there: then that
    /// entry is returned and nothing is added. `bytesOf` gives the bytes of an entry added before.
    @inlinable public mutating func insert(
        _ entry: Int, bytes: UnsafeRawBufferPointer, bytesOf: (Int) -> UnsafeRawBufferPointer
    ) -> Int? {
        if let existing = find(bytes, bytesOf: bytesOf) { return existing }
        if 2 * (count + 1) > table.count {
            let entries = table.filter { $0 != 0 }
            table = Array(repeating: 0, count: Self.size(for: count + 1))
            for old in entries { place(old, slot: Self.slot(bytesOf(Int(old) - 1), tableSize: table.count)) }
        }
        place(Int32(entry + 1), slot: Self.slot(bytes, tableSize: table.count))
        count += 1
        return nil
    }

    /// The entry whose bytes are `bytes`, if any.
    @inlinable public func find(_ bytes: UnsafeRawBufferPointer, bytesOf: (Int) -> UnsafeRawBufferPointer) -> Int? {
        let mask = table.count - 1
        var slot = Self.slot(bytes, tableSize: table.count)
        while true {
            let stored = Int(table[slot])
            if stored == 0 { return nil }
            let candidate = bytesOf(stored - 1)
            if Self.equal(candidate, bytes) { return stored - 1 }
            slot = (slot + 1) & mask
        }
    }

    @inlinable mutating func place(_ stored: Int32, slot start: Int) {
        let mask = table.count - 1
        var slot = start
        while table[slot] != 0 { slot = (slot + 1) & mask }
        table[slot] = stored
    }

    /// Whether two short byte strings are the same.
    @inlinable static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    /// A power of two at least twice `capacity`, and at least 16.
    @inlinable static func size(for capacity: Int) -> Int {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        return size
    }

    /// FNV-1a over the bytes, spread by a Fibonacci multiply so that the slot, taken from the
    /// high bits, does not follow the ids' common prefixes. `tableSize` is a power of two.
    @inlinable public static func slot(_ bytes: UnsafeRawBufferPointer, tableSize: Int) -> Int {
        slot(hash: hash(bytes), tableSize: tableSize)
    }

    /// The spread hash ``slot(_:tableSize:)`` takes its slot from, for a table of any size (work
    /// done once where the bytes are read, the slot taken later).
    @inlinable public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash &* 0x9E37_79B9_7F4A_7C15
    }

    /// The slot of a spread `hash` in a table of `tableSize` (a power of two): its high bits.
    @inlinable public static func slot(hash: UInt64, tableSize: Int) -> Int {
        Int(truncatingIfNeeded: hash >> UInt64(64 - tableSize.trailingZeroBitCount))
    }
}
