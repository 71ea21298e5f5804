import Foundation
import Testing

/// The tally engine from the command line: tally, verify, result sign, receipt, round next.
@Suite(.serialized) struct TallyCommandTests {
    /// A simulated vote of 30 deputies (25 present, 5 on paper, 1 over-marked, 1 blank), 6 candidates, 4 seats.
    func simulated(_ extra: [String] = []) throws -> URL {
        let dir = CLI.temporaryFolder()
        let sim = try CLI.run(
            [
                "simulate", "v", "--deputies", "30", "--present", "25", "--candidates", "6", "--seats", "4",
                "--paper", "5", "--over-marked", "1", "--blank", "1", "--seed", "4",
            ] + extra, in: dir)
        #expect(sim.status == 0, "\(sim.stderr)")
        return dir
    }

    @Test func publishWritesTheBoardOnceAndAgainOnlyWhatChanged() throws {
        let dir = try simulated()
        #expect(try CLI.run(["tally", "v"], in: dir).status == 0)
        let first = try CLI.run(["publish", "--vote", "v", "--out", "site"], in: dir)
        #expect(first.status == 0 && first.stdout.contains("已发布到") && first.stdout.contains("0 个未变"), "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/board/receipts/0.json").path))
        let again = try CLI.run(["publish", "--vote", "v", "--out", "site", "--lang", "en"], in: dir)
        #expect(again.status == 0 && again.stdout.contains("Published to") && again.stdout.contains(": 0 files written"), "\(again.stdout)")
        // Wrong input: one line that says what was wrong, and nothing written.
        let missing = try CLI.run(["publish", "--vote", "nowhere", "--out", "other"], in: dir)
        #expect(missing.status == 1 && missing.stderr.split(separator: "\n").count == 1 && missing.stderr.contains("nowhere"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("other").path))
        let zone = try CLI.run(["publish", "--vote", "v", "--out", "site", "--time-zone", "Mars/Olympus", "--lang", "en"], in: dir)
        #expect(zone.status == 64 && zone.stderr.contains("is not a time zone"))
        let nothing = try CLI.run(["publish", "--out", "site"], in: dir)
        #expect(nothing.status == 64 && nothing.stderr.contains("--workspace") && nothing.stderr.contains("--vote"))
        let noAddress = try CLI.run(["publish", "--workspace", "w.sqlite", "--out", "site", "--lang", "en"], in: dir)
        #expect(noAddress.status == 64 && noAddress.stderr.contains("needs --public-url"))
        let loopback = try CLI.run(["publish", "--workspace", "w.sqlite", "--public-url", "http://localhost:8080", "--out", "year"], in: dir)
        #expect(loopback.status == 1 && loopback.stderr.contains("--public-url") && loopback.stderr.split(separator: "\n").count == 1, "\(loopback.stderr)")
    }

    @Test func theArchiveForThePublicFollowsTheManifestAndVerifyGivesTheCopyItsOwnVerdict() throws {
        let dir = try simulated()
        #expect(try CLI.run(["vote", "show", "v", "--lang", "en"], in: dir).stdout.contains("Publication: the count is public"))
        #expect(try CLI.run(["tally", "v"], in: dir).status == 0)
        // Before any countersignature, the copy says so; refused over an existing file, which is kept.
        let copy = try CLI.run(["result", "archive", "v", "--out", "public.tar.gz", "--lang", "en"], in: dir)
        #expect(copy.status == 0 && copy.stdout.contains("Wrote the public copy"), "\(copy.stderr)")
        let again = try CLI.run(["result", "archive", "v", "--out", "public.tar.gz", "--lang", "en"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        let listing = try CLI.run(["result", "archive", "v", "--out", "full.tar.gz", "--full"], in: dir)
        #expect(listing.status == 0 && listing.stdout.contains("不得公开"))
        for (archive, folder) in [("public.tar.gz", "p"), ("full.tar.gz", "f")] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            tar.arguments = ["tar", "-xzf", archive, "-C", folder]
            tar.currentDirectoryURL = dir
            try tar.run()
            tar.waitUntilExit()
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("p/v/box").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("p/v/paper").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("f/v/paper/box-1.json").path))
        let partial = try CLI.run(["verify", "p/v", "--lang", "en"], in: dir)
        #expect(partial.status == 4, "\(partial.stdout)")
        #expect(partial.stdout.contains("This is a public copy") && partial.stdout.contains("10. [—] ballot signatures"))
        #expect(partial.stdout.contains("result.json has no scrutineer's signature yet"))
        #expect(partial.stdout.contains("Verdict: this is a public copy without the ballots' marks"))
        let json = try CLI.run(["verify", "p/v", "--json"], in: dir)
        #expect(json.status == 4 && json.stdout.contains(#""verdict" : "partial""#) && json.stdout.contains("needsFullFolder"))
        // Counting or countersigning a copy is refused in words; the full folder recounts as ever.
        let sign = try CLI.run(["result", "sign", "p/v", "--key", "v.private-keys/scrutineer-1.key", "--lang", "en"], in: dir)
        #expect(sign.status == 1 && sign.stderr.contains("public copy without the ballots' marks"))
        #expect(try CLI.run(["tally", "p/v"], in: dir).status == 1)
        #expect(try CLI.run(["verify", "f/v"], in: dir).status == 3)
        // A vote that publishes its ballots hands the public the whole folder.
        let open = try simulated(["--publish", "ballots"])
        #expect(try CLI.run(["tally", "v"], in: open).status == 0)
        let whole = try CLI.run(["result", "archive", "v", "--out", "v.tar.gz", "--lang", "en"], in: open)
        #expect(whole.status == 0 && whole.stdout.contains("Wrote the whole folder") && !whole.stdout.contains("never to be published"))
    }

