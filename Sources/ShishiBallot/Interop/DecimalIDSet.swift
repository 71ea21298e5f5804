/// A set of voter ids written as whole numbers (`1`, `131778`): one bit per number, so that
/// telling a repeated voter from a new one costs a bit test rather than a hash look-up through
/// the file's bytes. Pabulib files number their voters; an id written any other way (`007`, a
/// letter, a number past ``limit``) is not one of these and is indexed by its bytes instead.
///
/// Only the canonical decimal form counts, so two ids are the same number exactly when they are
/// the same bytes: `7` is a number here, `07` is not.
struct DecimalIDSet: Sendable {
    /// The numbers this set takes: below it; an id at or past it is not a number here.
    let limit: Int
    private var words: [UInt64] = []

    /// A set of the numbers below `limit` (at most `limit` bits are ever held: grown as needed).
    init(limit: Int) {
        self.limit = limit
    }

    /// The number `bytes` write when they are the canonical decimal form of one below ``limit``
    /// (digits only, no leading zero but in `0` itself, at most 18 of them).
    func number(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18, bytes[0] != 0x30 || bytes.count == 1 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value < limit ? value : nil
    }

    /// Adds `number`; `false` when it was there already.
    mutating func insert(_ number: Int) -> Bool {
        let (word, bit) = (number >> 6, UInt64(1) << UInt64(number & 63))
        if word >= words.count {
            words.append(contentsOf: repeatElement(0, count: max(word + 1, 2 * words.count) - words.count))
        }
        guard words[word] & bit == 0 else { return false }
        words[word] |= bit
        return true
    }

    /// Whether `number` is in the set.
    func contains(_ number: Int) -> Bool {
        let word = number >> 6
        return word < words.count && words[word] & (UInt64(1) << UInt64(number & 63)) != 0
    }
}
