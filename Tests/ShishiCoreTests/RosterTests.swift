import Foundation
import Testing

@testable import ShishiCore

/// The compact roster: read in blocks of lines or whole, the same deputies and the same messages.
@Suite struct RosterTests {
    private static func keyText(_ seed: UInt8) throws -> String {
        try PrivateKey(ed25519Seed: Data(repeating: seed, count: 32)).publicKey.description
    }

    private static func csv() throws -> String {
        var text = "\u{FEFF}编号,姓名,代表团,公钥\n"
        for index in 1...11 {
            let group = index % 3 == 0 ? "" : index % 2 == 0 ? "东城区代表团" : " 西城区代表团 "
            let key = index % 4 == 0 ? "" : try keyText(UInt8(index))
            text += "D\(String(format: "%03d", index)),代表\(index)号,\(group),\(key)\n"
            if index == 5 { text += "\n , , , \n" }  // blank lines are skipped, and still counted
        }
        return String(text.dropLast())  // no line feed after the last row
    }

    @Test func theCSVTextReadsBackAsTheSameRoster() throws {
        let key = try PrivateKey(generating: .ed25519).publicKey
        let deputies = [
            Deputy(id: "D1", name: "王明", group: "第一代表团"), Deputy(id: "D2", name: "Smith, John", group: nil, publicKey: key),
            Deputy(id: "D3", name: #"Anna "Ania" Nowak"#, group: ""), Deputy(id: "D4", name: "plain", group: "g,1"),
        ]
        let roster = try Roster(deputies: deputies)
        let text = roster.csvText()
        #expect(text.hasPrefix("id,name,group,public_key\nD1,王明,第一代表团,\nD2,\"Smith, John\",,\(key)\n"))
        let again = try Roster(csv: Data(text.utf8), source: "roster.csv")
        #expect(Array(again.deputies).map(\.id) == ["D1", "D2", "D3", "D4"])
        #expect(Array(again.deputies).map(\.name) == deputies.map(\.name) && again.deputies[1].publicKey == key)
        #expect(Array(again.deputies).map { $0.group ?? "" } == ["第一代表团", "", "", "g,1"])
    }

    @Test func readingInBlocksGivesTheSameDeputiesAsReadingWhole() throws {
        let data = Data(try Self.csv().utf8)
        let whole = try Roster(csv: data, source: "roster.csv", linesPerBlock: 1_000)
        #expect(whole.count == 11)
        for size in [1, 2, 3, 5, 7] {
            let blocks = try Roster(csv: data, source: "roster.csv", linesPerBlock: size)
            #expect(Array(blocks.deputies) == Array(whole.deputies), "blocks of \(size) lines")
        }
        let third = try #require(whole["D003"])
        let thirdKey = try Self.keyText(3)
        #expect(third.name == "代表3号" && third.group == nil && third.publicKey?.description == thirdKey)
        #expect(whole["D004"]?.publicKey == nil)
        #expect(whole["D005"]?.group == "西城区代表团")
        #expect(whole["D999"] == nil && whole.position(of: "D010") == 9)
    }

    @Test func aProblemInALaterBlockIsReportedWithItsFileLine() throws {
        let lines = try Self.csv().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func message(_ edit: (inout [String]) -> Void, block: Int) throws -> String {
            var edited = lines
            edit(&edited)
            let error = try #require(throws: ShishiError.self) {
                try Roster(csv: Data(edited.joined(separator: "\n").utf8), source: "roster.csv", linesPerBlock: block)
            }
            return error.message.en
        }
        // Line 12 (the ninth deputy, after the two blank lines) repeats line 3.
        let repeated: (inout [String]) -> Void = { $0[11] = $0[11].replacingOccurrences(of: "D009", with: "D002") }
        #expect(try message(repeated, block: 2) == "roster.csv line 12, column “id”: “D002” repeats line 3.")
        let repeatedWhole = try message(repeated, block: 1_000)
        #expect(try message(repeated, block: 2) == repeatedWhole)
        let badKey: (inout [String]) -> Void = { $0[12] = $0[12].replacingOccurrences(of: "ed25519:", with: "ed25519:!") }
        #expect(try message(badKey, block: 3).hasPrefix("roster.csv line 13, column “public_key”:"))
        let badKeyWhole = try message(badKey, block: 1_000)
        #expect(try message(badKey, block: 3) == badKeyWhole)
        let extraField: (inout [String]) -> Void = { $0[9] += ",more" }
        #expect(try message(extraField, block: 4) == "roster.csv line 10: 5 fields where the header has 4 columns. Check for a missing or extra comma.")
        let badID: (inout [String]) -> Void = { $0[12] = "D 11" + $0[12].dropFirst(4) }
        let badIDWhole = try message(badID, block: 1_000)
        #expect(try message(badID, block: 5) == badIDWhole)
    }

