import Foundation
import ShishiCore

extension BallotBox {
    /// Rewrites the closed box as one file in tracker order, so that what the host keeps and hands
    /// over after the close carries no order of arrival (docs/ballot-format.md §3): every ballot of
    /// `box/` (files of one or several) and every line of `box.jsonl` becomes a line of a new
    /// `box.jsonl`, compact, sorted by tracker, written as one new file, its times cleared; then the
    /// files of `box/` that it holds are removed. Call it with the folder's lock held, once the
    /// close record is written (``RoundPhase/boxClosed``); it returns the number of files of `box/`
    /// merged into the bundle.
    ///
    /// A crash at any point loses no ballot and counts none twice: before the new bundle is renamed
    /// into place nothing has changed (its temporary file is removed by the next writer); after it,
    /// a file of `box/` whose every ballot is already a line of the bundle is a leftover, removed by
    /// the next call, which the count makes before it reads the box. A file that does not read as
    /// ballot envelopes stays where it is, to be rejected by the count with its own name.
    @discardableResult
    public func consolidate() throws -> Int {
        let hash = vote.manifest.hash
        let boxFolder = vote.folder.boxURL
        let bundle = FileManager.default.fileExists(atPath: bundleURL.path) ? try Data(contentsOf: bundleURL, options: .alwaysMapped) : Data()
        var lines: [(tracker: Digest32?, bytes: Data)] = []
        var inBundle = Set<Digest32>()
        for line in bundle.withUnsafeBytes({ Self.lines(in: $0) }) {
            let bytes = bundle[line.range.shifted(by: bundle.startIndex)]
            inBundle.insert(Digest32(HashAlgorithm.sha256.hash(bytes))!)
            lines.append((SignedEnvelope.stored(Data(bytes), source: "box.jsonl").flatMap { Digest32($0.tracker(hash).bytes) }, bytes))
        }
        var merged: [String] = []
        var leftovers: [String] = []
        for name in try fileNames() {
            let data = try FileAccess.read(boxFolder.appendingPathComponent(name))
            let pieces = Self.pieces(of: data, named: name)
            let compact = pieces.map { piece in
                SignedEnvelope.stored(piece, source: name).flatMap { envelope in envelope.canonicalBytes().map { (envelope, $0) } }
            }
            guard !pieces.isEmpty, compact.allSatisfy({ $0 != nil }) else { continue }
            let found = compact.map { $0!.1 }
            if found.allSatisfy({ inBundle.contains(Digest32(HashAlgorithm.sha256.hash($0))!) }) {
                leftovers.append(name)
                continue
            }
            merged.append(name)
            for (envelope, bytes) in compact.map({ $0! }) { lines.append((Digest32(envelope.tracker(hash).bytes), bytes)) }
        }
        if !merged.isEmpty {
            // Tracker order; the few lines that do not read as envelopes (to be rejected) last.
            let order = lines.indices.sorted { a, b in
                switch (lines[a].tracker, lines[b].tracker) {
                case (let x?, let y?): x < y || (x == y && a < b)
                case (.some, nil): true
                case (nil, .some): false
                case (nil, nil): a < b
                }
            }
            try FileAccess.replace(bundleURL, pieces: order.lazy.flatMap { [lines[$0].bytes, Data([0x0A])] })
            FileAccess.clearTimes(bundleURL)
        }
        for name in merged + leftovers { unlink(boxFolder.appendingPathComponent(name).path) }
        if !(merged + leftovers).isEmpty { FileAccess.synchronizeFolder(boxFolder) }
        return merged.count
    }
}
