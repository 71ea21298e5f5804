import Foundation
import ShishiCore
import Testing

/// Text made safe for a page, and numbers written for a chart.
@Suite struct HTMLTests {
    @Test func theFiveAreEscapedOnTheirBytesMarksAndAll() {
        #expect(HTML.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTML.escape("城区老旧小区改造（一期）") == "城区老旧小区改造（一期）" && HTML.escape("") == "")
        // A quote followed by a combining mark is one Character, but still the quote a browser
        // reads in an attribute: it is escaped, the mark kept.
        #expect(HTML.escape("\"\u{301} onload=x") == "&quot;\u{301} onload=x")
        #expect(HTML.escape("<\u{338}") == "&lt;\u{338}")
    }

    @Test func oneDecimalIsWhatPrintfWrites() {
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 1.25, 2.5, -0.01, -1.25, 99.95, 123456.65, 0.95, 9.95, 1e14 + 0.25, 380, 301.2]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            values.append(Double.random(in: -1_000...1_000, using: &random))
            // Near a tie: n.n5 written in decimal is rarely exact in binary.
            values.append(Double(Int.random(in: -100_000...100_000, using: &random)) / 100 + 0.005)
            values.append(Double(Int.random(in: 0...100_000, using: &random)) / 20)
        }
        for value in values { #expect(HTML.oneDecimal(value) == String(format: "%.1f", value), "\(value)") }
        #expect(HTML.oneDecimal(.infinity) == String(format: "%.1f", Double.infinity) && HTML.oneDecimal(1e300) == String(format: "%.1f", 1e300))
    }
}
