public import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

extension Collect {
    /// The presidium's final list, fixed: the list, the signed file and its hash.
    public struct Fixed: Sendable {
        /// The list.
        public var list: CandidateList
        /// The signed file (`candidate-list.json`).
        public var envelope: SignedEnvelope
        /// The hash of its exact payload bytes: the manifest of a vote made from it names it.
        public var hash: HashValue
    }

    /// Fixes the presidium's final candidate list of the call of `year`: `count` candidates (the
    /// first of the shortlist, or the drafts `chosen`, in that order), more than the seats (差额),
    /// each with the department and cost of its screening and the suggestions behind it. The list
    /// is signed with `key` (the secretariat's, which will sign the vote's manifest), kept in the
    /// workspace, and fixed once.
    public static func fix(year: Int, count: Int?, chosen: [Int64] = [], seats: Int?, key: PrivateKey, in workspace: Workspace) throws -> Fixed {
        let list = try prepareFix(year: year, count: count, chosen: chosen, seats: seats, fixedAt: workspace.now, in: workspace)
        var envelope = try SignedEnvelope(payloadType: CandidateList.payloadType, encoding: list)
        try envelope.sign(with: key)
        return try keep(envelope, list: list, year: year, in: workspace)
    }

    /// The list ``fix(year:count:chosen:seats:key:in:)`` would sign, fixed at `fixedAt`, after
    /// every check it makes: what a signer who keeps the key elsewhere (the browser, with the
    /// secretariat's key file) is given to sign.
    public static func prepareFix(year: Int, count: Int?, chosen: [Int64] = [], seats: Int?, fixedAt: String, in workspace: Workspace) throws -> CandidateList {
        let all = try drafts(year: year, in: workspace)
        let shortlist = try shortlisted(all, year: year)
        let call = try call(year: year, in: workspace)
        try workspace.read { db in try requireNotFixed(requireCall(year, db), db) }
        guard let seats = seats ?? call.seats else {
            throw ShishiError(
                .collectBadList, zh: "征集时没有定应选名额：请用 --seats 给出。", en: "The call set no number of seats: give it with --seats.")
        }
        if let count, !chosen.isEmpty, count != chosen.count {
            throw ShishiError(
                .collectBadList, zh: "--candidates \(count) 与列出的 \(chosen.count) 个草案不符。",
                en: "--candidates \(count) does not match the \(chosen.count, noun: "draft") named.")
        }
        let picked: [Draft]
        if chosen.isEmpty {
            guard let count else {
                throw ShishiError(
                    .collectBadList, zh: "请用 --candidates 给出候选项目数，或用 --draft 逐一列出。",
                    en: "Give the number of candidates with --candidates, or name each with --draft.")
            }
            guard count <= shortlist.count else {
                throw ShishiError(
                    .collectBadList, zh: "清单上只有 \(shortlist.count) 个草案，不够 \(count) 个候选项目。",
                    en: "The shortlist has \(shortlist.count, noun: "draft"), fewer than \(count, noun: "candidate").")
            }
            picked = Array(shortlist.prefix(count))
        } else {
            if let repeated = Dictionary(grouping: chosen, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw ShishiError(.collectBadList, zh: "草案第 \(repeated) 号写了两次。", en: "Draft \(repeated) is named twice.")
            }
            picked = try chosen.map { number in
                guard let draft = shortlist.first(where: { $0.draft.id == number }) else {
                    throw ShishiError(
                        .collectBadList, zh: "草案第 \(number) 号不在公布的清单上，不能列为候选项目。",
                        en: "Draft \(number) is not on the published shortlist: it cannot be a candidate.")
                }
                return draft
            }
        }
        guard picked.count > seats else {
            throw ShishiError(
                .collectBadList, zh: "差额票决要求候选项目多于应选名额：\(picked.count) 个候选项目，应选 \(seats) 项。",
                en: "A differential vote needs more candidates than seats: \(picked.count, noun: "candidate") for \(seats, noun: "seat").")
        }
        let suggestions = try suggestions(year: year, in: workspace).count
        let width = max(2, String(picked.count).count)
        let entries = picked.enumerated().map { index, draft -> CandidateList.Entry in
            let screening = draft.screening!
            let number = String(index + 1)
            return CandidateList.Entry(
                id: "P" + String(repeating: "0", count: width - number.count) + number, title: draft.draft.title, department: screening.department ?? "",
                cost: screening.cost.flatMap(Amount.init(parsing:)) ?? .zero, draft: draft.draft.id!,
                screening: .init(benefit: screening.benefit, note: screening.note, screenedAt: screening.screenedAt),
                evidence: draft.suggestions.map { item in
                    CandidateList.Evidence(
                        number: item.suggestion.id!, reference: item.suggestion.reference, source: item.suggestion.source, title: item.suggestion.title,
                        deputies: item.deputies.map(\.deputyId), complaints: item.suggestion.complaints)
                }, comments: draft.comments)
        }
        return CandidateList(year: year, seats: seats, suggestions: suggestions, drafts: all.count, fixedAt: fixedAt, candidates: entries)
    }

