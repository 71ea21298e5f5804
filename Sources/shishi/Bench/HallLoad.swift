import AsyncHTTPClient
import Foundation
import ShishiBallot
import ShishiCore
import ShishiServer
import ShishiTally

/// The hall under load: a real `shishi serve` on loopback, simulated booths with real
/// signatures, and in the same run the rates this machine's own cryptography allows.
///
/// The booths' own work (blinding, unblinding, signing the ballot) happens on the deputies'
/// devices, so it is prepared between the timed phases; what is timed is the server. Phases:
/// 1. the desk signs every deputy in (one-time codes);
/// 2. sign-in: every booth redeems its code for a blind signature, `signInConcurrency` at once;
/// 3. casting: `booths` booths cast at the same moment, `castRounds` times (the median round is
///    reported: one burst lasts a third of a second, and a hiccup of the machine shows in it);
/// 4. latency: `latencyBooths` booths cast at the same moment, `latencyRounds` times;
/// 5. faults: ballots cast while the server is killed with SIGKILL at random moments and
///    restarted `restarts` times; a booth that got no answer sends its ballot again;
/// 6. the count: the tally must count exactly the acknowledged ballots.
struct HallLoad {
    var booths = 1_000
    var castRounds = 3
    var latencyBooths = 300
    var latencyRounds = 3
    var restarts = 5
    var faultBallots = 600
    var signInConcurrency = 100
    /// How long each baseline rate is sampled, before and after (at least three rounds).
    var sampleSeconds = 3.0
    var folder: URL

    /// The figures of a run.
    struct Report: Encodable {
        var cores: Int
        var deputies: Int
        var rsaSignaturesPerSecond: Double
        var signInsPerSecond: Double
        var signInRatio: Double
        var deskSignInsPerSecond: Double
        var ballotVerificationsPerSecond: Double
        var booths: Int
        var castRounds: Int
        /// Each casting round's ballots a second; the figures below are the median round's.
        var castRoundsPerSecond: [Double]
        var castsPerSecond: Double
        var castRatio: Double
        var castServerCPUMicroseconds: Double
        var verificationCPUMicroseconds: Double
        var castCPURatio: Double
        var castBoothsCPUMicroseconds: Double
        /// The server answering an empty request (a 404, no body) from the same booths: its HTTP alone.
        var emptyRequestsPerSecond: Double
        var emptyRequestCPUMicroseconds: Double
        /// The CPU ratio a cast could reach at best if it cost the server only that HTTP and the signature checks.
        var castCPURatioBound: Double
        /// The same by wall time, with the booths on the same cores: an empty request's round trip
        /// and the two signature checks, one after the other, `E / (E + S)` of the two rates.
        var castWallRatioBound: Double
        var latencyBooths: Int
        var latencySamples: Int
        var castP50Milliseconds: Double
        var castP99Milliseconds: Double
        var castMaxMilliseconds: Double
        var serverPeakMB: Int
        var restarts: Int
        var acknowledged: Int
        var counted: Int
        var lost: Int
        var unacknowledgedCounted: Int
        var rejected: Int
        var abandonedTemporaries: Int
    }

    private struct Booth: Sendable {
        var deputy: String
        var pending: PendingCredential
        var code = ""
        var ballot = Data()
        var tracker = ""
    }