    @Test func plainRowsReadOnTheirBytesGiveWhatTheTableGivesRefusalsIncluded() throws {
        // The rosters shishi writes for a large electorate: ASCII, no keys; one row with a key and
        // one blank line send their blocks to the table reader.
        var lines = ["id,name,group,public_key"]
        for number in 1...60 { lines.append("V\(number),Voter \(number),\(number % 3 == 0 ? "G\(number % 2)" : ""),") }
        lines[20] = "V20,Voter 20,,\(try Self.keyText(20))"
        lines.insert("", at: 45)
        func read(_ lines: [String], block: Int?) throws -> Roster {
            let text = lines.joined(separator: "\n") + "\n"
            guard let block else { return try Roster(table: CSVTable(text: text, source: "roster.csv", columns: Roster.csvColumns)) }
            return try Roster(csv: Data(text.utf8), source: "roster.csv", linesPerBlock: block)
        }
        let table = try read(lines, block: nil)
        #expect(table.count == 60)
        for size in [1, 4, 7, 1_000] {
            let blocks = try read(lines, block: size)
            #expect(Array(blocks.deputies) == Array(table.deputies), "blocks of \(size) lines")
            #expect(blocks.position(of: "V33") == 32 && blocks["V33"]?.group == "G1" && blocks["V20"]?.publicKey != nil && blocks["V61"] == nil)
        }
        // Every refusal in the words and with the lines the table reader gives.
        let edits: [(String, (inout [String]) -> Void)] = [
            ("repeated across blocks", { $0[50] = "V3,Another,," }), ("repeated within a block", { $0[4] = "V3,Again,," }),
            ("bad id", { $0[30] = "V 30,Voter,," }), ("no name", { $0[31] = "V31,,," }), ("a missing comma", { $0[32] = "V32,Voter,G1" }),
            ("a space around a name", { $0[33] = "V33, Voter 33 ,," }), ("an id too long", { $0[34] = String(repeating: "x", count: 33) + ",N,," }),
        ]
        for (what, edit) in edits {
            var edited = lines
            edit(&edited)
            let expected: String
            do {
                expected = try read(edited, block: nil).deputies.map(\.name).joined(separator: "|")
            } catch let error as ShishiError {
                expected = error.message.en
            }
            for size in [3, 8] {
                let got: String
                do {
                    got = try read(edited, block: size).deputies.map(\.name).joined(separator: "|")
                } catch let error as ShishiError {
                    got = error.message.en
                }
                #expect(got == expected, "\(what), blocks of \(size)")
            }
        }
    }

