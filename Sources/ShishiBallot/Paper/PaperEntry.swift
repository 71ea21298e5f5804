public import Foundation
public import ShishiCore

/// Entering and countersigning paper ballot boxes (`shishi paper enter`, `shishi paper countersign`).
///
/// The counters key each ballot as one CSV row: a `serial` column (optional) and one column per
/// candidate id, each cell `Y`/`同意`/`✓`, `N`/`不同意`, blank/`弃权`, or `?` for a mark that
/// cannot be read. Over-marked and blank ballots are recorded as they are.
public struct PaperEntry: Sendable {
    /// The vote.
    public let vote: Vote

    /// Creates paper entry for `vote`.
    public init(vote: Vote) {
        self.vote = vote
    }

    /// Reads the counters' CSV for a box into ballots, refusing unreadable cells with the line and column.
    public func ballots(csv data: Data, source: String) throws -> [PaperBallot] {
        let text = try FileAccess.utf8Text(data, source: source)
        let manifest = vote.manifest
        var columns: [CSVTable.Column] = [.init("serial", aliases: ["序号", "票号", "编号"], required: false)]
        columns += manifest.candidates.map { CSVTable.Column($0.id, required: false) }
        let table = try CSVTable(text: text, source: source, columns: columns)
        for candidate in manifest.candidates where !table.columns.contains(candidate.id) {
            throw ShishiError(
                .paperMissingCandidate,
                zh: "\(source) 第 1 行：缺少候选项目“\(candidate.id)”这一列。每个候选项目一列。",
                en: "\(source) line 1: no column for candidate “\(candidate.id)”. Give one column per candidate."
            )
        }
        var serials: [String: Int] = [:]
        return try table.rows.map { row in
            let serial = row["serial"].isEmpty ? "L\(row.line)" : row["serial"]
            if let first = serials[serial] {
                throw ShishiError(
                    .paperDuplicateSerial,
                    zh: "\(source) 第 \(row.line) 行：票号“\(serial)”与第 \(first) 行重复。",
                    en: "\(source) line \(row.line): serial “\(serial)” repeats line \(first)."
                )
            }
            serials[serial] = row.line
            if manifest.style == .points {
                var points: [String: Int] = [:]
                for candidate in manifest.candidates {
                    let cell = row[candidate.id]
                    if cell.isEmpty { continue }
                    guard let value = Int(cell), value >= 0 else {
                        throw ShishiError(
                            .paperBadMark,
                            zh: "\(source) 第 \(row.line) 行，“\(candidate.id)”列：“\(cell)”不是分数。\(Self.allowedMarks(manifest.style).zh)",
                            en:
                                "\(source) line \(row.line), column “\(candidate.id)”: “\(cell)” is not a number of points. \(Self.allowedMarks(manifest.style).en)"
                        )
                    }
                    if value > 0 { points[candidate.id] = value }
                }
                return PaperBallot(serial: serial, line: row.line, marks: [:], points: points)
            }
            var marks: [String: PaperMark] = [:]
            for candidate in manifest.candidates {
                let cell = row[candidate.id]
                guard let parsed = PaperMark.parse(cell) else {
                    throw ShishiError(
                        .paperBadMark,
                        zh: "\(source) 第 \(row.line) 行，“\(candidate.id)”列：无法识别的标记“\(cell)”。\(Self.allowedMarks(manifest.style).zh)",
                        en: "\(source) line \(row.line), column “\(candidate.id)”: unrecognised mark “\(cell)”. \(Self.allowedMarks(manifest.style).en)"
                    )
                }
                if let mark = parsed {
                    guard mark.fits(manifest.style) else {
                        throw ShishiError(
                            manifest.style == .approval ? .paperNoOnApproval : .paperMarkMisfit,
                            zh: "\(source) 第 \(row.line) 行，“\(candidate.id)”列：\(Self.allowedMarks(manifest.style).zh)",
                            en: "\(source) line \(row.line), column “\(candidate.id)”: \(Self.allowedMarks(manifest.style).en)"
                        )
                    }
                    marks[candidate.id] = mark
                }
            }
            return PaperBallot(serial: serial, line: row.line, marks: marks)
        }
    }

