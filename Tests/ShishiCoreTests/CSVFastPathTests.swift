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
}
