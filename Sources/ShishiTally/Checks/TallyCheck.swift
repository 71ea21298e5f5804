public import ShishiCore

/// The numbered checks of a tally and of `shishi verify`, in the order they run (a check added
/// later takes the next number, so that a number always means the same check).
///
/// Like ElectionGuard's verifier, each check has a fixed number and name, so that a report, a
/// result file and a scrutineer's notes can all refer to "check 9".
public enum TallyCheck: Int, Sendable, CaseIterable, Codable {
    case manifest = 1
    case roster
    case registrarKey
    case issuance
    case quorum
    case ballotFormat
    case ballotVersion
    case ballotVote
    case credential
    case ballotSignature
    case candidates
    case yesLimit
    case credentialOnce
    case paperSignatures
    case paperCounts
    case electronicReturned
    case returnedWithinIssued
    case result
    /// Added after the others (numbers never change): ballots arriving after the close are set aside.
    case boxClose

    /// What stands in place of check 19 when the box was never closed (no close record): the
    /// count then takes every ballot as before, and the result carries no check 19.
    public static let noCloseRecord = Text(
        "没有封箱记录：票箱未经秘书处封箱（shishi box close），全部选票照常计入",
        "no close record: the secretariat did not close the box (shishi box close); every ballot counts as usual")

    /// A stable name, used in result files.
    public var name: String {
        switch self {
        case .manifest: "manifest"
        case .roster: "roster"
        case .registrarKey: "registrar-key"
        case .issuance: "issuance"
        case .quorum: "quorum"
        case .ballotFormat: "ballot-format"
        case .ballotVersion: "ballot-version"
        case .ballotVote: "ballot-vote"
        case .credential: "credential"
        case .ballotSignature: "ballot-signature"
        case .candidates: "candidates"
        case .yesLimit: "yes-limit"
        case .credentialOnce: "credential-once"
        case .paperSignatures: "paper-signatures"
        case .paperCounts: "paper-counts"
        case .electronicReturned: "electronic-returned"
        case .returnedWithinIssued: "returned-within-issued"
        case .result: "result"
        case .boxClose: "box-close"
        }
    }

    /// The check's title.
    public var title: Text {
        switch self {
        case .manifest: Text("投票定义（manifest）的秘书处签名与规则", "manifest: the secretariat's signature and the rules")
        case .roster: Text("代表名单与 manifest 中的哈希一致", "roster matches the hash in the manifest")
        case .registrarKey: Text("登记员盲签名密钥（位数、公布的指纹）", "registrar's blind-signing key (size, published fingerprint)")
        case .issuance: Text("签到日志：登记员签名、哈希链、每人至多一次、均在名单上", "issuance log: registrar's signature, hash chain, at most once per deputy, all on the roster")
        case .quorum: Text("出席代表超过法定人数", "deputies present exceed the quorum")
        case .ballotFormat: Text("选票文件格式严格可读", "ballot files parse strictly")
        case .ballotVersion: Text("选票格式版本与域标签", "ballot format version and domain label")
        case .ballotVote: Text("选票属于本次投票与本轮", "ballots belong to this vote and round")
        case .credential: Text("登记员对凭证的签名（或记名投票人在名单上）", "registrar's signature on each credential (or the recorded voter on the roster)")
        case .ballotSignature: Text("选票签名", "ballot signatures")
        case .candidates: Text("标记均为候选项目", "marks name real candidates")
        case .yesLimit: Text("同意数不超过每票上限（超过为废票）", "yes marks within the ballot's limit (more: invalid ballot)")
        case .credentialOnce: Text("每张凭证只投一次", "each credential used once")
        case .paperSignatures: Text("纸质票箱：计票人签名与监票人会签", "paper boxes: counter's signature and scrutineers' countersignatures")
        case .paperCounts: Text("纸质票箱：收回不多于发出，发出合计与签到一致", "paper boxes: taken out within issued, issued adds up to sign-in")
        case .electronicReturned: Text("电子选票不多于发放的凭证", "electronic ballots within credentials issued")
        case .returnedWithinIssued: Text("收回票数不多于发出票数", "ballots returned within ballots issued")
        case .result: Text("结果文件与重新计票一致，签名有效", "result file matches the recount, signatures valid")
        case .boxClose: Text("封箱记录：秘书处签名，封箱后到达的选票暂不计入", "close record: the secretariat's signature; ballots arriving after the close set aside")
        }
    }
}

/// One check's outcome: how many items it looked at and how many failed.
public struct CheckOutcome: Sendable, Codable, Equatable {
    /// The check's number.
    public var number: Int
    /// The check's stable name.
    public var name: String
    /// Whether it passed.
    public var passed: Bool
    /// Items checked (ballots, boxes, entries; 1 for a single fact).
    public var checked: Int
    /// Items that failed.
    public var failed: Int
    /// What was found.
    public var detail: Text

    /// Creates an outcome.
    public init(_ check: TallyCheck, passed: Bool, checked: Int = 1, failed: Int? = nil, detail: Text) {
        number = check.rawValue
        name = check.name
        self.passed = passed
        self.checked = checked
        self.failed = failed ?? (passed ? 0 : 1)
        self.detail = detail
    }

    /// The check this outcome is for.
    public var check: TallyCheck? { TallyCheck(rawValue: number) }
}
