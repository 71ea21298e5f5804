import Foundation
import ShishiBallot
import ShishiCore
import ShishiServer
import ShishiTally
import ShishiTestSupport
import Testing

/// The board published as plain files (`shishi publish`): the receipts the server's API gives,
/// one file a prefix; only what changed rewritten; what an earlier publication wrote and this one
/// does not, removed, and nothing else.
@Suite struct StaticSiteTests {
    /// A counted vote of 5 deputies, 4 of whom cast.
    func counted() throws -> Fixture.Made {
        let made = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        let registrar = try made.registrar()
        for (deputy, yes) in [("D1", ["1", "2"]), ("D2", ["3"]), ("D3", ["1"]), ("D4", [])] { try made.cast(deputy, yes: yes, registrar: registrar) }
        try registrar.seal()
        _ = try Publication(vote: made.vote).publish(previous: nil, language: .zh, now: Fixture.now)
        return made
    }

    @Test func theReceiptsAreTheAPIsOneFileAPrefixAndOnlyWhatChangedIsRewritten() async throws {
        let made = try counted()
        let site = Fixture.temporaryFolder()
        let first = try await StaticSite.publishBoard(vote: made.folder, to: site)
        // 4 ballots: one digit; every prefix has its file, an empty list where no tracker begins so.
        let board = Board(vote: made.vote, stateFolder: Fixture.temporaryFolder())
        struct Receipts: Decodable { var receipts: [Receipt] }
        var listed = 0
        for digit in "0123456789abcdef" {
            let data = try Data(contentsOf: site.appendingPathComponent("board/receipts/\(digit).json"))
            let published = try JSONDecoder().decode(Receipts.self, from: data).receipts
            let served = try board.receipts(withPrefix: String(digit))
            #expect(published.map(\.tracker) == served.map(\.tracker) && published.map(\.proof) == served.map(\.proof))
            #expect(published.allSatisfy { $0.proofValid == true })
            listed += published.count
        }
        #expect(listed == 4)
        for path in ["index.html", "board/index.html", "en/board/index.html", "board/archive.tar.gz", "board/counted-trackers.txt", "static/board.js"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "\(path)")
        }
        let english = try String(contentsOf: site.appendingPathComponent("en/board/index.html"), encoding: .utf8)
        #expect(english.contains("lang=\"en\"") && english.contains("href=\"/board/\"") && english.contains("data-receipts=\"/board/receipts/\""))
        #expect(english.contains("data-prefix-length=\"1\""))

        // Again, unchanged: nothing written.
        let again = try await StaticSite.publishBoard(vote: made.folder, to: site)
        #expect(again.written == 0 && again.unchanged == first.written && again.removed == 0)

        // A countersignature changes the pages (who signed) and the archive (its result.json),
        // nothing else of the board;
        // a file the last publication wrote and this one does not goes; the site's other files stay.
        _ = try ResultFile(vote: made.vote).countersign(with: made.officials.scrutineer, previous: nil)
        let stale = site.appendingPathComponent("board/receipts/00.json")
        try Data("[]".utf8).write(to: stale)
        let list = site.appendingPathComponent(StaticSite.listName)
        try (String(contentsOf: list, encoding: .utf8) + "board/receipts/00.json\n").write(to: list, atomically: true, encoding: .utf8)
        let own = site.appendingPathComponent("robots.txt")
        try Data("User-agent: *\n".utf8).write(to: own)
        let signed = try await StaticSite.publishBoard(vote: made.folder, to: site)
        #expect(signed.written == 3 && signed.removed == 1, "\(signed)")
        #expect(!FileManager.default.fileExists(atPath: stale.path) && FileManager.default.fileExists(atPath: own.path))
        #expect(try String(contentsOf: site.appendingPathComponent("board/index.html"), encoding: .utf8).contains("监票人乙"))
    }

    @Test func aBoardBeforeTheCountHasItsPagesAndNoReceipts() async throws {
        let made = try Fixture.vote(deputies: 5, candidates: 4, seats: 2)
        let site = Fixture.temporaryFolder()
        let summary = try await StaticSite.publishBoard(vote: made.folder, to: site)
        #expect(summary.written > 2)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("board/receipts").path))
        #expect(try String(contentsOf: site.appendingPathComponent("board/index.html"), encoding: .utf8).contains("尚未计票") == true)
    }

    @Test func thePrefixKeepsADozenBallotsOrMoreBehindIt() {
        #expect(Receipt.prefixLength(counted: 0) == 1 && Receipt.prefixLength(counted: 3071) == 1)
        #expect(Receipt.prefixLength(counted: 3072) == 2 && Receipt.prefixLength(counted: 49151) == 2)
        #expect(Receipt.prefixLength(counted: 1_000_000) == 4)
        for counted in [3072, 49152, 786_432, 1_000_000] {
            let length = Receipt.prefixLength(counted: counted)
            #expect(Double(counted) / pow(16, Double(length)) >= 12)
        }
    }
}
