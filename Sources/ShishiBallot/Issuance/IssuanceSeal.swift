public import Foundation
public import ShishiCore

/// The sealed issuance log (`issuance.json`): every sign-in, the counts and the chain head,
/// signed by the registrar. Once sealed, no more credentials or paper ballots are issued.
public struct IssuanceSeal: Sendable, Codable, Equatable {
    /// The domain label and version of a sealed issuance log.
    public static let payloadType = "shishi/issuance/v1"

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
    /// The log itself.
    public var entries: [IssuanceEntry]

    /// Creates a seal.
    public init(vote: HashValue, sealedAt: String, deputies: Int, present: Int, credentials: Int, paper: Int, head: HashValue, entries: [IssuanceEntry]) {
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
                "issuance.notSealed",
                zh: "签到尚未封存（没有 issuance.json）。请登记员运行 shishi issuance seal。",
                en: "Sign-in has not been sealed (no issuance.json). The registrar should run shishi issuance seal."
            )
        }
        let envelope = try SignedEnvelope.read(from: url)
        let seal = envelope.payloadType == payloadType ? canonical(envelope.payload) : nil
        let checked = try seal ?? envelope.decodePayload(IssuanceSeal.self, expecting: payloadType, source: "issuance.json")
        try envelope.requireSignature(by: vote.manifest.keys.registrar, role: Text("登记员", "registrar"), source: "issuance.json")
        return try check(checked, vote: vote)
    }

    /// Checks a read seal against its vote: the vote, the chain and the counts.
    private static func check(_ seal: IssuanceSeal, vote: Vote) throws -> IssuanceSeal {
        guard seal.vote == vote.hash else {
            throw ShishiError("issuance.otherVote", zh: "issuance.json 属于另一次投票。", en: "issuance.json belongs to another vote.")
        }
        let head = try IssuanceChain.verify(seal.entries, vote: vote, source: "issuance.json")
        let credentials = seal.entries.filter { $0.kind != .paper }.count
        guard head == seal.head, seal.present == seal.entries.count, seal.credentials == credentials,
            seal.paper == seal.entries.count - credentials, seal.deputies == vote.roster.count
        else {
            throw ShishiError(
                "issuance.countsMismatch",
                zh: "issuance.json 中的人数或链头与日志条目不符。",
                en: "The counts or chain head in issuance.json do not match its entries."
            )
        }
        return seal
    }
}
