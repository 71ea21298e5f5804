public import Foundation
public import ShishiCore

/// Casting: marks a ballot, signs it, and drops it into the vote folder's box.
public struct BallotCaster: Sendable {
    /// The vote.
    public let vote: Vote

    /// Creates a caster for `vote`.
    public init(vote: Vote) {
        self.vote = vote
    }

    /// A cast ballot: its tracker (the deputy's receipt) and its file.
    public struct Receipt: Sendable {
        /// The tracker.
        public var tracker: HashValue
        /// The ballot file in the box.
        public var file: URL
    }

    /// Makes the signed envelope of a secret ballot, without writing it.
    public func seal(_ marking: BallotMarking, credential: Credential) throws -> SignedEnvelope {
        guard credential.vote == vote.hash else {
            throw ShishiError(
                .castOtherVote,
                zh: "该凭证属于另一次投票（manifest 哈希不同），不能在此投票。",
                en: "This credential belongs to another vote (a different manifest hash) and cannot vote here."
            )
        }
        guard vote.manifest.secrecy == .secret, let blind = vote.manifest.keys.blind else {
            throw ShishiError(
                .castRecordedVote,
                zh: "这是记名投票：请用 --key 指定代表自己的私钥，而不是匿名凭证。",
                en: "This is a recorded vote: sign with the deputy's own key (--key), not an anonymous credential."
            )
        }
        let publicPart = BallotCredential(key: credential.publicKey, prefix: credential.prefix, registrarSignature: credential.registrarSignature)
        guard publicPart.isAuthorised(vote: vote.hash, blindKey: blind) else {
            throw ShishiError(
                .castUnauthorisedCredential,
                zh: "该凭证上的登记员签名无效：它不是本次投票登记员签发的。",
                en: "The registrar's signature on this credential does not verify: this vote's registrar did not issue it."
            )
        }
        return try signed(
            Ballot(vote: vote.hash, round: vote.manifest.round, marks: marking.marks, credential: publicPart, voter: nil), by: credential.signingKey())
    }

    /// Makes the signed envelope of a recorded ballot by `deputy`, without writing it.
    public func seal(_ marking: BallotMarking, deputy: String, key: PrivateKey) throws -> SignedEnvelope {
        guard vote.manifest.secrecy == .recorded else {
            throw ShishiError(
                .castSecretVote,
                zh: "这是无记名投票：请用签到时领取的匿名凭证（--credential）投票。",
                en: "This is a secret vote: vote with the anonymous credential from sign-in (--credential)."
            )
        }
        guard let person = vote.roster[deputy] else {
            throw ShishiError(.castUnknownDeputy, zh: "代表“\(deputy)”不在代表名单上。", en: "Deputy “\(deputy)” is not on the roster.")
        }
        guard person.publicKey == key.publicKey else {
            throw ShishiError(
                .castWrongKey,
                zh: "这把私钥与代表名单上 \(deputy)（\(person.name)）的公钥不符。",
                en: "This private key does not match the roster's public key for \(deputy) (\(person.name))."
            )
        }
        return try signed(Ballot(vote: vote.hash, round: vote.manifest.round, marks: marking.marks, credential: nil, voter: deputy), by: key)
    }

    /// The envelope of `ballot`, signed once by `key`.
    private func signed(_ ballot: Ballot, by key: PrivateKey) throws -> SignedEnvelope {
        var envelope = try SignedEnvelope(payloadType: Ballot.payloadType, encoding: ballot)
        try envelope.sign(with: key)
        return envelope
    }

    /// Casts a secret ballot with `credential`, refusing a credential already used in this box.
    public func cast(_ marking: BallotMarking, credential: Credential) throws -> Receipt {
        try drop(Sealed(seal(marking, credential: credential), vote: vote))
    }

    /// Casts a recorded ballot, refusing a deputy who has already voted.
    public func cast(_ marking: BallotMarking, deputy: String, key: PrivateKey) throws -> Receipt {
        try drop(Sealed(seal(marking, deputy: deputy, key: key), vote: vote))
    }

    /// A ballot on its way into the box: its envelope, the ballot the envelope carries and its tracker.
    struct Sealed: Sendable {
        var envelope: SignedEnvelope
        var ballot: Ballot
        var tracker: HashValue

        /// A ballot sealed here: its payload is read back.
        init(_ envelope: SignedEnvelope, vote: Vote) throws {
            self.envelope = envelope
            ballot = try envelope.decodePayload(Ballot.self, expecting: Ballot.payloadType, source: "ballot")
            tracker = envelope.tracker(vote.manifest.hash)
        }

        init(envelope: SignedEnvelope, ballot: Ballot, tracker: HashValue) {
            self.envelope = envelope
            self.ballot = ballot
            self.tracker = tracker
        }
    }

    /// Casts a ballot signed elsewhere (a booth in the browser): it must pass every ballot check,
    /// exactly as the count will check it, and is then dropped into the box as a ballot sealed
    /// here is; a refusal names the first check that failed.
    public func cast(signed data: Data) throws -> Receipt {
        try drop(checked(signed: data))
    }

