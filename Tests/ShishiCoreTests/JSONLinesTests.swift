import Foundation
import ShishiCore
import Testing

@Suite struct JSONLinesTests {
    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-lines-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func everyLineOnceAcrossReadBlocks() throws {
        // About 10 MB: lines cross the 4 MB read blocks.
        let lines = (1...200_000).map { "{\"n\":\($0),\"pad\":\"\(String(repeating: "x", count: $0 % 97))\"}" }
        let url = try file(lines.joined(separator: "\n") + "\n")
        var seen: [String] = []
        try JSONLines.forEachLine(of: url) { line in
            #expect(line.number == seen.count + 1)
            seen.append(String(decoding: line.bytes, as: UTF8.self))
            return true
        }
        #expect(seen == lines)
        var blocks: [Int] = []
        try JSONLines.forEachBlock(of: url, size: 65_536) { blocks.append($0.count) }
        #expect(blocks == [65_536, 65_536, 65_536, 3_392])
    }

    @Test func aLastLineWithoutALineFeedEmptyLinesAndStoppingEarly() throws {
        let url = try file("a\n\nb\nc")
        var seen: [(Int, String)] = []
        try JSONLines.forEachLine(of: url) { line in
            seen.append((line.number, String(decoding: line.bytes, as: UTF8.self)))
            return true
        }
        #expect(seen.map(\.0) == [1, 2, 3, 4] && seen.map(\.1) == ["a", "", "b", "c"])
        var first: [String] = []
        try JSONLines.forEachLine(of: url) { line in
            first.append(String(decoding: line.bytes, as: UTF8.self))
            return first.count < 2
        }
        #expect(first == ["a", ""])
        var blocks: [[Int]] = []
        try JSONLines.forEachBlock(of: url, size: 2) { blocks.append($0.map(\.number)) }
        #expect(blocks == [[1, 3], [4]])  // empty lines are skipped, numbers kept
        #expect(throws: ShishiError.self) { try JSONLines.forEachLine(of: URL(fileURLWithPath: "/nonexistent/x.jsonl")) { _ in true } }
    }
}
