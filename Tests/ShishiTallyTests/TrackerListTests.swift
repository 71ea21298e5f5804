import Foundation
import ShishiCore
import ShishiTally
import Testing

/// The counted trackers: their file, look-up and digest.
@Suite struct TrackerListTests {
    @Test func theFileReadsBackAndLooksUp() throws {
        let digests = (0..<500).map { index in HashAlgorithm.sha256.hash(Data("ballot \(index)".utf8)) }.map { Digest32($0)! }.sorted()
        let list = TrackerList(algorithm: .sha256, digests: digests)
        let text = list.fileData()
        #expect(String(decoding: text, as: UTF8.self) == digests.map { $0.data.hexString + "\n" }.joined())
        #expect(try TrackerList(fileData: text, algorithm: .sha256) == list)
        #expect(list.filePieces.reduce(Data(), +) == text)
        let many = TrackerList(algorithm: .sha256, digests: (0..<150_000).map { Digest32(words: (0, 0, 0, UInt64($0))) })
        #expect(many.filePieces.map(\.count) == [65_536 * 65, 65_536 * 65, (150_000 - 131_072) * 65])
        #expect(list.index(of: list[137]) == 137 && list[137].bytes == digests[137].data)
        #expect(list.index(of: HashValue(algorithm: .sha256, bytes: Data(count: 32))) == nil)
        #expect(list.index(of: HashValue(algorithm: .sm3, bytes: digests[3].data)) == nil)
        #expect(list.root == MerkleTree(algorithm: .sha256, items: digests.map(\.data)).root)
        for prefix in ["", "0", "a", "ff", String(list[10].hex.prefix(3)), String(list[10].hex.prefix(9)), list[499].hex, "0000000000"] {
            #expect(Array(list.indices(withHexPrefix: prefix)) == list.indices.filter { list[$0].hex.hasPrefix(prefix) }, "\(prefix)")
        }
        var damaged = String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
        damaged[41] = String(damaged[41].dropLast())
        let error = try #require(throws: ShishiError.self) { try TrackerList(fileData: Data(damaged.joined(separator: "\n").utf8), algorithm: .sha256) }
        #expect(error.message.en == "counted-trackers.txt line 42 is not a tracker.")
    }

    @Test(arguments: [1, 2, 3, 63, 64, 65, 127, 128, 129, 1_000, 4_097])
    func proofsFromTheIndexAreTheTreesOwnAndCheck(_ count: Int) throws {
        let digests = (0..<count).map { Digest32(HashAlgorithm.sha256.hash(Data("t\($0)".utf8)))! }.sorted()
        let plain = TrackerList(algorithm: .sha256, digests: digests)
        let indexed = plain.indexedForProofs()
        #expect(indexed == plain)
        var generator = SystemRandomNumberGenerator()
        let positions = Set([0, count - 1, count / 2] + (0..<20).map { _ in Int.random(in: 0..<count, using: &generator) })
        for position in positions {
            let proof = indexed.proof(for: position)
            #expect(proof == MerkleTree.proof(algorithm: .sha256, digests: digests, index: position), "\(count) at \(position)")
            #expect(MerkleTree.verify(item: digests[position].data, proof: proof, root: plain.root))
        }
    }
}
