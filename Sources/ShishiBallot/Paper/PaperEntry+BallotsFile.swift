public import Foundation
public import ShishiCore

extension PaperEntry {
    /// Enters box `box` as the file `file` already in the vote folder (an imported Pabulib file,
    /// kept as ``PabulibFile/keptName``), attested by `counter`: the signed batch names the file
    /// and its hash instead of listing the ballots, and the count reads them from the file
    /// (``verifyForCount(_:source:)``). The file is read and checked as the count will read it
    /// before anything is written, unless the caller has just read it (`read`, the ballots it
    /// holds, from the bytes whose hash the batch names): then those are checked. The batch
    /// returned lists no ballot.
    @discardableResult
    public func enter(
        box: Int, ballotsFile file: String, read: CompactPaperBallots? = nil, source: String, issued: Int, takenOut: Int, counter: PrivateKey, now: Date
    ) throws -> PaperBatch {
        let data = try FileAccess.read(vote.folder.url.appendingPathComponent(file))
        let (made, prepared) = try batch(
            box: box, ballots: [], source: source, sourceHash: vote.manifest.hash.digest(data), issued: issued, takenOut: takenOut,
            counter: counter.publicKey.fingerprint, ballotsFile: file, now: now)
        var envelope = prepared
        try envelope.sign(with: counter)
        guard let read else { return try submit(envelope, sheet: nil, made: nil) }
        try requireFit(read, file: file, takenOut: takenOut, source: source)
        return try submit(envelope, sheet: nil, made: made)
    }

    /// Reads and checks a paper batch envelope: type, vote, round, a published counter's signature,
    /// and any other signature by a published scrutineer. Returns the batch and its scrutineers' names.
    ///
    /// A batch whose ballots are a file in the folder (``PaperBatch/ballotsFile``) is returned
    /// with the ballots read from it, once the file is found to be the one the counter signed.
    public func verify(_ envelope: SignedEnvelope, source: String) throws -> (batch: PaperBatch, scrutineers: [String]) {
        var (batch, kept, scrutineers) = try read(envelope, source: source)
        if let kept { batch.ballots = kept.ballots }
        return (batch, scrutineers)
    }

    /// ``verify(_:source:)`` for counting: the ballots held compactly (a batch whose ballots are
    /// a file, a whole city's votes, is read straight into them), the batch's own list empty.
    public func verifyForCount(_ envelope: SignedEnvelope, source: String) throws -> (
        batch: PaperBatch, ballots: CompactPaperBallots, scrutineers: [String]
    ) {
        var (batch, kept, scrutineers) = try read(envelope, source: source)
        let ballots =
            kept ?? CompactPaperBallots(batch.ballots, candidateIDs: vote.manifest.candidates.map(\.id), points: vote.manifest.style == .points)
        batch.ballots = []
        return (batch, ballots, scrutineers)
    }

    /// The batch, checked, with the ballots of its ballots file when it has one.
    func read(_ envelope: SignedEnvelope, source: String) throws -> (PaperBatch, CompactPaperBallots?, [String]) {
        let batch =
            envelope.payloadType == PaperBatch.payloadType
            ? try PaperBatch.canonical(envelope.payload) ?? envelope.decodePayload(PaperBatch.self, expecting: PaperBatch.payloadType, source: source)
            : try envelope.decodePayload(PaperBatch.self, expecting: PaperBatch.payloadType, source: source)
        // The signature is checked before a ballots file is read: a forged batch names no file.
        let (_, scrutineers) = try check(batch, of: envelope, source: source)
        guard let file = batch.ballotsFile else { return (batch, nil, scrutineers) }
        let ballots = try ballots(in: file, of: batch, source: source)
        try requireFit(ballots, file: file, takenOut: batch.takenOut, source: source)
        return (batch, ballots, scrutineers)
    }

    /// The ballots of a batch kept as a file in the folder: the file must be there, hash to the
    /// batch's signed ``PaperBatch/source``, read as a Pabulib file whose projects are the
    /// vote's candidates; the batch lists none itself.
    private func ballots(in file: String, of batch: PaperBatch, source: String) throws -> CompactPaperBallots {
        func refusal(_ zh: String, _ en: String) -> ShishiError { ballotsFileRefusal(zh, en, source: source) }
        guard file == PabulibFile.keptName, batch.ballots.isEmpty else {
            throw refusal(
                "选票所在的文件“\(file)”不是 shishi 能读的（只有导入的 \(PabulibFile.keptName)，票箱本身不再列出选票）。",
                "the ballots file “\(file)” is not one shishi reads (only an imported \(PabulibFile.keptName), with no ballots listed in the box itself).")
        }
        let url = vote.folder.url.appendingPathComponent(file)
        guard let data = try? FileAccess.read(url) else {
            throw refusal("选票所在的文件 \(file) 不见了或无法读取。", "the ballots file \(file) is missing or unreadable.")
        }
        guard batch.source == vote.manifest.hash.digest(data) else {
            throw refusal(
                "\(file) 与计票人签名时的文件不同（哈希不符）：选票在录入后被改动过。",
                "\(file) is not the file the counter signed (its hash differs): the ballots were changed after entry.")
        }
        guard
            let text = try? FileAccess.utf8Text(data, source: file),
            let ballots = try? PabulibFile.compactBallots(
                text: text, source: file, candidateIDs: vote.manifest.candidates.map(\.id), sourceIDs: vote.manifest.candidates.map(\.sourceID),
                points: vote.manifest.style == .points)?.ballots
        else { throw notBallots(file, source: source) }
        return ballots
    }

    /// What the reading of a ballots file must hold, read by the count or handed to
    /// ``enter(box:ballotsFile:read:source:issued:takenOut:counter:now:)``: one ballot per ballot
    /// taken out, every mark fitting the vote's style.
    private func requireFit(_ ballots: CompactPaperBallots, file: String, takenOut: Int, source: String) throws {
        guard ballots.count == takenOut else { throw notBallots(file, source: source) }
        if let misfit = ballots.misfit(for: vote.manifest.style) { throw misfitError(ballots.serials[misfit], source: source) }
    }

    private func ballotsFileRefusal(_ zh: String, _ en: String, source: String) -> ShishiError {
        ShishiError(.paperBallotsFile, zh: "\(source)：\(zh)", en: "\(source): \(en)")
    }

    /// The refusal of a ballots file that does not read as the box's ballots.
    private func notBallots(_ file: String, source: String) -> ShishiError {
        ballotsFileRefusal(
            "\(file) 读不出与本次投票的候选项目和收回票数相符的选票。", "\(file) does not read as ballots on this vote's candidates, as many as were taken out.",
            source: source)
    }

    /// The refusal of a ballot whose marks do not fit the vote's style.
    func misfitError(_ serial: String, source: String) -> ShishiError {
        ShishiError(
            .paperMarkMisfit,
            zh: "\(source)：第 \(serial) 号选票的标记不合本次投票的票式（\(vote.manifest.style.rawValue)）。",
            en: "\(source): ballot \(serial) carries marks that do not fit this vote's style (\(vote.manifest.style.rawValue))."
        )
    }
}
