public import Foundation
import Synchronization

/// A Merkle tree over ballot trackers, as in RFC 6962 (Certificate Transparency): a leaf is
/// `H(0x00 || item)`, a node `H(0x01 || left || right)`, and the tree over n items splits at the
/// largest power of two below n. The root is the ballot box's digest; an inclusion proof shows that
/// one tracker is among the counted ones without revealing anything else.
public struct MerkleTree: Sendable {
    /// The hash function.
    public let algorithm: HashAlgorithm
    /// The items (trackers' bytes), in the order given (callers sort them).
    public let items: [Data]

    /// Builds a tree over `items`.
    public init(algorithm: HashAlgorithm, items: [Data]) {
        self.algorithm = algorithm
        self.items = items
    }

    /// One step of an inclusion proof: a sibling hash and which side it is on.
    public struct Step: Sendable, Codable, Equatable {
        /// Where a sibling sits.
        public enum Side: String, Sendable, Codable {
            /// To the left: it is hashed first.
            case left
            /// To the right: it is hashed second.
            case right
        }

        /// Where the sibling sits.
        public var side: Side
        /// The sibling's hash, hex.
        public var hash: String
    }

    /// The root; for no items, the hash of the empty string.
    public var root: HashValue {
        HashValue(algorithm: algorithm, bytes: items.isEmpty ? algorithm.hash(Data()) : subtreeRoot(items[...]))
    }

    private func leaf(_ item: Data) -> Data { algorithm.hash(Data([0]) + item) }
    private func node(_ left: Data, _ right: Data) -> Data { algorithm.hash(Data([1]) + left + right) }

    private func split(_ count: Int) -> Int {
        var k = 1
        while k << 1 < count { k <<= 1 }
        return k
    }

    private func subtreeRoot(_ slice: ArraySlice<Data>) -> Data {
        if slice.count == 1 { return leaf(slice.first!) }
        let k = split(slice.count)
        return node(subtreeRoot(slice.prefix(k)), subtreeRoot(slice.dropFirst(k)))
    }

    /// The root of the tree over 32-byte `digests` (a box's sorted trackers), the same as
    /// ``root`` over their bytes, computed without an allocation per node and the two halves of
    /// a large tree on separate cores.
    public static func root(algorithm: HashAlgorithm, digests: [Digest32]) -> HashValue {
        guard !digests.isEmpty else { return HashValue(algorithm: algorithm, bytes: algorithm.hash(Data())) }
        let depth = max(1, Int.bitWidth - ProcessInfo.processInfo.activeProcessorCount.leadingZeroBitCount) + 1
        let root = digests.withUnsafeBufferPointer { subtreeRoot(algorithm, $0, depth: depth) }
        return HashValue(algorithm: algorithm, bytes: root.data)
    }

    /// The inclusion proof of item `index` in the tree over 32-byte `digests`, the same as
    /// ``proof(for:)`` over their bytes, with the siblings' roots computed as ``root(algorithm:digests:)`` does.
    public static func proof(algorithm: HashAlgorithm, digests: [Digest32], index: Int) -> [Step] {
        precondition(digests.indices.contains(index), "index out of range")
        let depth = max(1, Int.bitWidth - ProcessInfo.processInfo.activeProcessorCount.leadingZeroBitCount) + 1
        var steps: [Step] = []
        digests.withUnsafeBufferPointer { all in
            var slice = all
            var index = index
            var path: [Step] = []
            while slice.count > 1 {
                var k = 1
                while k << 1 < slice.count { k <<= 1 }
                let left = UnsafeBufferPointer(rebasing: slice[0..<k])
                let right = UnsafeBufferPointer(rebasing: slice[k...])
                if index < k {
                    path.append(Step(side: .right, hash: subtreeRoot(algorithm, right, depth: depth).data.hexString))
                    slice = left
                } else {
                    path.append(Step(side: .left, hash: subtreeRoot(algorithm, left, depth: depth).data.hexString))
                    slice = right
                    index -= k
                }
            }
            steps = path.reversed()
        }
        return steps
    }

