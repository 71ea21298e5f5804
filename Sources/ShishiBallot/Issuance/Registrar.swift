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
    private let state: Mutex<State>

    private struct State {
        var entries: [IssuanceEntry]
        var head: HashValue
        var reserved: Set<String>
    }

    /// Opens the registrar for `vote` with its keys, replaying and checking the log so far.
    ///
    /// `blindKey` is needed to issue credentials in secret votes (not to admit paper voters or to
    /// seal); `clock` stamps log entries.
    public init(vote: Vote, signingKey: PrivateKey, blindKey: BlindPrivateKey?, clock: @escaping @Sendable () -> Date = Date.init) throws {
        guard signingKey.publicKey == vote.manifest.keys.registrar else {
            throw ShishiError(
                "registrar.wrongKey",
                zh: "这把签名密钥不是本次投票 manifest 中公布的登记员密钥。",
                en: "This signing key is not the registrar key published in this vote's manifest."
            )
        }
        if let blindKey, blindKey.publicKey != vote.manifest.keys.blind {
            throw ShishiError(
                "registrar.wrongBlindKey",
                zh: "这把 RSA 私钥不是本次投票的盲签名密钥（manifest 中公布的指纹为 \(vote.manifest.keys.blindFingerprint?.prefix(16) ?? "无")…）。",
                en: "This RSA key is not this vote's blind-signing key (the manifest publishes fingerprint \(vote.manifest.keys.blindFingerprint?.prefix(16) ?? "none")…)."
            )
        }
        self.vote = vote
        self.signingKey = signingKey
        self.blindKey = blindKey
        self.clock = clock
        let entries = try Self.readLog(vote)
        let head = try IssuanceChain.verify(entries, vote: vote, source: "issuance/log.jsonl").head
        state = Mutex(State(entries: entries, head: head, reserved: Set(entries.map(\.deputy))))
    }

    /// Reads the running log, line by line, strictly.
    static func readLog(_ vote: Vote) throws -> [IssuanceEntry] {
        let url = vote.folder.issuanceLogURL
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data = try FileAccess.read(url)
        var entries: [IssuanceEntry] = []
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            entries.append(try StrictJSON.decode(IssuanceEntry.self, from: Data(line), source: "issuance/log.jsonl line \(number + 1)"))
        }
        return entries
    }

    /// Whether the log has been sealed.
    public var isSealed: Bool { FileManager.default.fileExists(atPath: vote.folder.issuanceSealURL.path) }

    /// The entries logged so far.
    public var entries: [IssuanceEntry] { state.withLock { $0.entries } }

    /// Issues a credential: checks the request, signs it blind, and logs the issuance.
    public func issue(_ request: CredentialRequest) throws -> CredentialGrant {
        try issue(batch: [request])[0]
    }

    /// Issues credentials for many requests at once (a sign-in desk with a queue): all are
    /// checked, then signed blind on all cores, then logged in the queue's order with one flush.
    /// Either every request is granted or none is (the first refusal is thrown, nothing logged);
    /// nothing is handed out before it is on disk.
    public func issue(batch requests: [CredentialRequest]) throws -> [CredentialGrant] {
        if let foreign = requests.first(where: { $0.vote != vote.hash }) {
            throw ShishiError(
                "registrar.otherVote",
                zh: "代表 \(foreign.deputy) 的请求属于另一次投票（manifest 哈希不同）：请在终端上载入本次投票。",
                en: "The request for deputy \(foreign.deputy) is for another vote (a different manifest hash): load this vote on the terminal."
            )
        }
        guard vote.manifest.secrecy == .secret else {
            throw ShishiError(
                "credential.recordedVote",
                zh: "这是记名投票：不发匿名凭证。",
                en: "This is a recorded vote: no anonymous credentials are issued."
            )
        }
        guard let blindKey else {
            throw ShishiError(
                "registrar.noBlindKey",
                zh: "签发匿名凭证需要登记员的 RSA 盲签名私钥（--blind-key）。",
                en: "Issuing anonymous credentials needs the registrar's RSA blind-signing private key (--blind-key)."
            )
        }
        let deputies = requests.map(\.deputy)
        try reserve(deputies)
        let signatures: [Data]
        do {
            signatures = try parallelMap(requests) { try blindKey.blindSignature(for: $0.blindedMessage) }
        } catch {
            release(deputies)
            throw error
        }
        try log(deputies, kind: .credential)
        return zip(requests, signatures).map { CredentialGrant(vote: vote.hash, deputy: $0.deputy, blindSignature: $1) }
    }

    /// Admits deputies to a recorded vote: logs their sign-in (one flush); they vote with their roster keys.
    public func admit(_ deputies: [String]) throws {
        guard vote.manifest.secrecy == .recorded else {
            throw ShishiError(
                "registrar.secretVote",
                zh: "这是无记名投票：请为代表签发匿名凭证，而不是记名登记。",
                en: "This is a secret vote: issue the deputy an anonymous credential, not a recorded admission."
            )
        }
        try reserve(deputies)
        try log(deputies, kind: .recorded)
    }

    /// Admits one deputy to a recorded vote.
    public func admit(_ deputy: String) throws {
        try admit([deputy])
    }

    /// Logs that deputies signed in and received paper ballots (one flush).
    public func issuePaperBallots(to deputies: [String]) throws {
        try reserve(deputies)
        try log(deputies, kind: .paper)
    }

    /// Logs that `deputy` signed in and received a paper ballot.
    public func issuePaperBallot(to deputy: String) throws {
        try issuePaperBallots(to: [deputy])
    }

    /// Reserves every deputy of a batch, or none: the first refusal is thrown.
    private func reserve(_ deputies: [String]) throws {
        var done: [String] = []
        do {
            for deputy in deputies {
                try reserve(deputy)
                done.append(deputy)
            }
        } catch {
            release(done)
            throw error
        }
    }

    private func release(_ deputies: [String]) {
        state.withLock { state in deputies.forEach { state.reserved.remove($0) } }
    }

    private func reserve(_ deputy: String) throws {
        guard !isSealed else {
            throw ShishiError(
                "registrar.sealed",
                zh: "签到已封存，不能再发放凭证或选票。",
                en: "Sign-in is sealed: no more credentials or ballots can be issued."
            )
        }
        guard let person = vote.roster[deputy] else {
            throw ShishiError(
                "registrar.unknownDeputy",
                zh: "代表“\(deputy)”不在本次投票的代表名单上，不能领取凭证。",
                en: "Deputy “\(deputy)” is not on this vote's roster and cannot receive a credential."
            )
        }
        try state.withLock { state in
            guard state.reserved.insert(deputy).inserted else {
                throw ShishiError(
                    "registrar.alreadyIssued",
                    zh: "代表 \(deputy)（\(person.name)）已经领取过凭证或选票，每位代表只能领取一次。",
                    en: "Deputy \(deputy) (\(person.name)) has already received a credential or ballot; each deputy receives one."
                )
            }
        }
    }

    /// Appends one entry per deputy and flushes them to disk together.
    private func log(_ deputies: [String], kind: IssuanceEntry.Kind) throws {
        try state.withLock { state in
            var entries: [IssuanceEntry] = []
            var lines: [Data] = []
            var head = state.head
            for deputy in deputies {
                let entry = IssuanceEntry(seq: state.entries.count + entries.count + 1, deputy: deputy, kind: kind, at: Timestamp.string(clock()), prev: head)
                let line = try entry.lineBytes()
                entries.append(entry)
                lines.append(line)
                head = vote.manifest.hash.digest(line)
            }
            try FileAccess.appendLines(vote.folder.issuanceLogURL, lines: lines)
            state.entries += entries
            state.head = head
        }
    }

    /// Seals the log: writes `issuance.json`, signed by the registrar. Nothing is issued after.
    @discardableResult
    public func seal() throws -> IssuanceSeal {
        let (entries, head) = state.withLock { ($0.entries, $0.head) }
        let credentials = entries.filter { $0.kind != .paper }.count
        let seal = IssuanceSeal(
            vote: vote.hash,
            sealedAt: Timestamp.string(clock()),
            deputies: vote.roster.count,
            present: entries.count,
            credentials: credentials,
            paper: entries.count - credentials,
            head: head,
            entries: nil
        )
        var envelope = try SignedEnvelope(payloadType: IssuanceSeal.payloadType, encoding: seal)
        try envelope.sign(with: signingKey)
        do {
            try FileAccess.create(vote.folder.issuanceSealURL, data: envelope.fileData())
        } catch let error as ShishiError where error.code == "file.exists" {
            throw ShishiError("registrar.sealed", zh: "签到已经封存过了。", en: "Sign-in is already sealed.")
        }
        return seal
    }
}
