import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import Testing

// The example of docs/library.md, compiled and run: the text between the markers is the doc's
// code block, character for character (the test below checks it).

// example:begin
/// A whole vote through the library calls a second front end (a web server) makes.
func runExampleVote(in folder: URL) throws -> Publication.Outcome {
    // The officials' keys. In real use each is made once, on its holder's machine
    // (`shishi key new`), and read from a key file.
    let secretariat = try PrivateKey(generating: .ed25519)
    let registrarKey = try PrivateKey(generating: .ed25519)
    let blindKey = try BlindPrivateKey(bits: 3072)
    let scrutineer = try PrivateKey(generating: .ed25519)

    // 1. Define the vote: 4 candidates for 2 seats, a roster of 5 deputies.
    let roster = "id,name\nD1,王伟\nD2,李娜\nD3,张敏\nD4,刘洋\nD5,陈静\n"
    var definition = VoteDefinition(
        voteId: "example", title: "2027 年民生实事项目票决", seats: 2,
        candidates: (1...4).map { Candidate(id: "\($0)", title: "项目\($0)") },
        rosterCSV: Data(roster.utf8), registrar: registrarKey.publicKey, blind: blindKey.publicKey
    )
    definition.officials = [Official(role: .scrutineer, name: "监票人", key: scrutineer.publicKey)]
    let vote = try definition.create(at: folder, secretariat: secretariat, now: Date())

    // 2. Sign-in: each deputy present receives one anonymous credential (the registrar logs
    //    only that the deputy received one). 3. Each deputy casts; the tracker is the receipt.
    let registrar = try Registrar(vote: vote, signingKey: registrarKey, blindKey: blindKey)
    let desk = SignInDesk(registrar: registrar)
    let caster = BallotCaster(vote: vote)
    for (deputy, yes) in [("D1", ["1", "2"]), ("D2", ["1", "2"]), ("D3", ["1", "3"]), ("D4", ["2"]), ("D5", ["1"])] {
        guard case .credential(let credential) = try desk.signIn(deputy) else { continue }
        let receipt = try caster.cast(BallotMarking(yes: yes, no: [], manifest: vote.manifest), credential: credential)
        print("deputy \(deputy) cast a ballot; tracker \(receipt.tracker)")
    }
    try registrar.seal()

    // 4. Count and publish (result.json, the announcement, the notice, the report); a
    //    scrutineer countersigns; anyone can verify from the files alone.
    let published = try Publication(vote: vote).publish(previous: nil, language: .en, now: Date())
    try ResultFile(vote: vote).sign(with: scrutineer)
    let verification = try Verification.run(VoteFolder(url: folder).open(), previous: nil)
    print(verification.passed ? "verified" : "verification failed")
    return published
}
// example:end

@Suite struct LibraryExampleTests {
    @Test func theDocumentedExampleRunsAndVerifies() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-library-\(UUID().uuidString)")
        let published = try runExampleVote(in: folder)
        #expect(published.result.outcome == .counted)
        #expect(published.result.allocation?.adopted == ["1", "2"])
        #expect(published.result.figures.valid == 5)
        #expect(try Verification.run(VoteFolder(url: folder).open(), previous: nil).passed)
    }

    @Test func theDocumentationShowsExactlyThisCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let doc = try String(contentsOf: root.appendingPathComponent("docs/library.md"), encoding: .utf8)
        let example = try #require(source.components(separatedBy: "// example:begin\n").last?.components(separatedBy: "// example:end").first)
        #expect(doc.contains("```swift\n" + example + "```"), "docs/library.md's example must be the code of LibraryExampleTests.swift")
    }
}
