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