    static func subtreeRoot(_ algorithm: HashAlgorithm, _ digests: UnsafeBufferPointer<Digest32>, depth: Int) -> Digest32 {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            if digests.count == 1 {
                buffer[0] = 0
                digests[0].withBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
                return algorithm.digest32(UnsafeRawBufferPointer(rebasing: buffer[0..<33]))
            }
            var k = 1
            while k << 1 < digests.count { k <<= 1 }
            nonisolated(unsafe) let left = UnsafeBufferPointer(rebasing: digests[0..<k])
            nonisolated(unsafe) let right = UnsafeBufferPointer(rebasing: digests[k...])
            var halves = (Digest32.zero, Digest32.zero)
            if depth > 0, digests.count >= 8_192 {
                let results = Mutex((Digest32.zero, Digest32.zero))
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    let value = subtreeRoot(algorithm, half == 0 ? left : right, depth: depth - 1)
                    results.withLock { if half == 0 { $0.0 = value } else { $0.1 = value } }
                }
                halves = results.withLock { $0 }
            } else {
                halves = (subtreeRoot(algorithm, left, depth: 0), subtreeRoot(algorithm, right, depth: 0))
            }
            buffer[0] = 1
            halves.0.withBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            halves.1.withBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            return algorithm.digest32(UnsafeRawBufferPointer(buffer))
        }
    }

    /// The inclusion proof of item `index`, from the leaf up.
    public func proof(for index: Int) -> [Step] {
        precondition(items.indices.contains(index), "index out of range")
        var steps: [Step] = []
        func walk(_ slice: ArraySlice<Data>, _ index: Int) {
            guard slice.count > 1 else { return }
            let k = split(slice.count)
            if index < k {
                walk(slice.prefix(k), index)
                steps.append(Step(side: .right, hash: subtreeRoot(slice.dropFirst(k)).hexString))
            } else {
                walk(slice.dropFirst(k), index - k)
                steps.append(Step(side: .left, hash: subtreeRoot(slice.prefix(k)).hexString))
            }
        }
        walk(items[...], index)
        return steps
    }

    /// Whether `proof` leads from `item` to `root`.
    public static func verify(item: Data, proof: [Step], root: HashValue) -> Bool {
        let algorithm = root.algorithm
        var hash = algorithm.hash(Data([0]) + item)
        for step in proof {
            guard let sibling = Data(hex: step.hash) else { return false }
            switch step.side {
            case .left: hash = algorithm.hash(Data([1]) + sibling + hash)
            case .right: hash = algorithm.hash(Data([1]) + hash + sibling)
            }
        }
        return hash == root.bytes
    }
}

extension MerkleTree {
    /// A tree over 32-byte `digests` whose aligned blocks of ``blockSize`` leaves and up have
    /// their roots computed once (about a thirty-second of the digests' own size), so that an
    /// inclusion proof costs a few hundred hashes rather than one per tracker: what a server
    /// answering receipts of a million-ballot box keeps. Its proofs are those of
    /// ``proof(algorithm:digests:index:)``.
    public final class ProofIndex: Sendable {
        /// The smallest block whose root is kept.
        public static let blockSize = 64
        /// The hash function.
        public let algorithm: HashAlgorithm
        /// The leaves' items.
        public let digests: [Digest32]
        /// `levels[j][i]`: the root of leaves `i·b·2^j ..< (i+1)·b·2^j` (b = ``blockSize``), complete blocks only.
        private let levels: [[Digest32]]

        /// Computes the blocks' roots (on all cores for the first level).
        public init(algorithm: HashAlgorithm, digests: [Digest32]) {
            self.algorithm = algorithm
            self.digests = digests
            let size = Self.blockSize
            let blocks = digests.count / size
            var first = [Digest32](repeating: .zero, count: blocks)
            first.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                digests.withUnsafeBufferPointer { all in
                    nonisolated(unsafe) let all = all
                    let tasks = max(1, min(blocks, ProcessInfo.processInfo.activeProcessorCount * 4))
                    DispatchQueue.concurrentPerform(iterations: tasks) { task in
                        for block in (blocks * task / tasks)..<(blocks * (task + 1) / tasks) {
                            out[block] = MerkleTree.subtreeRoot(algorithm, UnsafeBufferPointer(rebasing: all[block * size..<(block + 1) * size]), depth: 0)
                        }
                    }
                }
            }
            var levels = [first]
            while let last = levels.last, last.count > 1 {
                levels.append((0..<last.count / 2).map { MerkleTree.node(algorithm, last[2 * $0], last[2 * $0 + 1]) })
            }
            self.levels = levels
        }

        /// The inclusion proof of the item at `index`, from the leaf up.
        public func proof(for index: Int) -> [Step] {
            precondition(digests.indices.contains(index), "index out of range")
            var steps: [Step] = []
            var low = 0
            var high = digests.count
            var path: [Step] = []
            while high - low > 1 {
                var k = 1
                while k << 1 < high - low { k <<= 1 }
                if index < low + k {
                    path.append(Step(side: .right, hash: root(low + k, high).data.hexString))
                    high = low + k
                } else {
                    path.append(Step(side: .left, hash: root(low, low + k).data.hexString))
                    low += k
                }
            }
            steps = path.reversed()
            return steps
        }

        /// The root of leaves `low ..< high`, a subtree of the tree.
        private func root(_ low: Int, _ high: Int) -> Digest32 {
            let count = high - low
            if count >= Self.blockSize, count & (count - 1) == 0, low % count == 0 {
                let level = (count / Self.blockSize).trailingZeroBitCount
                return levels[level][low / count]
            }
            if count <= Self.blockSize {
                return digests.withUnsafeBufferPointer { MerkleTree.subtreeRoot(algorithm, UnsafeBufferPointer(rebasing: $0[low..<high]), depth: 0) }
            }
            var k = 1
            while k << 1 < count { k <<= 1 }
            return MerkleTree.node(algorithm, root(low, low + k), root(low + k, high))
        }
    }

    /// `H(0x01 || left || right)`.
    static func node(_ algorithm: HashAlgorithm, _ left: Digest32, _ right: Digest32) -> Digest32 {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 1
            left.withBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            right.withBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            return algorithm.digest32(UnsafeRawBufferPointer(buffer))
        }
    }
}
