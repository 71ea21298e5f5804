public import ShishiCore

/// The marks a deputy chose, checked against a manifest before a ballot is made.
public struct BallotMarking: Sendable, Equatable {
    /// Marks by candidate id.
    public let marks: [String: Mark]

    /// Checks `yes` and `no` candidate ids against `manifest`: known ids, no repeats, no id both
    /// yes and no, no "no" marks on an approval ballot, and at most K yes marks (a terminal does
    /// not let a deputy spoil a ballot by accident).
    public init(yes: [String], no: [String], manifest: VoteManifest) throws {
        if manifest.style == .approval, !no.isEmpty {
            throw ShishiError(
                .castNoOnApproval,
                zh: "这是勾选式选票（approval）：只能勾选同意的项目，不能投不同意。请去掉 --no。",
                en: "This is an approval ballot: tick the projects you approve; there is no “no”. Drop --no."
            )
        }
        if manifest.style.isRating {
            throw ShishiError(
                .castVotingOnRating,
                zh: "这是测评票：每个项目选满意、基本满意或不满意（--satisfied、--basic、--unsatisfied），而不是同意/不同意。",
                en: "This is an evaluation ballot: rate each project with --satisfied, --basic or --unsatisfied, not yes/no."
            )
        }
        let marks = try Self.collect(yes.map { ($0, Mark.yes) } + no.map { ($0, Mark.no) }, manifest: manifest)
        guard yes.count <= manifest.yesLimit else {
            throw ShishiError(
                .castTooManyYes,
                zh: "同意了 \(yes.count) 个项目，但最多只能同意 \(manifest.yesLimit) 个：这样的选票是废票。请减少同意的项目。",
                en: "\(yes.count, noun: "yes mark"), but at most \(manifest.yesLimit) are allowed: such a ballot would be invalid. Mark fewer projects yes."
            )
        }
        self.marks = marks
    }

    /// Checks the ratings of an evaluation ballot (style `rating`): candidate ids by rating, each
    /// project rated at most once; an unrated project is an abstention.
    public init(ratings: [Rating: [String]], manifest: VoteManifest) throws {
        guard manifest.style.isRating else {
            throw ShishiError(
                .castRatingOnVote,
                zh: "这次投票不是测评：请用 --yes（和 --no）投票，而不是满意/基本满意/不满意。",
                en: "This vote is not an evaluation round: vote with --yes (and --no), not with ratings."
            )
        }
        self.marks = try Self.collect(Rating.allCases.flatMap { rating in (ratings[rating] ?? []).map { ($0, Mark(rating)) } }, manifest: manifest)
    }

    /// Gathers marks, refusing unknown candidates and a candidate marked twice.
    private static func collect(_ list: [(String, Mark)], manifest: VoteManifest) throws -> [String: Mark] {
        var marks: [String: Mark] = [:]
        for (id, mark) in list {
            guard manifest.candidate(id) != nil else {
                throw ShishiError(
                    .castUnknownCandidate,
                    zh: "没有编号为“\(id)”的候选项目。候选项目编号：\(manifest.candidates.map(\.id).joined(separator: ","))。",
                    en: "No candidate has the id “\(id)”. Candidate ids: \(manifest.candidates.map(\.id).joined(separator: ","))."
                )
            }
            if let earlier = marks[id] {
                throw ShishiError(
                    earlier == mark ? .castRepeated : (manifest.style.isRating ? .castTwoRatings : .castYesAndNo),
                    zh: earlier == mark ? "项目“\(id)”写了两次。" : "项目“\(id)”不能同时标为“\(earlier.title.zh)”和“\(mark.title.zh)”。",
                    en: earlier == mark ? "Project “\(id)” is given twice." : "Project “\(id)” cannot be both “\(earlier.title.en)” and “\(mark.title.en)”."
                )
            }
            marks[id] = mark
        }
        return marks
    }

    /// Splits a comma-separated list such as `1,4,7` (spaces and Chinese commas allowed).
    public static func ids(_ list: String?) -> [String] {
        guard let list else { return [] }
        return list.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " }).map(String.init)
    }
}
