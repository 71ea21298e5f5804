public import Foundation

/// A file of one JSON document a line (`box.jsonl`, `issuance/log.jsonl`), read a block at a
/// time so that memory does not grow with the file.
public enum JSONLines {
    /// One line: its 1-based number and its bytes (without the line feed).
    public struct Line: Sendable {
        /// The line's number in the file.
        public var number: Int
        /// Its bytes.
        public var bytes: Data
    }

    /// Lines of a file read a block at a time, kept where they were read: valid only during the
    /// call that receives them.
    public struct RawBlock: @unchecked Sendable {
        /// The block's bytes.
        public let bytes: UnsafeRawBufferPointer
        /// Each complete line's range in ``bytes`` (line feed excluded) and its 1-based number in the file.
        public let lines: [(number: Int, range: Range<Int>)]

        /// The bytes of line `index` of the block.
        public func line(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[lines[index].range]) }
    }

    /// Calls `body` with the file's lines, `blockSize` bytes or so at a time, without copying a
    /// line; stops when it returns `false`. A last line without a line feed is included.
    public static func forEachRawBlock(of url: URL, blockSize: Int = 1 << 22, _ body: (RawBlock) throws -> Bool) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ShishiError(.fileUnreadable, zh: "无法读取 \(url.path)。", en: "Cannot read \(url.path).")
        }
        defer { try? handle.close() }
        var pending = Data()
        var number = 0
        var lines: [(number: Int, range: Range<Int>)] = []
        while let block = try handle.read(upToCount: blockSize), !block.isEmpty {
            // The bytes read are used as they are when nothing is left over from the block before.
            if pending.isEmpty { pending = block } else { pending.append(block) }
            // Lines are found with memchr on the raw bytes.
            let consumed = try pending.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
                lines.removeAll(keepingCapacity: true)
                let start = completeLines(in: raw, after: number, into: &lines)
                number += lines.count
                guard try body(RawBlock(bytes: raw, lines: lines)) else { return nil }
                return start
            }
            guard let consumed else { return }
            pending = consumed == pending.count ? Data() : Data(pending.dropFirst(consumed))
        }
        if !pending.isEmpty {
            try pending.withUnsafeBytes { raw in _ = try body(RawBlock(bytes: raw, lines: [(number + 1, 0..<raw.count)])) }
        }
    }

    /// Appends to `lines` each complete line of `raw` (its range, line feed excluded), numbered
    /// from `after + 1`; returns where the complete lines end.
    private static func completeLines(in raw: UnsafeRawBufferPointer, after: Int, into lines: inout [(number: Int, range: Range<Int>)]) -> Int {
        guard let base = raw.baseAddress else { return 0 }
        var start = 0
        var number = after
        while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
            let end = base.distance(to: UnsafeRawPointer(found))
            number += 1
            lines.append((number, start..<end))
            start = end + 1
        }
        return start
    }

    /// Every line of bytes held whole, numbered from 1, a last line without a line feed included.
    public static func lines(in raw: UnsafeRawBufferPointer) -> [(number: Int, range: Range<Int>)] {
        var lines: [(number: Int, range: Range<Int>)] = []
        let end = completeLines(in: raw, after: 0, into: &lines)
        if end < raw.count { lines.append((lines.count + 1, end..<raw.count)) }
        return lines
    }

    /// Calls `body` with each line of the file in order (a last line without a line feed
    /// included), reading it in blocks of a few megabytes; stops when `body` returns `false`.
    public static func forEachLine(of url: URL, _ body: (Line) throws -> Bool) throws {
        try forEachRawBlock(of: url) { block in
            for index in block.lines.indices {
                guard try body(Line(number: block.lines[index].number, bytes: Data(block.line(index)))) else { return false }
            }
            return true
        }
    }
}
