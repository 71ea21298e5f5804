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
        // About 14 MB: lines cross the 4 MB read blocks.
        let lines = (1...200_000).map { "{\"n\":\($0),\"pad\":\"\(String(repeating: "x", count: $0 % 97))\"}" }
        let url = try file(lines.joined(separator: "\n") + "\n")
        var seen: [String] = []
        try JSONLines.forEachLine(of: url) { line in
            #expect(line.number == seen.count + 1)
            seen.append(String(decoding: line.bytes, as: UTF8.self))
            return true
        }
        #expect(seen == lines)
        // Read in place, block by block: the same lines, numbered, none cut.
        var raw: [String] = []
        var blocks = 0
        try JSONLines.forEachRawBlock(of: url) { block in
            blocks += 1
            for index in block.lines.indices {
                #expect(block.lines[index].number == raw.count + 1)
                raw.append(String(decoding: block.line(index), as: UTF8.self))
            }
            return true
        }
        #expect(raw == lines && blocks >= 3)  // lines crossed the 4 MB reads
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
        var raw: [(Int, String)] = []
        try JSONLines.forEachRawBlock(of: url, blockSize: 2) { block in
            raw += block.lines.indices.map { (block.lines[$0].number, String(decoding: block.line($0), as: UTF8.self)) }
            return true
        }
        #expect(raw.map(\.0) == [1, 2, 3, 4] && raw.map(\.1) == ["a", "", "b", "c"])  // read two bytes at a time
        #expect(throws: ShishiError.self) { try JSONLines.forEachLine(of: URL(fileURLWithPath: "/nonexistent/x.jsonl")) { _ in true } }
    }
}
