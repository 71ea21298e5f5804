import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

/// `shishi bench`: the tally's bench (the default) and the hall server's load bench.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure, in one run, what this machine allows and how near shishi comes. 性能测试。",
        subcommands: [BenchTallyCommand.self, BenchHallCommand.self],
        defaultSubcommand: BenchTallyCommand.self
    )
}

/// `shishi bench tally`: signature checks, a session's tally and a large tally.
struct BenchTallyCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Measure, in one run: this machine's signature checks, and the tally's speed and peak memory. 性能测试。",
        discussion: """
            1. The raw rate of signature verifications on all cores, for the suites a ballot needs.
            2. The tally of a 327-deputy vote (process start included).
            3. The tally of a simulated vote of --ballots ballots in a single-file bundle: ballots per \
               second, as a ratio of the rate the signature checks alone allow (by wall time and by
               CPU time), and the tally process's own peak memory. The signature baseline is \
               sampled for at least 3 s before and after the tally; the best is kept. \
            The large vote is built once in --dir and reused. The harness is Bench/BenchHarness.swift.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Ballots in the large simulated vote.")
    var ballots = 1_000_000

    @Option(help: "recorded (Ed25519 ballots, default: fast to build) or secret (blind credentials: slow to build).")
    var secrecy: Secrecy = .recorded

    @Option(help: "Where the large vote is built and kept (default: a folder in the temporary directory).")
    var dir: String?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func execute() throws {
        let lang = global.lang
        let folder = Paths.url(dir ?? FileManager.default.temporaryDirectory.appendingPathComponent("shishi-bench-\(secrecy.rawValue)-\(ballots)").path)
        let cores = ProcessInfo.processInfo.activeProcessorCount

        // 1. A session-sized tally, process start included.
        let small = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-bench-327-\(UUID().uuidString.prefix(6))")
        var plan = SimulationPlan()
        plan.paperBallots = 40
        plan.paperBoxes = 2
        plan.overMarked = 3
        plan.blank = 2
        _ = try Simulator(plan: plan).run(at: small, privateKeys: small.appendingPathExtension("keys"))
        let session = try ChildRun.tally(small)
        try? FileManager.default.removeItem(at: small)
        try? FileManager.default.removeItem(at: small.appendingPathExtension("keys"))

        // 2. The large vote, built once.
        if !VoteFolder(url: folder).holdsVote {
            Console.error(say("生成 \(ballots) 张选票的模拟投票（只做一次）：\(folder.path)", "Building a simulated vote of \(ballots, noun: "ballot") (once): \(folder.path)"))
            var large = SimulationPlan()
            large.deputies = ballots
            large.present = ballots
            large.secrecy = secrecy
            large.bundle = true
            large.seed = 1
            _ = try Simulator(plan: large).run(at: folder, privateKeys: folder.appendingPathExtension("keys")) { _, done, total in
                Console.progress(Text("生成 \(done)/\(total)", "building \(done)/\(total)")(lang), done: done == total)
            }
        }
        for name in [VoteFolder.Name.result, VoteFolder.Name.countedTrackers] { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }

        // 3. The signature baseline, sampled before and after the tally, the best of both kept.
        Console.error(say("测量签名验证速度（\(cores) 核）…", "Measuring signature verification (\(cores) cores)…"))
        var ed25519 = try SignatureRate.ed25519()
        var rsa = secrecy == .secret ? try SignatureRate.blindRSA() : nil
        Console.error(say("计票 \(ballots) 张选票…", "Tallying \(ballots, noun: "ballot")…"))
        let big = try ChildRun.tally(folder)
        Console.error(say("再次测量签名验证速度…", "Measuring signature verification again…"))
        ed25519 = ed25519.best(try SignatureRate.ed25519())
        rsa = try rsa.map { $0.best(try SignatureRate.blindRSA()) }

        let perBallot = 1 / (1 / ed25519.perSecond + (rsa.map { 1 / $0.perSecond } ?? 0))
        let cpuPerBallot = ed25519.cpuSecondsEach + (rsa?.cpuSecondsEach ?? 0)
        let rate = Double(ballots) / big.seconds
        let report = BenchReport(
            cores: cores, ed25519VerifiesPerSecond: ed25519.perSecond.rounded(), blindRSAVerifiesPerSecond: rsa?.perSecond.rounded(),
            signatureBoundBallotsPerSecond: perBallot.rounded(), signatureCPUMicrosecondsPerBallot: (cpuPerBallot * 1e7).rounded() / 10,
            sessionTallySeconds: session.seconds, sessionTallyPeakMB: session.peakMB,
            ballots: ballots, secrecy: secrecy.rawValue, tallySeconds: big.seconds, tallyCPUSeconds: big.cpuSeconds, tallyBallotsPerSecond: rate.rounded(),
            ratioToSignatureBound: (rate / perBallot * 1000).rounded() / 1000,
            cpuRatioToSignatureBound: big.cpuSeconds > 0 ? (Double(ballots) * cpuPerBallot / big.cpuSeconds * 1000).rounded() / 1000 : 0,
            tallyPeakMB: big.peakMB
        )
        if json {
            try Console.json(report)
            return
        }
        let percent = { (ratio: Double) in String(format: "%.0f%%", ratio * 100) }
        Console.out(say("机器：\(cores) 核", "Machine: \(cores) cores"))
        Console.out(
            say(
                "1. 签名验证（全部核，计票前后各测至少 3 秒取最好）：Ed25519 每秒 \(Int(ed25519.perSecond)) 次",
                "1. Signature verification (all cores, at least 3 s before and after the tally, best kept): Ed25519 \(Int(ed25519.perSecond))/s")
                + (rsa.map { say("，RSA-3072 盲签名每秒 \(Int($0.perSecond)) 次", ", RSA-3072 blind signature \(Int($0.perSecond))/s") } ?? ""))
        Console.out(
            say(
                "   每张选票的签名验证所允许的上限：每秒 \(Int(perBallot)) 张；每张耗 CPU \(String(format: "%.1f", cpuPerBallot * 1e6)) 微秒",
                "   The ballots per second the signature checks alone allow: \(Int(perBallot))/s; \(String(format: "%.1f", cpuPerBallot * 1e6)) µs of CPU a ballot"
            ))
        Console.out(
            say(
                "2. 327 名代表的投票计票（含进程启动）：\(String(format: "%.2f", session.seconds)) 秒，峰值内存 \(session.peakMB) MB",
                "2. Tally of a 327-deputy vote (process start included): \(String(format: "%.2f", session.seconds)) s, peak \(session.peakMB) MB"))
        Console.out(
            say(
                "3. \(ballots) 张选票（\(secrecy.rawValue)，单文件 box.jsonl）计票：\(String(format: "%.1f", big.seconds)) 秒（CPU \(String(format: "%.1f", big.cpuSeconds)) 秒），每秒 \(Int(rate)) 张，",
                "3. Tally of \(ballots, noun: "ballot") (\(secrecy.rawValue), one box.jsonl): \(String(format: "%.1f", big.seconds)) s (CPU \(String(format: "%.1f", big.cpuSeconds)) s), \(Int(rate)) ballots/s, "
            )
                + say(
                    "为签名上限的 \(percent(report.ratioToSignatureBound))（按 CPU 时间 \(percent(report.cpuRatioToSignatureBound))；目标 ≥ 80%），计票进程自身峰值内存 \(big.peakMB) MB（目标 < 300 MB）",
                    "\(percent(report.ratioToSignatureBound)) of the signature bound (\(percent(report.cpuRatioToSignatureBound)) by CPU time; goal ≥ 80%), the tally process's own peak \(big.peakMB) MB (goal < 300 MB)"
                ))
    }
}

/// The figures of a bench run.
struct BenchReport: Encodable {
    var cores: Int
    var ed25519VerifiesPerSecond: Double
    var blindRSAVerifiesPerSecond: Double?
    var signatureBoundBallotsPerSecond: Double
    var signatureCPUMicrosecondsPerBallot: Double
    var sessionTallySeconds: Double
    var sessionTallyPeakMB: Int
    var ballots: Int
    var secrecy: String
    var tallySeconds: Double
    var tallyCPUSeconds: Double
    var tallyBallotsPerSecond: Double
    var ratioToSignatureBound: Double
    var cpuRatioToSignatureBound: Double
    var tallyPeakMB: Int
}
