public import ShishiCore

/// A vote described in words: what `vote show`, `ballot show` on a manifest, and the demo print.
public enum VoteDescription {
    /// The manifest and roster of `vote` as lines of text.
    public static func lines(_ vote: Vote, language L: Language) -> [String] {
        let m = vote.manifest
        if m.style.isRating { return ratingLines(vote, language: L) }
        let style: Text =
            switch m.style {
            case .approval: Text("勾选式（至多勾选 \(m.yesLimit) 项）", "approval (tick up to \(m.yesLimit))")
            case .points: Text("打分式（\(m.points?.text.zh ?? "分数不限")，按得分合计）", "points (\(m.points?.text.en ?? "no limit on points"), counted by total points)")
            default: Text("同意/不同意/弃权（同意至多 \(m.yesLimit) 项）", "yes / no / abstain (at most \(m.yesLimit) yes)")
            }
        let secrecy = m.secrecy == .secret ? secret(m) : Text("记名（代表本人密钥签名）", "recorded (signed with each deputy's own key)")
        let base: Text
        switch m.rules.majorityBase {
        case .all: base = Text("全体代表的过半数", "more than half of all deputies")
        case .present: base = Text("出席代表的过半数", "more than half of the deputies present")
        case .valid: base = Text("有效票的过半数", "more than half of the valid ballots")
        case .none: base = Text("不设过半数门槛，按同意票多少依次当选", "no majority threshold: taken by yes votes, most first")
        }
        let shortfall =
            m.rules.shortfallRule == .secondRound
            ? Text("不足额时就剩余名额进行第二轮投票", "a second round for seats left unfilled") : Text("不足额时名额空缺", "seats left unfilled stay vacant")
        let tie =
            m.budget == nil
            ? Text("第 \(m.seats) 名同票时对同票项目再次投票", "a tie at place \(m.seats) goes to a run-off")
            : Text("同票项目不能全部入选、又无法凭票数区分时，对同票项目再次投票", "projects tied where not all of them fit go to a run-off")
        let lines = [
            Text("《\(m.title)》", "“\(m.title)”")(L),
            m.session.map { Text("会议：\($0)", "Session: \($0)")(L) },
            Text("投票编号：\(m.voteId)，第 \(m.round) 轮；manifest 哈希 \(vote.hash)", "Vote id: \(m.voteId), round \(m.round); manifest hash \(vote.hash)")(L),
            limits(m)(L),
            m.candidateList.map { list in
                Text(
                    "候选项目来自征集确定的清单 \(list.file)（秘书处签名，哈希 \(list.hash)），每个项目可追溯到其背后的建议",
                    "The candidates are the collection's fixed list \(list.file) (signed by the secretariat, hash \(list.hash)): each leads back to the suggestions behind it"
                )(L)
            },
            Text(
                "选票样式：\(style.zh)；\(secrecy.zh)；签名套件 \(m.suite.rawValue)，哈希 \(m.hash.rawValue)",
                "Ballot: \(style.en); \(secrecy.en); suite \(m.suite.rawValue), hash \(m.hash.rawValue)")(L),
            publication(m)(L),
            Text(
                "代表 \(m.roster.deputies) 名；出席须超过全体代表的 \(m.rules.quorum)；当选须获\(base.zh)；\(tie.zh)；\(shortfall.zh)",
                "\(m.roster.deputies, noun: "deputy"); more than \(m.rules.quorum) must be present; adoption needs \(base.en); \(tie.en); \(shortfall.en)"
            )(L),
        ].compactMap { $0 }
        return lines + officialLines(vote, language: L)
    }

    /// The seats and the budget in a few words (`应选 10 项`, `不限名额 · 预算 2,500,000`), for headings.
    public static func seats(_ m: VoteManifest) -> Text {
        let seats = m.seats > 0 ? Text("应选 \(m.seats) 项", "\(m.seats, noun: "seat")") : Text("不限名额", "no fixed seats")
        guard let budget = m.budget else { return seats }
        return Text("\(seats.zh) · 预算 \(budget.grouped)", "\(seats.en) · budget \(budget.grouped)")
    }

    /// How many projects the vote adopts: the seats, the budget, or both.
    public static func limits(_ m: VoteManifest) -> Text {
        let count = m.candidates.count
        let seats =
            m.seats > 0
            ? Text(
                "候选项目 \(count) 个，应选 \(m.seats) 个（差额 \(count - m.seats) 个）",
                "\(count, noun: "candidate project") for \(m.seats, noun: "seat") (\(count - m.seats) more candidates than seats)")
            : Text("候选项目 \(count) 个，不限名额", "\(count, noun: "candidate project"), no fixed number of seats")
        guard let budget = m.budget else { return seats }
        let total = m.candidates.totalCost
        let by = m.style == .points ? Text("得分", "points") : Text("同意票", "yes votes")
        return Text(
            "\(seats.zh)；预算 \(budget.grouped)，候选项目合计 \(total.grouped)：按\(by.zh)多少依次入选，放不进剩余预算的项目跳过",
            "\(seats.en); budget \(budget.grouped), candidates cost \(total.grouped) together: taken by \(by.en), most first, skipping any that does not fit what is left"
        )
    }

