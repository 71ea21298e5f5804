import Foundation
import Testing

/// `kill -9` of the year's server in the middle of an upload: the workspace, its log and its
/// file store are as they were before the upload, and the server starts again on them.
@Suite(.serialized) struct ServeCrashTests {
    @Test func aServerKilledDuringAnUploadLeavesTheWorkspaceAndItsFilesAsBefore() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try run("workspace", "init", "ws.sqlite").status == 0)
        #expect(try run("projects", "adopt", "--result", WorkspaceCommandTests.example, "--workspace", "ws.sqlite").status == 0)
        let shishi = CLI.binary.path
        let added = try CLI.runShell(
            "echo 'correct horse battery' | \(shishi) serve user add zhujian --role department --department 市城市管理局 --workspace ws.sqlite", in: dir)
        #expect(added.status == 0)
        // What a later reader sees: the log's length and the file store's contents.
        func state() throws -> (log: String, files: [String]) {
            let verified = try run("log", "verify", "--workspace", "ws.sqlite", "--lang", "en")
            #expect(verified.status == 0, "\(verified.stderr)")
            let files = (FileManager.default.subpaths(atPath: dir.appendingPathComponent("ws.sqlite.files").path) ?? []).sorted()
            return (verified.stdout, files)
        }
        // The server, signed in as the department, then a 12 MB upload at 2 MB a second, killed after two seconds.
        let script = """
            set -u
            PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
            SITE=http://127.0.0.1:$PORT
            start() { \(shishi) serve --workspace ws.sqlite --port $PORT > serve.log 2>&1 & PID=$!; }
            signin() {
              curl -s --retry 40 --retry-connrefused --retry-delay 1 -c jar -b jar $SITE/office > login.html
              TOKEN=$(grep -o 'name="csrf" value="[^"]*"' login.html | head -1 | sed 's/.*value="//; s/"$//')
              curl -s -c jar -b jar -H "Origin: $SITE" --data-urlencode "csrf=$TOKEN" --data-urlencode name=zhujian \\
                --data-urlencode "password=correct horse battery" -o /dev/null $SITE/login
              curl -s -c jar -b jar $SITE/project/1 > project.html
              CSRF=$(grep -o 'name="csrf" value="[^"]*"' project.html | head -1 | sed 's/.*value="//; s/"$//')
            }
            upload() {
              curl -s -b jar -H "Origin: $SITE" $1 -F "csrf=$CSRF" -F date=$2 -F percent=50 -F narrative=x -F "files=@$3" \\
                -o /dev/null -w '%{http_code}' $SITE/project/1/progress
            }
            head -c 12000000 /dev/urandom > big.bin
            start; signin
            upload "--limit-rate 2M" 2027-04-05 big.bin > killed.code & CURL=$!
            sleep 2; kill -9 $PID; wait $PID 2>/dev/null; wait $CURL; echo "cut=$?"
            echo "answered=$(cat killed.code)"
            """
        let before = try state()
        let killed = try CLI.runShell(script, in: dir)
        // The upload was cut (curl saw the connection go), and nothing of it was kept.
        #expect(killed.stdout.contains("answered=000") && !killed.stdout.contains("cut=0"), "\(killed.stdout)")
        let after = try state()
        #expect(after.log == before.log && after.files == before.files)
        #expect(!before.log.isEmpty)
        // The server starts again on the same workspace, and the same upload then goes through whole.
        let again = try CLI.runShell(
            script.replacingOccurrences(
                of:
                    "upload \"--limit-rate 2M\" 2027-04-05 big.bin > killed.code & CURL=$!\nsleep 2; kill -9 $PID; wait $PID 2>/dev/null; wait $CURL; echo \"cut=$?\"\necho \"answered=$(cat killed.code)\"",
                with: """
                    echo "answered=$(upload '' 2027-04-05 big.bin)"; kill $PID
                    for i in $(seq 60); do kill -0 $PID 2>/dev/null || break; sleep 0.5; done
                    kill -0 $PID 2>/dev/null && { echo "still running 30 s after SIGTERM"; kill -9 $PID; }
                    """), in: dir)
        // It answered the upload, and stopped on SIGTERM as it should (a stop that hangs is a defect, not a wait).
        #expect(again.stdout.contains("answered=303") && !again.stdout.contains("still running"), "\(again.stdout)")
        let uploaded = try state()
        #expect(uploaded.log != before.log && uploaded.files.count == before.files.count + 3)  // sha256/, its prefix folder, the file
    }

    /// `serve --config FILE`: the options set once, from a file, with the command line winning;
    /// `/health` answers for the service manager; a bad file is refused in words, by line.
    @Test func aServerReadsItsOptionsFromAFileAndAnswersHealth() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        let shishi = CLI.binary.path
        try """
        # the year's site
        workspace = ws.sqlite
        port = 1   # overridden on the command line
        host = 127.0.0.1
        verbose = false
        """.write(to: dir.appendingPathComponent("year.conf"), atomically: true, encoding: .utf8)
        let served = try CLI.runShell(
            """
            set -u
            PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
            \(shishi) serve --config year.conf --port $PORT > serve.log 2>&1 & PID=$!
            echo "health=$(curl -s --retry 40 --retry-connrefused --retry-delay 1 http://127.0.0.1:$PORT/health)"
            echo "by-address=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: elsewhere.example' http://127.0.0.1:$PORT/health)"
            echo "page-by-address=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: elsewhere.example' http://127.0.0.1:$PORT/)"
            rm ws.sqlite
            echo "gone=$(curl -s -w ' %{http_code}' http://127.0.0.1:$PORT/health)"
            kill $PID; for i in $(seq 60); do kill -0 $PID 2>/dev/null || break; sleep 0.5; done
            """, in: dir)
        #expect(served.stdout.contains(#"health={"service":"year","status":"ok","version":"#), "\(served.stdout)")
        // On any host name (a load balancer asks by address), while pages keep their host check.
        #expect(served.stdout.contains("by-address=200") && served.stdout.contains("page-by-address=421"))
        #expect(served.stdout.contains(#""status":"failing""#) && served.stdout.contains("the workspace cannot be read") && served.stdout.contains(" 503"))
        // A line that is not name = value, and an option serve does not have.
        try "port 8080\n".write(to: dir.appendingPathComponent("bad.conf"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["serve", "--config", "bad.conf", "--lang", "en"], in: dir)
        #expect(bad.status == 64 && bad.stderr.contains("bad.conf line 1: write name = value"))
        try "workspace = ws.sqlite\ncolour = blue\n".write(to: dir.appendingPathComponent("odd.conf"), atomically: true, encoding: .utf8)
        let odd = try CLI.run(["serve", "start", "--config", "odd.conf"], in: dir)
        #expect(odd.status == 64 && odd.stderr.contains("--colour"), "\(odd.stderr)")
        let missing = try CLI.run(["serve", "--config", "nowhere.conf", "--lang", "en"], in: dir)
        #expect(missing.status == 64 && missing.stderr.contains("Cannot read the configuration file"))
        let chinese = try CLI.run(["serve", "--config", "nowhere.conf"], in: dir)
        #expect(chinese.status == 64 && chinese.stderr.contains("无法读取配置文件") && !chinese.stderr.contains("Cannot"), "\(chinese.stderr)")
    }

    /// `serve tls init` makes a hall authority and a server certificate the server takes; a client
    /// that trusts only that authority reaches the server, and a server reached by a name the
    /// certificate lacks refuses to start, saying which.
    @Test func theHallsOwnCertificateIsServedAndTrustedThroughItsAuthority() throws {
        let dir = CLI.temporaryFolder()
        #expect(try CLI.run(["workspace", "init", "ws.sqlite"], in: dir).status == 0)
        let made = try CLI.run(["serve", "tls", "init", "--name", "localhost", "--ip", "127.0.0.1", "--out", "tls", "--lang", "en"], in: dir)
        #expect(made.status == 0 && made.stdout.contains("hall-authority.pem") && made.stdout.contains("was not kept"), "\(made.stderr)")
        let again = try CLI.run(["serve", "tls", "init", "--name", "localhost", "--out", "tls", "--lang", "en"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("tls/hall-authority.pem"), "\(again.stderr)")
        #expect(try CLI.run(["serve", "tls", "init", "--name", "hall_local", "--out", "t2", "--lang", "en"], in: dir).stderr.contains("not a host name"))
        let shishi = CLI.binary.path
        let served = try CLI.runShell(
            """
            set -u
            PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
            \(shishi) serve --workspace ws.sqlite --port $PORT --tls-cert tls/hall.pem --tls-key tls/hall.key > serve.log 2>&1 & PID=$!
            echo "trusted=$(curl -s --retry 40 --retry-connrefused --retry-delay 1 --cacert tls/hall-authority.pem https://127.0.0.1:$PORT/health)"
            echo "untrusted=$(curl -s -o /dev/null -w '%{http_code}' https://127.0.0.1:$PORT/health; echo " exit $?")"
            kill $PID; for i in $(seq 60); do kill -0 $PID 2>/dev/null || break; sleep 0.5; done
            """, in: dir)
        #expect(served.stdout.contains(#"trusted={"service":"year","status":"ok""#), "\(served.stdout)")
        #expect(served.stdout.contains("untrusted=000 exit 60"), "\(served.stdout)")
        let wrong = try CLI.run(
            [
                "serve", "--workspace", "ws.sqlite", "--public-url", "https://vote.city.example/", "--tls-cert", "tls/hall.pem", "--tls-key", "tls/hall.key",
                "--lang", "en",
            ],
            in: dir)
        #expect(wrong.status == 1 && wrong.stderr.contains("does not cover vote.city.example"), "\(wrong.stderr)")
    }

    /// `workspace backup` and `workspace restore` killed midway (`kill -9`): no torn backup or
    /// workspace appears, the original is untouched, and the same command then succeeds.
    @Test func aBackupOrARestoreKilledMidwayLeavesNothingTorn() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try run("workspace", "init", "ws.sqlite").status == 0)
        #expect(try run("projects", "adopt", "--result", WorkspaceCommandTests.example, "--workspace", "ws.sqlite").status == 0)
        // 200 MB of photos, so that the copy takes long enough to be cut.
        let photos = try (1...4).map { number -> String in
            let name = "photo-\(number).bin"
            try CLI.runShell("head -c 50000000 /dev/urandom > \(name)", in: dir)
            return name
        }
        let added = try CLI.run(
            ["progress", "add", "--project", "1", "--date", "2027-03-15", "--percent", "20", "--workspace", "ws.sqlite"] + photos.flatMap { ["--attach", $0] },
            in: dir)
        #expect(added.status == 0, "\(added.stderr)")
        let before = try run("log", "verify", "--workspace", "ws.sqlite", "--lang", "en").stdout
        let shishi = CLI.binary.path
        func killed(_ command: String) throws -> String {
            try CLI.runShell(
                """
                \(shishi) \(command) > /dev/null 2>&1 & PID=$!
                sleep 0.3; kill -9 $PID
                for i in $(seq 40); do kill -0 $PID 2>/dev/null || break; sleep 0.1; done
                ls -A
                """, in: dir
            ).stdout
        }
        // Cut during the backup: no backup folder, or a whole one (never a torn one in place).
        let afterBackup = try killed("workspace backup --workspace ws.sqlite --out cut-backup")
        if afterBackup.split(separator: "\n").contains("cut-backup") {
            #expect(try run("workspace", "restore", "cut-backup", "--to", "cut-check.sqlite").status == 0)
        }
        #expect(try run("log", "verify", "--workspace", "ws.sqlite", "--lang", "en").stdout == before)
        let made = try run("workspace", "backup", "--workspace", "ws.sqlite", "--out", "backup", "--lang", "en")
        #expect(made.status == 0 && made.stdout.contains("4 attachments"), "\(made.stderr)")
        // Cut during the restore: no workspace, or a whole one; then it restores whole.
        let afterRestore = try killed("workspace restore backup --to cut.sqlite")
        if afterRestore.split(separator: "\n").contains("cut.sqlite") {
            #expect(try run("log", "verify", "--workspace", "cut.sqlite").status == 0)
            #expect(try run("progress", "files", "--workspace", "cut.sqlite", "--lang", "en").stdout.contains("photo-4.bin"))
        }
        let restored = try run("workspace", "restore", "backup", "--to", "restored.sqlite", "--lang", "en")
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try run("log", "verify", "--workspace", "restored.sqlite", "--lang", "en").status == 0)
        #expect(try run("progress", "files", "--workspace", "restored.sqlite", "--lang", "en").stdout.contains("photo-4.bin"))
        #expect(try run("log", "verify", "--workspace", "ws.sqlite", "--lang", "en").stdout == before)
    }
}