    /// A ballot signed elsewhere, checked as the count will check it (every ballot check: the
    /// vote, the round, the marks, the credential's and the ballot's signatures), not yet cast.
    func checked(signed data: Data) throws -> Sealed {
        let verdict = BallotVerifier(vote: vote).verifyForCasting(data)
        guard verdict.status == .valid, let ballot = verdict.ballot, let envelope = verdict.envelope, let tracker = verdict.tracker else {
            let reason = verdict.reason ?? Text("无法读取", "unreadable")
            throw ShishiError(.boothNotValid, zh: "选票未通过检查：\(reason.clause.zh)。", en: "The ballot does not pass the checks: \(reason.clause.en).")
        }
        return Sealed(envelope: envelope, ballot: ballot, tracker: tracker)
    }

    /// Drops a sealed ballot into the box (see ``drop(batch:)``). The ballot is on disk, flushed,
    /// before this returns.
    private func drop(_ sealed: Sealed) throws -> Receipt {
        try drop(batch: [sealed])[0].get()
    }

    /// Drops sealed ballots into the box under the folder's lock, with one flush for all: a
    /// ballot whose one-time key (secret vote) or deputy (recorded vote) is already in the box,
    /// however it got there, or earlier in the same batch, is refused, so that two casts at once
    /// with one credential never both land; after the close record (or the count) every new ballot
    /// is refused. The very ballot already in the box, sent again, is answered with its receipt.
    /// Each ballot gets its receipt or its own refusal;
    /// every receipt's ballot is on disk before this returns.
    func drop(batch sealed: [Sealed]) -> [Result<Receipt, any Error>] {
        let box = BallotBox(vote: vote)
        let index = CastIndex.of(vote)
        do {
            return try FolderLock.withLock(vote.folder.url) {
                let closed: ShishiError? =
                    switch vote.folder.phase {
                    case .signInOpen, .signInSealed: nil
                    case .boxClosed: Self.boxClosed
                    case .counted: RoundPhase.counted.refusal(Text("投票", "Casting a ballot"))
                    }
                var results: [Result<Receipt, any Error>?] = Array(repeating: nil, count: sealed.count)
                var accepted: [(slot: Int, ballot: Ballot)] = []
                var taken = CastIndex.Taken()
                try index.refresh(from: box)
                // The very ballot again (the same tracker: the same signed bytes) is not a second
                // ballot but a retry whose answer was lost: it gets the receipt it was due.
                var again: [(slot: Int, tracker: String)] = []
                for (slot, item) in sealed.enumerated() {
                    let ballot = item.ballot
                    if let stored = index.existing(key: ballot.credential?.key, voter: ballot.voter) {
                        if stored == item.tracker.hex, let file = index.file(of: stored) {
                            results[slot] = .success(Receipt(tracker: item.tracker, file: vote.folder.url.appendingPathComponent(file)))
                        } else {
                            results[slot] = .failure(Self.alreadyCast(stored, deputy: ballot.voter))
                        }
                        continue
                    }
                    // After the close only a ballot already in the box is answered (above).
                    if let closed {
                        results[slot] = .failure(closed)
                        continue
                    }
                    if let earlier = taken.existing(ballot) {
                        if earlier == item.tracker.hex {
                            again.append((slot, earlier))
                        } else {
                            results[slot] = .failure(Self.alreadyCast(earlier, deputy: ballot.voter))
                        }
                        continue
                    }
                    taken.add(ballot, tracker: item.tracker.hex)
                    accepted.append((slot, ballot))
                }
                var written: [String: Result<Receipt, any Error>] = [:]
                for (item, outcome) in zip(accepted, box.put(entries: accepted.map { (sealed[$0.slot].envelope, sealed[$0.slot].tracker) })) {
                    results[item.slot] = outcome.map { stored in
                        index.record(stored.tracker.hex, ballot: item.ballot, file: stored.file.lastPathComponent)
                        return Receipt(tracker: stored.tracker, file: stored.file)
                    }
                    written[sealed[item.slot].tracker.hex] = results[item.slot]
                }
                for (slot, tracker) in again { results[slot] = written[tracker] }
                return results.map { $0! }
            }
        } catch {
            return Array(repeating: .failure(error), count: sealed.count)
        }
    }

    /// The refusal of a ballot after the secretariat closed voting.
    static let boxClosed = ShishiError(
        .castBoxClosed, zh: "投票已经结束（秘书处已封箱）：票箱不再接收选票。", en: "Voting is closed (the secretariat has closed the box): no more ballots are taken.")

    /// The refusal of a second ballot by one credential (or one deputy).
    static func alreadyCast(_ tracker: String, deputy: String?) -> ShishiError {
        if let deputy {
            return ShishiError(
                .castAlreadyVoted,
                zh: "代表 \(deputy) 已经投过票了（选票 \(tracker.prefix(12))…）。",
                en: "Deputy \(deputy) has already voted (ballot \(tracker.prefix(12))…)."
            )
        }
        return ShishiError(
            .castCredentialUsed,
            zh: "该凭证已经投过票了（选票 \(tracker.prefix(12))…）。每张凭证只能投一次。",
            en: "This credential has already voted (ballot \(tracker.prefix(12))…). A credential votes once."
        )
    }
}