    /// How a secret vote keeps ballots secret: anonymous credentials, or paper ballots only.
    static func secret(_ m: VoteManifest) -> Text {
        m.paperOnly == true
            ? Text("无记名（只收纸质选票，不发电子凭证）", "secret (paper ballots only, no electronic credentials)")
            : Text("无记名（RSA 盲签名匿名凭证）", "secret (RSA blind-signed anonymous credentials)")
    }

    /// Who may read the ballots' marks, and how a manifest made before the choice reads.
    static func publication(_ m: VoteManifest) -> Text {
        let choice = m.publishes.title
        return m.publication == nil
            ? Text(
                "公开范围：\(choice.zh)（本投票在可以选择之前定义，按当时的做法公开全部选票）",
                "Publication: \(choice.en) (the vote was defined before the choice existed and publishes its ballots as was done then)")
            : Text("公开范围：\(choice.zh)", "Publication: \(choice.en)")
    }

    /// An evaluation round (style `rating`) described.
    static func ratingLines(_ vote: Vote, language L: Language) -> [String] {
        let m = vote.manifest
        let secrecy = m.secrecy == .secret ? secret(m) : Text("记名（测评人本人密钥签名）", "recorded (signed with each evaluator's own key)")
        let rule = m.rules.grading ?? GradingRule()
        let base = rule.base == .evaluators ? Text("全体测评人员", "all evaluators") : Text("实际测评票数", "the ratings cast")
        let lines = [
            m.title.contains("测评") ? Text("《\(m.title)》", "“\(m.title)”")(L) : Text("《\(m.title)》（满意度测评）", "“\(m.title)” (satisfaction evaluation)")(L),
            m.session.map { Text("会议：\($0)", "Session: \($0)")(L) },
            Text("测评编号：\(m.voteId)，第 \(m.round) 轮；manifest 哈希 \(vote.hash)", "Evaluation id: \(m.voteId), round \(m.round); manifest hash \(vote.hash)")(L),
            Text(
                "被测评项目 \(m.candidates.count) 个；每个项目评满意、基本满意或不满意，未评为弃权",
                "\(m.candidates.count, noun: "project") to rate; each is rated satisfied, basically satisfied or unsatisfied, unrated is an abstention")(L),
            Text(
                "测评票：\(secrecy.zh)；签名套件 \(m.suite.rawValue)，哈希 \(m.hash.rawValue)", "Ballot: \(secrecy.en); suite \(m.suite.rawValue), hash \(m.hash.rawValue)")(
                    L),
            publication(m)(L),
            Text(
                "测评人员 \(m.roster.deputies) 名；出席须超过全体的 \(m.rules.quorum)；等次：满意票超过\(base.zh)的 \(rule.share) 为满意，满意与基本满意之和超过 \(rule.share) 为基本满意，其余为不满意",
                "\(m.roster.deputies) evaluators; more than \(m.rules.quorum) must take part; grades: satisfied ratings above \(rule.share) of \(base.en) is satisfied, satisfied and basically satisfied together above \(rule.share) is basically satisfied, otherwise unsatisfied"
            )(L),
        ].compactMap { $0 }
        return lines + officialLines(vote, language: L)
    }

    /// The keys, officials and candidates of a vote.
    static func officialLines(_ vote: Vote, language L: Language) -> [String] {
        let m = vote.manifest
        var lines = [
            Text(
                "秘书处签名密钥：指纹 \(m.keys.secretariat.fingerprint.prefix(16))…",
                "Secretariat's signing key: fingerprint \(m.keys.secretariat.fingerprint.prefix(16))…")(L),
            Text("登记员签名密钥：指纹 \(m.keys.registrar.fingerprint.prefix(16))…", "Registrar's signing key: fingerprint \(m.keys.registrar.fingerprint.prefix(16))…")(
                L),
        ]
        if let blind = m.keys.blind {
            lines.append(
                Text(
                    "登记员盲签名密钥：RSA-\(blind.keySizeInBits)，指纹 \(blind.fingerprint.prefix(16))…",
                    "Registrar blind-signing key: RSA-\(blind.keySizeInBits), fingerprint \(blind.fingerprint.prefix(16))…")(L))
        } else if m.paperOnly == true {
            lines.append(Text("只收纸质选票（导入的文件）：不发电子凭证，没有盲签名密钥", "Paper ballots only (an imported file): no credentials, no blind-signing key")(L))
        }
        for official in m.officials {
            lines.append(
                Text(
                    "\(official.role == .counter ? "计票人" : "监票人")：\(official.name)（\(official.key.fingerprint.prefix(12))…）",
                    "\(official.role == .counter ? "Counter" : "Scrutineer"): \(official.name) (\(official.key.fingerprint.prefix(12))…)")(L))
        }
        lines.append(m.style.isRating ? Text("被测评项目：", "Projects:")(L) : Text("候选项目：", "Candidates:")(L))
        for candidate in m.candidates {
            let label = candidate.label.map { Text("原编号 \($0)", "source id \($0)")(L) }
            let cost = candidate.cost.map { Text("估算 \($0.grouped)", "cost \($0.grouped)")(L) }
            let notes = [candidate.department, label, cost].compactMap { $0 }.joined(separator: Text("；", "; ")(L))
            lines.append("  \(candidate.id). \(candidate.title(in: L))\(notes.isEmpty ? "" : L.parenthesized(notes))")
        }
        return lines
    }
}
