public import ShishiCore

/// The marks a deputy chose, checked against a manifest before a ballot is made.
public struct BallotMarking: Sendable, Equatable {
    /// Marks by candidate id.
    public let marks: [String: Mark]

    /// Checks `yes` and `no` candidate ids against `manifest`: known ids, no repeats, no id both
    /// yes and no, no "no" marks on an approval ballot, and at most K yes marks (a terminal does
    /// not let a deputy spoil a ballot by accident).
    public init(yes: [String], no: [String], manifest: VoteManifest) throws {
        var marks: [String: Mark] = [:]
        if manifest.style == .approval, !no.isEmpty {
            throw ShishiError(
                "cast.noOnApproval",
                zh: "这是勾选式选票（approval）：只能勾选同意的项目，不能投不同意。请去掉 --no。",
                en: "This is an approval ballot: tick the projects you approve; there is no “no”. Drop --no."
            )
        }
        for (id, mark) in yes.map({ ($0, Mark.yes) }) + no.map({ ($0, Mark.no) }) {
            guard manifest.candidate(id) != nil else {
                throw ShishiError(
                    "cast.unknownCandidate",
                    zh: "没有编号为“\(id)”的候选项目。候选项目编号：\(manifest.candidates.map(\.id).joined(separator: ","))。",
                    en: "No candidate has the id “\(id)”. Candidate ids: \(manifest.candidates.map(\.id).joined(separator: ","))."
                )
            }
            if let earlier = marks[id] {
                throw ShishiError(
                    earlier == mark ? "cast.repeated" : "cast.yesAndNo",
                    zh: earlier == mark ? "项目“\(id)”写了两次。" : "项目“\(id)”不能同时同意和不同意。",
                    en: earlier == mark ? "Project “\(id)” is given twice." : "Project “\(id)” cannot be both yes and no."
                )
            }
            marks[id] = mark
        }
        guard yes.count <= manifest.seats else {
            throw ShishiError(
                "cast.tooManyYes",
                zh: "同意了 \(yes.count) 个项目，但最多只能同意 \(manifest.seats) 个：这样的选票是废票。请减少同意的项目。",
                en: "\(yes.count) yes marks, but at most \(manifest.seats) are allowed: such a ballot would be invalid. Mark fewer projects yes."
            )
        }
        self.marks = marks
    }

    /// Splits a comma-separated list such as `1,4,7` (spaces and Chinese commas allowed).
    public static func ids(_ list: String?) -> [String] {
        guard let list else { return [] }
        return list.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " }).map(String.init)
    }
}