    /// The cells a paper ballot of `style` may hold, in words.
    static func allowedMarks(_ style: BallotStyle) -> Text {
        switch style {
        case .yesNoAbstain: Text("可用：Y/同意/✓、N/不同意/X、空白/弃权、?/无法辨认。", "Use Y/同意/✓, N/不同意/X, blank/弃权, or ? for unreadable.")
        case .approval: Text("勾选式选票只有勾选（Y/✓）；未勾选请留空，无法辨认写 ?。", "An approval ballot has only ticks (Y/✓); leave unticked cells blank, ? for unreadable.")
        case .rating: Text("测评票可用：满意/S、基本满意/B、不满意/U、空白/弃权、?/无法辨认。", "An evaluation ballot takes 满意/S, 基本满意/B, 不满意/U, blank/弃权, or ? for unreadable.")
        case .points: Text("打分票每格写分数（非负整数），空白为 0 分。", "A points ballot takes a whole number of points per cell; blank is 0.")
        }
    }

    /// Enters box `box` from the counters' CSV: checks, signs by `counter` (and `scrutineer`, if
    /// given) and writes `paper/box-N.json`. Refuses a box already entered.
    @discardableResult
    public func enter(box: Int, csv data: Data, source: String, issued: Int, takenOut: Int, counter: PrivateKey, scrutineer: PrivateKey? = nil, now: Date)
        throws -> PaperBatch
    {
        return try enter(
            box: box, ballots: ballots(csv: data, source: source), source: source, sourceHash: vote.manifest.hash.digest(data),
            issued: issued, takenOut: takenOut, counter: counter, scrutineer: scrutineer, now: now)
    }

    /// Enters box `box` from ballots already read, attested by `counter`: the ballots are
    /// unsigned, the batch is signed. `sourceHash` names the file read.
    @discardableResult
    public func enter(
        box: Int, ballots: [PaperBallot], source: String, sourceHash: HashValue, issued: Int, takenOut: Int, counter: PrivateKey, scrutineer: PrivateKey? = nil,
        now: Date
    ) throws -> PaperBatch {
        let (made, prepared) = try batch(
            box: box, ballots: ballots, source: source, sourceHash: sourceHash, issued: issued, takenOut: takenOut, counter: counter.publicKey.fingerprint,
            now: now)
        var envelope = prepared
        try envelope.sign(with: counter)
        if let scrutineer {
            try requireScrutineer(scrutineer)
            try envelope.sign(with: scrutineer)
        }
        return try submit(envelope, sheet: nil, made: made)
    }

    /// The batch of box `box`, checked and ready to be signed by the counter whose key has
    /// `fingerprint` (in a counter's browser, whose key never leaves it): a positive box number,
    /// counts that are not negative, a published counter, one row per ballot taken out, a box not
    /// entered yet. Nothing is written.
    public func prepare(
        box: Int, ballots: [PaperBallot], source: String, sourceHash: HashValue, issued: Int, takenOut: Int, counter fingerprint: String, now: Date
    ) throws -> SignedEnvelope {
        try batch(box: box, ballots: ballots, source: source, sourceHash: sourceHash, issued: issued, takenOut: takenOut, counter: fingerprint, now: now).1
    }

