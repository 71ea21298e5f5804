import Foundation
import ShishiCore
import Testing

/// Inline digests and the Merkle root over them, against the general tree over `Data` items.
@Suite struct DigestTests {
    private func randomDigests(_ count: Int, seed: UInt64) -> [Digest32] {
        var state = seed
        return (0..<count).map { _ in
            let bytes = (0..<32).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
            return Digest32(bytes)!
        }
    }

    @Test func digestsOrderAndPrintAsTheirBytes() {
        let digests = randomDigests(300, seed: 1)
        #expect(digests.sorted().map(\.data) == digests.map(\.data).sorted { $0.lexicographicallyPrecedes($1) })
        for digest in digests.prefix(20) {
            var hex = [UInt8](repeating: 0, count: 64)
            hex.withUnsafeMutableBytes { digest.writeHex(to: $0.baseAddress!) }
            #expect(String(decoding: hex, as: UTF8.self) == digest.data.hexString)
            #expect(Digest32(digest.data) == digest)
        }
        #expect(Digest32(Data(count: 31)) == nil)
        let text = Data("abc".utf8)
        for algorithm in HashAlgorithm.allCases {
            #expect(text.withUnsafeBytes { algorithm.digest32($0) }.data == algorithm.hash(text))
        }
    }

    @Test(arguments: [HashAlgorithm.sha256, .sm3])
    func theRootOverDigestsIsTheTreeRoot(_ algorithm: HashAlgorithm) {
        for count in Array(0...40) + [1_023, 1_024, 1_025, 9_000, 20_001] {
            let digests = randomDigests(count, seed: UInt64(count) + 7)
            #expect(
                MerkleTree.root(algorithm: algorithm, digests: digests) == MerkleTree(algorithm: algorithm, items: digests.map(\.data)).root, "\(count) items")
        }
    }

    @Test func theProofOverDigestsIsTheTreeProof() {
        for count in [1, 2, 3, 7, 8, 9, 33, 1_000, 10_001] {
            let digests = randomDigests(count, seed: UInt64(count) * 3).sorted()
            let tree = MerkleTree(algorithm: .sha256, items: digests.map(\.data))
            for index in Set([0, count / 3, count / 2, count - 1]) {
                let proof = MerkleTree.proof(algorithm: .sha256, digests: digests, index: index)
                #expect(proof == tree.proof(for: index), "\(count) items, item \(index)")
                #expect(MerkleTree.verify(item: digests[index].data, proof: proof, root: tree.root))
            }
        }
    }
}
