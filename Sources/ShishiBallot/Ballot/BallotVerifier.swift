public import Foundation
public import ShishiCore

/// The checks every electronic ballot goes through, in order.
public enum BallotCheck: String, Sendable, CaseIterable, Codable {
    /// The file is a well-formed signed envelope with nothing unknown or trailing.
    case parse
    /// Its type is `shishi/ballot/v1` (domain label and version) and the payload reads strictly.
    case version
    /// It names this vote's manifest hash and round.
    case vote
    /// Secret: the registrar's blind signature on its one-time key; recorded: the voter is on the roster with a key.
    case credential
    /// The ballot's own signature, exactly one, by the one-time key or the deputy's key.
    case signature
    /// Every mark names a real candidate and fits the ballot style.
    case candidates
    /// At most K yes marks; more makes the ballot invalid (废票), counted as returned but not valid.
    case yesLimit

    /// The check's title.
    public var title: Text {
        switch self {
        case .parse: Text("文件格式", "file format")
        case .version: Text("格式版本与域标签", "format version and domain label")
        case .vote: Text("所属投票（manifest 哈希与轮次）", "belongs to this vote (manifest hash and round)")
        case .credential: Text("登记员对凭证的签名", "registrar's signature on the credential")
        case .signature: Text("选票签名", "ballot signature")
        case .candidates: Text("标记的项目均为候选项目", "marks name real candidates")
        case .yesLimit: Text("同意数不超过每票上限", "yes marks within the ballot's limit")
        }
    }
}

/// The outcome of checking one ballot file.
public struct BallotVerdict: Sendable {
    /// How the ballot stands.
    public enum Status: String, Sendable, Codable {
        /// Passes every check: counted.
        case valid
        /// Authentic but over-marked (废票): counted as returned, not as valid.
        case invalid
        /// Fails an authenticity or format check: set aside with its reason.
        case rejected
    }

    /// One check's outcome: `passed` is `nil` when an earlier failure made it impossible to run.
    public struct Step: Sendable {
        /// The check.
        public var check: BallotCheck
        /// Passed, failed, or not run.
        public var passed: Bool?
        /// What was found.
        public var detail: Text
    }

    /// The status.
    public var status: Status
    /// Every check, in order.
    public var steps: [Step]
    /// The ballot, when it could be read.
    public var ballot: Ballot?
    /// The tracker, when the envelope could be read.
    public var tracker: HashValue?
    /// The envelope as read, for a caster (``BallotVerifier/verifyForCasting(_:)``), so that it
    /// need not read it again; `nil` otherwise (a count keeps no envelopes).
    var envelope: SignedEnvelope?

    /// The first failed step's detail: the reason the ballot is invalid or rejected.
    public var reason: Text? { steps.first { $0.passed == false }?.detail }
}

/// Checks ballot files against an opened vote.
public struct BallotVerifier: Sendable {
    /// The vote.
    public let vote: Vote
    /// The rules a ballot must meet.
    public let rules: BallotRules

    /// The wording of a passed step when none was asked for.
    private static let unworded = Text("", "")

    /// Creates a verifier for `vote`.
    public init(vote: Vote) {
        self.vote = vote
        rules = BallotRules(vote: vote)
    }

    /// Checks a ballot file's bytes. Never throws: every problem becomes a failed step.
    ///
    /// Without `detailed`, a passed step carries no wording (a count of a million ballots needs
    /// only the failures' reasons); every failed step is worded either way.
    public func verify(_ data: Data, source: String, detailed: Bool = true) -> BallotVerdict {
        check(data, source: source, detailed: detailed, keepingEnvelope: false)
    }

    /// Checks a ballot a booth sent, as ``verify(_:source:detailed:)`` does, keeping the envelope
    /// it read in the verdict for the caster.
    func verifyForCasting(_ data: Data) -> BallotVerdict {
        check(data, source: "ballot", detailed: false, keepingEnvelope: true)
    }

