public import Foundation
public import ShishiCore

/// The sorted trackers of the counted electronic ballots: what the box digest covers and what
/// `counted-trackers.txt` lists, one lower-case hex tracker a line.
///
/// Thirty-two bytes a ballot, in one array: a million trackers take 32 MB.
public struct TrackerList: RandomAccessCollection, Equatable, Sendable {
    /// The vote's hash algorithm, which made the trackers.
    public let algorithm: HashAlgorithm
    /// The trackers' bytes, sorted.
    public let digests: [Digest32]
    /// The tree's block roots, kept by a list that answers many proofs (see ``indexedForProofs()``).
    private let proofIndex: MerkleTree.ProofIndex?

    /// A list of trackers; `digests` must be sorted.
    public init(algorithm: HashAlgorithm, digests: [Digest32]) {
        self.algorithm = algorithm
        self.digests = digests
        proofIndex = nil
    }

    private init(algorithm: HashAlgorithm, digests: [Digest32], proofIndex: MerkleTree.ProofIndex?) {
        self.algorithm = algorithm
        self.digests = digests
        self.proofIndex = proofIndex
    }

    /// The same list, with the roots of its tree's blocks computed once, so that each
    /// ``proof(for:)`` costs a few hundred hashes however many trackers there are (a public
    /// board answering receipts of a large vote).
    public func indexedForProofs() -> TrackerList {
        TrackerList(algorithm: algorithm, digests: digests, proofIndex: MerkleTree.ProofIndex(algorithm: algorithm, digests: digests))
    }

    /// Lists are equal when their trackers are.
    public static func == (lhs: TrackerList, rhs: TrackerList) -> Bool {
        lhs.algorithm == rhs.algorithm && lhs.digests == rhs.digests
    }

    /// The first position.
    public var startIndex: Int { 0 }
    /// The position after the last.
    public var endIndex: Int { digests.count }
    /// The element at `position`.
    public subscript(position: Int) -> HashValue { HashValue(algorithm: algorithm, bytes: digests[position].data) }

    /// The box digest: the Merkle root over the trackers.
    public var root: HashValue { MerkleTree.root(algorithm: algorithm, digests: digests) }

    /// The place of `tracker` in the list, found by halving.
    public func index(of tracker: HashValue) -> Int? {
        guard tracker.algorithm == algorithm, let wanted = Digest32(tracker.bytes) else { return nil }
        var (low, high) = (0, digests.count)
        while low < high {
            let middle = (low + high) / 2
            if digests[middle] < wanted { low = middle + 1 } else { high = middle }
        }
        return low < digests.count && digests[low] == wanted ? low : nil
    }

    /// The places of the trackers whose hex begins with `prefix` (lower-case hex digits), found by
    /// halving: lower-case hex sorts as the bytes do, so they lie together.
    public func indices(withHexPrefix prefix: String) -> Range<Int> {
        let wanted = Array(prefix.utf8.prefix(64))
        var hex = [UInt8](repeating: 0, count: 64)
        func hexPrefix(_ index: Int) -> ArraySlice<UInt8> {
            hex.withUnsafeMutableBytes { digests[index].writeHex(to: $0.baseAddress!) }
            return hex[0..<wanted.count]
        }
        var (low, high) = (0, digests.count)
        while low < high {
            let middle = (low + high) / 2
            if hexPrefix(middle).lexicographicallyPrecedes(wanted) { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < digests.count, hexPrefix(end).elementsEqual(wanted) { end += 1 }
        return low..<end
    }

    /// The inclusion proof of the tracker at `index` against ``root``.
    public func proof(for index: Int) -> [MerkleTree.Step] {
        proofIndex?.proof(for: index) ?? MerkleTree.proof(algorithm: algorithm, digests: digests, index: index)
    }

    /// The text of `counted-trackers.txt`.
    public func fileData() -> Data { fileData(digests.indices) }

    /// The text of `counted-trackers.txt` in pieces of 65,536 lines, made as they are written.
    public var filePieces: some Sequence<Data> {
        stride(from: 0, to: digests.count, by: 65_536).lazy.map { fileData($0..<Swift.min($0 + 65_536, digests.count)) }
    }

    private func fileData(_ range: Range<Int>) -> Data {
        var data = Data(count: range.count * 65)
        data.withUnsafeMutableBytes { out in
            for (offset, index) in range.enumerated() {
                digests[index].writeHex(to: out.baseAddress! + offset * 65)
                out[offset * 65 + 64] = 0x0A
            }
        }
        return data
    }

    /// Reads the text of `counted-trackers.txt` (or of another tracker list, named `source`); a
    /// line that is not a tracker, written as the format writes it (64 lower-case hex digits), is
    /// refused with its number.
    public init(fileData data: Data, algorithm: HashAlgorithm, source: String = "counted-trackers.txt") throws {
        var digests: [Digest32] = []
        digests.reserveCapacity(data.count / 65)
        try data.withUnsafeBytes { raw in
            var number = 0
            var start = 0
            while start < raw.count {
                let end = raw[start...].firstIndex(of: 0x0A) ?? raw.count
                number += 1
                defer { start = end + 1 }
                if end == start { continue }
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                guard !line.contains(where: { (0x41...0x46).contains($0) }), let digest = Digest32(hex: line) else {
                    throw ShishiError(
                        .resultBadTrackers,
                        zh: "\(source) 第 \(number) 行不是跟踪码。",
                        en: "\(source) line \(number) is not a tracker."
                    )
                }
                digests.append(digest)
            }
        }
        self.init(algorithm: algorithm, digests: digests)
    }
}
