public import Foundation
public import ShishiCore

/// The electronic ballot box of a vote folder: `box/<tracker hex>.json`, one file per ballot, and
/// `box/<tracker hex>.jsonl`, the ballots a hall server received at one moment, one per line
/// (named by the first line's tracker; lines in tracker order, not in the order they came).
public struct BallotBox: Sendable {
    /// The vote.
    public let vote: Vote

    /// Opens the box of `vote`.
    public init(vote: Vote) {
        self.vote = vote
    }

    /// The ending of a file of several ballots in `box/`.
    static let batchEnding = ".jsonl"

    /// The ballot files in the box (one ballot or several), sorted by name.
    public func files() throws -> [URL] {
        try fileNames().map { vote.folder.boxURL.appendingPathComponent($0) }
    }

    /// The number of ballots in the box: its files of one ballot, the lines of its files of several
    /// and of `box.jsonl`, as ``forEachChunk(size:_:)`` gives them.
    public func count() throws -> Int {
        var count = 0
        for name in try fileNames() {
            guard Self.isBatch(name) else {
                count += 1
                continue
            }
            let data = (try? FileAccess.read(vote.folder.boxURL.appendingPathComponent(name))) ?? Data()
            count += data.withUnsafeBytes { Self.lines(in: $0).count }
        }
        guard FileManager.default.fileExists(atPath: bundleURL.path) else { return count }
        try forEachBundleLine { _, bytes in
            if !bytes.isEmpty { count += 1 }
            return true
        }
        return count
    }

    /// What changes whenever a ballot is added to the box, read without opening a ballot: each
    /// cast creates a file in `box/` (never rewritten) or appends to `box.jsonl`.
    public struct Stamp: Sendable, Equatable {
        /// The ballot files in `box/`.
        public var files: Int
        /// The size of `box.jsonl` (0 when there is none).
        public var bundleBytes: Int
    }

    /// The box's ``Stamp`` now: a count compares the one taken before it with the one at the
    /// moment it writes its result, so a ballot that arrived meanwhile is never left out unseen.
    public func stamp() throws -> Stamp {
        let attributes = try? FileManager.default.attributesOfItem(atPath: bundleURL.path)
        return Stamp(files: try fileNames().count, bundleBytes: (attributes?[.size] as? NSNumber)?.intValue ?? 0)
    }

    /// The names of the ballot files in `box/`, sorted (a box may hold a hundred thousand files).
    func fileNames() throws -> [String] {
        let url = vote.folder.boxURL
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter(Self.isBallotFile).sorted()
    }

