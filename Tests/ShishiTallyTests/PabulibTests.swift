import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

@testable import ShishiTally

/// Pabulib files as cities publish them: the corpus under `Tests/Corpus/pabulib`, one file for each
/// variant the import reads (written for these tests), imported, counted, compared with the
/// file's `selected` column and exported back.
@Suite struct PabulibTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus/pabulib")

    /// A small approval file without a budget: counted by `--seats`.
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

    func write(_ text: String, name: String = "district.pb") throws -> URL {
        let url = Fixture.temporaryFolder().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Imports `url` into a fresh folder beside it and counts it.
    /// Imports a file and counts the folder; the import's own count, made from the ballots it
    /// read, must say what the folder's count says, on every file the tests import.
    func imported(_ url: URL, seats: Int? = nil) throws -> (vote: Vote, result: TallyResult) {
        let base = Fixture.temporaryFolder()
        let imported = try Pabulib.importCounted(
            url, into: base.appendingPathComponent("v"), privateKeys: base.appendingPathComponent("keys"), seats: seats, now: Fixture.now)
        let result = try Tally(vote: imported.vote).run(now: Fixture.now).result
        #expect(imported.count.outcome == result.outcome && imported.count.candidates == result.candidates)
        #expect(imported.count.allocation == result.allocation)
        #expect(imported.comparison == (try Pabulib.comparison(result, vote: imported.vote)))
        return (imported.vote, result)
    }

    func corpus(_ name: String) -> URL { Self.corpus.appendingPathComponent(name) }

    func labels(_ ids: [String], _ vote: Vote) -> [String] { ids.map { id in vote.manifest.candidate(id)!.sourceID } }

    @Test func parsingKeepsQuotedFieldsColumnsAndLineNumbers() throws {
        let pb = try PabulibFile(text: Self.file, source: "district.pb")
        #expect(pb.meta("max_length") == "2" && pb.meta("country") == "Poland" && pb.meta("MAX_LENGTH") == "2")
        #expect(pb.projects.map(\.name) == ["Park \"Zielony\"", "Bike lane; north", "Library", "Playground"])
        #expect(pb.projectColumns == ["project_id", "cost", "votes", "name"] && pb.projects[0].fields["votes"] == "4")
        #expect(pb.votes.count == 7 && pb.votes[0].approved == ["1", "2"] && pb.votes[6].approved.isEmpty)
        #expect(pb.votes[0].line == 17)
        #expect(try PabulibFile(text: pb.text(), source: "again.pb") == pb)
    }

    @Test func plainVotesReadAsTheTableReaderReadsThem() throws {
        // Line feeds only: the votes are read on their bytes; with carriage returns the table reader
        // reads them. Both readings are the same, for approvals and for points.
        for name in ["greedy-city-ids.pb", "cumulative.pb", "scoring.pb", "tie-at-budget-edge.pb"] {
            let text = try String(contentsOf: corpus(name), encoding: .utf8)
            let plain = try PabulibFile(text: text, source: name)
            let crlf = try PabulibFile(text: text.replacingOccurrences(of: "\n", with: "\r\n"), source: name)
            #expect(plain.votes == crlf.votes && !plain.votes.isEmpty, "\(name)")
        }
        // What the plain reading would get wrong is refused as the table reader refuses it.
        let header = "META\nkey;value\nnum_projects;2\nPROJECTS\nproject_id;cost\n1;1\n2;1\nVOTES\nvoter_id;vote\n"
        for (rows, code, line) in [
            ("a;1\na;2\n", "pabulib.duplicateID", 11), ("a;1,3\n", "pabulib.unknownProject", 10), ("a;1,1\n", "pabulib.repeatedProject", 10),
        ] {
            let error = try #require(throws: ShishiError.self) { try PabulibFile(text: header + rows, source: "p.pb") }
            #expect(error.code == code && error.message.en.contains("p.pb line \(line)"), "\(rows)")
        }
        #expect(try PabulibFile(text: header + "a;1\n\nb;2,1\n", source: "p.pb").votes.map(\.line) == [10, 12])
    }

    @Test func votesWithACitysExtraColumnsReadOnTheirBytesAsTheTableReaderReadsThem() throws {
        // Wrocław's VOTES: age, sex, voting method and a district (Polish letters, spaces, commas,
        // empty cells), and columns in another order, a points column among them.
        let head = "META\nkey;value\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;1\n2;1\n3;1\nVOTES\n"
        let files = [
            "voter_id;vote;age;sex;voting_method;district\n1;2;26;M;internet;\n2;1,3;31;F;paper;Psie Pole-Zawidawie\n3;;20;M;internet;Plac Grunwaldzki , Przedmieście Oławskie ,\n",
            "age;vote;points;voter_id;district\n26;2,3;4,6;a;Gaj\n31;1;10;b;Ołbin\n40;;;c;\n",
            // A quoted district and a column named in capitals: read by the table reader, the same.
            "voter_id;Vote;district\n1;2;\"Gaj; Ołbin\"\n2;1,3;\"Stare \"\"Miasto\"\"\"\n",
        ]
        for (rows, count) in zip(files, [3, 3, 2]) {
            let text = head + rows
            let bytes = try PabulibFile(text: text, source: "w.pb")
            let table = try PabulibFile(text: text.replacingOccurrences(of: "\n", with: "\r\n"), source: "w.pb")
            #expect(bytes.votes == table.votes && bytes.votes.count == count, "\(rows)")
        }
        #expect(try PabulibFile(text: head + files[1], source: "w.pb").votes[0].points == [4, 6])
        // A row with a cell too many is refused with its line, as the table reader refuses it.
        let extra = try #require(throws: ShishiError.self) { try PabulibFile(text: head + "voter_id;vote;age\n1;2;26\n2;1;31;M\n", source: "w.pb") }
        #expect(extra.code == "csv.wrongFieldCount" && extra.message.en.contains("w.pb line 12"), "\(extra.message.en)")
    }

    @Test func aLargeVotesSectionReadOnTwoCoresReadsAsOnOne() throws {
        // 70,000 votes, over a megabyte: the plain reading takes the section in two halves.
        var text = "META\nkey;value\nnum_projects;20\nPROJECTS\nproject_id;cost\n" + (1...20).map { "\($0);1\n" }.joined() + "VOTES\nvoter_id;vote\n"
        for voter in 0..<70_000 {
            text += "voter\(voter);\(voter % 20 + 1),\((voter * 7) % 20 + 1 == voter % 20 + 1 ? 20 - voter % 20 : (voter * 7) % 20 + 1)\n"
        }
        #expect(text.utf8.count > 1 << 20)
        let plain = try PabulibFile(text: text, source: "big.pb")
        let table = try PabulibFile(text: text.replacingOccurrences(of: "\n", with: "\r\n"), source: "big.pb")
        #expect(plain.votes.count == 70_000 && plain.votes == table.votes)
        let candidates = try Pabulib.candidates(
            of: plain, ids: PabulibFile.identifiers(for: plain.projects.map(\.id), prefix: "p"), costsRequired: false, source: "big.pb")
        let compact = try #require(
            try PabulibFile.compactBallots(
                text: text, source: "big.pb", candidateIDs: candidates.map(\.id), sourceIDs: candidates.map(\.sourceID), points: false))
        #expect(compact.ballots.ballots == table.paperBallots(candidates: candidates, points: false))
        // A voter of the first half again at the end: refused with both lines, as on one core.
        let twice = try #require(throws: ShishiError.self) { try PabulibFile(text: text + "voter5;1\n", source: "big.pb") }
        #expect(twice.code == "pabulib.duplicateID" && twice.message.en.contains("line 70028") && twice.message.en.contains("line 33"))
    }

    @Test func numberedVotersAreToldApartAsTheirBytesAreOnTwoCoresAsOnOne() throws {
        // Numbered voters, every tenth with a name instead, and `07`, another voter than `7`.
        var text = "META\nkey;value\nnum_projects;5\nPROJECTS\nproject_id;cost\n" + (1...5).map { "\($0);1\n" }.joined() + "VOTES\nvoter_id;vote;district\n"
        for voter in 0..<80_000 { text += "\(voter % 10 == 0 ? "v\(voter)" : "\(voter)");\(voter % 5 + 1);Śródmieście\n" }
        text += "07;2;\n"
        #expect(text.utf8.count > 1 << 20)
        let plain = try PabulibFile(text: text, source: "n.pb")
        let table = try PabulibFile(text: text.replacingOccurrences(of: "\n", with: "\r\n"), source: "n.pb")
        #expect(plain.votes.count == 80_001 && plain.votes == table.votes && plain.votes.last?.voter == "07")
        // A number or a name of the first half again at the end: refused with both lines, as the table reader refuses it.
        for (again, first) in [("7", 20), ("v10", 23), ("79999", 80_012)] {
            let refused = try #require(throws: ShishiError.self) { try PabulibFile(text: text + "\(again);1;\n", source: "n.pb") }
            let tableRefused = try #require(throws: ShishiError.self) {
                try PabulibFile(text: (text + "\(again);1;\n").replacingOccurrences(of: "\n", with: "\r\n"), source: "n.pb")
            }
            #expect(refused.code == "pabulib.duplicateID" && refused.message.en.contains("line \(first)"), "\(refused.message.en)")
            #expect(refused.message.en == tableRefused.message.en)
        }
    }

    @Test func anUnclosedQuoteInASectionIsReportedAtItsFileLine() throws {
        let text = "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost;name\n1;5;\"A \"\"quoted\"\" name\"\n2;5;\"open\nVOTES\nvoter_id;vote\n1;1\n"
        let refused = try #require(throws: ShishiError.self) { try PabulibFile(text: text, source: "q.pb") }
        #expect(refused.code == "csv.unclosedQuote" && refused.message.en.hasPrefix("q.pb line 7:"), "\(refused.message.en)")
    }

    @Test func metaReadsWithoutItsHeaderAndWithSemicolonsInAValue() throws {
        let pb = try PabulibFile(text: "META\ndescription;A; B\nbudget;\"1 000\"\nPROJECTS\nproject_id\n1\nVOTES\nvoter_id;vote\n1;1\n", source: "m.pb")
        #expect(pb.meta.map(\.key) == ["description", "budget"] && pb.meta("description") == "A; B" && pb.meta("budget") == "1 000")
    }

    @Test func idsAreKeptAsLabelsAndTheBudgetRuleSelectsWhatTheCityFunded() throws {
        let (vote, result) = try imported(corpus("greedy-city-ids.pb"))
        let m = vote.manifest
        #expect(m.candidates.map(\.sourceID) == ["XIII.4", "12/B", "Ogród 3", "ŁÓDŹ-7", "5"])
        #expect(m.candidates.map(\.id) == ["XIII_4", "12_B", "Ogród_3", "ŁÓDŹ-7", "5"])
        #expect(m.candidates.map(\.label) == ["XIII.4", "12/B", "Ogród 3", nil, nil])
        #expect(m.budget == Amount(1000) && m.seats == 0 && m.yesLimit == 3 && m.style == .approval)
        #expect(vote.roster.deputies.map(\.name).contains("x/3") && vote.roster["x_3"]?.name == "x/3")
        let allocation = try #require(result.allocation)
        // 600 fits, 500 does not, 300 does, 150 and 200 no longer do.
        #expect(labels(allocation.adopted, vote) == ["XIII.4", "Ogród 3"])
        #expect(allocation.budgetUsed == Amount(900) && allocation.budgetLeft == Amount(100))
        #expect(allocation.status["12_B"] == .overBudget && allocation.status["5"] == .overBudget)
        let comparison = try #require(try Pabulib.comparison(result, vote: vote))
        #expect(comparison.agrees && comparison.text.en.hasPrefix("Agrees"))
        // Exported back: the file's ids, META, columns and voter ids, unchanged.
        let exported = try Pabulib.export(vote)
        let original = try PabulibFile(text: String(contentsOf: corpus("greedy-city-ids.pb"), encoding: .utf8), source: "o.pb")
        #expect(exported.projects == original.projects && exported.projectColumns == original.projectColumns)
        #expect(exported.meta.map(\.value) == original.meta.map(\.value))
        #expect(exported.votes.map(\.voter) == original.votes.map(\.voter))
        #expect(exported.votes.map(\.approved) == original.votes.map(\.approved))
    }

    @Test func aFileWhereEverythingFitsWithNoMaxLengthImports() throws {
        let (vote, result) = try imported(corpus("all-fit-no-max-length.pb"))
        #expect(vote.manifest.yesLimit == 3 && vote.manifest.budget == Amount(1000))
        #expect(Set(result.allocation?.adopted ?? []) == ["1", "2", "3"] && result.allocation?.budgetLeft == Amount(400))
        #expect(try Pabulib.comparison(result, vote: vote)?.agrees == true)
    }

    @Test func cumulativeAndScoringFilesAreCountedByPoints() throws {
        let (cumulative, counted) = try imported(corpus("cumulative.pb"))
        #expect(cumulative.manifest.style == .points && cumulative.manifest.points == PointsRule(maxTotal: 5))
        #expect(counted.candidates.map(\.points) == [6, 7, 8, 4])
        // The sixth voter gave 7 points of 5: invalid, kept for review.
        #expect(counted.figures.valid == 5 && counted.figures.invalid == 1 && counted.review.first?.serial == "6")
        #expect(counted.allocation?.adopted == ["C", "B", "D"] && counted.allocation?.status["A"] == .overBudget)
        #expect(try Pabulib.comparison(counted, vote: cumulative)?.agrees == true)
        let exported = try Pabulib.export(cumulative)
        #expect(exported.votes.count == 5 && exported.votes[0].approved == ["A", "B"] && exported.votes[0].points == [3, 2])
        #expect(exported.text().contains("voter_id;vote;points\n1;A,B;3,2\n"))

        let (scoring, scored) = try imported(corpus("scoring.pb"))
        #expect(scoring.manifest.points == PointsRule(maxPerProject: 3))
        #expect(scored.candidates.map(\.points) == [4, 5, 5])
        // 2 and 3 tie on 5 points and both fit: no run-off; 1 no longer fits.
        #expect(Set(scored.allocation?.adopted ?? []) == ["2", "3"] && scored.allocation?.next == SeatAllocation.Next.none)
        #expect(try Pabulib.comparison(scored, vote: scoring)?.agrees == true)
    }

    @Test func anOrdinalFileIsRefusedNamingItsTypeAndLeavesNothing() throws {
        let base = Fixture.temporaryFolder()
        let error = try #require(throws: ShishiError.self) {
            try Pabulib.importFile(
                corpus("ordinal.pb"), into: base.appendingPathComponent("v"), privateKeys: base.appendingPathComponent("k"), seats: nil, now: Fixture.now)
        }
        #expect(error.code == "pabulib.voteType" && error.message.en.contains("ordinal") && error.message.en.contains("approval, cumulative and scoring"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    }

    @Test func aTieAtTheBudgetEdgeIsReportedAndTheComparisonSaysSo() throws {
        let (vote, result) = try imported(corpus("tie-at-budget-edge.pb"))
        let allocation = try #require(result.allocation)
        #expect(allocation.adopted == ["A"] && allocation.runOff == ["B", "C"] && allocation.next == .runOff && allocation.budgetLeft == Amount(40))
        let comparison = try #require(try Pabulib.comparison(result, vote: vote))
        #expect(!comparison.agrees && comparison.tied == ["B", "C"] && comparison.onlyInFile == ["B"])
        #expect(Announcement.text(result, vote: vote, language: .en).contains("cannot hold them all"))
    }

    @Test func anotherRuleIsNamedWhenTheSelectionDiffers() throws {
        let (vote, result) = try imported(corpus("equal-shares.pb"))
        let comparison = try #require(try Pabulib.comparison(result, vote: vote))
        #expect(!comparison.agrees && comparison.onlyInFile == ["2", "3"] && comparison.onlyInShishi == ["1"] && comparison.rule == "equalshares")
        #expect(comparison.text.zh.contains("equalshares"))
    }

    @Test func withoutABudgetSeatsDecideAndTiesAreReported() throws {
        let (vote, result) = try imported(try write(Self.file), seats: 2)
        #expect(vote.manifest.seats == 2 && vote.manifest.yesLimit == 2 && vote.manifest.budget == nil)
        #expect(result.checks.allSatisfy { $0.passed } && result.figures.valid == 7 && result.figures.blank == 1)
        #expect(result.candidates.map(\.yes) == [4, 3, 2, 1] && result.allocation?.adopted == ["1", "2"])
        #expect(try Pabulib.comparison(result, vote: vote) == nil)
        // Round trip: the exported file counts the same.
        let again = try imported(try write(Pabulib.export(vote).text()), seats: 2)
        #expect(again.result.candidates.map(\.yes) == result.candidates.map(\.yes) && again.result.allocation?.adopted == ["1", "2"])
        let tied = try imported(try write(Self.file.replacingOccurrences(of: "15;4;29", with: "15;3;29")), seats: 2)
        #expect(tied.result.allocation?.adopted == ["1"] && tied.result.allocation?.runOff == ["2", "3"])
    }

    @Test func theImportedFileIsTheBallotsAndTheLogHoldsOneEntry() throws {
        let (vote, result) = try imported(try write(Self.file), seats: 2)
        #expect(result.figures.valid == 7)
        // Paper ballots only: no blind-signing key made or published, no credential issued.
        #expect(vote.manifest.paperOnly == true && vote.manifest.keys.blind == nil && vote.manifest.secrecy == .secret)
        let keys = vote.folder.url.deletingLastPathComponent().appendingPathComponent("keys")
        #expect(try FileManager.default.contentsOfDirectory(atPath: keys.path).sorted() == ["importer.key", "registrar.key", "secretariat.key"])
        #expect(result.checks.contains { $0.detail.en == "paper ballots only: no blind-signing key" })
        let described = VoteDescription.lines(vote, language: .en).joined(separator: "\n")
        #expect(described.contains("secret (paper ballots only, no electronic credentials)") && !described.contains("blind-signed"))
        // One log line for all seven voters; the signed batch names the kept file, not its ballots.
        let log = try String(contentsOf: vote.folder.issuanceLogURL, encoding: .utf8)
        #expect(log.split(separator: "\n").count == 1 && log.contains(#""kind":"paper-roster""#))
        #expect(try IssuanceSeal.load(for: vote).present == 7)
        let envelope = try SignedEnvelope.read(from: vote.folder.paperBatchURL(box: 1))
        let payload = try #require(PaperBatch.canonical(envelope.payload))
        #expect(payload.ballots.isEmpty && payload.ballotsFile == PabulibFile.keptName)
        let (batch, _) = try PaperEntry(vote: vote).verify(envelope, source: "box-1.json")
        #expect(batch.ballots.map(\.serial) == ["10", "11", "12", "13", "14", "15", "16"])
        #expect(batch.ballots[0].marks == ["1": .yes, "2": .yes] && batch.ballots[6].isBlank)

        // A paper-only vote issues no credential, even before its seal is looked at.
        let registrarKey = keys.appendingPathComponent("registrar.key")
        let registrar = try Registrar(vote: vote, signingKey: KeyFile.read(registrarKey).signingPrivateKey(registrarKey), blindKey: nil)
        let credential = try #require(throws: ShishiError.self) {
            try registrar.issue(CredentialRequest(vote: vote.hash, deputy: "10", blindedMessage: Data(repeating: 1, count: 384)))
        }
        #expect(credential.code == "registrar.noBlindKey" && credential.message.en.contains("paper ballots only"))

        // A batch signed by the counter that names another file, or lists ballots beside the file: refused.
        let importerKey = keys.appendingPathComponent("importer.key")
        let importer = try KeyFile.read(importerKey).signingPrivateKey(importerKey)
        for (file, listed) in [("other.pb", [PaperBallot]()), (PabulibFile.keptName, [PaperBallot(serial: "10", line: 17, marks: [:])])] {
            var forged = payload
            forged.ballotsFile = file
            forged.ballots = listed
            var signed = try SignedEnvelope(payloadType: PaperBatch.payloadType, encoding: forged)
            try signed.sign(with: importer)
            let refused = try #require(throws: ShishiError.self) { try PaperEntry(vote: vote).verify(signed, source: "box-1.json") }
            #expect(refused.code == "paper.ballotsFile" && refused.message.en.contains("is not one shishi reads"), "\(file)")
        }

        // The kept file changed by one vote, or gone: the count refuses, naming the file.
        let kept = vote.folder.url.appendingPathComponent(PabulibFile.keptName)
        try Self.file.replacingOccurrences(of: "15;4;29", with: "15;1;29").write(to: kept, atomically: true, encoding: .utf8)
        let changed = try #require(throws: ShishiError.self) { try Tally(vote: vote).run(now: Fixture.now) }
        #expect(changed.message.en.contains("pabulib.pb is not the file the counter signed"))
        try FileManager.default.removeItem(at: kept)
        let missing = try #require(throws: ShishiError.self) { try Tally(vote: vote).run(now: Fixture.now) }
        #expect(missing.message.en.contains("pabulib.pb is missing"))
    }

    @Test func theExportListsTheBallotsTheCountCounts() throws {
        let made = try Fixture.vote(deputies: 9, candidates: 5, seats: 3)
        let envelopes = try made.sealedBallots(6)
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
        // A vote without a budget is written as Pabulib readers need it: every project costs 1,
        // the budget is the seats; imported again, it counts the same.
        #expect(exported.projects.allSatisfy { $0.cost == "1" } && exported.meta.contains { $0.key == "budget" && $0.value == "3" })
        let file = Fixture.temporaryFolder().appendingPathComponent("export.pb")
        try Data(exported.text().utf8).write(to: file)
        let folder = Fixture.temporaryFolder().appendingPathComponent("again")
        let again = try Pabulib.importFile(file, into: folder, privateKeys: Fixture.temporaryFolder(), seats: nil, now: Fixture.now)
        let recount = try Tally(vote: again).run(now: Fixture.now)
        #expect(recount.result.candidates.map(\.yes) == run.result.candidates.map(\.yes))
        // (All five tie at one vote each: the seats go to a run-off, as they would in the hall.)
        #expect(recount.result.allocation?.budget?.description == "3" && recount.result.allocation?.runOff.count == 5)
    }

    @Test func badFilesAreRefusedWithTheLineOrTheProject() throws {
        let unknown = try #require(throws: ShishiError.self) {
            try PabulibFile(text: Self.file.replacingOccurrences(of: "13;1;60", with: "13;9;60"), source: "d.pb")
        }
        #expect(unknown.code == "pabulib.unknownProject" && unknown.message.en.contains("line 20"))
        let twice = try #require(throws: ShishiError.self) {
            try PabulibFile(text: Self.file.replacingOccurrences(of: "13;1;60", with: "13;1,1;60"), source: "d.pb")
        }
        #expect(twice.code == "pabulib.repeatedProject" && twice.message.en.contains("line 20"))
        let missing = try #require(throws: ShishiError.self) { try PabulibFile(text: "META\nkey;value\n", source: "d.pb") }
        #expect(missing.code == "pabulib.missingSection")
        // No budget and no --seats: nothing to decide by.
        let noBudget = try #require(throws: ShishiError.self) { try imported(try write(Self.file)) }
        #expect(noBudget.code == "pabulib.noBudget" && noBudget.message.en.contains("--seats"))
        let badCost = try #require(throws: ShishiError.self) {
            try imported(
                try write(
                    Self.file.replacingOccurrences(of: "max_length;2", with: "max_length;2\nbudget;900").replacingOccurrences(of: "3;200;", with: "3;abc;")))
        }
        #expect(badCost.code == "pabulib.badAmount" && badCost.message.en.contains("project “3”"))
        let points = try #require(throws: ShishiError.self) {
            try PabulibFile(
                text: try String(contentsOf: corpus("cumulative.pb"), encoding: .utf8).replacingOccurrences(of: "4;B;5", with: "4;B;5,1"), source: "c.pb")
        }
        #expect(points.code == "pabulib.badPoints" && points.message.en.contains("line 21"))
    }

    @Test func shishiIdsAreMadeUniqueAndValid() {
        let ids = PabulibFile.identifiers(for: ["XIII.4", "XIII_4", "", "a b", "a_b", String(repeating: "x", count: 40) + ".1"], prefix: "p")
        #expect(ids == ["XIII_4_2", "XIII_4", "p3", "a_b_2", "a_b", String(repeating: "x", count: 32)])
        #expect(ids.allSatisfy(Candidate.isValidID) && Set(ids).count == ids.count)
    }
}