    /// The batch ``prepare(box:ballots:source:sourceHash:issued:takenOut:counter:now:)`` makes, and its envelope.
    func batch(
        box: Int, ballots: [PaperBallot], source: String, sourceHash: HashValue, issued: Int, takenOut: Int, counter fingerprint: String,
        ballotsFile: String? = nil, now: Date
    ) throws -> (PaperBatch, SignedEnvelope) {
        guard box >= 1 else {
            throw ShishiError(.paperBadBox, zh: "票箱编号应为正整数。", en: "The box number must be a positive whole number.")
        }
        guard issued >= 0, takenOut >= 0 else {
            throw ShishiError(.paperBadCount, zh: "发出票数和收回票数不能为负。", en: "Ballots issued and taken out cannot be negative.")
        }
        let official = try counter(fingerprint)
        guard ballots.count == takenOut || ballotsFile != nil else {
            throw ShishiError(
                .paperCountMismatch,
                zh: "\(source) 录入了 \(ballots.count) 张选票，但收回票数为 \(takenOut)：请逐张核对，每张收回的选票录一行。",
                en:
                    "\(source) holds \(ballots.count, noun: "ballot") but \(takenOut, verb: "were") taken out of the box: check again; key one row per ballot taken out."
            )
        }
        try requireNotEntered(box)
        let batch = PaperBatch(
            vote: vote.hash, round: vote.manifest.round, box: box, issued: issued, takenOut: takenOut,
            enteredBy: official.name, enteredAt: Timestamp.string(now), source: sourceHash, ballots: ballots, ballotsFile: ballotsFile
        )
        if let payload = batch.canonicalBytes() { return (batch, SignedEnvelope(payloadType: PaperBatch.payloadType, payload: payload)) }
        return (batch, try SignedEnvelope(payloadType: PaperBatch.payloadType, encoding: batch))
    }

    /// Writes a signed batch as `paper/box-N.json` (and the entry sheet it was made from as
    /// `paper/box-N.csv`, when given), after checking it as the count will (``verify(_:source:)``:
    /// a published counter's valid signature, any other by a published scrutineer) and that
    /// the box has not been entered, under the folder's lock.
    @discardableResult
    public func submit(_ envelope: SignedEnvelope, sheet: Data?) throws -> PaperBatch {
        try submit(envelope, sheet: sheet, made: nil)
    }

    /// ``submit(_:sheet:)`` of an envelope `made` from a batch in this process: the batch is not
    /// decoded again (a Pabulib import's box holds a whole city), but checked all the same.
    func submit(_ envelope: SignedEnvelope, sheet: Data?, made: PaperBatch?) throws -> PaperBatch {
        // A batch whose ballots are a file is read as the count reads it, without making a value of each ballot.
        let batch = try made.map { try check($0, of: envelope, source: "box").batch } ?? self.read(envelope, source: "box").0
        let url = vote.folder.paperBatchURL(box: batch.box)
        return try FolderLock.withLock(vote.folder.url) {
            try requireNotEntered(batch.box)
            if let sheet {
                let sheetURL = url.deletingPathExtension().appendingPathExtension("csv")
                unlink(sheetURL.path)  // a sheet left by an entry that never wrote its batch
                try FileAccess.create(sheetURL, data: sheet)
            }
            try FileAccess.create(url, data: envelope.fileData())
            return batch
        }
    }

    /// Adds a scrutineer's countersignature to box `box`: only a signature is added, the payload stays byte for byte.
    public func countersign(box: Int, scrutineer: PrivateKey) throws {
        try requireScrutineer(scrutineer)
        let envelope = try SignedEnvelope.read(from: vote.folder.paperBatchURL(box: box))
        try countersign(
            box: box,
            adding: Signature(suite: scrutineer.suite, key: scrutineer.publicKey.fingerprint, sig: scrutineer.signature(for: envelope.signedBytes)))
    }

    /// Adds a countersignature made elsewhere (a scrutineer's browser) to box `box`: it must be a
    /// published scrutineer's valid signature over the batch as it stands, made once.
    public func countersign(box: Int, adding signature: Signature) throws {
        guard let official = vote.manifest.officials(.scrutineer).first(where: { $0.key.fingerprint == signature.key }) else {
            throw Self.notScrutineer
        }
        let url = vote.folder.paperBatchURL(box: box)
        // Read, add and replace under the folder's lock, so that two countersignatures made at
        // the same moment are both kept.
        try FolderLock.withLock(vote.folder.url) {
            var envelope = try SignedEnvelope.read(from: url)
            _ = try verify(envelope, source: url.lastPathComponent)
            guard !envelope.isSigned(by: official.key) else {
                throw ShishiError(.paperAlreadyCountersigned, zh: "该监票人已经会签过第 \(box) 号票箱。", en: "This scrutineer has already countersigned box \(box).")
            }
            guard signature.suite == official.key.suite, official.key.isValidSignature(signature.sig, for: envelope.signedBytes) else {
                throw ShishiError(
                    .signatureInvalid, zh: "这个签名不是该监票人对第 \(box) 号票箱的有效签名。",
                    en: "This is not the scrutineer's valid signature on box \(box) as it stands.")
            }
            envelope.signatures.append(signature)
            try FileAccess.replace(url, data: envelope.fileData())
        }
    }