    @Test func tallySignVerifyAndReceipt() throws {
        let dir = try simulated()
        let tally = try CLI.run(["tally", "v"], in: dir)
        #expect(tally.status == 0, "\(tally.stderr)")
        #expect(tally.stdout.contains("计票结果宣布稿") && tally.stdout.contains("17. [通过]"))
        for name in ["result.json", "counted-trackers.txt", "announcement.txt", "notice.txt", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("v/\(name)").path), "\(name)")
        }
        let html = try String(contentsOf: dir.appendingPathComponent("v/report.html"), encoding: .utf8)
        // Self-contained: an inline chart, no scripts, nothing fetched (the SVG namespace is only a name).
        #expect(html.contains("<svg") && !html.contains("<script"))
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        let notice = try String(contentsOf: dir.appendingPathComponent("v/notice.txt"), encoding: .utf8)
        #expect(notice.contains("公　告") && notice.contains("（第 1 号）"))
        // Unsigned: verify fails on check 18 only, with a verdict and an exit status of its own.
        let unsigned = try CLI.run(["verify", "v", "--lang", "en"], in: dir)
        #expect(unsigned.status == 3 && unsigned.stdout.contains("18. [FAIL]") && unsigned.stdout.contains("no scrutineer's signature"))
        #expect(unsigned.stdout.contains("Verdict: the published result matches the recount, but no scrutineer has countersigned it yet"))
        let pending = try JSONSerialization.jsonObject(with: Data(try CLI.run(["verify", "v", "--json"], in: dir).stdout.utf8)) as! [String: Any]
        #expect(pending["verdict"] as? String == "pending-signature")
        #expect(try CLI.run(["result", "sign", "v", "--key", "v.private-keys/scrutineer-1.key"], in: dir).status == 0)
        let counter = try CLI.run(["result", "sign", "v", "--key", "v.private-keys/counter-1.key"], in: dir)
        #expect(counter.status == 1 && counter.stderr.contains("监票人"))
        let verified = try CLI.run(["verify", "v", "--json"], in: dir)
        #expect(verified.status == 0, "\(verified.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as! [String: Any]
        #expect(report["passed"] as? Bool == true && (report["checks"] as? [Any])?.count == 18 && report["verdict"] as? String == "verified")
        // English texts on a second run; the record itself is not rewritten.
        let before = try Data(contentsOf: dir.appendingPathComponent("v/result.json"))
        let english = try CLI.run(["tally", "v", "--lang", "en"], in: dir)
        #expect(english.status == 0 && english.stdout.contains("announcement of the count"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("v/result.json")) == before)
        // A receipt for a counted ballot, and for nothing.
        let ballot = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("v/box").path).first!
        let receipt = try CLI.run(["receipt", "v", String(ballot.prefix(16)), "--lang", "en"], in: dir)
        #expect(receipt.status == 0 && receipt.stdout.contains("Counted") && receipt.stdout.contains(": valid"))
        #expect(receipt.stdout.contains("A tracker proves only that your ballot was counted, not how you voted"))
        let absent = try CLI.run(["receipt", "v", "0000000000000000"], in: dir)
        #expect(absent.status == 1 && absent.stdout.contains("没有找到"))
        // A ballot removed after the count: verify fails, and tally refuses to rewrite.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("v/box/\(ballot)"))
        let removed = try CLI.run(["verify", "v", "--lang", "en"], in: dir)
        // Check 18 names each field that differs, in words: the valid ballots, one fewer.
        #expect(removed.status == 2 && removed.stdout.contains("“figures.valid” differs: published"))
        #expect(!removed.stdout.contains("Figures(") && !removed.stdout.contains("ShishiTally."))
        #expect(removed.stdout.contains("Verdict: the published result does not match the folder"))
        let again = try CLI.run(["tally", "v"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("shishi verify"))
    }

    /// docs/tally.md §5: a signed or hashed file that no longer checks is a change (exit 2), whether
    /// it stops the folder from opening (the roster, the manifest) or from being read (the result);
    /// a folder with nothing to verify yet is exit 1.
    @Test func aChangedSignedFileIsAChangeNotAnUnreadableFolder() throws {
        let dir = try simulated()
        #expect(try CLI.run(["tally", "v"], in: dir).status == 0)
        let roster = dir.appendingPathComponent("v/roster.csv")
        let kept = try Data(contentsOf: roster)
        try (String(decoding: kept, as: UTF8.self) + "D999,新代表,,\n").write(to: roster, atomically: true, encoding: .utf8)
        let edited = try CLI.run(["verify", "v", "--lang", "en"], in: dir)
        #expect(edited.status == 2 && edited.stdout.contains("18. [FAIL]") && edited.stdout.contains("roster.csv does not match the hash"), "\(edited)")
        let json = try JSONSerialization.jsonObject(with: Data(try CLI.run(["verify", "v", "--json"], in: dir).stdout.utf8)) as! [String: Any]
        #expect(json["verdict"] as? String == "changed")
        try kept.write(to: roster)
        let result = dir.appendingPathComponent("v/result.json")
        try Data("{\"payload\":\"e30\"}".utf8).write(to: result)
        let unreadable = try CLI.run(["verify", "v", "--lang", "en"], in: dir)
        #expect(unreadable.status == 2 && unreadable.stdout.contains("result.json"), "\(unreadable)")
        try FileManager.default.removeItem(at: result)
        let uncounted = try CLI.run(["verify", "v", "--lang", "en"], in: dir)
        #expect(uncounted.status == 1 && uncounted.stderr.contains("run shishi tally first"))
    }

    @Test func anUncountableFolderExitsOneWithTheReason() throws {
        let dir = CLI.temporaryFolder()
        let missing = try CLI.run(["tally", "nowhere", "--lang", "en"], in: dir)
        #expect(missing.status == 1 && missing.stderr.contains("not a vote folder"))
        let sim = try simulated()
        try FileManager.default.removeItem(at: sim.appendingPathComponent("v/paper/box-1.json"))
        let incomplete = try CLI.run(["tally", "v", "--lang", "en"], in: sim)
        #expect(incomplete.status == 1 && incomplete.stderr.contains("check 15") && incomplete.stderr.contains("enter every box"))
    }

    @Test func aRoundWithoutQuorumExitsThree() throws {
        let dir = CLI.temporaryFolder()
        let sim = try CLI.run(["simulate", "v", "--deputies", "30", "--present", "20", "--candidates", "6", "--seats", "4"], in: dir)
        #expect(sim.status == 0)
        let tally = try CLI.run(["tally", "v"], in: dir)
        #expect(tally.status == 3 && tally.stdout.contains("不能进行表决"))
    }

    @Test func aShortfallLeadsToASecondRound() throws {
        // Seed 4 (base: all 30 deputies, 16 yes needed): only projects 5 and 3 pass; 2 seats remain.
        let dir = try simulated()
        let tally = try CLI.run(["tally", "v", "--json"], in: dir)
        #expect(tally.status == 0)
        let result = try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as! [String: Any]
        let allocation = try #require(result["allocation"] as? [String: Any])
        #expect(allocation["next"] as? String == "second-round" && allocation["openSeats"] as? Int == 2)
        #expect(allocation["adopted"] as? [String] == ["5", "3"])
        #expect(try CLI.run(["key", "new", "--suite", "rsa-blind", "--out", "blind2"], in: dir).status == 0)
        let reused = try CLI.run(
            [
                "round", "next", "v", "--out", "v3", "--key", "v.private-keys/secretariat.key", "--registrar", "v/keys/registrar.pub", "--blind-key",
                "v/keys/registrar-blind.pub",
            ], in: dir)
        #expect(reused.status == 1 && reused.stderr.contains("新的登记员盲签名密钥"))
        let round = try CLI.run(
            [
                "round", "next", "v", "--out", "v2", "--key", "v.private-keys/secretariat.key", "--registrar", "v/keys/registrar.pub", "--blind-key",
                "blind2.pub", "--lang", "en",
            ], in: dir)
        #expect(round.status == 0, "\(round.stderr)")
        #expect(round.stdout.contains("Round 2 written") && round.stdout.contains("4 candidate projects for 2 seats"))
        let show = try CLI.run(["vote", "show", "v2", "--json"], in: dir)
        let manifest = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any]
        #expect((manifest["candidates"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["1", "2", "4", "6"])
        #expect(manifest["round"] as? Int == 2 && manifest["previousRound"] as? String == result["vote"] as? String)
    }

    @Test func aDecidedVoteNeedsNoNextRound() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["simulate", "v", "--deputies", "30", "--present", "25", "--candidates", "6", "--seats", "4", "--seed", "1"], in: dir).status == 0)
        #expect(try CLI.run(["tally", "v"], in: dir).status == 0)
        let round = try CLI.run(
            [
                "round", "next", "v", "--out", "v2", "--key", "v.private-keys/secretariat.key", "--registrar", "v/keys/registrar.pub", "--blind-key",
                "v/keys/registrar-blind.pub",
            ], in: dir)
        #expect(round.status == 1 && round.stderr.contains("不需要下一轮"))
    }
}