    func run(say: @escaping @Sendable (Text) -> Void) async throws -> Report {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let deputies = booths * castRounds + latencyBooths * latencyRounds + faultBallots
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        // The vote, its keys and a registrar account.
        say(Text("生成 \(deputies) 名代表的无记名投票与密钥…", "Making a secret vote of \(deputies, noun: "deputy") and its keys…"))
        let secretariat = try PrivateKey(generating: .ed25519)
        let registrarKey = try PrivateKey(generating: .ed25519)
        let blindKey = try BlindPrivateKey(bits: 3072)
        let keys = folder.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        let registrarFile = keys.appendingPathComponent("registrar.key")
        let blindFile = keys.appendingPathComponent("registrar-blind.key")
        try KeyFile.pair(for: registrarKey, name: "登记员").private.write(to: registrarFile)
        try KeyFile.pair(for: blindKey, name: "登记员").private.write(to: blindFile)
        let roster = try Roster(deputies: (1...deputies).map { Deputy(id: "D\($0)", name: "代表\($0)", group: nil, publicKey: nil) })
        var definition = VoteDefinition(
            voteId: "bench", title: "大厅负载测试", seats: 10,
            candidates: (1...12).map { Candidate(id: "\($0)", title: "项目\($0)", titleEn: "Project \($0)") },
            rosterCSV: Data(roster.csvText().utf8), registrar: registrarKey.publicKey, blind: blindKey.publicKey)
        definition.secrecy = .secret
        let voteFolder = folder.appendingPathComponent("vote")
        let vote = try definition.create(at: voteFolder, secretariat: secretariat, now: Date())
        let password = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try StaffAccounts(folder: ServerConfiguration.defaultStateFolder(for: voteFolder)).add(name: "bench", role: .registrar, password: password)

        // The baselines, before.
        say(Text("测量本机 RSA-3072 盲签名与选票验证速度（\(cores) 核）…", "Measuring RSA-3072 blind signing and ballot verification on this machine (\(cores) cores)…"))
        var signing = try SignatureRate.blindSigning(key: blindKey, seconds: sampleSeconds)
        var ed25519 = try SignatureRate.ed25519(seconds: sampleSeconds)
        var rsaVerify = try SignatureRate.blindRSA(seconds: sampleSeconds)

        let server = ServedHall(vote: voteFolder, registrarKey: registrarFile, blindKey: blindFile, port: ServedHall.freePort())
        try server.start()
        defer { server.stop() }
        let pool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: max(booths, latencyBooths) + 16)
        // Redirects are not followed: the desk's login answers with one, and its cookie is read here.
        return try await Self.withClient(.init(redirectConfiguration: .disallow, connectionPool: pool)) { http in
            let client = HallClient(http: http, base: "http://127.0.0.1:\(server.port)")

            // 1. The desk.
            say(Text("签到台为 \(deputies) 名代表签到…", "The desk signs \(deputies, noun: "deputy") in…"))
            let terminal = VotingTerminal(manifest: vote.signed)
            var all = try parallelMap(Array(1...deputies)) { Booth(deputy: "D\($0)", pending: try terminal.request(deputy: "D\($0)")) }
            let desk = try await client.signInAtDesk(account: "bench", password: password)
            let deskStart = ContinuousClock.now
            let codes = try await Self.each(all.map(\.deputy), concurrency: 16) { try await client.signIn($0, at: desk) }
            let deskSeconds = Self.seconds(since: deskStart)
            for index in all.indices { all[index].code = codes[index] }

            // 2. Sign-in: blind signatures issued.
            say(
                Text(
                    "签到：\(deputies) 个终端领取凭证（同时 \(signInConcurrency) 个）…", "Sign-in: \(deputies) booths fetch their credentials (\(signInConcurrency) at once)…")
            )
            let requests = try all.map {
                try StrictJSON.encode(BoothCredentialRequest(code: $0.code, blindedMessage: $0.pending.request.blindedMessage))
            }
            // Over lean loopback connections, as casting below (``LoopbackBooths``).
            let lanes = try LoopbackBooths(count: max(booths, latencyBooths, signInConcurrency), port: server.port)
            let credentialRequests = requests.map { lanes.request("POST", "/api/credential", json: $0) }
            let signInStart = ContinuousClock.now
            let grants = try Self.expect(200, lanes.exchange(credentialRequests, window: signInConcurrency), "credential").map(\.body)
            let signInSeconds = Self.seconds(since: signInStart)

            // The booths unblind, mark and sign (on the deputies' devices: not timed).
            let manifest = vote.manifest
            all = try parallelMap(Array(zip(all, grants))) { booth, grant in
                var booth = booth
                let credential = try booth.pending.finalize(StrictJSON.decode(CredentialGrant.self, from: grant, source: "grant"))
                let number = Int(booth.deputy.dropFirst())!
                let yes = manifest.candidates.map(\.id).filter { (Int($0)! + number) % 3 != 0 }.prefix(manifest.yesLimit)
                let no = manifest.candidates.map(\.id).filter { !yes.contains($0) && (Int($0)! + number) % 2 == 0 }
                let envelope = try BallotCaster(vote: vote).seal(BallotMarking(yes: Array(yes), no: no, manifest: manifest), credential: credential)
                booth.ballot = try StrictJSON.encode(envelope)
                booth.tracker = envelope.tracker(manifest.hash).description
                return booth
            }
            var acknowledged = Set<String>()

            // 3. Casting: all booths at once, over lean loopback connections (``LoopbackBooths``),
            // several times; the median round is kept.
            say(
                Text(
                    "投票：\(booths) 个终端同时投票，\(castRounds) 轮…", "Casting: \(booths) booths cast at the same moment, \(castRounds, noun: "round")…"))
            var castings: [(seconds: Double, serverCPU: Double, clientCPU: Double)] = []
            for round in 0..<castRounds {
                let castBooths = Array(all.dropFirst(round * booths).prefix(booths))
                _ = try Self.expect(200, lanes.exchange(castBooths.map { _ in lanes.request("GET", "/api/vote") }), "vote")  // the booths' pages are open
                let castRequests = castBooths.map { lanes.request("POST", "/api/cast", json: $0.ballot) }
                let castStart = ContinuousClock.now
                let (serverCPUBefore, clientCPUBefore) = (server.cpuSeconds(), CPUTime.ofSelf())
                let castAnswers = try lanes.exchange(castRequests)
                castings.append((Self.seconds(since: castStart), server.cpuSeconds() - serverCPUBefore, CPUTime.ofSelf() - clientCPUBefore))
                try Self.expectCast(castAnswers, castBooths)
                acknowledged.formUnion(castBooths.map(\.tracker))
            }
            let (castSeconds, castServerCPU, castClientCPU) = castings.sorted { $0.seconds < $1.seconds }[castings.count / 2]

            // 4. Latency: latencyBooths booths at once, several times.
            say(
                Text(
                    "时延：\(latencyBooths) 个终端同时投票，\(latencyRounds) 轮…",
                    "Latency: \(latencyBooths) booths cast at the same moment, \(latencyRounds, noun: "round")…"))
            var latencies: [Double] = []
            for round in 0..<latencyRounds {
                let group = Array(all.dropFirst(booths * castRounds + round * latencyBooths).prefix(latencyBooths))
                _ = try Self.expect(200, lanes.exchange(group.map { _ in lanes.request("GET", "/api/vote") }), "vote")
                let answers = try lanes.exchange(group.map { lanes.request("POST", "/api/cast", json: $0.ballot) })
                try Self.expectCast(answers, group)
                latencies += answers.map(\.seconds)
                acknowledged.formUnion(group.map(\.tracker))
            }
            latencies.sort()

            // The server's HTTP alone, from the same booths: an empty request, answered 404.
            say(Text("测量服务器只处理 HTTP 的开销（空请求）…", "Measuring the server's HTTP alone (empty requests)…"))
            let empty = (0..<booths).map { _ in lanes.request("GET", "/api/none") }
            _ = try Self.expect(404, lanes.exchange(empty), "empty request")
            let (emptyStart, emptyCPUBefore) = (ContinuousClock.now, server.cpuSeconds())
            for _ in 0..<3 { _ = try Self.expect(404, lanes.exchange(empty), "empty request") }
            let (emptySeconds, emptyCPU) = (Self.seconds(since: emptyStart), server.cpuSeconds() - emptyCPUBefore)

            // The baselines, after; the best of both is kept.
            say(Text("再次测量本机密码运算速度…", "Measuring this machine's cryptography again…"))
            signing = signing.best(try SignatureRate.blindSigning(key: blindKey, seconds: sampleSeconds))
            ed25519 = ed25519.best(try SignatureRate.ed25519(seconds: sampleSeconds))
            rsaVerify = rsaVerify.best(try SignatureRate.blindRSA(seconds: sampleSeconds))

            // 5. Faults: SIGKILL at random moments, restarts, booths sending again when unanswered.
            var remaining = Array(all.suffix(faultBallots))
            let perRound = max(1, faultBallots / (restarts + 1))
            let castRate = Double(booths) / castSeconds
            for round in 0...restarts {
                say(Text("故障：第 \(round + 1) 轮，余 \(remaining.count) 张选票", "Faults: round \(round + 1), \(remaining.count, noun: "ballot") to go"))
                let batch = round == restarts ? remaining : Array(remaining.prefix(perRound))
                let killAfter = round == restarts ? nil : Double.random(in: 0...(Double(batch.count) / castRate))
                let outcome = await Self.castUntilKilled(batch, client: client, server: server, killAfter: killAfter)
                acknowledged.formUnion(outcome.acknowledged)
                let done = Set(outcome.acknowledged)
                remaining.removeAll { done.contains($0.tracker) }
                if let problem = outcome.problem { throw problem }
                if killAfter != nil { try server.start() }
            }
            if !remaining.isEmpty {
                throw ShishiError(
                    .benchServerFailed, zh: "故障阶段结束时仍有 \(remaining.count) 张选票没有得到答复。",
                    en: "\(remaining.count, noun: "ballot", verb: "were") still unanswered at the end of the fault phase.")
            }
            server.stop()

            // 6. The count.
            say(Text("封存签到记录并计票…", "Sealing the sign-in log and counting…"))
            let abandoned = (try? FileManager.default.contentsOfDirectory(atPath: vote.folder.boxURL.path))?.filter(FileAccess.isTemporaryName).count ?? 0
            try Registrar(vote: vote, signingKey: registrarKey, blindKey: blindKey).seal()
            let counted = try Tally(vote: VoteFolder(url: voteFolder).open()).run(now: Date())
            let countedSet = Set(counted.countedTrackers.map(\.description))

            let perBallot = 1 / (1 / ed25519.perSecond + 1 / rsaVerify.perSecond)
            let signInRate = Double(deputies) / signInSeconds
            let emptyRate = Double(3 * booths) / emptySeconds
            let percentile = { (p: Double) in latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)] }
            let round = { (value: Double, places: Double) in (value * places).rounded() / places }
            return Report(
                cores: cores, deputies: deputies, rsaSignaturesPerSecond: signing.perSecond.rounded(), signInsPerSecond: signInRate.rounded(),
                signInRatio: round(signInRate / signing.perSecond, 1000), deskSignInsPerSecond: (Double(deputies) / deskSeconds).rounded(),
                ballotVerificationsPerSecond: perBallot.rounded(), booths: booths, castRounds: castRounds,
                castRoundsPerSecond: castings.map { (Double(booths) / $0.seconds).rounded() }, castsPerSecond: castRate.rounded(),
                castRatio: round(castRate / perBallot, 1000),
                castServerCPUMicroseconds: round(castServerCPU / Double(booths) * 1e6, 10),
                verificationCPUMicroseconds: round((ed25519.cpuSecondsEach + rsaVerify.cpuSecondsEach) * 1e6, 10),
                castCPURatio: round((ed25519.cpuSecondsEach + rsaVerify.cpuSecondsEach) * Double(booths) / castServerCPU, 1000),
                castBoothsCPUMicroseconds: round(castClientCPU / Double(booths) * 1e6, 10),
                emptyRequestsPerSecond: emptyRate.rounded(),
                emptyRequestCPUMicroseconds: round(emptyCPU / Double(3 * booths) * 1e6, 10),
                castCPURatioBound: round(
                    (ed25519.cpuSecondsEach + rsaVerify.cpuSecondsEach)
                        / (ed25519.cpuSecondsEach + rsaVerify.cpuSecondsEach + emptyCPU / Double(3 * booths)), 1000),
                castWallRatioBound: round(emptyRate / (emptyRate + perBallot), 1000),
                latencyBooths: latencyBooths, latencySamples: latencies.count,
                castP50Milliseconds: round(percentile(0.5) * 1000, 10), castP99Milliseconds: round(percentile(0.99) * 1000, 10),
                castMaxMilliseconds: round((latencies.last ?? 0) * 1000, 10), serverPeakMB: server.peakKB / 1024, restarts: restarts,
                acknowledged: acknowledged.count, counted: countedSet.count, lost: acknowledged.subtracting(countedSet).count,
                unacknowledgedCounted: countedSet.subtracting(acknowledged).count, rejected: counted.result.figures.rejected,
                abandonedTemporaries: abandoned
            )
        }
    }

    /// Runs `body` with an HTTP client, shut down afterwards whatever happens.
    static func withClient<R: Sendable>(_ configuration: HTTPClient.Configuration, _ body: (HTTPClient) async throws -> R) async throws -> R {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(http)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// What the booth sends for its credential.
    struct BoothCredentialRequest: Codable {
        var code: String
        var blindedMessage: Data
    }

    /// The answers, when all have `status`; else the first that does not, as the failure.
    private static func expect(_ status: Int, _ answers: [LoopbackBooths.Answer], _ what: String) throws -> [LoopbackBooths.Answer] {
        if let wrong = answers.first(where: { $0.status != status }) {
            throw HallClient.failure(what, HallClient.Answer(status: wrong.status, headers: [:], body: wrong.body))
        }
        return answers
    }

    /// Each booth's cast answered 201 with its own tracker.
    private static func expectCast(_ answers: [LoopbackBooths.Answer], _ booths: [Booth]) throws {
        for (answer, booth) in zip(try expect(201, answers, "cast"), booths) where !answer.text.contains(booth.tracker) {
            throw HallClient.failure("cast", HallClient.Answer(status: answer.status, headers: [:], body: answer.body))
        }
    }

    /// What a fault round ended with.
    private struct FaultRound: Sendable {
        var acknowledged: [String] = []
        var problem: ShishiError?
    }

    /// Casts `batch` with 50 booths at a time; after `killAfter` seconds the server is killed.
    /// A ballot answered 201, or refused because its credential has already voted (it landed
    /// before a kill took its answer away), is acknowledged; one that got no answer is left
    /// for the next round; any other answer is a problem.
    private static func castUntilKilled(_ batch: [Booth], client: HallClient, server: ServedHall, killAfter: Double?) async -> FaultRound {
        let queue = WorkQueue(batch)
        let killer: Task<Void, Never>? = killAfter.map { delay in
            Task.detached {
                try? await Task.sleep(for: .seconds(delay))
                server.kill()
            }
        }
        let result = await withTaskGroup(of: FaultRound.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    var round = FaultRound()
                    while let booth = await queue.next() {
                        guard let answer = try? await client.post(json: "/api/cast", booth.ballot) else { break }
                        if answer.status == 201 && answer.text.contains(booth.tracker) || answer.status == 409 && answer.text.contains("cast.credentialUsed") {
                            round.acknowledged.append(booth.tracker)
                        } else {
                            round.problem = HallClient.failure("cast", answer)
                            break
                        }
                    }
                    return round
                }
            }
            var total = FaultRound()
            for await round in group {
                total.acknowledged += round.acknowledged
                total.problem = total.problem ?? round.problem
            }
            return total
        }
        await killer?.value
        return result
    }

    /// Runs `body` over `items`, at most `concurrency` at once, keeping their order.
    static func each<T: Sendable, R: Sendable>(_ items: [T], concurrency: Int, _ body: @escaping @Sendable (T) async throws -> R) async throws -> [R] {
        try await withThrowingTaskGroup(of: (Int, R).self) { group in
            var results = [R?](repeating: nil, count: items.count)
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask { (index, try await body(items[index])) }
            }
            while next < min(concurrency, items.count) { add() }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < items.count { add() }
            }
            return results.map { $0! }
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Ballots handed to fault-round booths one at a time.
private actor WorkQueue<Item: Sendable> {
    private var items: [Item]
    init(_ items: [Item]) { self.items = items.reversed() }
    func next() -> Item? { items.popLast() }
}
