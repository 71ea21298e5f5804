public import Foundation
public import ShishiCore

/// A vote folder: the signed record of one round, checkable offline from its files alone.
///
/// ```
/// DIR/manifest.json       the vote's definition, signed by the secretariat
/// DIR/roster.csv          the deputies, named in the manifest by hash
/// DIR/issuance/log.jsonl  the registrar's hash-chained sign-in log
/// DIR/issuance.json       its seal (counts and chain head), signed by the registrar
/// DIR/box/<tracker>.json  one signed file per electronic ballot
/// DIR/paper/box-N.json    one signed batch per paper ballot box
/// ```
public struct VoteFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Names a vote folder (nothing is read).
    public init(url: URL) {
        self.url = url
    }

    /// `manifest.json`.
    public var manifestURL: URL { url.appendingPathComponent("manifest.json") }
    /// `roster.csv`.
    public var rosterURL: URL { url.appendingPathComponent("roster.csv") }
    /// `issuance/log.jsonl`.
    public var issuanceLogURL: URL { url.appendingPathComponent("issuance").appendingPathComponent("log.jsonl") }
    /// `issuance.json`.
    public var issuanceSealURL: URL { url.appendingPathComponent("issuance.json") }
    /// `box/`.
    public var boxURL: URL { url.appendingPathComponent("box") }
    /// `paper/`.
    public var paperURL: URL { url.appendingPathComponent("paper") }

    /// The paper batch files (`paper/box-N.json`), in box order.
    public func paperBatchFiles() -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: paperURL, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent.localizedStandardCompare($1.lastPathComponent) == .orderedAscending }
    }

    /// The file of paper box `number`.
    public func paperBatchURL(box number: Int) -> URL { paperURL.appendingPathComponent("box-\(number).json") }

    /// Opens the folder: reads the manifest, checks the secretariat's signature, reads the roster
    /// and checks its hash against the manifest.
    public func open() throws -> Vote {
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            throw ShishiError(
                "vote.noManifest",
                zh: "\(url.path) 不是投票目录：找不到 manifest.json。请先用 shishi vote init 或 shishi simulate 创建。",
                en: "\(url.path) is not a vote folder: there is no manifest.json. Create one with shishi vote init or shishi simulate."
            )
        }
        let manifest = try SignedManifest(envelope: SignedEnvelope.read(from: manifestURL), source: "manifest.json")
        // The roster is hashed as it is read; a changed file is reported as such before anything it holds.
        let (roster, rosterHash) = try Roster.read(contentsOf: rosterURL, source: "roster.csv", hash: manifest.manifest.hash)
        guard rosterHash == manifest.manifest.roster.hash else {
            throw ShishiError(
                "vote.rosterAltered",
                zh: "roster.csv 的哈希与 manifest.json 中公布的不符：代表名单在投票定义后被改动过。",
                en: "roster.csv does not match the hash in manifest.json: the roster was changed after the vote was defined."
            )
        }
        FreedMemory.release()
        return try Vote(folder: self, signed: manifest, roster: roster.get())
    }
}

/// A vote folder opened and checked: its manifest, its hash and its roster.
public struct Vote: Sendable {
    /// The folder.
    public let folder: VoteFolder
    /// The signed manifest.
    public let signed: SignedManifest
    /// The roster.
    public let roster: Roster

    /// Puts together a vote whose manifest signature and roster hash have been checked.
    init(folder: VoteFolder, signed: SignedManifest, roster: Roster) throws {
        guard roster.count == signed.manifest.roster.deputies else {
            throw ShishiError("vote.rosterAltered", zh: "代表人数与 manifest.json 不符。", en: "The number of deputies does not match manifest.json.")
        }
        self.folder = folder
        self.signed = signed
        self.roster = roster
    }

    /// The manifest.
    public var manifest: VoteManifest { signed.manifest }
    /// The manifest's hash: the vote's identity.
    public var hash: HashValue { signed.hash }
}

/// A manifest with its envelope and hash, its secretariat signature checked.
public struct SignedManifest: Sendable {
    /// The envelope as read.
    public let envelope: SignedEnvelope
    /// The decoded manifest.
    public let manifest: VoteManifest
    /// The hash of the exact payload bytes.
    public let hash: HashValue

    /// Decodes and checks a manifest envelope.
    public init(envelope: SignedEnvelope, source: String) throws {
        let manifest = try envelope.decodePayload(VoteManifest.self, expecting: VoteManifest.payloadType, source: source)
        try envelope.requireSignature(by: manifest.keys.secretariat, role: Text("秘书处", "secretariat"), source: source)
        try manifest.validate()
        self.envelope = envelope
        self.manifest = manifest
        self.hash = manifest.hash.digest(envelope.payload)
    }
}
