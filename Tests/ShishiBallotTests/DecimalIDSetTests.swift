import Testing

@testable import ShishiBallot

/// Voter ids written as whole numbers, told apart by a bit each.
@Suite struct DecimalIDSetTests {
    private func number(_ text: String, limit: Int = 1_000) -> Int? {
        Array(text.utf8).withUnsafeBytes { DecimalIDSet(limit: limit).number($0) }
    }

    @Test func onlyTheCanonicalDecimalFormBelowTheLimitIsANumber() {
        #expect(number("0") == 0 && number("7") == 7 && number("999") == 999)
        // Another way of writing 7 is another voter, indexed by its bytes.
        for other in ["07", "00", "", "-7", "+7", "7a", " 7", "7 ", "٧", "1000", "99999999999999999999"] {
            #expect(number(other) == nil, "\(other)")
        }
        #expect(number("123456789012345678", limit: Int.max) == 123_456_789_012_345_678)
        #expect(number("1234567890123456789", limit: Int.max) == nil)
    }

    @Test func aNumberIsInsertedOnceAndFoundAfterwards() {
        var set = DecimalIDSet(limit: 1 << 20)
        #expect(!set.contains(5))
        let first = set.insert(5)
        let again = set.insert(5)
        #expect(first && !again && set.contains(5))
        // Far numbers grow the set; the numbers before stay.
        let far = set.insert(1_000_000)
        #expect(far && set.contains(1_000_000) && set.contains(5) && !set.contains(999_999) && !set.contains(6))
        for value in [0, 63, 64, 65, 127, 128] {
            let added = set.insert(value)
            #expect(added, "\(value)")
        }
        #expect([0, 63, 64, 65, 127, 128].allSatisfy(set.contains) && !set.contains(62) && !set.contains(2_000_000))
    }
}