    /// Fixes the list of `year` that a signer outside the workspace signed: `payload` is the
    /// list as ``prepareFix(year:count:chosen:seats:fixedAt:in:)`` gave it, `signature` its
    /// signature by `publicKey`. Refused unless the signature verifies and the payload is, byte
    /// for byte, the list the workspace makes now from the same choices, so that nothing but
    /// what the checks allow is fixed; a list that changed since (a comment came in) is to be
    /// signed again.
    public static func fixSigned(year: Int, payload: Data, signature: Signature, publicKey: PublicKey, in workspace: Workspace) throws -> Fixed {
        var envelope = SignedEnvelope(payloadType: CandidateList.payloadType, payload: payload)
        envelope.signatures = [signature]
        try envelope.requireSignature(by: publicKey, role: Text("秘书处", "secretariat"), source: CandidateList.fileName)
        let list = try envelope.decodePayload(CandidateList.self, expecting: CandidateList.payloadType, source: CandidateList.fileName)
        // Fixed when it was prepared, which is not later than now.
        guard list.fixedAt <= workspace.now else {
            throw ShishiError(
                .collectListChanged, zh: "签署的清单注明的确定时间 \(list.fixedAt) 晚于现在：请重新预览并签署。",
                en: "The list signed says it was fixed at \(list.fixedAt), later than now: preview and sign it again.")
        }
        let again = try prepareFix(
            year: year, count: nil, chosen: list.candidates.map(\.draft), seats: list.seats, fixedAt: list.fixedAt, in: workspace)
        guard list.year == year, try SignedEnvelope(payloadType: CandidateList.payloadType, encoding: again).payload == payload else {
            throw ShishiError(
                .collectListChanged, zh: "签署的清单与工作库现在给出的不一致（例如签署前后又收到了意见）：请重新签署。",
                en: "The list signed differs from the one the workspace gives now (a comment may have come in meanwhile): sign it again.")
        }
        return try keep(envelope, list: list, year: year, in: workspace)
    }

    /// Keeps the signed list: fixed once, in the audit log with its hash and candidates.
    static func keep(_ envelope: SignedEnvelope, list: CandidateList, year: Int, in workspace: Workspace) throws -> Fixed {
        let hash = envelope.signatures[0].suite.hashAlgorithm.digest(envelope.payload)
        return try workspace.write { db, audit in
            let call = try requireCall(year, db)
            try requireNotFixed(call, db)
            var record = CandidateListRecord(collectionCallId: call.id!, hash: hash.description, envelope: try envelope.fileData(), fixedAt: list.fixedAt)
            try record.insert(db)
            struct Detail: Encodable {
                var hash: String
                var seats: Int
                var candidates: [String: Int64]
            }
            try audit.record(
                "collect.fix", subject: "\(year)",
                detail: Detail(
                    hash: hash.description, seats: list.seats, candidates: Dictionary(uniqueKeysWithValues: list.candidates.map { ($0.id, $0.draft) })))
            return Fixed(list: list, envelope: envelope, hash: hash)
        }
    }

    /// The fixed list of `year`, as the signed file it was issued as, if it is fixed.
    public static func fixedList(year: Int, in workspace: Workspace) throws -> Fixed? {
        guard
            let record = try workspace.read({ db in
                try CandidateListRecord.filter(CandidateListRecord.Columns.collectionCallId == requireCall(year, db).id!).fetchOne(db)
            })
        else { return nil }
        let envelope = try StrictJSON.decode(SignedEnvelope.self, from: record.envelope, source: CandidateList.fileName)
        let list = try envelope.decodePayload(CandidateList.self, expecting: CandidateList.payloadType, source: CandidateList.fileName)
        return Fixed(list: list, envelope: envelope, hash: try HashValue(parsing: record.hash))
    }
}
