import Foundation
import Testing

@testable import ShishiCore

/// The defects a hostile try found in shishi's readers, each kept refused.
@Suite struct HostileInputTests {
    func envelopeFile() throws -> (SignedEnvelope, String) {
        let key = try PrivateKey(generating: .ed25519)
        var envelope = SignedEnvelope(payloadType: "shishi/ballot/v1", payload: Data(#"{"a":1}"#.utf8))
        try envelope.sign(with: key)
        return (envelope, String(decoding: try envelope.fileData(), as: UTF8.self))
    }

    func read(_ text: String) throws -> SignedEnvelope {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-hostile-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return try SignedEnvelope.read(from: url)
    }

    @Test func aKeyRepeatedInAnEnvelopeIsRefused() throws {
        let (envelope, text) = try envelopeFile()
        #expect(try read(text) == envelope)
        // The right type first, then another: Foundation keeps the first, another reader the last.
        let doubled = text.replacingOccurrences(
            of: #""payloadType" : "shishi/ballot/v1","#, with: #""payloadType" : "shishi/ballot/v1", "payloadType" : "shishi/manifest/v1","#)
        #expect(doubled != text)
        let error = try #require(throws: ShishiError.self) { try read(doubled) }
        #expect(error.code == "json.duplicateKey" && error.message.en.contains("payloadType"))
        // Written with an escape, the same key is still the same key.
        let escaped = text.replacingOccurrences(
            of: #""payloadType" : "shishi/ballot/v1","#, with: #""payloadType" : "shishi/ballot/v1", "payload\u0054ype" : "x","#)
        #expect(throws: ShishiError.self) { try read(escaped) }
        // Inside a signature object too.
        let inner = text.replacingOccurrences(of: #""suite" : "ed25519""#, with: #""suite" : "ed25519", "suite" : "sm2""#)
        #expect((try? read(inner)) == nil)
        // The same key in two different objects is fine.
        typealias Nest = [String: [[String: Int]]]
        let fine = try StrictJSON.decode(Nest.self, from: Data(#"{ "a": [{"k": 1}, {"k": 2}], "b": [{"k": 1, "j": 2}] }"#.utf8), source: "n.json")
        #expect(fine["a"]?.count == 2)
        let nested = try #require(throws: ShishiError.self) {
            try StrictJSON.decode(Nest.self, from: Data(#"{ "a": [{"k": 1}, {"k": 2, "k": 3}] }"#.utf8), source: "n.json")
        }
        #expect(nested.code == "json.duplicateKey" && nested.message.en.contains("“a.k”"))
    }

    @Test func base64WithStrayBitsIsRefused() throws {
        #expect(Data(canonicalBase64: "YQ==") == Data("a".utf8))
        #expect(Data(canonicalBase64: "YR==") == nil)
        #expect(Data(canonicalBase64: "YWI=") == Data("ab".utf8))
        #expect(Data(canonicalBase64: "YWJ=") == nil)
        #expect(Data(canonicalBase64: "YQ") == nil)
        #expect(Data(canonicalBase64: "Y Q==") == nil)
        let (envelope, text) = try envelopeFile()
        // The payload {"a":1} is "eyJhIjoxfQ==": Q (16) ends in four zero bits; R (17) does not.
        #expect(envelope.payload.base64EncodedString() == "eyJhIjoxfQ==")
        let payload = text.replacingOccurrences(of: "eyJhIjoxfQ==", with: "eyJhIjoxfR==")
        #expect(Data(base64Encoded: "eyJhIjoxfR==") == envelope.payload, "the lenient decoder reads the same bytes")
        let error = try #require(throws: ShishiError.self) { try read(payload) }
        #expect(error.message.en.contains("canonical base64"))
        // The last symbol of an Ed25519 signature (64 bytes: two padding) carries four unused bits.
        let sig = envelope.signatures[0].sig.base64EncodedString()
        let last = sig.index(sig.endIndex, offsetBy: -3)
        let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let value = symbols.firstIndex(of: sig[last])!
        let stray = sig.replacingCharacters(in: last...last, with: String(symbols[value | 1]))
        #expect(Data(base64Encoded: stray) == envelope.signatures[0].sig)
        #expect(throws: ShishiError.self) { try read(text.replacingOccurrences(of: sig, with: stray)) }
        // And in a public key's text.
        let key = try PrivateKey(generating: .ed25519).publicKey
        #expect(try PublicKey(parsing: key.description) == key)
        let keyText = key.description
        let keyLast = keyText.index(keyText.endIndex, offsetBy: -2)
        let keyValue = symbols.firstIndex(of: keyText[keyLast])!
        #expect(throws: ShishiError.self) { try PublicKey(parsing: keyText.replacingCharacters(in: keyLast...keyLast, with: String(symbols[keyValue | 1]))) }
    }

    @Test func jsonThatIsNotUTF8IsRefused() throws {
        let (_, text) = try envelopeFile()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-utf16-\(UUID().uuidString).json")
        try text.data(using: .utf16)!.write(to: url)
        let error = try #require(throws: ShishiError.self) { try SignedEnvelope.read(from: url) }
        #expect(error.code == "json.encoding")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: url)
        #expect(throws: ShishiError.self) { try SignedEnvelope.read(from: url) }
    }

    @Test func anUnclosedQuoteIsRefusedWithTheLineWhereItOpened() throws {
        let roster = "id,name\nD1,王伟\nD2,\"李娜\nD3,张敏\nD4,刘洋\n"
        let error = try #require(throws: ShishiError.self) { try Roster(csv: Data(roster.utf8), source: "代表.csv") }
        #expect(error.code == "csv.unclosedQuote" && error.message.zh.contains("代表.csv 第 3 行"))
        let candidates = "id,title\n1,\"a\n2,b\n3,c\n"
        let refused = try #require(throws: ShishiError.self) { try CSVTable(text: candidates, source: "c.csv", columns: Candidate.csvColumns) }
        #expect(refused.code == "csv.unclosedQuote" && refused.message.en.contains("c.csv line 2"))
        // Quotes that close, quotes doubled inside, line breaks in a quoted field: all read.
        let good = "id,name\nD1,\"王, 伟\"\nD2,\"say \"\"hi\"\"\"\nD4,\"two\nlines\"\nD5,x\n"
        let table = try CSVTable(text: good, source: "g.csv", columns: Roster.csvColumns)
        #expect(table.rows.map { $0["name"] } == ["王, 伟", "say \"hi\"", "two\nlines", "x"])
        #expect(table.rows.map(\.line) == [2, 3, 4, 6])
        // A quote inside an unquoted field is SwiftCSV's to refuse, as before.
        #expect(throws: ShishiError.self) { try CSVTable(text: "id,name\nD3,a\"b\n", source: "q.csv", columns: Roster.csvColumns) }
        // CR LF line ends, and the quote left open on the last line.
        #expect(CSVTable.unclosedQuoteLine("a,b\r\n1,2\r\n3,\"4\r\n", delimiter: ",") == 3)
        #expect(CSVTable.unclosedQuoteLine("a,b\r\n1,\"2\"\r\n", delimiter: ",") == nil)
    }

    @Test func ratingCountsCannotOverflow() {
        let huge = RatingCounts(satisfied: 1, basicallySatisfied: Int.max, unsatisfied: 1)
        #expect(huge.cast == Int.max)
        #expect(!huge.isWithinLimits)
        #expect(RatingCounts(satisfied: RatingCounts.maximum, basicallySatisfied: RatingCounts.maximum, unsatisfied: RatingCounts.maximum).isWithinLimits)
        let rule = GradingRule()
        #expect(rule.grade(RatingCounts(satisfied: Int.max, basicallySatisfied: Int.max, unsatisfied: 0), evaluators: 29) == .satisfied)
        #expect(rule.grade(RatingCounts(satisfied: 0, basicallySatisfied: Int.max, unsatisfied: 1), evaluators: Int.max) == .basicallySatisfied)
        let half = Fraction(1, 2)
        #expect(half.isExceeded(by: Int.max, of: Int.max - 1))
        #expect(!half.isExceeded(by: Int.max / 2, of: Int.max))
        #expect(half.isExceeded(by: 8, of: 15) && !half.isExceeded(by: 7, of: 14))
    }

    @Test func titlesHaveLimits() throws {
        func manifest(title: String = "票决", candidateTitle: String = "项目", count: Int = 3) throws -> VoteManifest {
            let key = try PrivateKey(generating: .ed25519)
            return VoteManifest(
                voteId: "v", title: title, session: nil, round: 1, previousRound: nil, seats: 1,
                candidates: (1...count).map { Candidate(id: "\($0)", title: candidateTitle) }, style: .yesNoAbstain, secrecy: .recorded,
                suite: .ed25519, hash: .sha256, rules: VoteRules(), roster: .init(file: "roster.csv", deputies: 3, hash: HashAlgorithm.sha256.digest(Data())),
                keys: ManifestKeys(secretariat: key.publicKey, registrar: key.publicKey, blind: nil), officials: [], createdAt: "2027-01-15T09:00:00+08:00"
            )
        }
        try manifest().validate()
        #expect(throws: ShishiError.self) { try manifest(title: "票决\u{0}附加").validate() }
        #expect(throws: ShishiError.self) { try manifest(title: String(repeating: "长", count: 1_000_000)).validate() }
        #expect(throws: ShishiError.self) { try manifest(candidateTitle: "a\nb").validate() }
        let many = try #require(throws: ShishiError.self) { try manifest(count: 110_000).validate() }
        #expect(many.code == "manifest.tooManyCandidates")
        try manifest(title: String(repeating: "长", count: VoteManifest.maximumTitleLength), count: VoteManifest.maximumCandidates).validate()
    }
}
