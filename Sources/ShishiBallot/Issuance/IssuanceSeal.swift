import Foundation
public import ShishiCore

/// The sealed issuance log (`issuance.json`): the counts and the chain head of
/// `issuance/log.jsonl`, signed by the registrar. Once sealed, no more credentials or paper
/// ballots are issued.
///
/// Version 2 seals the log by its head: every line is committed to by the hash chain, so the
/// lines stay in `issuance/log.jsonl` and a reader streams them (a million sign-ins in a few
/// megabytes of memory). Version 1, which carried the entries themselves, is still read.
public struct IssuanceSeal: Sendable, Codable, Equatable {
    /// The domain label and version of a sealed issuance log.
    public static let payloadType = "shishi/issuance/v2"
    /// The first version, which carried the entries in the seal.
    public static let firstPayloadType = "shishi/issuance/v1"

    /// The manifest hash.
    public var vote: HashValue
    /// When the log was sealed.
    public var sealedAt: String
    /// All deputies on the roster.
    public var deputies: Int
    /// Deputies present: those who signed in (one entry each).
    public var present: Int
    /// Deputies admitted to vote electronically (anonymous credentials, or own keys in recorded votes).
    public var credentials: Int
    /// Paper ballots issued.
    public var paper: Int
    /// The hash of the last log line.
    public var head: HashValue
    /// The log itself, in a version 1 seal; `nil` in version 2, whose log is `issuance/log.jsonl`.
    public var entries: [IssuanceEntry]?

    /// Creates a seal.
    public init(vote: HashValue, sealedAt: String, deputies: Int, present: Int, credentials: Int, paper: Int, head: HashValue, entries: [IssuanceEntry]?) {
        self.vote = vote
        self.sealedAt = sealedAt
        self.deputies = deputies
        self.present = present
        self.credentials = credentials
        self.paper = paper
        self.head = head
        self.entries = entries
    }

    /// Reads `issuance.json` and checks it: the registrar's signature, the vote, the chain, the counts.
    public static func load(for vote: Vote) throws -> IssuanceSeal {
        let url = vote.folder.issuanceSealURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ShishiError(
                .issuanceNotSealed,
                zh: "签到尚未封存（没有 issuance.json）。请登记员运行 shishi issuance seal。",
                en: "Sign-in has not been sealed (no issuance.json). The registrar should run shishi issuance seal."
            )
        }
        let envelope = try SignedEnvelope.read(from: url)
        let version = envelope.payloadType
        let seal = try decoded(envelope)
        try envelope.requireSignature(by: vote.manifest.keys.registrar, role: Text("登记员", "registrar"), source: VoteFolder.Name.issuanceSeal)
        guard seal.vote == vote.hash else {
            throw ShishiError(.issuanceOtherVote, zh: "issuance.json 属于另一次投票。", en: "issuance.json belongs to another vote.")
        }
        let chain: IssuanceChain.Summary
        switch (version, seal.entries) {
        case (firstPayloadType, let entries?):
            chain = try IssuanceChain.verify(entries, vote: vote, source: VoteFolder.Name.issuanceSeal)
        case (payloadType, nil):
            chain = try IssuanceChain.verifyLog(vote: vote)
        default:
            throw ShishiError(
                .issuanceMalformed,
                zh: "issuance.json：\(version == firstPayloadType ? "第 1 版应包含签到条目" : "第 2 版不应包含签到条目，条目在 issuance/log.jsonl 中")。",
                en:
                    "issuance.json: \(version == firstPayloadType ? "a version 1 seal carries the entries" : "a version 2 seal carries no entries; they are in issuance/log.jsonl")."
            )
        }
        guard chain.head == seal.head, seal.present == chain.entries, seal.credentials == chain.credentials,
            seal.paper == chain.entries - chain.credentials, seal.deputies == vote.roster.count
        else {
            throw ShishiError(
                .issuanceCountsMismatch,
                zh: "issuance.json 中的人数或链头与签到日志（\(chain.entries) 条）不符：日志在封存后被增删或改动过。",
                en:
                    "The counts or chain head in issuance.json do not match the issuance log (\(chain.entries, noun: "entry")): the log was changed after sealing."
            )
        }
        return seal
    }

    /// The chain head `issuance.json` names, read without checking the log (a close record names
    /// it; the count checks the log and the seal).
    public static func sealedHead(for vote: Vote) throws -> HashValue {
        try decoded(SignedEnvelope.read(from: vote.folder.issuanceSealURL)).head
    }

    /// The seal an envelope carries, of either version, read strictly (its signature and log
    /// not checked here); another type or version is refused.
    private static func decoded(_ envelope: SignedEnvelope) throws -> IssuanceSeal {
        let version = envelope.payloadType
        guard version == payloadType || version == firstPayloadType else {
            throw ShishiError(
                .formatUnknownVersion,
                zh: "issuance.json：文件类型为“\(version)”，这里需要“\(payloadType)”。若是更新版本的 shishi 写的，请升级 shishi。",
                en: "issuance.json: the file is “\(version)” where “\(payloadType)” is expected. If a newer shishi wrote it, upgrade shishi."
            )
        }
        return try canonical(envelope.payload) ?? envelope.decodePayload(IssuanceSeal.self, expecting: version, source: VoteFolder.Name.issuanceSeal)
    }

    /// The sign-ins this sealed log records after its line whose hash is `head` (all of them when
    /// `head` is the vote hash, the head of an empty log), in log order; `nil` when no line of the
    /// log has that hash. A close record names the head the log had at the close: what follows it
    /// was handed out once voting had ended (``RoundPhase``), which the count reports under check 19.
    public func entries(after head: HashValue, for vote: Vote) throws -> [IssuanceEntry]? {
        let algorithm = vote.manifest.hash
        var found = head == vote.hash
        var late: [IssuanceEntry] = []
        func visit(_ line: Data) throws {
            if found {
                late.append(try IssuanceEntry.canonical(line) ?? StrictJSON.decode(IssuanceEntry.self, from: line, source: VoteFolder.Name.issuanceLog))
            } else if algorithm.digest(line) == head {
                found = true
            }
        }
        if let entries {
            for entry in entries { try visit(entry.lineBytes()) }
        } else if FileManager.default.fileExists(atPath: vote.folder.issuanceLogURL.path) {
            try JSONLines.forEachLine(of: vote.folder.issuanceLogURL) { line in
                if !line.bytes.isEmpty { try visit(line.bytes) }
                return true
            }
        }
        return found ? late : nil
    }
}
