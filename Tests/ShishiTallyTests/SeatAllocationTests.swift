import ShishiCore
import ShishiTally
import Testing

@Suite struct SeatAllocationTests {
    func allocate(_ yes: [Int], seats: Int, base: MajorityBase = .all, count: Int = 20, shortfall: ShortfallRule = .secondRound) -> SeatAllocation {
        SeatAllocation(yes: yes.enumerated().map { ("\($0.offset + 1)", $0.element) }, seats: seats, base: base, baseCount: count, shortfall: shortfall)
    }

    @Test func moreThanHalfOfTheBaseIsNeeded() {
        // 327 deputies: 164 passes, 163 does not (Lishui 2025's roster size).
        let a = allocate([164, 163, 200], seats: 2, count: 327)
        #expect(a.needed == 164)
        #expect(a.adopted == ["3", "1"])
        #expect(a.status["2"] == .notPassed)
        // An even base: exactly half is not more than half.
        let b = allocate([10, 11, 12], seats: 2, count: 20)
        #expect(b.needed == 11)
        #expect(b.adopted == ["3", "2"])
    }

    @Test func aTieAcrossTheLastSeatGoesToARunOff() {
        let a = allocate([18, 17, 15, 15, 15, 12], seats: 3)
        #expect(a.adopted == ["1", "2"])
        #expect(a.runOff == ["3", "4", "5"])
        #expect(a.openSeats == 1 && a.next == .runOff)
        #expect(a.rank["3"] == 3 && a.rank["5"] == 3 && a.rank["6"] == 6)
        #expect(a.status["6"] == .outranked)
    }

    @Test func aTieInsideTheSeatsIsNoRunOff() {
        let a = allocate([15, 15, 14, 12], seats: 3)
        #expect(a.adopted == ["1", "2", "3"])
        #expect(a.runOff.isEmpty && a.next == .none)
    }

    @Test func aShortfallGoesToASecondRoundOrStaysVacant() {
        let second = allocate([15, 12, 9, 3], seats: 3)
        #expect(second.adopted == ["1", "2"])
        #expect(second.next == .secondRound && second.openSeats == 1 && second.vacant == 0)
        let vacant = allocate([15, 12, 9, 3], seats: 3, shortfall: .leaveVacant)
        #expect(vacant.adopted == ["1", "2"])
        #expect(vacant.next == .none && vacant.vacant == 1 && vacant.openSeats == 0)
        let none = allocate([1, 2, 3, 4], seats: 2)
        #expect(none.adopted.isEmpty && none.openSeats == 2)
    }

    @Test func eachMajorityBaseSetsTheThreshold() {
        let yes = [9, 8, 6, 2]
        #expect(allocate(yes, seats: 3, base: .all, count: 20).adopted == [])
        #expect(allocate(yes, seats: 3, base: .present, count: 15).adopted == ["1", "2"])
        #expect(allocate(yes, seats: 3, base: .valid, count: 11).adopted == ["1", "2", "3"])
        let top = allocate(yes, seats: 3, base: .none, count: 0)
        #expect(top.needed == nil && top.adopted == ["1", "2", "3"])
        let tiedTop = allocate([5, 4, 4, 1], seats: 2, base: .none, count: 0)
        #expect(tiedTop.adopted == ["1"] && tiedTop.runOff == ["2", "3"])
    }

    @Test func theOutcomeDoesNotDependOnTheOrderOfCandidates() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let yes = (0..<8).map { _ in Int.random(in: 0...20, using: &generator) }
            let entries = yes.enumerated().map { ("c\($0.offset)", $0.element) }
            let a = SeatAllocation(yes: entries, seats: 3, base: .valid, baseCount: 25, shortfall: .secondRound)
            let b = SeatAllocation(yes: entries.shuffled(using: &generator), seats: 3, base: .valid, baseCount: 25, shortfall: .secondRound)
            #expect(Set(a.adopted) == Set(b.adopted))
            #expect(Set(a.runOff) == Set(b.runOff))
            #expect(a.rank == b.rank && a.status == b.status && a.next == b.next)
        }
    }
}

@Suite struct MerkleTreeTests {
    @Test func everyProofVerifiesAndNoWrongOneDoes() {
        for count in 1...17 {
            let items = (0..<count).map { HashAlgorithm.sha256.hash(Array("item \($0)".utf8)) }
            let tree = MerkleTree(algorithm: .sha256, items: items)
            for index in items.indices {
                let proof = tree.proof(for: index)
                #expect(MerkleTree.verify(item: items[index], proof: proof, root: tree.root))
                let other = HashAlgorithm.sha256.hash(Array("other".utf8))
                #expect(!MerkleTree.verify(item: other, proof: proof, root: tree.root))
            }
        }
    }

    @Test func theRootFollowsRFC6962ForTwoLeaves() {
        let a = HashAlgorithm.sha256.hash(Array("a".utf8))
        let b = HashAlgorithm.sha256.hash(Array("b".utf8))
        let leafA = HashAlgorithm.sha256.hash([0] + Array(a))
        let leafB = HashAlgorithm.sha256.hash([0] + Array(b))
        let root = HashAlgorithm.sha256.hash([1] + Array(leafA) + Array(leafB))
        #expect(MerkleTree(algorithm: .sha256, items: [a, b]).root.bytes == root)
    }
}