    @Test func aPlainRosterReadInPiecesOnAllCoresGivesWhatTheTableGives() throws {
        var lines = ["id,name,group,public_key"]
        for number in 1...60 { lines.append("V\(number),Voter \(number),\(number % 3 == 0 ? "G\(number % 2)" : ""),") }
        func text(_ lines: [String]) -> Data { Data((lines.joined(separator: "\n") + "\n").utf8) }
        func outcome(_ read: () throws -> Roster?) -> String {
            do {
                guard let roster = try read() else { return "not plain" }
                return roster.deputies.map { "\($0.id) \($0.name) \($0.group ?? "-")" }.joined(separator: "|")
            } catch let error as ShishiError {
                return error.message.en
            } catch {
                return "\(error)"
            }
        }
        let table = outcome {
            try Roster(table: CSVTable(text: String(decoding: text(lines), as: UTF8.self), source: "roster.csv", columns: Roster.csvColumns))
        }
        #expect(table.hasPrefix("V1 Voter 1 -|V2 Voter 2 -|V3 Voter 3 G1|"))
        for pieces in [1, 2, 3, 7] {
            #expect(outcome { try Roster.plainStorage(text(lines), source: "roster.csv", pieces: pieces).map(Roster.init(storage:)) } == table)
        }
        // A refusal a piece's own rows make (a repeated id across pieces, within one) is the
        // table's, line and all; a row that is not plain sends the whole file back to the reader
        // that words every other refusal.
        let refused: [(String, (inout [String]) -> Void)] = [
            ("repeated across pieces", { $0[55] = "V3,Another,," }), ("repeated within a piece", { $0[4] = "V3,Again,," }),
        ]
        for (what, edit) in refused {
            var edited = lines
            edit(&edited)
            let expected = outcome {
                try Roster(table: CSVTable(text: String(decoding: text(edited), as: UTF8.self), source: "roster.csv", columns: Roster.csvColumns))
            }
            #expect(expected.contains("repeats line 4"), "\(what)")
            for pieces in [1, 2, 5] {
                #expect(
                    outcome { try Roster.plainStorage(text(edited), source: "roster.csv", pieces: pieces).map(Roster.init(storage:)) } == expected,
                    "\(what), \(pieces) pieces")
            }
            #expect(outcome { try Roster(csv: text(edited), source: "roster.csv") } == expected, "\(what)")
        }
        let notPlain: [(String, (inout [String]) -> Void)] = [
            ("a key", { $0[20] = "V20,Voter 20,,\(try! Self.keyText(20))" }), ("a blank line", { $0.insert("", at: 45) }),
            ("a bad id", { $0[30] = "V 30,Voter,," }), ("no name", { $0[31] = "V31,,," }), ("a quote", { $0[32] = "V32,\"Voter\",," }),
            ("another header", { $0[0] = "id,name" }),
        ]
        for (what, edit) in notPlain {
            var edited = lines
            edit(&edited)
            #expect(outcome { try Roster.plainStorage(text(edited), source: "roster.csv", pieces: 3).map(Roster.init(storage:)) } == "not plain", "\(what)")
        }
    }

    @Test func anElectoratesCSVIsWhatTheRosterWouldWriteAndReadsBackToIt() throws {
        let ids = (1...40).map { "v\($0)" }
        let names = ids.enumerated().map { index, id in
            switch index % 5 {
            case 0: id
            case 1: "选民 \(index)"
            case 2: "Smith, John \(index)"
            case 3: #"the "\#(index)""#
            default: "x\(index)"
            }
        }
        let data = Roster.csvData(ids: ids, names: names)
        let built = try Roster(deputies: zip(ids, names).map { Deputy(id: $0, name: $1) })
        #expect(String(decoding: data, as: UTF8.self) == built.csvText())
        let read = try Roster(csv: data, source: "roster.csv")
        #expect(Array(read.deputies) == Array(built.deputies))
    }

    @Test func aQuotedRosterIsReadWhole() throws {
        let text = "id,name,group\nD1,\"Wang, Wei\",\"East\nDistrict\"\nD2,Li,\n"
        let roster = try Roster(csv: Data(text.utf8), source: "roster.csv", linesPerBlock: 1)
        #expect(roster.deputies.map(\.name) == ["Wang, Wei", "Li"])
        #expect(roster["D1"]?.group == "East\nDistrict")
    }

    @Test func lookUpsByIdBytesAndKeyBytes() throws {
        let key = try PrivateKey(ed25519Seed: Data(repeating: 9, count: 32)).publicKey
        let roster = try Roster(
            deputies: (0..<2_000).map { Deputy(id: "代表-\($0)", name: "N\($0)", group: $0 == 7 ? "" : nil, publicKey: $0 == 1_234 ? key : nil) })
        for index in [0, 1, 999, 1_234, 1_999] {
            var id = "代表-\(index)"
            #expect(id.withUTF8 { roster.position(ofUTF8: UnsafeRawBufferPointer($0)) } == index)
        }
        #expect(roster.position(of: "代表-2000") == nil && roster.position(of: "") == nil)
        #expect(roster.deputies[7].group == "" && roster.deputies[8].group == nil)
        #expect(roster.withPublicKeyBytes(at: 1_234) { suite, bytes in suite == .ed25519 && Data(bytes) == key.rawRepresentation } == true)
        #expect(roster.withPublicKeyBytes(at: 1_233) { _, _ in true } == nil)
        let error = try #require(throws: ShishiError.self) { try Roster(deputies: [Deputy(id: "D1", name: "A"), Deputy(id: "D1", name: "B")]) }
        #expect(error.code == "roster.duplicateID")
    }

    @Test(arguments: [HashAlgorithm.sha256, .sm3])
    func readingAFileHashesWhatItParses(_ algorithm: HashAlgorithm) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = Data(try Self.csv().utf8)
        let quoted = Data("id,name,group\nD1,\"Wang, Wei\",East\r\nD2,Li,\n".utf8)
        let broken = Data("id,name\nD1,A\nD1,B\n".utf8)
        for (name, data) in [("plain", plain), ("quoted", quoted), ("broken", broken), ("empty", Data())] {
            let url = folder.appendingPathComponent("\(name).csv")
            try data.write(to: url)
            let (roster, hash) = try Roster.read(contentsOf: url, source: "roster.csv", hash: algorithm)
            #expect(hash == algorithm.digest(data), "\(name)")
            switch (roster, Result { try Roster(csv: data, source: "roster.csv") }) {
            case (.success(let read), .success(let parsed)):
                #expect(Array(read.deputies) == Array(parsed.deputies), "\(name)")
            case (.failure(let read), .failure(let parsed as ShishiError)):
                #expect(read == parsed, "\(name)")
            default:
                Issue.record("\(name): reading the file and parsing its bytes disagree")
            }
        }
        #expect(throws: ShishiError.self) { try Roster.read(contentsOf: folder.appendingPathComponent("missing.csv"), source: "roster.csv", hash: .sha256) }
    }
}
