import ShishiBallot
import ShishiCore

extension Tally {
    /// Checks 1 to 3, on the vote as opened: the manifest's signature, the roster's hash (both
    /// checked when the folder opened) and the registrar's blind-signing key.
    func definitionChecks() -> [CheckOutcome] {
        let manifest = vote.manifest
        var checks = [
            CheckOutcome(.manifest, passed: true, detail: Text("秘书处签名有效；manifest 哈希 \(vote.hash)", "secretariat signature valid; manifest hash \(vote.hash)")),
            CheckOutcome(.roster, passed: true, detail: Text("代表 \(vote.roster.count) 名，哈希一致", "\(vote.roster.count, noun: "deputy"), hash matches")),
        ]
        if let blind = manifest.keys.blind {
            checks.append(
                CheckOutcome(
                    .registrarKey, passed: blind.keySizeInBits >= BlindPublicKey.minimumBits && blind.fingerprint == manifest.keys.blindFingerprint,
                    detail: Text(
                        "RSA-\(blind.keySizeInBits)，指纹 \(blind.fingerprint.prefix(16))… 与公布的一致",
                        "RSA-\(blind.keySizeInBits), fingerprint \(blind.fingerprint.prefix(16))… as published")))
        } else {
            checks.append(
                CheckOutcome(
                    .registrarKey, passed: true,
                    detail: manifest.paperOnly == true
                        ? Text("只收纸质选票，不使用盲签名密钥", "paper ballots only: no blind-signing key")
                        : Text("记名投票，不使用盲签名密钥", "recorded vote: no blind-signing key")))
        }
        return checks
    }

    /// Checks 4 and 5, from the sealed issuance log: the deputies present, and the quorum.
    func attendanceChecks(_ seal: IssuanceSeal) -> [CheckOutcome] {
        let attendance = Attendance(seal: seal, vote: vote)
        return [
            CheckOutcome(
                .issuance, passed: true, checked: seal.present,
                detail: Text(
                    "出席 \(seal.present) 名：电子 \(seal.credentials)，纸质 \(seal.paper)；链头 \(seal.head.short)…",
                    "\(seal.present) present: \(seal.credentials) electronic, \(seal.paper) paper; chain head \(seal.head.short)…")),
            CheckOutcome(
                .quorum, passed: attendance.quorumMet,
                detail: Text(
                    "出席 \(seal.present) 名，须超过全体 \(vote.roster.count) 名的 \(vote.manifest.rules.quorum)（\(attendance.quorumFigure)）",
                    "\(seal.present) present; more than \(vote.manifest.rules.quorum) of \(vote.roster.count) (\(attendance.quorumFigure)) needed")),
        ]
    }

    /// Checks 16 and 17: no more electronic ballots than credentials, no more ballots than issued.
    static func returnChecks(returnedElectronic: Int, credentials: Int, returned: Int, issued: Int) -> [CheckOutcome] {
        [
            CheckOutcome(
                .electronicReturned, passed: Attendance.returnedWithinIssued(returned: returnedElectronic, issued: credentials),
                detail: Text(
                    "电子选票 \(returnedElectronic) 张，发放凭证 \(credentials) 份",
                    "\(returnedElectronic, noun: "electronic ballot") for \(credentials, noun: "credential") issued")),
            CheckOutcome(
                .returnedWithinIssued, passed: Attendance.returnedWithinIssued(returned: returned, issued: issued),
                detail: Text("收回 \(returned) 张，发出 \(issued) 张", "\(returned) returned, \(issued) issued")),
        ]
    }

    /// The sign-ins the sealed log records after the head a close record names (none when the
    /// record names none, or the log's own head). No clock is compared. A head that is no line of
    /// the sealed log means the log was changed after the close: the folder cannot be counted.
    func signIns(after record: BoxClose, seal: IssuanceSeal) throws -> [IssuanceEntry] {
        guard let head = record.issuanceHead, head != seal.head else { return [] }
        let found: [IssuanceEntry]?
        do {
            found = try seal.entries(after: head, for: vote)
        } catch let error as ShishiError {
            throw cannotCount(.boxClose, error.message)
        }
        guard let late = found else {
            throw cannotCount(
                .boxClose,
                Text(
                    "封箱记录所写的签到日志链头不在封存的签到日志中：签到日志在封箱后被改动过",
                    "the sign-in log's head the close record names is not in the sealed log: the log was changed after the close"))
        }
        return late
    }

    /// Check 19 with the sign-ins after the close added: it fails for each, and names them.
    static func addingLateSignIns(_ late: [IssuanceEntry], to check: CheckOutcome) -> CheckOutcome {
        guard !late.isEmpty else { return check }
        var check = check
        let names = late.map { $0.deputy.isEmpty ? $0.kind.rawValue : $0.deputy }.joined(separator: ", ")
        check.passed = false
        check.failed += late.count
        check.detail = Text(
            "\(check.detail.zh)；封箱后仍有 \(late.count) 人签到：\(names)", "\(check.detail.en); \(late.count) signed in after the close: \(names)")
        return check
    }
}