    /// Whether a name in `box/` is a ballot file (one ballot, or several).
    static func isBallotFile(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".json") || name.hasSuffix(batchEnding))
    }

    /// Whether a name in `box/` is a file of several ballots.
    static func isBatch(_ name: String) -> Bool { name.hasSuffix(batchEnding) }

    /// The ballots stored in the file `name` whose bytes are `data`: the file itself, or each
    /// non-empty line of a file of several (a `box/<hex>.jsonl` batch, or `box.jsonl`).
    static func pieces(of data: Data, named name: String) -> [Data] {
        isBatch(name) ? data.withUnsafeBytes { lines(in: $0) }.map { Data(data[$0.range.shifted(by: data.startIndex)]) } : [data]
    }

    /// The non-empty lines of a file of several ballots: each one's 1-based number and range
    /// (line feed excluded; a last line without one counts).
    static func lines(in bytes: UnsafeRawBufferPointer) -> [(number: Int, range: Range<Int>)] {
        JSONLines.lines(in: bytes).filter { !$0.range.isEmpty }
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

    /// Writes ballots that arrived together (a group commit of the hall server) into the box as one
    /// file, flushed before this returns: `box/<tracker hex>.json` for a single ballot, else
    /// `box/<first tracker hex>.jsonl` with one ballot a line in tracker order (creating one file,
    /// not one per ballot, is what lets a server keep up with a hall casting at once). Each ballot
    /// gets its tracker and file, or the failure that kept it out; every ballot answered with a
    /// tracker is on disk.
    public func put(batch envelopes: [SignedEnvelope]) -> [Result<(tracker: HashValue, file: URL), any Error>] {
        put(entries: envelopes.map { ($0, $0.tracker(vote.manifest.hash)) })
    }

    /// ``put(batch:)`` for envelopes whose trackers are known (a caster has just checked them).
    func put(entries: [(envelope: SignedEnvelope, tracker: HashValue)]) -> [Result<(tracker: HashValue, file: URL), any Error>] {
        let folder = vote.folder.boxURL
        let single = entries.count == 1
        var results: [Result<(tracker: HashValue, file: URL), any Error>] = []
        var lines: [(tracker: HashValue, hex: String, slot: Int, data: Data)] = []
        for (envelope, tracker) in entries {
            do {
                let data = single ? try envelope.fileData() : try envelope.canonicalBytes() ?? StrictJSON.encode(envelope)
                lines.append((tracker, tracker.hex, results.count, data))
                results.append(.success((tracker, folder)))
            } catch {
                results.append(.failure(error))
            }
        }
        lines.sort { $0.hex < $1.hex }
        guard let first = lines.first else { return results }
        let url = folder.appendingPathComponent(first.hex + (single ? ".json" : Self.batchEnding))
        do {
            try FileAccess.create(url, pieces: lines.flatMap { single ? [$0.data] : [$0.data, Data([0x0A])] })
            FileAccess.clearTimes(url)
            for line in lines { results[line.slot] = .success((line.tracker, url)) }
        } catch {
            for line in lines { results[line.slot] = .failure(error) }
        }
        return results
    }

    /// `box.jsonl`: the single-file bundle, one ballot envelope (compact canonical JSON) per line.
    public var bundleURL: URL { vote.folder.bundleURL }

    /// One ballot as stored: where it is (`box/<file>`, `box/<file>.jsonl:<line>` or
    /// `box.jsonl:<line>`) and its bytes.
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

    /// Streams every ballot, those of the files of `box/` (by name; a file of several ballots line by
    /// line) then the lines of `box.jsonl`, in chunks of `size`, so that memory does not grow with
    /// the number of ballots.
    public func forEachChunk(size: Int, _ body: ([Item]) throws -> Void) throws {
        var chunk: [Item] = []
        func add(_ item: Item) throws {
            chunk.append(item)
            if chunk.count == size {
                try body(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        for name in try fileNames() {
            let data = (try? FileAccess.read(vote.folder.boxURL.appendingPathComponent(name))) ?? Data()
            guard Self.isBatch(name) else {
                try add(Item(name: "box/\(name)", data: data))
                continue
            }
            let lines = data.withUnsafeBytes { Self.lines(in: $0) }
            for line in lines { try add(Item(name: "box/\(name):\(line.number)", data: Data(data[line.range.shifted(by: data.startIndex)]))) }
        }
        if FileManager.default.fileExists(atPath: bundleURL.path) {
            try forEachBundleLine { line, bytes in
                if !bytes.isEmpty { try add(Item(name: "box.jsonl:\(line)", data: bytes)) }
                return true
            }
        }
        if !chunk.isEmpty { try body(chunk) }
    }

    /// A run of ballots from the box, kept where they were read: valid only during the call
    /// that receives it. Ballots come in the order of ``forEachChunk(size:_:)``: files by name
    /// (a file of several ballots line by line), then the bundle's non-empty lines.
    public struct RawChunk: @unchecked Sendable {
        /// The bytes the ballots lie in.
        public let bytes: UnsafeRawBufferPointer
        private let ranges: [Range<Int>]
        private let names: Names

        private enum Names {
            /// Places in `box/`: a file's name, or `<file>.jsonl:<line>`.
            case files([String])
            case lines([Int])
        }

        /// The number of ballots.
        public var count: Int { ranges.count }

        /// The bytes of ballot `index`.
        public func ballot(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[ranges[index]]) }

        /// The name of ballot `index`: `box/<file>`, `box/<file>.jsonl:<line>` or `box.jsonl:<line>`.
        public func name(_ index: Int) -> String {
            switch names {
            case .files(let places): "box/\(places[index])"
            case .lines(let lines): "box.jsonl:\(lines[index])"
            }
        }

        init(bytes: UnsafeRawBufferPointer, places: [String], ranges: [Range<Int>]) {
            self.bytes = bytes
            self.ranges = ranges
            names = .files(places)
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
            var places: [String] = []
            let chunk = Array(names[start..<min(start + 4096, names.count)])
            // Files are read on all cores: opening thousands of small files is most of the cost.
            let contents = try parallelMap(chunk, { (try? FileAccess.read(folder.appendingPathComponent($0))) ?? Data() })
            for (name, data) in zip(chunk, contents) {
                let from = buffer.count
                buffer.append(contentsOf: data)
                guard Self.isBatch(name) else {
                    ranges.append(from..<buffer.count)
                    places.append(name)
                    continue
                }
                for line in data.withUnsafeBytes({ Self.lines(in: $0) }) {
                    ranges.append(line.range.shifted(by: from))
                    places.append("\(name):\(line.number)")
                }
            }
            try buffer.withUnsafeBytes { try body(RawChunk(bytes: $0, places: places, ranges: ranges)) }
        }
        guard FileManager.default.fileExists(atPath: bundleURL.path) else { return }
        try JSONLines.forEachRawBlock(of: bundleURL) { block in
            let chunk = RawChunk(block: block)
            if chunk.count > 0 { try body(chunk) }
            return true
        }
    }

    /// Reads one ballot again by its place (`box/<file>`, `box/<file>.jsonl:<line>` or `box.jsonl:<line>`).
    public func item(named name: String) throws -> Item {
        if name.hasPrefix("box/"), let colon = name.lastIndex(of: ":"), Self.isBatch(String(name[..<colon])),
            let wanted = Int(name[name.index(after: colon)...])
        {
            let data = try FileAccess.read(vote.folder.url.appendingPathComponent(String(name[..<colon])))
            guard let line = data.withUnsafeBytes({ Self.lines(in: $0) }).first(where: { $0.number == wanted }) else {
                throw ShishiError(
                    .boxNoSuchBallot, zh: "\(name[..<colon]) 中没有第 \(wanted) 行。", en: "\(name[..<colon]) has no line \(wanted).")
            }
            return Item(name: name, data: Data(data[line.range.shifted(by: data.startIndex)]))
        }
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

extension Range<Int> {
    /// The range moved by `offset`.
    func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
