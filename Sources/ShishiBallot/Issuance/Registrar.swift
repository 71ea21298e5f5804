public import Foundation
public import ShishiCore
import Synchronization

/// The registrar's role at sign-in (签到): checks the roster, issues each present deputy one
/// credential (by blind signature) or one paper ballot, logs only that it did and when, and seals.
///
/// The log is `issuance/log.jsonl` in the vote folder, hash-chained from the manifest hash and
/// flushed to disk before a credential is handed out. A registrar refuses an unknown deputy, a
/// second credential for the same deputy, and any issuance once the log is sealed.
public final class Registrar: Sendable {
    /// The vote.
    public let vote: Vote
    private let signingKey: PrivateKey
    private let blindKey: BlindPrivateKey?
    private let clock: @Sendable () -> Date
    let state: Mutex<State>
    /// Log entries of requests arriving at the same moment, written together (one flush).
    private let logCommits = GroupCommit<String, Void>(label: "shishi.issuance")

    struct State {
        /// The entries of the log as last read or written.
        var entries: [IssuanceEntry] = []
        /// The hash of the last line (the manifest hash for none).
        var head: HashValue
        /// What the log adds up to.
        var summary: IssuanceChain.Summary
        /// The deputies the log names.
        var logged: Set<String> = []
        /// Whether the log gives every deputy on the roster a paper ballot (``IssuanceEntry/Kind/paperForRoster``).
        var everyone = false
        /// Deputies this registrar is issuing to right now (checked, not yet logged).
        var pending: Set<String> = []
        /// The size of the log file when last read or written; another writer changes it.
        var size: Int = -1
    }

    /// Opens the registrar for `vote` with its keys, replaying and checking the log so far.
    ///
    /// `blindKey` is needed to issue credentials in secret votes (not to admit paper voters or to
    /// seal); `clock` stamps log entries.
    public init(vote: Vote, signingKey: PrivateKey, blindKey: BlindPrivateKey?, clock: @escaping @Sendable () -> Date = Date.init) throws {
        guard signingKey.publicKey == vote.manifest.keys.registrar else {
            throw ShishiError(
                .registrarWrongKey,
                zh: "这把签名密钥不是本次投票 manifest 中公布的登记员密钥。",
                en: "This signing key is not the registrar key published in this vote's manifest."
            )
        }
        if let blindKey, blindKey.publicKey != vote.manifest.keys.blind {
            throw ShishiError(
                .registrarWrongBlindKey,
                zh: "这把 RSA 私钥不是本次投票的盲签名密钥（manifest 中公布的指纹为 \(vote.manifest.keys.blindFingerprint?.prefix(16) ?? "无")…）。",
                en:
                    "This RSA key is not this vote's blind-signing key (the manifest publishes fingerprint \(vote.manifest.keys.blindFingerprint?.prefix(16) ?? "none")…)."
            )
        }
        self.vote = vote
        self.signingKey = signingKey
        self.blindKey = blindKey
        self.clock = clock
        let head = vote.manifest.hash.digest(Data())
        state = Mutex(State(head: head, summary: IssuanceChain.Summary(head: vote.hash, entries: 0, credentials: 0)))
        try FolderLock.withLock(vote.folder.url) {
            try state.withLock { try refresh(&$0) }
        }
    }

    /// Reads the log again if another writer (another process, or another registrar on the same
    /// folder) has changed it since this registrar last did, and checks its chain. Called with the
    /// folder's lock held.
    ///
    /// A last line without its line feed is an entry a crash cut short while it was written: it
    /// was never acknowledged (a credential is handed out only after its line is on disk), so it
    /// is cut off, and the log continues from the last whole line.
    func refresh(_ state: inout State) throws {
        let url = vote.folder.issuanceLogURL
        var status = stat()
        let size = stat(url.path, &status) == 0 ? Int(status.st_size) : 0
        guard size != state.size else { return }
        var data = size == 0 ? Data() : try FileAccess.read(url)
        if let last = data.last, last != 0x0A {
            let whole = data.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            guard truncate(url.path, off_t(whole)) == 0 else {
                throw ShishiError(
                    .fileUnwritable,
                    zh: "issuance/log.jsonl 的最后一行不完整（写入时中断），且无法截去：请检查目录权限。",
                    en: "The last line of issuance/log.jsonl is incomplete (a write was cut short) and cannot be cut off: check the folder's permissions."
                )
            }
            data = data.prefix(whole)
        }
        let entries = try Self.parseLog(data)
        state.summary = try IssuanceChain.verify(entries, vote: vote, source: VoteFolder.Name.issuanceLog)
        state.head = state.summary.head
        state.entries = entries
        state.everyone = entries.contains { $0.kind == .paperForRoster }
        state.logged = Set(entries.map(\.deputy))
        state.size = data.count
    }