@Suite struct BenchCommandTests {
    @Test func benchReportsEveryFigure() throws {
        let dir = CLI.temporaryFolder()
        let bench = try CLI.run(["bench", "--ballots", "300", "--dir", dir.appendingPathComponent("b").path, "--json"], in: dir)
        #expect(bench.status == 0, "\(bench.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(bench.stdout.utf8)) as! [String: Any]
        for key in [
            "ed25519VerifiesPerSecond", "signatureBoundBallotsPerSecond", "sessionTallySeconds", "tallyBallotsPerSecond", "ratioToSignatureBound",
            "tallyPeakMB",
        ] {
            #expect((report[key] as? Double ?? (report[key] as? Int).map(Double.init) ?? 0) > 0, "\(key)")
        }
        #expect(report["ballots"] as? Int == 300)
    }

    @Test func theHallBenchLoadsKillsAndCountsEveryAcknowledgedBallot() throws {
        let dir = CLI.temporaryFolder()
        let bench = try CLI.run(
            [
                "bench", "hall", "--booths", "30", "--latency-booths", "10", "--latency-rounds", "1", "--restarts", "2", "--fault-ballots", "40",
                "--sample-seconds", "0.05", "--dir", dir.appendingPathComponent("h").path, "--json",
            ], in: dir)
        #expect(bench.status == 0, "\(bench.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(bench.stdout.utf8)) as! [String: Any]
        for key in [
            "rsaSignaturesPerSecond", "signInsPerSecond", "ballotVerificationsPerSecond", "castsPerSecond", "castP99Milliseconds", "emptyRequestsPerSecond",
            "serverPeakMB", "castCPURatioBound", "castWallRatioBound",
        ] {
            #expect((report[key] as? Double ?? (report[key] as? Int).map(Double.init) ?? 0) > 0, "\(key)")
        }
        // The wall-time bound: an empty request and the signature checks one after the other, E / (E + S).
        let number = { (key: String) in report[key] as? Double ?? (report[key] as? Int).map(Double.init) ?? 0 }
        let (empty, verify) = (number("emptyRequestsPerSecond"), number("ballotVerificationsPerSecond"))
        #expect(abs(number("castWallRatioBound") - empty / (empty + verify)) < 0.002)
        // Three casting rounds, the median one reported.
        let rounds = try #require(report["castRoundsPerSecond"] as? [Any]).compactMap { $0 as? Double ?? ($0 as? Int).map(Double.init) }
        #expect(rounds.count == 3 && number("castsPerSecond") == rounds.sorted()[1], "\(rounds)")
        // Three casting rounds of 30, a latency round of 10, and 40 cast across two kills and restarts: all acknowledged, all counted.
        #expect(report["deputies"] as? Int == 140)
        #expect(report["acknowledged"] as? Int == 140 && report["counted"] as? Int == 140)
        #expect(report["lost"] as? Int == 0 && report["unacknowledgedCounted"] as? Int == 0 && report["rejected"] as? Int == 0)
    }
}
