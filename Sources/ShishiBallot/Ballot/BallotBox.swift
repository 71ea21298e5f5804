public import Foundation
public import ShishiCore

/// The electronic ballot box of a vote folder: `box/<tracker hex>.json`, one file per ballot.
public struct BallotBox: Sendable {
    /// The vote.
    public let vote: Vote

    /// Opens the box of `vote`.
    public init(vote: Vote) {
        self.vote = vote
    }

    /// The ballot files in the box, sorted by name.
    public func files() throws -> [URL] {
        try fileNames().map { vote.folder.boxURL.appendingPathComponent($0) }
    }

    /// The names of the files in `box/`, sorted (a box may hold a hundred thousand files).
    private func fileNames() throws -> [String] {
        let url = vote.folder.boxURL
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    /// Writes a signed ballot into the box under its tracker; returns the tracker.
    ///
    /// `durable` flushes it to disk first (a cast ballot); a bulk writer may defer that. The file's
    /// times are set to the Unix epoch, so the folder does not tell in which order ballots came.
    @discardableResult
    public func put(_ envelope: SignedEnvelope, durable: Bool = true) throws -> HashValue {
        let tracker = envelope.tracker(vote.manifest.hash)
        let url = vote.folder.boxURL.appendingPathComponent("\(tracker.hex).json")
        try FileAccess.create(url, data: envelope.fileData(), durable: durable)
        // A ballot carries no time of its own: the files' times would otherwise follow the
        // issuance log's order and link ballots to deputies.
        FileAccess.clearTimes(url)
        return tracker
    }

    /// Writes many signed ballots into the box with two flushes in all (a group commit of the
    /// hall server): each gets its tracker and file, or its own failure (a file that already exists).
    /// Every ballot answered with a tracker is on disk.
    public func put(batch envelopes: [SignedEnvelope]) -> [Result<(tracker: HashValue, file: URL), any Error>] {
        var results: [Result<(tracker: HashValue, file: URL), any Error>] = []
        var files: [(url: URL, data: Data)] = []
        var slots: [Int] = []  // the result each file answers
        let folder = vote.folder.boxURL
        for envelope in envelopes {
            let tracker = envelope.tracker(vote.manifest.hash)
            let url = folder.appendingPathComponent("\(tracker.hex).json")
            do {
                files.append((url, try envelope.fileData()))
                slots.append(results.count)
                results.append(.success((tracker, url)))
            } catch {
                results.append(.failure(error))
            }
        }
        for (file, (slot, outcome)) in zip(files, zip(slots, FileAccess.createAll(files, in: folder))) {
            switch outcome {
            case .success: FileAccess.clearTimes(file.url)
            case .failure(let error): results[slot] = .failure(error)
            }
        }
        return results
    }

    /// `box.jsonl`: the single-file bundle, one ballot envelope (compact canonical JSON) per line.
    public var bundleURL: URL { vote.folder.bundleURL }

    /// One ballot as stored: where it is (`box/<file>` or `box.jsonl:<line>`) and its bytes.
    public struct Item: Sendable {
        /// The ballot's place in the vote folder.
        public var name: String
        /// The ballot's bytes.
        public var data: Data
    }

    /// Appends ballots to the bundle in one write, flushed once (for bulk casting and imports).
    public func appendToBundle(_ envelopes: [SignedEnvelope]) throws {
        try FileAccess.appendLines(bundleURL, lines: envelopes.map { try StrictJSON.encode($0) })
    }

    /// Streams every ballot, the files of `box/` then the lines of `box.jsonl`, in chunks of
    /// `size`, so that memory does not grow with the number of ballots.
    public func forEachChunk(size: Int, _ body: ([Item]) throws -> Void) throws {
        let files = try files()
        for start in stride(from: 0, to: files.count, by: size) {
            try body(
                files[start..<min(start + size, files.count)].map { url in
                    Item(name: "box/\(url.lastPathComponent)", data: (try? FileAccess.read(url)) ?? Data())
                })
        }
        guard FileManager.default.fileExists(atPath: bundleURL.path) else { return }
        var chunk: [Item] = []
        try forEachBundleLine { line, bytes in
            guard !bytes.isEmpty else { return true }
            chunk.append(Item(name: "box.jsonl:\(line)", data: bytes))
            if chunk.count == size {
                try body(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
            return true
        }
        if !chunk.isEmpty { try body(chunk) }
    }

    /// A run of ballots from the box, kept where they were read: valid only during the call
    /// that receives it. Ballots come in the order of ``forEachChunk(size:_:)``: files by name,
    /// then the bundle's non-empty lines.
    public struct RawChunk: @unchecked Sendable {
        /// The bytes the ballots lie in.
        public let bytes: UnsafeRawBufferPointer
        private let ranges: [Range<Int>]
        private let names: Names

        private enum Names {
            case files([String])
            case lines([Int])
        }

        /// The number of ballots.
        public var count: Int { ranges.count }

        /// The bytes of ballot `index`.
        public func ballot(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[ranges[index]]) }

        /// The name of ballot `index`: `box/<file>` or `box.jsonl:<line>`.
        public func name(_ index: Int) -> String {
            switch names {
            case .files(let files): "box/\(files[index])"
            case .lines(let lines): "box.jsonl:\(lines[index])"
            }
        }

        init(bytes: UnsafeRawBufferPointer, files: [String], ranges: [Range<Int>]) {
            self.bytes = bytes
            self.ranges = ranges
            names = .files(files)
        }

        init(block: JSONLines.RawBlock) {
            let lines = block.lines.filter { !$0.range.isEmpty }
            bytes = block.bytes
            ranges = lines.map(\.range)
            names = .lines(lines.map(\.number))
        }
    }

    /// Calls `body` with every ballot of the box, a few thousand files or a few megabytes of the
    /// bundle at a time, without copying each ballot (an unreadable file is given as empty).
    public func forEachRawChunk(_ body: (RawChunk) throws -> Void) throws {
        let names = try fileNames()
        let folder = vote.folder.boxURL
        for start in stride(from: 0, to: names.count, by: 4096) {
            var buffer: [UInt8] = []
            var ranges: [Range<Int>] = []
            let chunk = Array(names[start..<min(start + 4096, names.count)])
            // Files are read on all cores: opening thousands of small files is most of the cost.
            for data in try parallelMap(chunk, { (try? FileAccess.read(folder.appendingPathComponent($0))) ?? Data() }) {
                let from = buffer.count
                buffer.append(contentsOf: data)
                ranges.append(from..<buffer.count)
            }
            try buffer.withUnsafeBytes { try body(RawChunk(bytes: $0, files: chunk, ranges: ranges)) }
        }
        guard FileManager.default.fileExists(atPath: bundleURL.path) else { return }
        try JSONLines.forEachRawBlock(of: bundleURL) { block in
            let chunk = RawChunk(block: block)
            if chunk.count > 0 { try body(chunk) }
            return true
        }
    }

    /// Reads one ballot again by its place (`box/<file>` or `box.jsonl:<line>`).
    public func item(named name: String) throws -> Item {
        if let range = name.range(of: "box.jsonl:"), let wanted = Int(name[range.upperBound...]) {
            var found: Item?
            try forEachBundleLine { number, bytes in
                if number == wanted { found = Item(name: name, data: bytes) }
                return number < wanted
            }
            guard let found else {
                throw ShishiError(.boxNoSuchBallot, zh: "box.jsonl 中没有第 \(wanted) 行。", en: "box.jsonl has no line \(wanted).")
            }
            return found
        }
        return Item(name: name, data: try FileAccess.read(vote.folder.url.appendingPathComponent(name)))
    }

    /// Calls `body` with each bundle line until it returns `false`.
    private func forEachBundleLine(_ body: (Int, Data) throws -> Bool) throws {
        try JSONLines.forEachLine(of: bundleURL) { try body($0.number, $0.bytes) }
    }
}
