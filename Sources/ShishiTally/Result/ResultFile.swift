public import Foundation
public import ShishiBallot
public import ShishiCore

/// The result files of a vote folder: `result.json` (the signed result) and
/// `counted-trackers.txt` (the sorted trackers its box digest covers, one hex per line).
public struct ResultFile: Sendable {
    /// The vote.
    public let vote: Vote

    /// Names the result files of `vote`.
    public init(vote: Vote) {
        self.vote = vote
    }

    /// `result.json`.
    public var url: URL { vote.folder.resultURL }
    /// `counted-trackers.txt`.
    public var trackersURL: URL { vote.folder.countedTrackersURL }

    /// The published result of the round in `folder`: the previous round of a run-off or a
    /// second round, opened and read strictly (its own checks are `shishi verify`'s).
    public static func published(in folder: URL) throws -> TallyResult {
        try ResultFile(vote: VoteFolder(url: folder).open()).read().result
    }

    /// Whether a result has been written.
    public var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Writes a new result (no signatures yet) and its tracker list; refuses to replace an existing result.
    ///
    /// Under the folder's lock: the temporary files a writer killed mid-write left behind
    /// (`.<name>.<UUID>.tmp`, never linked into place) are removed first, and of two counts
    /// finishing at the same moment one writes and the other is refused. With `stamp` (the box's
    /// ``BallotBox/Stamp`` taken before the count), a box that took a ballot since is refused.
    public func write(_ run: Tally.Run, box stamp: BallotBox.Stamp? = nil) throws {
        try FolderLock.withLock(vote.folder.url) {
            // A ballot cast while the count ran (an open box) is in the box but not in the count:
            // the result would not verify. Refused; the next count takes it in. Once the result
            // is written, under this lock, the box takes no ballot (``RoundPhase/counted``).
            if let stamp, try BallotBox(vote: vote).stamp() != stamp {
                throw ShishiError(
                    .boxChanged, zh: "计票过程中票箱又收到了选票：请重新计票（或先封箱，shishi box close）。",
                    en: "The box took a ballot while the count ran: count again (or close the box first, shishi box close).")
            }
            for folder in [vote.folder.url, vote.folder.boxURL, vote.folder.paperURL] {
                FileAccess.removeAbandonedTemporaries(in: folder)
            }
            if exists {
                throw ShishiError(
                    .resultExists,
                    zh: "本轮已经计过票（result.json 已存在），shishi 不会覆盖它。请用 shishi verify 核对。",
                    en: "This round has already been counted (result.json exists) and shishi will not overwrite it. Check it with shishi verify."
                )
            }
            let envelope = try SignedEnvelope(payloadType: TallyResult.payloadType, encoding: run.result)
            if FileManager.default.fileExists(atPath: trackersURL.path) {
                // Left by a count killed between its two files: the result that would name it was never written.
                unlink(trackersURL.path)
            }
            try FileAccess.create(trackersURL, pieces: run.countedTrackers.filePieces)
            try FileAccess.create(url, data: envelope.fileData())
        }
    }

    /// Reads `result.json` strictly: its envelope and its payload.
    public func read() throws -> (envelope: SignedEnvelope, result: TallyResult) {
        guard exists else {
            throw ShishiError(
                .resultMissing,
                zh: "还没有计票结果（没有 result.json）：请先运行 shishi tally。",
                en: "There is no result yet (no result.json): run shishi tally first."
            )
        }
        let envelope = try SignedEnvelope.read(from: url)
        return (envelope, try envelope.decodePayload(TallyResult.self, expecting: TallyResult.payloadType, source: VoteFolder.Name.result))
    }

    /// The sorted trackers listed in `counted-trackers.txt`.
    public func countedTrackers() throws -> TrackerList {
        try TrackerList(fileData: FileAccess.read(trackersURL), algorithm: vote.manifest.hash)
    }

