import Foundation
import ShishiCore
import Testing

@Suite struct TextTests {
    /// A reason set inside another sentence keeps one full stop, whether it was a sentence or a phrase.
    @Test func aClauseLosesItsFinalStopOnly() {
        let sentence = Text("缺少字段“payloadType”。", "missing field “payloadType”.")
        #expect(sentence.clause == Text("缺少字段“payloadType”", "missing field “payloadType”"))
        let phrase = Text("签名无效", "signature invalid")
        #expect(phrase.clause == phrase)
        // An ellipsis and a stop inside the text stay.
        let trailing = Text("见第 3 行。下略。", "see line 3. And so on...")
        #expect(trailing.clause == Text("见第 3 行。下略", "see line 3. And so on..."))
    }
}

@Suite struct TimestampDisplayTests {
    @Test func timesAreShownInTheHallsZoneAsPeopleWriteThem() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        #expect(Timestamp.display("2026-12-07T00:17:33Z", in: shanghai, language: .zh) == "2026年12月7日 08:17:33")
        #expect(Timestamp.display("2026-12-07T00:17:33Z", in: shanghai, language: .en) == "7 December 2026, 08:17:33 (UTC+8)")
        #expect(Timestamp.display("2026-12-31T20:00:00Z", in: shanghai, language: .zh) == "2027年1月1日 04:00:00")
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        #expect(Timestamp.display("2026-12-07T00:00:00Z", in: kolkata, language: .en) == "7 December 2026, 05:30:00 (UTC+5:30)")
        #expect(Timestamp.display("not a time", in: shanghai, language: .zh) == "not a time")
    }
}

@Suite struct EnglishCountTests {
    /// "1 ballots" was printed; a count and its noun (and the verb they govern) now agree.
    @Test func countsAgreeWithTheirNounsAndVerbs() {
        #expect("\(1, noun: "ballot")" == "1 ballot")
        #expect("\(0, noun: "ballot")" == "0 ballots")
        #expect("\(2, noun: "paper ballot")" == "2 paper ballots")
        #expect("\(3, noun: "box")" == "3 boxes")
        #expect("\(2, noun: "deputy")" == "2 deputies")
        #expect("\(2, noun: "day")" == "2 days")
        #expect("\(2, noun: "audit entry")" == "2 audit entries")
        #expect("\(1, noun: "ballot", verb: "were") issued" == "1 ballot was issued")
        #expect("\(4, noun: "ballot", verb: "were") issued" == "4 ballots were issued")
        #expect("\(1, noun: "ballot", verb: "share")" == "1 ballot shares")
        #expect("\(1, verb: "are") present" == "1 is present")
        #expect("\(5, verb: "are") present" == "5 are present")
    }
}
