import Foundation
import ShishiCore
import Testing

@Suite struct CSVTableTests {
    let columns: [CSVTable.Column] = [.init("id", aliases: ["编号"]), .init("title", aliases: ["名称"]), .init("note", required: false)]

    @Test func chineseHeadersAndAByteOrderMarkAreRead() throws {
        let table = try CSVTable(text: "\u{FEFF}编号,名称\n1,老旧小区改造\n\n2,\"幼儿园, 公办\"\n", source: "c.csv", columns: columns)
        #expect(table.rows.map { $0["id"] } == ["1", "2"])
        #expect(table.rows[1]["title"] == "幼儿园, 公办")
        #expect(table.rows.map(\.line) == [2, 4])
    }

    @Test func aRowWithTheWrongFieldCountNamesItsLine() throws {
        let error = try #require(throws: ShishiError.self) {
            try CSVTable(text: "id,title\n1,a\n2,b,c\n", source: "c.csv", columns: columns)
        }
        #expect(error.code == "csv.wrongFieldCount")
        #expect(error.message.en.contains("c.csv line 3"))
    }

    @Test func anEmptyRequiredCellNamesLineAndColumn() throws {
        let error = try #require(throws: ShishiError.self) {
            try CSVTable(text: "id,title\n1,a\n2,\n", source: "c.csv", columns: columns)
        }
        #expect(error.code == "csv.emptyCell")
        #expect(error.message.en.contains("line 3") && error.message.en.contains("title"))
    }

    @Test func anUnknownColumnIsRefused() throws {
        let error = try #require(throws: ShishiError.self) {
            try CSVTable(text: "id,title,colour\n1,a,red\n", source: "c.csv", columns: columns)
        }
        #expect(error.code == "csv.unknownColumn")
        #expect(error.message.en.contains("colour"))
    }

    @Test func aMissingRequiredColumnIsRefused() throws {
        let error = try #require(throws: ShishiError.self) { try CSVTable(text: "id\n1\n", source: "c.csv", columns: columns) }
        #expect(error.code == "csv.missingColumn")
    }

    @Test func candidateIdsAreCheckedWithLineNumbers() throws {
        let duplicate = try CSVTable(text: "id,title\n1,a\n2,b\n1,c\n", source: "c.csv", columns: Candidate.csvColumns)
        let error = try #require(throws: ShishiError.self) { try Candidate.list(from: duplicate) }
        #expect(error.code == "candidates.duplicateID")
        #expect(error.message.en.contains("line 4") && error.message.en.contains("line 2"))
        let bad = try CSVTable(text: "id,title\n1 a,x\n", source: "c.csv", columns: Candidate.csvColumns)
        #expect(throws: ShishiError.self) { try Candidate.list(from: bad) }
    }

    @Test func aRosterWithABadKeyNamesTheLine() throws {
        let table = try CSVTable(text: "id,name,public_key\nD1,张三,ed25519:AAAA\n", source: "r.csv", columns: Roster.csvColumns)
        let error = try #require(throws: ShishiError.self) { try Roster(table: table) }
        #expect(error.code == "roster.badKey")
        #expect(error.message.en.contains("line 2"))
    }
}

@Suite struct ManifestRuleTests {
    static let secretariat = try! PrivateKey(generating: .ed25519)

    func manifest(seats: Int = 2, candidates: [Candidate]? = nil, title: String = "票决") -> VoteManifest {
        let list = candidates ?? (1...4).map { Candidate(id: "\($0)", title: "项目\($0)") }
        return VoteManifest(
            voteId: "t", title: title, session: nil, round: 1, previousRound: nil, seats: seats, candidates: list,
            style: .yesNoAbstain, secrecy: .recorded, suite: .ed25519, hash: .sha256, rules: VoteRules(),
            roster: .init(file: "roster.csv", deputies: 5, hash: HashAlgorithm.sha256.digest(Data())),
            keys: ManifestKeys(secretariat: Self.secretariat.publicKey, registrar: Self.secretariat.publicKey, blind: nil),
            officials: [], createdAt: "2027-01-15T01:00:00Z"
        )
    }

    @Test func aValidManifestPasses() throws {
        try manifest().validate()
    }

    @Test(arguments: [
        (4, "manifest.notDifferential"),
        (5, "manifest.notDifferential"),
        (0, "manifest.noSeats"),
        (-1, "manifest.noSeats"),
    ])
    func seatRefusals(seats: Int, code: String) throws {
        let error = try #require(throws: ShishiError.self) { try manifest(seats: seats).validate() }
        #expect(error.code == code)
    }

    @Test func duplicateIdsEmptyTitlesAndBadIdsAreRefused() throws {
        let duplicate = [Candidate(id: "1", title: "a"), Candidate(id: "1", title: "b"), Candidate(id: "2", title: "c")]
        #expect(try #require(throws: ShishiError.self) { try manifest(seats: 1, candidates: duplicate).validate() }.code == "candidates.duplicateID")
        let empty = [Candidate(id: "1", title: "a"), Candidate(id: "2", title: "  "), Candidate(id: "3", title: "c")]
        #expect(try #require(throws: ShishiError.self) { try manifest(seats: 1, candidates: empty).validate() }.code == "candidates.emptyTitle")
        let bad = [Candidate(id: "1,2", title: "a"), Candidate(id: "2", title: "b")]
        #expect(try #require(throws: ShishiError.self) { try manifest(seats: 1, candidates: bad).validate() }.code == "candidates.badID")
        #expect(try #require(throws: ShishiError.self) { try manifest(title: "").validate() }.code == "manifest.emptyTitle")
    }

    @Test func aSecretManifestNeedsTheBlindKey() throws {
        var secret = manifest()
        secret.secrecy = .secret
        #expect(try #require(throws: ShishiError.self) { try secret.validate() }.code == "manifest.noBlindKey")
    }

    @Test func fractionsUseExactArithmetic() throws {
        let twoThirds = try Fraction(parsing: "2/3")
        #expect(twoThirds.isExceeded(by: 219, of: 327))
        #expect(!twoThirds.isExceeded(by: 218, of: 327))
        #expect(!twoThirds.isExceeded(by: 200, of: 300))  // exactly 2/3 is not more than 2/3
        #expect(throws: ShishiError.self) { try Fraction(parsing: "3/2") }
        #expect(throws: ShishiError.self) { try Fraction(parsing: "two thirds") }
    }
}

@Suite struct CSVLastLineTests {
    @Test func anEmptyLastFieldWithoutAFinalNewlineIsKept() throws {
        let table = try CSVTable(text: "id,title,note\n1,a,\n2,b,", source: "c.csv", columns: [.init("id"), .init("title"), .init("note", required: false)])
        #expect(table.rows.count == 2 && table.rows[1]["note"] == "")
    }
}