    /// The scrutineers whose signatures on the result are valid, each named once, and whether
    /// every signature is a valid one by a published scrutineer made once (a signature repeated
    /// counts once, and makes `allValid` false).
    public func signers(_ envelope: SignedEnvelope) -> (names: [String], allValid: Bool) {
        var names: [String] = []
        var seen: Set<String> = []
        var allValid = true
        for signature in envelope.signatures {
            if let official = vote.manifest.officials(.scrutineer).first(where: { $0.key.fingerprint == signature.key }),
                official.key.isValidSignature(signature.sig, for: envelope.signedBytes)
            {
                if seen.insert(signature.key).inserted {
                    names.append(official.name)
                } else {
                    allValid = false
                }
            } else {
                allValid = false
            }
        }
        return (names, allValid)
    }

    /// Countersigns the result as a scrutineer, after checking it against a recount of the
    /// folder: a scrutineer's signature says the published figures are what the files give.
    /// `previous` is the previous round's result, for a later round.
    @discardableResult
    public func countersign(with key: PrivateKey, previous: TallyResult?) throws -> [String] {
        _ = try scrutineer(key.publicKey.fingerprint)
        try requireRecountMatches(previous)
        return try sign(with: key)
    }

    /// Countersigns with a signature made elsewhere (a scrutineer's browser, whose key never
    /// leaves it): the same checks as ``countersign(with:previous:)``, and the signature must
    /// be valid over the result's bytes as they stand.
    @discardableResult
    public func countersign(adding signature: Signature, previous: TallyResult?) throws -> [String] {
        let official = try scrutineer(signature.key)
        try requireRecountMatches(previous)
        return try add(signature, by: official.key)
    }

    /// Adds a scrutineer's signature, without a recount (the count's own tools and tests; a
    /// scrutineer uses ``countersign(with:previous:)``): the payload stays byte for byte; only a
    /// signature is added.
    @discardableResult
    public func sign(with key: PrivateKey) throws -> [String] {
        _ = try scrutineer(key.publicKey.fingerprint)
        let (envelope, _) = try read()
        return try add(Signature(suite: key.suite, key: key.publicKey.fingerprint, sig: key.signature(for: envelope.signedBytes)), by: key.publicKey)
    }

    /// The published scrutineer whose key has `fingerprint`, or the refusal.
    private func scrutineer(_ fingerprint: String) throws -> Official {
        guard let official = vote.manifest.officials(.scrutineer).first(where: { $0.key.fingerprint == fingerprint }) else {
            throw ShishiError(
                .resultNotScrutineer,
                zh: "这把密钥不属于 manifest 中的任何监票人：只有公布的监票人才能会签结果。",
                en: "This key belongs to none of the scrutineers in the manifest: only a published scrutineer can countersign the result."
            )
        }
        return official
    }

    /// Refuses a result that no longer matches a recount of the folder.
    private func requireRecountMatches(_ previous: TallyResult?) throws {
        let verification = try Verification.run(vote, previous: previous)
        // A signature says the figures are what the ballots give: a copy without them cannot say so.
        if verification.isPublicCopy { throw Verification.publicCopyRefusal(Text("会签", "countersigning")) }
        guard verification.differences.isEmpty else {
            throw ShishiError(
                .resultMismatch,
                zh: "result.json 与重新计票不符，不能签名：\(verification.differences.map(\.zh).joined(separator: "；"))",
                en: "result.json does not match the recount and cannot be signed: \(verification.differences.map(\.en).joined(separator: "; "))"
            )
        }
    }

    /// Adds `signature` by `key` to the result, under the folder's lock (read, add, replace: two
    /// scrutineers signing at the same moment each add to what the other wrote).
    private func add(_ signature: Signature, by key: PublicKey) throws -> [String] {
        let envelope = try FolderLock.withLock(vote.folder.url) {
            var (envelope, _) = try read()
            guard !envelope.isSigned(by: key) else {
                throw ShishiError(.resultAlreadySigned, zh: "该监票人已经签过这份结果。", en: "This scrutineer has already signed this result.")
            }
            guard signature.suite == key.suite, signature.key == key.fingerprint, key.isValidSignature(signature.sig, for: envelope.signedBytes) else {
                throw ShishiError(
                    .signatureInvalid, zh: "这个签名不是该监票人对当前 result.json 的有效签名。",
                    en: "This is not the scrutineer's valid signature on result.json as it stands.")
            }
            envelope.signatures.append(signature)
            try FileAccess.replace(url, data: envelope.fileData())
            return envelope
        }
        return signers(envelope).names
    }
}
