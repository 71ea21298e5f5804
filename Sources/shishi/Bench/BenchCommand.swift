import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct BenchCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure, in one run: this machine's signature checks, and the tally's speed and peak memory. 性能测试。",
        discussion: """
            1. The raw rate of signature verifications on all cores, for the suites a ballot needs.
            2. The tally of a 327-deputy vote (process start included).
            3. The tally of a simulated vote of --ballots ballots in a single-file bundle: ballots per
               second, as a ratio of the rate the signature checks alone allow, and peak memory.
            The large vote is built once in --dir and reused.
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

        // 1. Raw signature verification rates, on all cores.
        Console.error(say("测量签名验证速度（\(cores) 核）…", "Measuring signature verification (\(cores) cores)…"))
        let ed25519 = try SignatureRate.ed25519(count: 20_000)
        let rsa = secrecy == .secret ? try SignatureRate.blindRSA(count: 4_000) : nil
        let perBallot = 1 / (1 / ed25519 + (rsa.map { 1 / $0 } ?? 0))

        // 2. A session-sized tally, process start included.
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

        // 3. The large vote, built once.
        if !VoteFolder(url: folder).holdsVote {
            Console.error(say("生成 \(ballots) 张选票的模拟投票（只做一次）：\(folder.path)", "Building a simulated vote of \(ballots) ballots (once): \(folder.path)"))
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
        Console.error(say("计票 \(ballots) 张选票…", "Tallying \(ballots) ballots…"))
        let big = try ChildRun.tally(folder)
        let rate = Double(ballots) / big.seconds
        let report = BenchReport(
            cores: cores, ed25519VerifiesPerSecond: ed25519.rounded(), blindRSAVerifiesPerSecond: rsa?.rounded(),
            signatureBoundBallotsPerSecond: perBallot.rounded(), sessionTallySeconds: session.seconds, sessionTallyPeakMB: session.peakMB,
            ballots: ballots, secrecy: secrecy.rawValue, tallySeconds: big.seconds, tallyBallotsPerSecond: rate.rounded(),
            ratioToSignatureBound: (rate / perBallot * 1000).rounded() / 1000, tallyPeakMB: big.peakMB
        )
        if json {
            try Console.json(report)
            return
        }
        Console.out(say("机器：\(cores) 核", "Machine: \(cores) cores"))
        Console.out(say("1. 签名验证（全部核）：Ed25519 每秒 \(Int(ed25519)) 次", "1. Signature verification (all cores): Ed25519 \(Int(ed25519))/s") + (rsa.map { say("，RSA-3072 盲签名每秒 \(Int($0)) 次", ", RSA-3072 blind signature \(Int($0))/s") } ?? ""))
        Console.out(say("   每张选票需要的签名验证所允许的上限：每秒 \(Int(perBallot)) 张", "   The ballots per second the signature checks alone allow: \(Int(perBallot))/s"))
        Console.out(say("2. 327 名代表的投票计票（含进程启动）：\(String(format: "%.2f", session.seconds)) 秒，峰值内存 \(session.peakMB) MB", "2. Tally of a 327-deputy vote (process start included): \(String(format: "%.2f", session.seconds)) s, peak \(session.peakMB) MB"))
        Console.out(say("3. \(ballots) 张选票（\(secrecy.rawValue)，单文件 box.jsonl）计票：\(String(format: "%.1f", big.seconds)) 秒，每秒 \(Int(rate)) 张，", "3. Tally of \(ballots) ballots (\(secrecy.rawValue), one box.jsonl): \(String(format: "%.1f", big.seconds)) s, \(Int(rate)) ballots/s, ")
            + say("为签名上限的 \(String(format: "%.0f", report.ratioToSignatureBound * 100))%（目标 ≥ 80%），峰值内存 \(big.peakMB) MB（目标 < 300 MB）", "\(String(format: "%.0f", report.ratioToSignatureBound * 100))% of the signature bound (goal ≥ 80%), peak \(big.peakMB) MB (goal < 300 MB)"))
    }
}

/// The figures of a bench run.
struct BenchReport: Encodable {
    var cores: Int
    var ed25519VerifiesPerSecond: Double
    var blindRSAVerifiesPerSecond: Double?
    var signatureBoundBallotsPerSecond: Double
    var sessionTallySeconds: Double
    var sessionTallyPeakMB: Int
    var ballots: Int
    var secrecy: String
    var tallySeconds: Double
    var tallyBallotsPerSecond: Double
    var ratioToSignatureBound: Double
    var tallyPeakMB: Int
}

/// Raw signature verification rates on all cores.
enum SignatureRate {
    /// Ed25519 verifications per second.
    static func ed25519(count: Int) throws -> Double {
        let keys = try (0..<64).map { _ in try PrivateKey(generating: .ed25519) }
        let items = try (0..<count).map { index -> (PublicKey, Data, Data) in
            let key = keys[index % keys.count]
            let message = Data("DSSEv1 16 shishi/ballot/v1 \(index) \(String(repeating: "x", count: 300))".utf8)
            return (key.publicKey, message, try key.signature(for: message))
        }
        return try rate(count) { _ = try parallelMap(items) { $0.0.isValidSignature($0.2, for: $0.1) } }
    }

    /// RSA-3072 blind-signature (RSASSA-PSS-SHA384) verifications per second.
    static func blindRSA(count: Int) throws -> Double {
        let key = try BlindPrivateKey(bits: 3072)
        let publicKey = key.publicKey
        let samples = try (0..<32).map { index -> (Data, Data, Data) in
            let message = Data("credential \(index)".utf8)
            let state = try publicKey.blind(message)
            return (message, state.prefix, try state.finalize(blindSignature: key.blindSignature(for: state.blindedMessage)))
        }
        let items = (0..<count).map { samples[$0 % samples.count] }
        return try rate(count) { _ = try parallelMap(items) { publicKey.isValidSignature($0.2, prefix: $0.1, message: $0.0) } }
    }

    private static func rate(_ count: Int, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// Runs `shishi tally` as a child process and measures its wall time and peak memory (runs must
/// go from small to large: the peak is the largest of all children so far).
enum ChildRun {
    struct Measure {
        var seconds: Double
        var peakMB: Int
    }

    static func tally(_ folder: URL) throws -> Measure {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["tally", folder.path, "--json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        let status = process.terminationStatus
        // The peak resident memory of the largest child so far: bench runs the small tally first.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        guard status == 0 else {
            throw ShishiError(.benchTallyFailed, zh: "计票子进程失败（状态 \(status)）：\(folder.path)", en: "The tally child process failed (status \(status)): \(folder.path)")
        }
        return Measure(seconds: (seconds * 1000).rounded() / 1000, peakMB: Int(usage.ru_maxrss / 1024))
    }
}