    /// Reads the log, line by line, strictly.
    private static func parseLog(_ data: Data) throws -> [IssuanceEntry] {
        var entries: [IssuanceEntry] = []
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            entries.append(try StrictJSON.decode(IssuanceEntry.self, from: Data(line), source: "\(VoteFolder.Name.issuanceLog) line \(number + 1)"))
        }
        return entries
    }

    /// Whether the log has been sealed.
    public var isSealed: Bool { FileManager.default.fileExists(atPath: vote.folder.issuanceSealURL.path) }

    /// The entries logged so far by this registrar (and by others, as last read).
    public var entries: [IssuanceEntry] { state.withLock { $0.entries } }

    /// The entries of the log as it stands now, read again if another writer (a command-line
    /// desk beside a server) has added to it.
    public func currentEntries() throws -> [IssuanceEntry] {
        try FolderLock.withLock(vote.folder.url) {
            try state.withLock { state in
                try refresh(&state)
                return state.entries
            }
        }
    }

    /// What each deputy present has received, as the log stands now (read again as
    /// ``currentEntries()`` is): every deputy on the roster a paper ballot after an entry for them
    /// all (``IssuanceEntry/Kind/paperForRoster``).
    public func currentPresence() throws -> [String: IssuanceEntry.Kind] {
        let entries = try currentEntries()
        if entries.first?.kind == .paperForRoster {
            return Dictionary(vote.roster.deputies.map { ($0.id, IssuanceEntry.Kind.paper) }, uniquingKeysWith: { first, _ in first })
        }
        return Dictionary(entries.map { ($0.deputy, $0.kind) }, uniquingKeysWith: { first, _ in first })
    }

    /// Issues a credential: checks the request, signs it blind, and logs the issuance.
    public func issue(_ request: CredentialRequest) throws -> CredentialGrant {
        try issue(batch: [request])[0]
    }

    /// Issues credentials for many requests at once (a sign-in desk with a queue): all are
    /// checked, then signed blind on all cores, then logged in the queue's order with one flush.
    /// Either every request is granted or none is (the first refusal is thrown, nothing logged);
    /// nothing is handed out before it is on disk.
    public func issue(batch requests: [CredentialRequest]) throws -> [CredentialGrant] {
        let blindKey = try issuingKey(for: requests)
        let deputies = requests.map(\.deputy)
        try reserve(deputies)
        defer { release(deputies) }
        // Signing, the slow part, runs outside the folder's lock; the grants are handed out only
        // once the log, re-read and re-checked under the lock, holds them.
        let signatures = try parallelMap(requests) { try blindKey.blindSignature(for: $0.blindedMessage) }
        try log(deputies, kind: .credential)
        return zip(requests, signatures).map { CredentialGrant(vote: vote.hash, deputy: $0.deputy, blindSignature: $1) }
    }

    /// The blind-signing key, once `requests` are found to be for this vote, a secret one, with
    /// the key at hand.
    private func issuingKey(for requests: [CredentialRequest]) throws -> BlindPrivateKey {
        if let foreign = requests.first(where: { $0.vote != vote.hash }) {
            throw ShishiError(
                .registrarOtherVote,
                zh: "代表 \(foreign.deputy) 的请求属于另一次投票（manifest 哈希不同）：请在终端上载入本次投票。",
                en: "The request for deputy \(foreign.deputy) is for another vote (a different manifest hash): load this vote on the terminal."
            )
        }
        guard vote.manifest.paperOnly != true else {
            throw ShishiError(
                .registrarNoBlindKey, zh: "这次投票只收纸质选票（导入的文件）：不发电子凭证。",
                en: "This vote takes paper ballots only (an imported file): no credentials are issued.")
        }
        guard vote.manifest.secrecy == .secret else {
            throw ShishiError(
                .credentialRecordedVote,
                zh: "这是记名投票：不发匿名凭证。",
                en: "This is a recorded vote: no anonymous credentials are issued."
            )
        }
        guard let blindKey else {
            throw ShishiError(
                .registrarNoBlindKey,
                zh: "签发匿名凭证需要登记员的 RSA 盲签名私钥（--blind-key）。",
                en: "Issuing anonymous credentials needs the registrar's RSA blind-signing private key (--blind-key)."
            )
        }
        return blindKey
    }

    /// Issues a credential for one request among many arriving at the same moment (a hall
    /// server's booths): the blind signature is made on the caller's task, and the log entry is
    /// written together with those of the other requests (one flush for all, see
    /// ``GroupCommit``), so no thread waits on the disk for each. The checks, the refusals and
    /// the rule that nothing is handed out before it is logged are those of ``issue(_:)``.
    public func issueInBatch(_ request: CredentialRequest) async throws -> CredentialGrant {
        let blindKey = try issuingKey(for: [request])
        try reserve(request.deputy)
        defer { release([request.deputy]) }
        let signature = try blindKey.blindSignature(for: request.blindedMessage)
        try await logCommits.submit(request.deputy) { deputies in self.logEach(deputies, kind: .credential) }
        return CredentialGrant(vote: vote.hash, deputy: request.deputy, blindSignature: signature)
    }

    /// Refuses `deputy` as ``issue(_:)`` would, without issuing: sign-in sealed, not on the
    /// roster, or already signed in (by this registrar or any other writer of the log). A desk
    /// asks this before it hands out a one-time sign-in code.
    public func requireEligible(_ deputy: String) throws {
        _ = try currentEntries()
        if let refusal = signInRefusal { throw refusal }
        guard let person = vote.roster[deputy] else { throw Self.unknownDeputy(deputy) }
        if state.withLock({ $0.everyone || $0.logged.contains(deputy) }) { throw alreadyIssued(deputy, name: person.name) }
    }

    /// Reserves every deputy of a batch, or none: the first refusal is thrown. A reservation only
    /// keeps two requests of this registrar apart; the log, re-read under the folder's lock,
    /// decides (see ``log(_:kind:)``).
    func reserve(_ deputies: [String]) throws {
        // The seal is looked for once for the whole list (a Pabulib import issues a city's voters at once).
        if let refusal = signInRefusal { throw refusal }
        var done: [String] = []
        done.reserveCapacity(deputies.count)
        do {
            for deputy in deputies {
                try reserve(deputy, sealChecked: true)
                done.append(deputy)
            }
        } catch {
            release(done)
            throw error
        }
    }

    func release(_ deputies: [String]) {
        state.withLock { state in deputies.forEach { state.pending.remove($0) } }
    }

    private func reserve(_ deputy: String, sealChecked: Bool = false) throws {
        if !sealChecked, let refusal = signInRefusal { throw refusal }
        guard let person = vote.roster[deputy] else { throw Self.unknownDeputy(deputy) }
        try state.withLock { state in
            guard !state.everyone, !state.logged.contains(deputy), state.pending.insert(deputy).inserted else { throw alreadyIssued(deputy, name: person.name) }
        }
    }

    private static func unknownDeputy(_ deputy: String) -> ShishiError {
        ShishiError(
            .registrarUnknownDeputy,
            zh: "代表“\(deputy)”不在本次投票的代表名单上，不能领取凭证。",
            en: "Deputy “\(deputy)” is not on this vote's roster and cannot receive a credential."
        )
    }

    /// Why no one may sign in now (`nil` while sign-in is open): sign-in sealed, the box closed
    /// or the round counted (``RoundPhase``): no credential or paper ballot is issued after.
    var signInRefusal: ShishiError? {
        switch vote.folder.phase {
        case .signInOpen: nil
        case .signInSealed: Self.sealedError
        case let phase: phase.refusal(Text("签到（发放凭证或纸质选票）", "Signing in (a credential or a paper ballot)"))
        }
    }

    static let sealedError = ShishiError(
        .registrarSealed,
        zh: "签到已封存，不能再发放凭证或选票。",
        en: "Sign-in is sealed: no more credentials or ballots can be issued."
    )

    private func alreadyIssued(_ deputy: String, name: String) -> ShishiError {
        ShishiError(
            .registrarAlreadyIssued,
            zh: "代表 \(deputy)（\(name)）已经领取过凭证或选票，每位代表只能领取一次。",
            en: "Deputy \(deputy) (\(name)) has already received a credential or ballot; each deputy receives one."
        )
    }

    /// Appends one entry per deputy and flushes them to disk together, under the folder's lock:
    /// the log is re-read first if another writer changed it, so two registrars (two processes,
    /// or a desk and a command) never number two entries alike, and a deputy another writer has
    /// just signed in, or a seal made meanwhile, is refused here, before anything is handed out.
    /// All or nothing: the first refusal is thrown and nothing is logged.
    func log(_ deputies: [String], kind: IssuanceEntry.Kind) throws {
        try FolderLock.withLock(vote.folder.url) {
            try state.withLock { state in
                try refresh(&state)
                if let refusal = refusals(deputies, state).compactMap({ $0 }).first { throw refusal }
                try append(deputies, kind: kind, to: &state)
            }
        }
    }

    /// Logs each deputy that may be logged, with one flush, as ``log(_:kind:)`` does, and
    /// answers each with its own refusal: one deputy refused does not refuse the others.
    private func logEach(_ deputies: [String], kind: IssuanceEntry.Kind) -> [Result<Void, any Error>] {
        do {
            return try FolderLock.withLock(vote.folder.url) {
                try state.withLock { state in
                    try refresh(&state)
                    let refusals = refusals(deputies, state)
                    try append(zip(deputies, refusals).filter { $0.1 == nil }.map(\.0), kind: kind, to: &state)
                    return refusals.map { $0.map { .failure($0) } ?? .success(()) }
                }
            }
        } catch {
            return Array(repeating: .failure(error), count: deputies.count)
        }
    }

    /// Why each of `deputies` may not be logged now (`nil`: it may): sign-in sealed, or the
    /// deputy already logged (or earlier in the same list).
    private func refusals(_ deputies: [String], _ state: State) -> [ShishiError?] {
        var seen = state.logged
        let closed = signInRefusal
        return deputies.map { deputy in
            if let closed { return closed }
            guard !state.everyone, seen.insert(deputy).inserted else { return alreadyIssued(deputy, name: vote.roster[deputy]?.name ?? deputy) }
            return nil
        }
    }

    /// Appends one chained entry per deputy to the log and flushes it.
    func append(_ deputies: [String], kind: IssuanceEntry.Kind, to state: inout State) throws {
        guard !deputies.isEmpty else { return }
        var entries: [IssuanceEntry] = []
        var lines: [Data] = []
        var head = state.head
        // The entries of one list are logged, and flushed, at one time.
        let at = Timestamp.string(clock())
        entries.reserveCapacity(deputies.count)
        lines.reserveCapacity(deputies.count)
        for deputy in deputies {
            let entry = IssuanceEntry(seq: state.entries.count + entries.count + 1, deputy: deputy, kind: kind, at: at, prev: head)
            let line = try entry.lineBytes()
            entries.append(entry)
            lines.append(line)
            head = vote.manifest.hash.digest(line)
        }
        try FileAccess.appendLines(vote.folder.issuanceLogURL, lines: lines)
        state.entries += entries
        state.logged.formUnion(deputies)
        state.head = head
        let electronic = kind.isPaper ? 0 : deputies.count
        state.summary = IssuanceChain.Summary(
            head: head, entries: kind == .paperForRoster ? vote.roster.count : state.summary.entries + deputies.count,
            credentials: state.summary.credentials + electronic)
        state.size += lines.reduce(0) { $0 + $1.count + 1 }
    }

    /// Seals the log: writes `issuance.json`, signed by the registrar. Nothing is issued after.
    @discardableResult
    public func seal() throws -> IssuanceSeal {
        try FolderLock.withLock(vote.folder.url) {
            let summary = try state.withLock { state in
                try refresh(&state)
                return state.summary
            }
            let seal = IssuanceSeal(
                vote: vote.hash,
                sealedAt: Timestamp.string(clock()),
                deputies: vote.roster.count,
                present: summary.entries,
                credentials: summary.credentials,
                paper: summary.paper,
                head: summary.head,
                entries: nil
            )
            var envelope = try SignedEnvelope(payloadType: IssuanceSeal.payloadType, encoding: seal)
            try envelope.sign(with: signingKey)
            do {
                try FileAccess.create(vote.folder.issuanceSealURL, data: envelope.fileData())
            } catch let error as ShishiError where error.code == .fileExists {
                throw ShishiError(.registrarSealed, zh: "签到已经封存过了。", en: "Sign-in is already sealed.")
            }
            return seal
        }
    }
}
