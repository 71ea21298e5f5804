import Foundation
import Testing

@testable import ShishiCore

/// The direct split of quote-free CSV gives exactly SwiftCSV's rows.
@Suite struct CSVFastPathTests {
    @Test func theDirectSplitMatchesSwiftCSV() throws {
        let samples = [
            "id,name\nD1,张三\nD2,李四\n",
            "id,name,group,public_key\nD1,张三,,ed25519:abc=\n\nD2, 李四 ,东城区代表团,\n",
            "a,b,\n,,\n",
            "a\n\n\nb\n",
            "a,b\n1,2,3\n4\n",
            "serial;1;2\nA1;Y;\n",
            "  x , y \n",
            "id,title\n1,城区老旧小区改造（一期）、二期\n",
        ]
        for text in samples {
            let delimiter: Character = text.contains(";") ? ";" : ","
            let fast = try CSVTable.rawRows(text, delimiter: delimiter, source: "t.csv")
            let slow = try CSVTable.rawRows(text, delimiter: delimiter, source: "t.csv", fast: false)
            #expect(fast == slow, "\(text.debugDescription): \(fast) vs \(slow)")
        }
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "b", "张", "", " ", ",", "\n", "1", "-"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 1...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() + "\n"
            #expect(
                try CSVTable.rawRows(text, delimiter: ",", source: "t.csv") == CSVTable.rawRows(text, delimiter: ",", source: "t.csv", fast: false),
                "\(text.debugDescription)")
        }
    }

    /// Quoted text split on its bytes gives SwiftCSV's rows, or SwiftCSV's own refusal.
    @Test func theQuotedSplitMatchesSwiftCSV() throws {
        func rows(_ text: String, fast: Bool) -> String {
            do {
                return "\(try CSVTable.rawRows(text, delimiter: ";", source: "p.pb", fast: fast))"
            } catch let error as ShishiError {
                return error.message.en
            } catch {
                return "\(error)"
            }
        }
        let samples = [
            "project_id;cost;name\n32;500000;\"Projekt \"\"Podwórze: Nowowiejska\"\"\";Ołbin\n",
            "a;\"b;c\";d\n\"e\nf\";g\n", "  \"x\"  ;y\n", "\"a\"b;c\n", "a\"\"b;c\n", "a\"b;c\n", "\"open;\n", "\"\";\"\"\"\"\n",
            "a;\"b\"\n\n", "a;\"b\"", "\"a\";\u{301}b\n", "\"a\"\u{FE0F};b\n", "a\u{600};\"b\"\n", "\"a\u{200D}\";b\n", "\"x\";\u{A0}y\n",
            "\"Śródmieście\";Łódź;\"Żółć\"\n", "\"tab\"\t;x\n", "\"a\"\r\n",
        ]
        for text in samples { #expect(rows(text, fast: true) == rows(text, fast: false), "\(text.debugDescription)") }
        var random = SystemRandomNumberGenerator()
        let pieces = [
            "a", "Ł", "张", "\"", "\"\"", ";", "\n", " ", "\t", "1", "\u{301}", "\u{FE0F}", "\u{600}", "\u{A0}", "\u{200D}", "\u{E33}", "–", "„", "\u{2009}",
            "\u{2028}", "\u{20DD}",
        ]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 1...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() + "\n"
            #expect(rows(text, fast: true) == rows(text, fast: false), "\(text.debugDescription)")
        }
    }
}