    /// The published counter whose key has `fingerprint`, or the refusal.
    private func counter(_ fingerprint: String) throws -> Official {
        guard let official = vote.manifest.officials(.counter).first(where: { $0.key.fingerprint == fingerprint }) else {
            throw ShishiError(
                .paperNotCounter,
                zh: "这把密钥不属于 manifest 中的任何计票人：只有公布的计票人才能录入纸质选票。",
                en: "This key belongs to none of the counters in the manifest: only a published counter can enter paper ballots."
            )
        }
        return official
    }

    private func requireNotEntered(_ box: Int) throws {
        let url = vote.folder.paperBatchURL(box: box)
        if FileManager.default.fileExists(atPath: url.path) {
            throw ShishiError(
                .paperBoxEntered,
                zh: "第 \(box) 号票箱已经录入过（\(url.lastPathComponent)），不会覆盖。如需更正，请与监票人一起处理原文件。",
                en:
                    "Box \(box) has already been entered (\(url.lastPathComponent)) and will not be overwritten. To correct it, deal with that file together with the scrutineers."
            )
        }
    }

    private static let notScrutineer = ShishiError(
        .paperNotScrutineer,
        zh: "这把密钥不属于 manifest 中的任何监票人。",
        en: "This key belongs to none of the scrutineers in the manifest."
    )

    private func requireScrutineer(_ key: PrivateKey) throws {
        guard vote.manifest.officials(.scrutineer).contains(where: { $0.key == key.publicKey }) else { throw Self.notScrutineer }
    }

    /// The checks of ``verify(_:source:)`` on a batch already decoded from `envelope`'s payload.
    func check(_ batch: PaperBatch, of envelope: SignedEnvelope, source: String) throws -> (batch: PaperBatch, scrutineers: [String]) {
        guard batch.vote == vote.hash, batch.round == vote.manifest.round else {
            throw ShishiError(.paperOtherVote, zh: "\(source)：属于另一次投票或另一轮。", en: "\(source): belongs to another vote or round.")
        }
        guard let counter = vote.manifest.officials(.counter).first(where: { $0.name == batch.enteredBy }), envelope.isSigned(by: counter.key) else {
            throw ShishiError(
                .signatureInvalid,
                zh: "\(source)：没有计票人“\(batch.enteredBy)”的有效签名：内容在录入后被改动过，或录入者不是公布的计票人。",
                en: "\(source): no valid signature by counter “\(batch.enteredBy)”: the content was changed after entry, or the counter is not published."
            )
        }
        let points = vote.manifest.style == .points
        if let misfit = batch.ballots.first(where: {
            $0.marks.values.contains { !$0.fits(vote.manifest.style) } || ($0.points != nil) != points
                || ($0.points?.keys.contains { vote.manifest.candidate($0) == nil } ?? false)
        }) {
            throw misfitError(misfit.serial, source: source)
        }
        let officials = vote.manifest.officials
        for signature in envelope.signatures where signature.key != counter.key.fingerprint {
            guard let official = officials.first(where: { $0.key.fingerprint == signature.key && $0.role == .scrutineer }),
                official.key.isValidSignature(signature.sig, for: envelope.signedBytes)
            else {
                throw ShishiError(
                    .signatureInvalid,
                    zh: "\(source)：有一个会签不是公布的监票人的有效签名。",
                    en: "\(source): a countersignature is not a valid signature by a published scrutineer."
                )
            }
        }
        let scrutineers = officials.filter { official in
            official.role == .scrutineer && envelope.signatures.contains { $0.key == official.key.fingerprint }
        }.map(\.name)
        return (batch, scrutineers)
    }
}
