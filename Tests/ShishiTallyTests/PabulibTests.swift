import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import ShishiTestSupport
import Testing

@Suite struct PabulibTests {
    static let file = #"""
        META
        key;value
        description;Small test district
        country;Poland
        num_projects;4
        num_votes;7
        vote_type;approval
        max_length;2
        PROJECTS
        project_id;cost;votes;name
        1;300;4;"Park ""Zielony"""
        2;500;3;"Bike lane; north"
        3;200;2;Library
        4;400;1;Playground
        VOTES
        voter_id;vote;age
        10;1,2;31
        11;1,3;45
        12;2,3;22
        13;1;60
        14;1,2;38
        15;4;29
        16;;50
        """#

    func write(_ text: String) throws -> URL {
        let dir = Fixture.temporaryFolder()
        let url = dir.appendingPathComponent("district.pb")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func parsingKeepsQuotedFieldsAndLineNumbers() throws {
        let pb = try PabulibFile(text: Self.file, source: "district.pb")
        #expect(pb.meta("max_length") == "2" && pb.meta("country") == "Poland")
        #expect(pb.projects.map(\.name) == ["Park \"Zielony\"", "Bike lane; north", "Library", "Playground"])
        #expect(pb.votes.count == 7 && pb.votes[0].approved == ["1", "2"] && pb.votes[6].approved.isEmpty)
        #expect(pb.votes[0].line == 17)
        #expect(try PabulibFile(text: pb.text(), source: "again.pb").projects == pb.projects)
    }

    @Test func importCountExportAndImportAgain() throws {
        let url = try write(Self.file)
        let base = url.deletingLastPathComponent()
        let vote = try Pabulib.importFile(
            url, into: base.appendingPathComponent("v"), privateKeys: base.appendingPathComponent("keys"), seats: nil, now: Fixture.now)
        #expect(vote.manifest.seats == 2 && vote.manifest.style == .approval && vote.manifest.rules.majorityBase == .none)
        let run = try Tally(vote: vote).run(now: Fixture.now)
        #expect(run.result.checks.allSatisfy { $0.passed })
        #expect(run.result.figures.valid == 7 && run.result.figures.blank == 1)
        #expect(run.result.candidates.map(\.yes) == [4, 3, 2, 1])
        #expect(run.result.allocation?.adopted == ["1", "2"])
        // Round trip: the exported file counts the same.
        let exported = try Pabulib.export(vote)
        #expect(exported.votes.map(\.approved) == [["1", "2"], ["1", "3"], ["2", "3"], ["1"], ["1", "2"], ["4"], []])
        let again = try write(exported.text())
        let second = try Pabulib.importFile(
            again, into: again.deletingLastPathComponent().appendingPathComponent("v"),
            privateKeys: again.deletingLastPathComponent().appendingPathComponent("keys"), seats: nil, now: Fixture.now)
        let recount = try Tally(vote: second).run(now: Fixture.now)
        #expect(recount.result.candidates.map(\.yes) == run.result.candidates.map(\.yes))
        #expect(recount.result.allocation?.adopted == run.result.allocation?.adopted)
    }

    @Test func theExportListsTheBallotsTheCountCounts() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let registrar = try made.registrar()
        let caster = BallotCaster(vote: made.vote)
        var envelopes: [SignedEnvelope] = []
        for index in 1...6 {
            let credential = try made.credential(for: "D\(index)", registrar: registrar)
            envelopes.append(try caster.seal(BallotMarking(yes: ["\(index % 5 + 1)"], no: [], manifest: made.vote.manifest), credential: credential))
        }
        try registrar.seal()
        let box = BallotBox(vote: made.vote)
        for envelope in envelopes.prefix(2) { try box.put(envelope) }
        try box.appendToBundle(Array(envelopes.dropFirst(2)) + [envelopes[5]])  // the last credential used twice
        let run = try Tally(vote: made.vote).run(now: Fixture.now)
        #expect(run.result.figures.valid == 5 && run.result.figures.setAside == 2)
        let exported = try Pabulib.export(made.vote)
        #expect(exported.votes.count == 5)
        #expect(Set(exported.votes.map(\.voter)) == Set(envelopes.prefix(5).map { String($0.tracker(.sha256).hex.prefix(16)) }))
        for (index, candidate) in made.vote.manifest.candidates.enumerated() {
            #expect(exported.votes.filter { $0.approved.contains(candidate.id) }.count == run.result.candidates[index].yes)
        }
    }

    @Test func tiesAcrossTheLastPlaceAreReported() throws {
        let tied = Self.file.replacingOccurrences(of: "15;4;29", with: "15;3;29")
        let url = try write(tied)
        let base = url.deletingLastPathComponent()
        let vote = try Pabulib.importFile(
            url, into: base.appendingPathComponent("v"), privateKeys: base.appendingPathComponent("keys"), seats: nil, now: Fixture.now)
        let allocation = try #require(try Tally(vote: vote).run(now: Fixture.now).result.allocation)
        #expect(allocation.adopted == ["1"] && allocation.runOff == ["2", "3"] && allocation.next == .runOff)
    }

    @Test func badFilesAreRefusedWithTheLine() throws {
        let unknown = try #require(throws: ShishiError.self) {
            try PabulibFile(text: Self.file.replacingOccurrences(of: "13;1;60", with: "13;9;60"), source: "d.pb")
        }
        #expect(unknown.code == "pabulib.unknownProject" && unknown.message.en.contains("line 20"))
        let missing = try #require(throws: ShishiError.self) { try PabulibFile(text: "META\nkey;value\n", source: "d.pb") }
        #expect(missing.code == "pabulib.missingSection")
        let noK = try write(Self.file.replacingOccurrences(of: "max_length;2\n", with: ""))
        let error = try #require(throws: ShishiError.self) {
            try Pabulib.importFile(
                noK, into: noK.deletingLastPathComponent().appendingPathComponent("v"),
                privateKeys: noK.deletingLastPathComponent().appendingPathComponent("k"), seats: nil, now: Fixture.now)
        }
        #expect(error.code == "pabulib.noMaxLength")
    }
}