    private func check(_ data: Data, source: String, detailed: Bool, keepingEnvelope: Bool) -> BallotVerdict {
        var steps: [BallotVerdict.Step] = []
        var read: SignedEnvelope?
        func finish(_ status: BallotVerdict.Status, ballot: Ballot? = nil, tracker: HashValue? = nil) -> BallotVerdict {
            for check in BallotCheck.allCases where !steps.contains(where: { $0.check == check }) {
                steps.append(.init(check: check, passed: nil, detail: Text("未检查（前一项未通过）", "not checked (an earlier check failed)")))
            }
            return BallotVerdict(status: status, steps: steps, ballot: ballot, tracker: tracker, envelope: read)
        }
        func fail(_ check: BallotCheck, _ detail: Text) { steps.append(.init(check: check, passed: false, detail: detail)) }
        func pass(_ check: BallotCheck, _ detail: @autoclosure () -> Text) {
            steps.append(.init(check: check, passed: true, detail: detailed ? detail() : Self.unworded))
        }

        let envelope: SignedEnvelope
        do {
            envelope = try SignedEnvelope.canonical(data) ?? StrictJSON.decode(SignedEnvelope.self, from: data, source: source)
            if keepingEnvelope { read = envelope }
            pass(.parse, Text("有效的签名信封", "a well-formed signed envelope"))
        } catch let error as ShishiError {
            fail(.parse, error.message)
            return finish(.rejected)
        } catch {
            fail(.parse, Text("无法读取：\(error)", "unreadable: \(error)"))
            return finish(.rejected)
        }
        let signedBytes = envelope.signedBytes
        let tracker = vote.manifest.hash.digest(signedBytes)
        let ballot: Ballot
        do {
            if envelope.payloadType == Ballot.payloadType, let fast = Ballot.canonical(envelope.payload) {
                ballot = fast
            } else {
                ballot = try envelope.decodePayload(Ballot.self, expecting: Ballot.payloadType, source: source)
            }
            pass(.version, Text(Ballot.payloadType, Ballot.payloadType))
        } catch let error as ShishiError {
            fail(.version, error.message)
            return finish(.rejected, tracker: tracker)
        } catch {
            fail(.version, Text("无法读取：\(error)", "unreadable: \(error)"))
            return finish(.rejected, tracker: tracker)
        }
        guard rules.belongs(vote: ballot.vote, round: ballot.round) else {
            if ballot.vote != rules.vote {
                fail(
                    .vote,
                    Text(
                        "属于另一次投票（\(ballot.vote.short)…，本次为 \(vote.hash.short)…）",
                        "belongs to another vote (\(ballot.vote.short)…, this one is \(vote.hash.short)…)"))
            } else {
                fail(.vote, Text("第 \(ballot.round) 轮的选票，本轮为第 \(rules.round) 轮", "a round \(ballot.round) ballot in round \(rules.round)"))
            }
            return finish(.rejected, ballot: ballot, tracker: tracker)
        }
        pass(.vote, Text("本次投票第 \(ballot.round) 轮（\(vote.hash.short)…）", "this vote, round \(ballot.round) (\(vote.hash.short)…)"))

        let signer: PublicKey
        guard rules.fitsSecrecy(hasCredential: ballot.credential != nil, hasVoter: ballot.voter != nil) else {
            fail(.credential, Text("凭证与投票方式（\(rules.secrecy.rawValue)）不符", "the credential does not fit the vote's secrecy (\(rules.secrecy.rawValue))"))
            return finish(.rejected, ballot: ballot, tracker: tracker)
        }
        switch (ballot.credential, ballot.voter) {
        case (let credential?, _):
            guard let blind = vote.manifest.keys.blind, credential.isAuthorised(vote: vote.hash, blindKey: blind) else {
                fail(
                    .credential,
                    Text("登记员签名无效：该凭证不是本次投票登记员签发的", "the registrar's signature does not verify: this vote's registrar did not issue the credential"))
                return finish(.rejected, ballot: ballot, tracker: tracker)
            }
            pass(
                .credential,
                Text(
                    "登记员 RSA 盲签名有效（一次性密钥 \(credential.key.fingerprint.prefix(12))…）",
                    "the registrar's RSA blind signature is valid (one-time key \(credential.key.fingerprint.prefix(12))…)"))
            signer = credential.key
        case (nil, let voter?):
            guard let key = rules.voterKey(voter) else {
                fail(.credential, Text("投票人“\(voter)”不在代表名单上或没有公钥", "voter “\(voter)” is not on the roster or has no key"))
                return finish(.rejected, ballot: ballot, tracker: tracker)
            }
            pass(.credential, Text("记名投票，代表 \(voter)", "recorded vote by deputy \(voter)"))
            signer = key
        case (nil, nil):
            return finish(.rejected, ballot: ballot, tracker: tracker)  // refused by fitsSecrecy above
        }
        guard envelope.signatures.count == BallotRules.signatures else {
            fail(
                .signature,
                Text("选票应只有一个签名，这张有 \(envelope.signatures.count) 个", "a ballot carries exactly one signature; this one has \(envelope.signatures.count)"))
            return finish(.rejected, ballot: ballot, tracker: tracker)
        }
        guard envelope.isSigned(by: signer, signedBytes: signedBytes) else {
            fail(
                .signature,
                Text("选票签名无效：内容在签名后被改动过，或不是由该凭证签署", "the ballot signature does not verify: the content was changed after signing or another key signed it"))
            return finish(.rejected, ballot: ballot, tracker: tracker)
        }
        pass(.signature, Text("\(signer.suite.rawValue) 签名有效", "valid \(signer.suite.rawValue) signature"))

        if let unknown = ballot.marks.keys.sorted().first(where: { rules.candidate($0) == nil }) {
            fail(.candidates, Text("标记了不存在的项目“\(unknown)”", "marks a candidate that does not exist: “\(unknown)”"))
            return finish(.rejected, ballot: ballot, tracker: tracker)
        }
        let style = vote.manifest.style
        if let (id, misfit) = ballot.marks.sorted(by: { $0.key < $1.key }).first(where: { !rules.allows($0.value) }) {
            let kind =
                style == .approval
                ? Text("勾选式选票", "an approval ballot") : style.isRating ? Text("测评票", "an evaluation ballot") : Text("同意/不同意/弃权选票", "a yes/no/abstain ballot")
            fail(.candidates, Text("\(kind.zh)上项目“\(id)”出现了“\(misfit.title.zh)”", "a “\(misfit.title.en)” mark on project “\(id)” of \(kind.en)"))
            return finish(.rejected, ballot: ballot, tracker: tracker)
        }
        pass(.candidates, Text("\(ballot.marks.count) 个标记均有效", "all \(ballot.marks.count) marks name candidates"))

        guard let limit = rules.yesLimit else {
            pass(.yesLimit, Text("测评票不限满意项数", "an evaluation ballot has no limit on ratings"))
            return finish(.valid, ballot: ballot, tracker: tracker)
        }
        let yes = ballot.yes.count
        guard rules.withinYesLimit(yes) else {
            fail(.yesLimit, Text("同意 \(yes) 项，超过每票上限 \(limit) 项：废票", "\(yes, noun: "yes mark"), more than the limit of \(limit): invalid (over-marked)"))
            return finish(.invalid, ballot: ballot, tracker: tracker)
        }
        pass(.yesLimit, Text("同意 \(yes) 项，不超过 \(limit) 项", "\(yes, noun: "yes mark"), within \(limit)"))
        return finish(.valid, ballot: ballot, tracker: tracker)
    }
}
