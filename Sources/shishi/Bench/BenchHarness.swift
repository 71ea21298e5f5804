import Foundation
import ShishiBallot
import ShishiCore

/// Raw signature verification rates on all cores: the baseline every tally figure is a share of.
///
/// A shared machine's speed wanders, so a rate is sampled in rounds for at least `seconds`
/// (each round long enough to fill every core), and the best round is kept: the bound the
/// machine reaches, not an average that includes someone else's load. Callers sample before and
/// after the run they measure, and keep the best of both.
enum SignatureRate {
    /// A sampled rate: verifications per second (wall clock, all cores), and the CPU time one
    /// verification costs (all threads' CPU time over the verifications).
    struct Sample {
        var perSecond: Double
        var cpuSecondsEach: Double

        /// The better of two samples: the higher rate, the lower CPU cost.
        func best(_ other: Sample) -> Sample {
            Sample(perSecond: max(perSecond, other.perSecond), cpuSecondsEach: min(cpuSecondsEach, other.cpuSecondsEach))
        }
    }

    /// Ed25519 verifications of ballot-sized messages.
    static func ed25519(seconds: Double = 3) throws -> Sample {
        let keys = try (0..<64).map { _ in try PrivateKey(generating: .ed25519) }
        let items = try (0..<roundSize(20_000, seconds)).map { index -> (PublicKey, Data, Data) in
            let key = keys[index % keys.count]
            let message = Data("DSSEv1 16 shishi/ballot/v1 \(index) \(String(repeating: "x", count: 300))".utf8)
            return (key.publicKey, message, try key.signature(for: message))
        }
        return try sample(seconds: seconds, count: items.count) { _ = try parallelMap(items) { $0.0.isValidSignature($0.2, for: $0.1) } }
    }

    /// RSA-3072 blind-signature (RSASSA-PSS-SHA384) verifications.
    static func blindRSA(seconds: Double = 3) throws -> Sample {
        let key = try BlindPrivateKey(bits: 3072)
        let publicKey = key.publicKey
        let samples = try (0..<32).map { index -> (Data, Data, Data) in
            let message = Data("credential \(index)".utf8)
            let state = try publicKey.blind(message)
            return (message, state.prefix, try state.finalize(blindSignature: key.blindSignature(for: state.blindedMessage)))
        }
        let items = (0..<roundSize(4_000, seconds)).map { samples[$0 % samples.count] }
        return try sample(seconds: seconds, count: items.count) { _ = try parallelMap(items) { publicKey.isValidSignature($0.2, prefix: $0.1, message: $0.0) } }
    }

    /// RSA-3072 blind signatures made with `key`: the registrar's work at each sign-in.
    static func blindSigning(key: BlindPrivateKey, seconds: Double = 3) throws -> Sample {
        let blinded = try (0..<32).map { try key.publicKey.blind(Data("credential \($0)".utf8)).blindedMessage }
        let items = (0..<roundSize(400, seconds)).map { blinded[$0 % blinded.count] }
        return try sample(seconds: seconds, count: items.count) { _ = try parallelMap(items) { try key.blindSignature(for: $0) } }
    }

    /// The items of one round: `full` when sampling for a second or more (each round then fills
    /// every core long enough to be timed well), a tenth for a quick look (tests).
    private static func roundSize(_ full: Int, _ seconds: Double) -> Int {
        seconds >= 1 ? full : full / 10
    }

    /// Runs `round` (which verifies `count` signatures) until `seconds` have passed, at least
    /// three times, and keeps the best round.
    private static func sample(seconds: Double, count: Int, _ round: () throws -> Void) throws -> Sample {
        var best: Sample?
        let started = Date()
        var rounds = 0
        while rounds < 3 || Date().timeIntervalSince(started) < seconds {
            let cpu = CPUTime.ofSelf()
            let wall = Date()
            try round()
            let elapsed = Date().timeIntervalSince(wall)
            let sample = Sample(perSecond: Double(count) / elapsed, cpuSecondsEach: (CPUTime.ofSelf() - cpu) / Double(count))
            best = best.map { $0.best(sample) } ?? sample
            rounds += 1
        }
        return best!
    }
}

/// CPU time (user and system) from getrusage(2).
enum CPUTime {
    /// This process's CPU time so far, all threads.
    static func ofSelf() -> Double { seconds(RUSAGE_SELF) }

    /// The CPU time of all children reaped so far.
    static func ofChildren() -> Double { seconds(RUSAGE_CHILDREN) }

    private static func seconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}

/// Runs `shishi tally` as a child process and measures its wall time, its CPU time and its own
/// peak memory.
///
/// The peak is the child's VmHWM, read from /proc while it runs. getrusage's `ru_maxrss` will
/// not do: Linux carries a parent's peak into a child across exec, so after the bench built a
/// large vote in its own memory, every child would seem to use that much.
enum ChildRun {
    struct Measure {
        var seconds: Double
        var cpuSeconds: Double
        var peakMB: Int
    }

    static func tally(_ folder: URL) throws -> Measure {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["tally", folder.path, "--json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let cpuBefore = CPUTime.ofChildren()
        let start = Date()
        try process.run()
        var peakKB = 0
        while process.isRunning {
            peakKB = max(peakKB, highWaterKB(process.processIdentifier))
            usleep(20_000)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        let status = process.terminationStatus
        guard status == 0 else {
            throw ShishiError(
                .benchTallyFailed, zh: "计票子进程失败（状态 \(status)）：\(folder.path)", en: "The tally child process failed (status \(status)): \(folder.path)")
        }
        return Measure(
            seconds: (seconds * 1000).rounded() / 1000, cpuSeconds: ((CPUTime.ofChildren() - cpuBefore) * 1000).rounded() / 1000, peakMB: peakKB / 1024)
    }

    /// The peak resident memory of process `pid` so far, in kB (0 once it has exited).
    static func highWaterKB(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}
