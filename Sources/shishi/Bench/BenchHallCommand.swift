import ArgumentParser
import Foundation
import ShishiCore

/// `shishi bench hall`: the hall server under the load of a session, with its faults.
struct BenchHallCommand: AsyncShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "hall",
        abstract: "Load the hall server with simulated booths, kill it at random moments, and count. 大厅服务器负载与故障测试。",
        discussion: """
            Starts `shishi serve` on loopback on a new secret vote and measures, in one run:
            1. sign-in: credentials issued per second, as a share of this machine's RSA-3072 blind \
               signing rate on all cores (goal ≥ 50%);
            2. casting: --booths booths casting at the same moment, --cast-rounds times, ballots per \
               second (the median round) as a share of the rate that verifying a ballot's two \
               signatures alone allows (goal ≥ 50%);
            3. latency: --latency-booths booths casting at the same moment, several times: the p99 \
               of a cast (goal < 100 ms);
            4. the server's own peak memory (goal < 200 MB);
            5. faults: the server is killed with SIGKILL at random moments while booths cast, and \
               restarted --restarts times; unanswered booths send again; the count must then hold \
               exactly the acknowledged ballots. \
            The booths' own cryptography is prepared between the timed phases (it runs on the \
            deputies' devices). The harness is Bench/HallLoad.swift.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Booths casting at the same moment in the throughput phase.")
    var booths = 1_000

    @Option(help: "Casting rounds in the throughput phase (the median round is reported).")
    var castRounds = 3

    @Option(help: "Booths casting at the same moment in each latency round.")
    var latencyBooths = 300

    @Option(help: "Latency rounds.")
    var latencyRounds = 3

    @Option(help: "Times the server is killed and restarted while booths cast.")
    var restarts = 5

    @Option(help: "Ballots cast during the fault phase.")
    var faultBallots = 600

    @Option(help: "Seconds each baseline rate is sampled, before and after the load.")
    var sampleSeconds = 3.0

    @Option(help: "Where the vote and its keys are made (default: a new folder in the temporary directory; replaced).")
    var dir: String?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func validate() throws {
        guard booths > 0, castRounds > 0, latencyBooths > 0, latencyRounds > 0, restarts >= 0, faultBallots > restarts, sampleSeconds >= 0 else {
            throw ValidationError(
                global.lang, "各数量须为正数，--fault-ballots 须大于 --restarts。",
                "--booths, --cast-rounds, --latency-booths and --latency-rounds must be positive, and --fault-ballots more than --restarts.")
        }
    }

    func execute() async throws {
        let lang = global.lang
        var load = HallLoad(folder: Paths.url(dir ?? FileManager.default.temporaryDirectory.appendingPathComponent("shishi-bench-hall").path))
        load.booths = booths
        load.castRounds = castRounds
        load.latencyBooths = latencyBooths
        load.latencyRounds = latencyRounds
        load.restarts = restarts
        load.faultBallots = faultBallots
        load.sampleSeconds = sampleSeconds
        let report = try await load.run { Console.error($0(lang)) }
        if json {
            try Console.json(report)
            return
        }
        let percent = { (ratio: Double) in String(format: "%.0f%%", ratio * 100) }
        let rates = report.castRoundsPerSecond.map { String(Int($0)) }.joined(separator: " / ")
        Console.out(
            say(
                "机器：\(report.cores) 核；投票：\(report.deputies) 名代表（无记名，Ed25519 与 RSA-3072 盲签名）",
                "Machine: \(report.cores) cores; vote: \(report.deputies, noun: "deputy") (secret, Ed25519 and RSA-3072 blind signatures)"))
        Console.out(
            say(
                "1. 签到：每秒签发 \(Int(report.signInsPerSecond)) 张凭证，本机 RSA-3072 盲签名每秒 \(Int(report.rsaSignaturesPerSecond)) 次，为其 \(percent(report.signInRatio))（目标 ≥ 50%）；签到台每秒签到 \(Int(report.deskSignInsPerSecond)) 人",
                "1. Sign-in: \(Int(report.signInsPerSecond)) credentials/s against this machine's \(Int(report.rsaSignaturesPerSecond)) RSA-3072 blind signatures/s: \(percent(report.signInRatio)) (goal ≥ 50%); the desk signs in \(Int(report.deskSignInsPerSecond)) deputies/s"
            ))
        Console.out(
            say(
                "2. 投票：\(report.booths) 个终端同时投票（\(report.castRounds) 轮，每秒 \(rates) 张，取中位数），每秒收下 \(Int(report.castsPerSecond)) 张，验证签名所允许的上限每秒 \(Int(report.ballotVerificationsPerSecond)) 张，为其 \(percent(report.castRatio))（目标 ≥ 50%）；每张耗服务器 CPU \(report.castServerCPUMicroseconds) 微秒（其中验证签名 \(report.verificationCPUMicroseconds) 微秒，按 CPU 时间为 \(percent(report.castCPURatio))），模拟终端 CPU \(report.castBoothsCPUMicroseconds) 微秒（与服务器共用 \(report.cores) 核）",
                "2. Casting: \(report.booths) booths at once (\(report.castRounds, noun: "round"), \(rates) ballots/s, the median kept), \(Int(report.castsPerSecond)) ballots/s accepted against the \(Int(report.ballotVerificationsPerSecond))/s that verifying the signatures allows: \(percent(report.castRatio)) (goal ≥ 50%); a ballot cost \(report.castServerCPUMicroseconds) µs of the server's CPU (verifying its signatures \(report.verificationCPUMicroseconds) µs: \(percent(report.castCPURatio)) by CPU time) and \(report.castBoothsCPUMicroseconds) µs of the simulated booths' (sharing the \(report.cores) cores)"
            ))
        Console.out(
            say(
                "   对照：同样的终端发空请求（404），服务器每秒答 \(Int(report.emptyRequestsPerSecond)) 个，每个耗 CPU \(report.emptyRequestCPUMicroseconds) 微秒：即使投票只花 HTTP 与验证签名，按 CPU 时间也至多为 \(percent(report.castCPURatioBound))，按实际时间（终端与服务器同用这些核）至多为 \(percent(report.castWallRatioBound))",
                "   For comparison: the same booths sending an empty request (404), the server answers \(Int(report.emptyRequestsPerSecond))/s at \(report.emptyRequestCPUMicroseconds) µs of CPU each: even if a cast cost only that HTTP and the signature checks, it would reach at most \(percent(report.castCPURatioBound)) by CPU time, \(percent(report.castWallRatioBound)) by wall time (the booths on the same cores)"
            ))
        Console.out(
            say(
                "3. 时延：\(report.latencyBooths) 个终端同时投票（\(report.latencySamples) 次）：中位 \(report.castP50Milliseconds) ms，p99 \(report.castP99Milliseconds) ms（目标 < 100 ms），最长 \(report.castMaxMilliseconds) ms",
                "3. Latency: \(report.latencyBooths) booths at once (\(report.latencySamples) casts): median \(report.castP50Milliseconds) ms, p99 \(report.castP99Milliseconds) ms (goal < 100 ms), longest \(report.castMaxMilliseconds) ms"
            ))
        Console.out(say("4. 服务器自身峰值内存：\(report.serverPeakMB) MB（目标 < 200 MB）", "4. The server's own peak memory: \(report.serverPeakMB) MB (goal < 200 MB)"))
        Console.out(
            say(
                "5. 故障：投票中 kill -9 并重启 \(report.restarts) 次；确认收到 \(report.acknowledged) 张，计入 \(report.counted) 张，丢失 \(report.lost) 张，未确认而计入 \(report.unacknowledgedCounted) 张，被拒 \(report.rejected) 张；中断留下的临时文件 \(report.abandonedTemporaries) 个（从未改名为选票，计票时清除）",
                "5. Faults: kill -9 and restart \(report.restarts) times while casting; \(report.acknowledged) acknowledged, \(report.counted) counted, \(report.lost) lost, \(report.unacknowledgedCounted) counted unacknowledged, \(report.rejected) rejected; \(report.abandonedTemporaries, noun: "temporary file") left by the kills (never renamed into a ballot; the count clears them)"
            ))
        if report.lost > 0 || report.unacknowledgedCounted > 0 || report.rejected > 0 { throw ExitCode(1) }
    }
}
