import Foundation
import Testing

/// Commands run at the same moment from many processes on one vote folder or workspace: the
/// races of a hall where every deputy signs in and votes at once.
@Suite(.serialized) struct ConcurrentCommandTests {
    /// Starts every command at once and waits for all; each one's output goes to its own files.
    func runTogether(_ commands: [[String]], in directory: URL) throws -> [CLI.Result] {
        let outputs = CLI.temporaryFolder()
        var processes: [(Process, URL, URL)] = []
        for (index, arguments) in commands.enumerated() {
            let out = outputs.appendingPathComponent("\(index).out")
            let err = outputs.appendingPathComponent("\(index).err")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            FileManager.default.createFile(atPath: err.path, contents: nil)
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            process.standardInput = FileHandle.nullDevice
            processes.append((process, out, err))
        }
        for (process, _, _) in processes { try process.run() }
        return try processes.map { process, out, err in
            process.waitUntilExit()
            return CLI.Result(
                status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8)
            )
        }
    }

    /// A secret vote of 60 deputies, 6 candidates, 3 seats, one counter and two scrutineers.
    func setUp() throws -> URL {
        let dir = CLI.temporaryFolder()
        for (name, kind) in [
            ("secretariat", "ed25519"), ("registrar", "ed25519"), ("counter", "ed25519"), ("s1", "ed25519"), ("s2", "ed25519"), ("blind", "rsa-blind"),
        ] {
            #expect(try CLI.run(["key", "new", "--suite", kind, "--out", name, "--name", name], in: dir).status == 0)
        }
        try CLI.write("id,title\n" + (1...6).map { "\($0),项目\($0)" }.joined(separator: "\n") + "\n", to: "candidates.csv", in: dir)
        try CLI.write("id,name\n" + (1...60).map { "D\($0),代表\($0)" }.joined(separator: "\n") + "\n", to: "roster.csv", in: dir)
        let defined = try CLI.run(
            [
                "vote", "init", "vote", "--title", "并发测试", "--seats", "3", "--candidates", "candidates.csv", "--roster", "roster.csv",
                "--key", "secretariat.key", "--registrar", "registrar.pub", "--blind-key", "blind.pub",
                "--counter", "counter.pub", "--scrutineer", "s1.pub", "--scrutineer", "s2.pub",
            ], in: dir)
        #expect(defined.status == 0, "\(defined.stderr)")
        return dir
    }

    /// Signs `deputies` in at once, each with a credential file `D<n>.cred`; every one must succeed.
    func signInTogether(_ deputies: ClosedRange<Int>, in dir: URL) throws {
        let signins = try runTogether(
            deputies.map { ["signin", "vote", "--deputy", "D\($0)", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "D\($0).cred"] },
            in: dir)
        #expect(signins.allSatisfy { $0.status == 0 }, "\(signins.map(\.stderr).filter { !$0.isEmpty })")
    }

    @Test func aHallSigningInAndVotingAtOnce() throws {
        let dir = try setUp()
        // 50 sign-ins of different deputies at once: one well-formed log.
        try signInTogether(1...50, in: dir)
        // A deputy signed in twice at once by two desks gets one credential.
        let twice = try runTogether(
            (1...6).map { ["signin", "vote", "--deputy", "D51", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "D51-\($0).cred"] },
            in: dir)
        #expect(twice.filter { $0.status == 0 }.count == 1)
        #expect(twice.filter { $0.status == 1 && $0.stderr.contains("已经领取过") }.count == 5)
        // 20 casts of one credential at once (a double-click, twenty times over): exactly one lands.
        // Twenty different ballots (the same one sent again would get its receipt, not a refusal).
        let pairs = (1...6).flatMap { yes in (1...6).filter { $0 != yes }.map { (yes, $0) } }.prefix(20)
        let sameCredential = try runTogether(
            pairs.map { ["ballot", "cast", "vote", "--credential", "D1.cred", "--yes", "\($0.0)", "--no", "\($0.1)"] }, in: dir)
        #expect(sameCredential.filter { $0.status == 0 }.count == 1)
        #expect(sameCredential.filter { $0.status == 1 && $0.stderr.contains("已经投过票") }.count == 19)
        // The other 49 deputies, and the one who signed in twice, cast at once: all land.
        let credential51 = try #require((1...6).map { "D51-\($0).cred" }.first { FileManager.default.fileExists(atPath: dir.appendingPathComponent($0).path) })
        let others = try runTogether(
            (2...50).map { ["ballot", "cast", "vote", "--credential", "D\($0).cred", "--yes", "1,\($0 % 5 + 2)"] }
                + [["ballot", "cast", "vote", "--credential", credential51, "--yes", "1"]], in: dir)
        #expect(others.allSatisfy { $0.status == 0 }, "\(others.map(\.stderr).filter { !$0.isEmpty })")
        let sealed = try CLI.run(["issuance", "seal", "vote", "--key", "registrar.key", "--lang", "en"], in: dir)
        #expect(sealed.status == 0 && sealed.stdout.contains("51 present (51 electronic, 0 paper)"), "\(sealed.stderr)")
        let tally = try CLI.run(["tally", "vote", "--json"], in: dir)
        #expect(tally.status == 0, "\(tally.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as! [String: Any]
        let figures = result["figures"] as! [String: Any]
        #expect(figures["valid"] as? Int == 51 && figures["returned"] as? Int == 51)
        // Two scrutineers countersign at the same moment: both signatures are kept.
        let signs = try runTogether([["result", "sign", "vote", "--key", "s1.key"], ["result", "sign", "vote", "--key", "s2.key"]], in: dir)
        #expect(signs.allSatisfy { $0.status == 0 })
        let verify = try CLI.run(["verify", "vote", "--lang", "en"], in: dir)
        #expect(verify.status == 0 && verify.stdout.contains("s1") && verify.stdout.contains("s2"), "\(verify.stdout)")
    }

    /// A hall server and the command line cast into one box at the same moment: the server writes
    /// batch files, the command line one file a ballot, and each sees the other's ballots under
    /// the folder's lock, so a credential is used once whichever process comes first.
    @Test func aHallServerAndTheCommandLineCastTheSameCredentialsAtOnce() throws {
        let dir = try setUp()
        // 42 of the 60 present (more than two thirds); 20 of them vote.
        try signInTogether(1...42, in: dir)
        // Each deputy's ballot for the booth's page is made in a copy of the folder (the booth signs
        // it on the deputy's device), then sent to the server; the command line casts another
        // ballot with the same credential into the real folder.
        let shishi = CLI.binary.path
        let script = Self.boothsScript(
            ballots: 20,
            race: """
                cli() { \(shishi) ballot cast vote --credential D$1.cred --yes 2 > cli$1.out 2> cli$1.err; echo $? > cli$1.code; }
                # 1-10: the server and the command line at the same moment.
                # (`wait` names the casts: a bare `wait` would wait for the server too.)
                JOBS=""; for n in $(seq 10); do web $n & JOBS="$JOBS $!"; cli $n & JOBS="$JOBS $!"; done; wait $JOBS
                # 11-15: the server first (together: one batch file when they coincide), then the command line.
                JOBS=""; for n in $(seq 11 15); do web $n & JOBS="$JOBS $!"; done; wait $JOBS
                for n in $(seq 11 15); do cli $n; done
                # 16-20: the command line first, then the server.
                for n in $(seq 16 20); do cli $n; done
                JOBS=""; for n in $(seq 16 20); do web $n & JOBS="$JOBS $!"; done; wait $JOBS
                for n in $(seq 20); do echo "$n $(cat web$n.code) $(cat cli$n.code)"; done
                """)
        let race = try CLI.runShell(script, in: dir)
        let outcomes = race.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(outcomes.count == 20, "\(race.stdout)")
        for outcome in outcomes where outcome.count == 3 {
            let (deputy, web, cli) = (Int(outcome[0])!, outcome[1], outcome[2])
            // Exactly one of the two casts of a credential landed: 201 from the server or exit 0.
            #expect((web == "201") != (cli == "0"), "D\(deputy): server \(web), command line \(cli)")
            if deputy > 10 { #expect(deputy <= 15 ? web == "201" && cli == "1" : cli == "0" && web == "409", "D\(deputy)") }
        }
        for deputy in 11...15 {
            let refusal = try String(contentsOf: dir.appendingPathComponent("cli\(deputy).err"), encoding: .utf8)
            #expect(refusal.contains("已经投过票"), "D\(deputy): \(refusal)")
        }
        #expect(try CLI.run(["issuance", "seal", "vote", "--key", "registrar.key"], in: dir).status == 0)
        let tally = try CLI.run(["tally", "vote", "--json"], in: dir)
        #expect(tally.status == 0, "\(tally.stderr)")
        let figures = try #require((try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as? [String: Any])?["figures"] as? [String: Any])
        #expect(figures["valid"] as? Int == 20 && figures["rejected"] as? Int == 0, "\(figures)")
    }

    /// A shell script for a race of booths against the command line: ballots 1…`ballots` are made
    /// for the booths in copies of the folder (as a booth makes it on the deputy's device), a hall
    /// server is started on a free port (`$SITE`, `web N` posts ballot N, its status in `webN.code`),
    /// `race` runs, and the server is stopped.
    static func boothsScript(ballots: Int, race: String) -> String {
        let shishi = CLI.binary.path
        return """
            set -u
            PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
            SITE=http://127.0.0.1:$PORT
            for n in $(seq \(ballots)); do
              cp -r vote copy$n && \(shishi) ballot cast copy$n --credential D$n.cred --yes 1 > /dev/null && cp copy$n/box/*.json web$n.json
            done
            \(shishi) serve --vote vote --registrar-key registrar.key --blind-key blind.key --port $PORT > serve.log 2>&1 & PID=$!
            curl -s --retry 40 --retry-connrefused --retry-delay 1 -o /dev/null $SITE/api/vote
            web() { curl -s -H 'Content-Type: application/json' --data-binary @web$1.json -o web$1.out -w '%{http_code}' $SITE/api/cast > web$1.code; }
            \(race)
            kill $PID; for i in $(seq 60); do kill -0 $PID 2>/dev/null || break; sleep 0.5; done; kill -9 $PID 2>/dev/null
            """
    }

    /// The phases under a race (docs/web.md, Phases): booths cast through the hall server while
    /// the command line closes the box. Each ballot either landed before the close (201, and is
    /// counted) or is refused as after it; none lands unseen, and the count verifies.
    @Test func boothsCastWhileTheCommandLineClosesTheBox() throws {
        let dir = try setUp()
        try signInTogether(1...42, in: dir)
        #expect(try CLI.run(["issuance", "seal", "vote", "--key", "registrar.key"], in: dir).status == 0)
        let shishi = CLI.binary.path
        let script = Self.boothsScript(
            ballots: 30,
            race: """
                JOBS=""; for n in $(seq 30); do web $n & JOBS="$JOBS $!"; [ $n = 12 ] && { \(shishi) box close vote --key secretariat.key > close.out 2>&1; echo $? > close.code; } & JOBS="$JOBS $!"; done; wait $JOBS
                # A booth whose answer was lost sends the same ballot again: once landed, the same tracker.
                curl -s -H 'Content-Type: application/json' --data-binary @web1.json -o again.out -w '%{http_code}' $SITE/api/cast > again.code
                echo "close $(cat close.code)"; for n in $(seq 30); do echo "$n $(cat web$n.code)"; done
                """)
        let race = try CLI.runShell(script, in: dir)
        let lines = race.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.first == ["close", "0"], "\(race.stdout)")
        let codes = lines.dropFirst().compactMap { $0.count == 2 ? $0[1] : nil }
        #expect(codes.count == 30 && codes.allSatisfy { $0 == "201" || $0 == "409" }, "\(codes)")
        for (index, code) in codes.enumerated() where code != "201" {
            let answer = try String(contentsOf: dir.appendingPathComponent("web\(index + 1).out"), encoding: .utf8)
            #expect(answer.contains("封箱"), "\(index + 1): \(answer)")
        }
        let landed = codes.filter { $0 == "201" }.count
        // The count sees exactly the ballots that were answered 201, and verifies (pending countersignature).
        let tally = try CLI.run(["tally", "vote", "--json"], in: dir)
        #expect(tally.status == 0, "\(tally.stderr)")
        let figures = try #require((try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as? [String: Any])?["figures"] as? [String: Any])
        #expect(figures["valid"] as? Int == landed && figures["setAside"] as? Int == 0 && figures["rejected"] as? Int == 0, "\(figures)")
        #expect(try CLI.run(["verify", "vote"], in: dir).status == 3)
        // Once counted, the command line's cast is refused in the phase's words, and sign-in too.
        let late = try CLI.run(["ballot", "cast", "vote", "--credential", "D40.cred", "--yes", "2", "--lang", "en"], in: dir)
        #expect(late.status == 1 && (late.stderr.contains("counted") || late.stderr.contains("closed")), "\(late.stderr)")
        let signin = try CLI.run(
            ["signin", "vote", "--deputy", "D50", "--registrar-key", "registrar.key", "--blind-key", "blind.key", "--out", "D50.cred", "--lang", "en"], in: dir)
        #expect(signin.status == 1 && signin.stderr.contains("counted"), "\(signin.stderr)")
        if codes[0] == "201" {
            #expect(try String(contentsOf: dir.appendingPathComponent("again.code"), encoding: .utf8) == "201")
        }
    }

    @Test func twoScrutineersCountersignAPaperBoxAtOnce() throws {
        for round in 0..<3 {
            let dir = try setUp()
            for deputy in 1...3 {
                #expect(try CLI.run(["signin", "vote", "--deputy", "D\(deputy)", "--registrar-key", "registrar.key", "--paper"], in: dir).status == 0)
            }
            try CLI.write("serial,1,2,3,4,5,6\nP1,Y,Y,,,,\nP2,,Y,N,,,\nP3,,,,,,\n", to: "box-1.csv", in: dir)
            #expect(
                try CLI.run(
                    ["paper", "enter", "vote", "--box", "1", "--file", "box-1.csv", "--issued", "3", "--taken-out", "3", "--key", "counter.key"], in: dir
                ).status == 0)
            let signs = try runTogether(
                [["paper", "countersign", "vote", "--box", "1", "--key", "s1.key"], ["paper", "countersign", "vote", "--box", "1", "--key", "s2.key"]], in: dir)
            #expect(signs.allSatisfy { $0.status == 0 }, "round \(round)")
            let shown = try CLI.run(["ballot", "show", "vote/paper/box-1.json", "--lang", "en"], in: dir)
            #expect(shown.stdout.contains("countersigned by s1, s2") || shown.stdout.contains("countersigned by s2, s1"), "round \(round): \(shown.stdout)")
        }
    }

    @Test func workspaceWritersAtOnceKeepTheAuditChain() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        #expect(try CLI.run(["projects", "adopt", "--result", WorkspaceCommandTests.example, "--workspace", "ws.sqlite"], in: dir).status == 0)
        let writers = try runTogether(
            (1...20).map { index in
                index % 2 == 0
                    ? [
                        "milestone", "add", "--project", String(index % 10 + 1), "--title", "节点\(index)", "--due", "2027-0\(index % 9 + 1)-15", "--workspace",
                        "ws.sqlite",
                    ]
                    : [
                        "progress", "add", "--project", String(index % 10 + 1), "--date", "2027-03-\(10 + index)", "--percent", String(index), "--workspace",
                        "ws.sqlite",
                    ]
            }, in: dir)
        #expect(writers.allSatisfy { $0.status == 0 }, "\(writers.map(\.stderr).filter { !$0.isEmpty })")
        let log = try CLI.run(["log", "verify", "--workspace", "ws.sqlite", "--lang", "en"], in: dir)
        #expect(log.status == 0 && log.stdout.contains("21 entries"), "\(log.stdout)")
    }

    @Test func twoOfficesOpeningTheSameCallAtOnceOpenItOnce() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        let opens = try runTogether(
            (1...4).map { _ in ["collect", "open", "--year", "2028", "--until", "2027-11-30", "--workspace", "ws.sqlite", "--lang", "en"] }, in: dir)
        #expect(opens.filter { $0.status == 0 }.count == 1, "\(opens.map(\.stderr))")
        #expect(
            opens.filter { $0.status != 0 }.allSatisfy { $0.stderr == "error: The call for 2028 is already open: there is one call a year.\n" },
            "\(opens.map(\.stderr))")
        #expect(try CLI.run(["log", "verify", "--workspace", "ws.sqlite"], in: dir).status == 0)
    }

    /// Two offices mark the same milestone done, and two correct the same report, at once: one
    /// of each is taken, the other refused in words, and the audit chain holds.
    @Test func theSameMilestoneDoneAndTheSameReportCorrectedAtOnce() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        #expect(try CLI.run(["projects", "adopt", "--result", WorkspaceCommandTests.example, "--workspace", "ws.sqlite"], in: dir).status == 0)
        #expect(try CLI.run(["milestone", "add", "--project", "1", "--title", "开工", "--due", "2027-03-31", "--workspace", "ws.sqlite"], in: dir).status == 0)
        let report = ["progress", "add", "--project", "1", "--date", "2027-03-15", "--percent", "20", "--workspace", "ws.sqlite"]
        #expect(try CLI.run(report, in: dir).status == 0)
        let marks = try runTogether(
            (1...4).map { index in
                ["milestone", "done", "1", "--date", "2027-03-2\(index)", "--note", "第 \(index) 份记录", "--workspace", "ws.sqlite", "--lang", "en"]
            }, in: dir)
        #expect(marks.filter { $0.status == 0 }.count == 1, "\(marks.map(\.stderr))")
        #expect(marks.filter { $0.status != 0 }.allSatisfy { $0.stderr.contains("was marked done on 2027-03-2") }, "\(marks.map(\.stderr))")
        let corrections = try runTogether(
            (1...4).map { index in
                [
                    "progress", "correct", "--project", "1", "--date", "2027-03-15", "--percent", String(20 + index), "--reason", "填报有误 \(index)",
                    "--workspace", "ws.sqlite", "--lang", "en",
                ]
            }, in: dir)
        // Each correction is a new version over the one before: all four are kept, in order, none lost.
        #expect(corrections.allSatisfy { $0.status == 0 }, "\(corrections.map(\.stderr))")
        let log = try CLI.run(["log", "verify", "--workspace", "ws.sqlite", "--lang", "en"], in: dir)
        #expect(log.status == 0, "\(log.stdout)")
        let exported = try CLI.run(["progress", "export", "--workspace", "ws.sqlite"], in: dir)
        #expect(exported.status == 0 && (21...24).contains { exported.stdout.contains(",\($0),") }, "\(exported.stdout)")
    }
}
