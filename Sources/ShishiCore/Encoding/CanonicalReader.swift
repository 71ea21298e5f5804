/// A byte cursor over canonical JSON (compact, keys in order, no escapes), for the fast paths
/// that read ballots and envelopes by the million.
///
/// It accepts a subset of what ``StrictJSON`` writes and declines (returns `nil` or `false`)
/// anything else: a string with an escape or a control character, white space, an unexpected
/// key. A fast path that declines falls back to ``StrictJSON``, which reads everything and says
/// what is wrong; a fast path that accepts re-writes what it read and compares bytes, so it can
/// only ever accept the exact bytes the strict path would accept, with the same value.
public struct CanonicalReader: ~Copyable {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    /// A reader over `bytes`, which must outlive it.
    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    public var atEnd: Bool { position == bytes.count }

    /// Reads `literal` exactly.
    public mutating func expect(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[position + offset] != start[offset] { return false }
        position += count
        return true
    }

    /// Reads `byte` exactly.
    public mutating func expect(byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// The next byte, not consumed.
    public var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Reads a string with no escapes and no control characters; `nil` otherwise.
    public mutating func string() -> String? {
        guard let range = stringRange() else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Reads a string's bytes (no escapes, no control characters), without making a `String`.
    public mutating func stringBytes() -> UnsafeRawBufferPointer? {
        guard let range = stringRange() else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[range])
    }

    private mutating func stringRange() -> Range<Int>? {
        guard expect(byte: 0x22) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                position += 1
                return start..<(position - 1)
            }
            if byte == 0x5C || byte < 0x20 { return nil }
            position += 1
        }
        return nil
    }

    /// Reads a whole number written in canonical form (no leading zeros, no plus sign).
    public mutating func integer() -> Int? {
        var negative = false
        if peek == 0x2D {
            negative = true
            position += 1
        }
        let start = position
        var value = 0
        while let byte = peek, byte >= 0x30, byte <= 0x39 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            position += 1
        }
        let digits = position - start
        guard digits > 0, !(digits > 1 && bytes[start] == 0x30), !(negative && value == 0) else { return nil }
        return negative ? -value : value
    }
}
