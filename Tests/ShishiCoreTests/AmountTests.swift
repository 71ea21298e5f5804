import Foundation
import ShishiCore
import Testing

@Suite struct AmountTests {
    @Test func amountsReadAsPeopleWriteThem() {
        #expect(Amount(parsing: "2500000") == Amount(2_500_000))
        #expect(Amount(parsing: "1 200 000")?.description == "1200000")
        #expect(Amount(parsing: "12,5")?.description == "12.5" && Amount(parsing: "35.25")?.description == "35.25")
        #expect(Amount(parsing: "0.0001")?.scaled == 1 && Amount(parsing: "7.0")?.description == "7")
        for bad in ["", "-5", "1.", ".5", "1.23456", "abc", "1,000,000", "1e6", "9999999999999"] {
            #expect(Amount(parsing: bad) == nil, "\(bad)")
        }
        #expect(Amount(2_500_000).grouped == "2,500,000" && Amount(parsing: "1234.5")!.grouped == "1,234.5")
        // Plain digits (read on their bytes) say what the general reading says.
        #expect(Amount(parsing: "0") == .zero && Amount(parsing: "000123") == Amount(123) && Amount(parsing: "100000000000") == Amount(100_000_000_000))
        #expect(Amount(parsing: "100000000001") == nil && Amount(parsing: "999999999999") == nil && Amount(parsing: " 42 ") == Amount(42))
    }

    @Test func amountsAreWrittenAsTextAndRefusedWhenTheyAreNot() throws {
        let data = try JSONEncoder().encode(["budget": Amount(parsing: "100.5")!])
        #expect(String(decoding: data, as: UTF8.self) == #"{"budget":"100.5"}"#)
        #expect(try JSONDecoder().decode([String: Amount].self, from: data)["budget"] == Amount(parsing: "100.5"))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: Amount].self, from: Data(#"{"budget":100}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: Amount].self, from: Data(#"{"budget":"-1"}"#.utf8)) }
        let error = try #require(throws: ShishiError.self) { try Amount(budget: "0") }
        #expect(error.code == "manifest.badBudget")
    }
}
