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

    /// Calls `body` with each line until it returns `false`. A last line without a line feed is
    /// given too; empty lines are given as empty.
    public static func forEachLine(of url: URL, _ body: (Line) throws -> Bool) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ShishiError("file.unreadable", zh: "无法读取 \(url.path)。", en: "Cannot read \(url.path).")
        }
        defer { try? handle.close() }
        var pending = Data()
        var number = 0
        while let block = try handle.read(upToCount: 1 << 22), !block.isEmpty {
            pending.append(block)
            // Lines are found with memchr on the raw bytes and copied out once each.
            let consumed = try pending.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
                guard let base = raw.baseAddress else { return 0 }
                var start = 0
                while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
                    let end = base.distance(to: UnsafeRawPointer(found))
                    number += 1
                    guard try body(Line(number: number, bytes: Data(bytes: base + start, count: end - start))) else { return nil }
                    start = end + 1
                }
                return start
            }
            guard let consumed else { return }
            pending = consumed == pending.count ? Data() : Data(pending.dropFirst(consumed))
        }
        if !pending.isEmpty { _ = try body(Line(number: number + 1, bytes: pending)) }
    }

    /// Calls `body` with blocks of up to `size` non-empty lines, in order.
    public static func forEachBlock(of url: URL, size: Int, _ body: ([Line]) throws -> Void) throws {
        var block: [Line] = []
        block.reserveCapacity(size)
        try forEachLine(of: url) { line in
            guard !line.bytes.isEmpty else { return true }
            block.append(line)
            if block.count == size {
                try body(block)
                block.removeAll(keepingCapacity: true)
            }
            return true
        }
        if !block.isEmpty { try body(block) }
    }
}
