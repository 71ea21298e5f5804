import Foundation

/// The presidium's final candidate list (候选项目清单): the payload of the signed
/// `candidate-list.json` that `shishi collect fix` issues and `shishi vote init --list` takes.
///
/// Each candidate names the draft project it stands for, the screening it passed and every
/// suggestion behind it, so a verifier holding the vote folder can follow a project on the ballot
/// back to the deputies, residents and hotline complaints that asked for it. The manifest of a
/// vote made from the list names the list's hash.
public struct CandidateList: Sendable, Codable, Equatable {
    /// The domain label and version of a candidate list.
    public static let payloadType = "shishi/candidate-list/v1"
    /// The file's name inside a vote folder.
    public static let fileName = "candidate-list.json"

    /// The year whose projects the list proposes.
    public var year: Int
    /// The seats the vote fills: the list has more candidates than seats (差额).
    public var seats: Int
    /// How many suggestions the call took in.
    public var suggestions: Int
    /// How many draft projects were screened.
    public var drafts: Int
    /// When the list was fixed (ISO 8601, UTC).
    public var fixedAt: String
    /// The candidates, in ballot order.
    public var candidates: [Entry]

    /// Creates a list.
    public init(year: Int, seats: Int, suggestions: Int, drafts: Int, fixedAt: String, candidates: [Entry]) {
        self.year = year
        self.seats = seats
        self.suggestions = suggestions
        self.drafts = drafts
        self.fixedAt = fixedAt
        self.candidates = candidates
    }

    /// One candidate: the draft project it stands for and what stands behind it.
    public struct Entry: Sendable, Codable, Equatable {
        /// Its id on the ballot.
        public var id: String
        /// Its title.
        public var title: String
        /// The responsible department the screening proposed.
        public var department: String
        /// The estimated cost the screening gave.
        public var cost: Amount
        /// The draft project's number in the workspace.
        public var draft: Int64
        /// The screening it passed.
        public var screening: Screening
        /// The suggestions merged into the draft, by number.
        public var evidence: [Evidence]
        /// Comments on the shortlist: for, against.
        public var comments: Comments

        /// Creates an entry.
        public init(
            id: String, title: String, department: String, cost: Amount, draft: Int64, screening: Screening, evidence: [Evidence], comments: Comments
        ) {
            self.id = id
            self.title = title
            self.department = department
            self.cost = cost
            self.draft = draft
            self.screening = screening
            self.evidence = evidence
            self.comments = comments
        }

        /// The candidate on the ballot.
        public var candidate: Candidate {
            Candidate(id: id, title: title, department: department, cost: cost, draft: draft)
        }
    }

    /// A suggestion behind a candidate.
    public struct Evidence: Sendable, Codable, Equatable {
        /// The suggestion's number in the workspace.
        public var number: Int64
        /// Its reference in the file it came from, if any.
        public var reference: String?
        /// Its source: `deputy`, `public`, `department`, `hotline` or `carried-over`.
        public var source: String
        /// Its title.
        public var title: String
        /// The deputies behind it by roster id, proposer first.
        public var deputies: [String]
        /// For a hotline topic, its complaints.
        public var complaints: Int?

        /// Creates a piece of evidence.
        public init(number: Int64, reference: String?, source: String, title: String, deputies: [String], complaints: Int?) {
            self.number = number
            self.reference = reference
            self.source = source
            self.title = title
            self.deputies = deputies
            self.complaints = complaints
        }
    }

    /// The screening a candidate passed.
    public struct Screening: Sendable, Codable, Equatable {
        /// The breadth of benefit, as the screening wrote it.
        public var benefit: String?
        /// The screening's note.
        public var note: String?
        /// When it was screened (ISO 8601, UTC).
        public var screenedAt: String

        /// Creates a screening summary.
        public init(benefit: String?, note: String?, screenedAt: String) {
            self.benefit = benefit
            self.note = note
            self.screenedAt = screenedAt
        }
    }

    /// The comments a shortlisted draft received.
    public struct Comments: Sendable, Codable, Equatable {
        /// For.
        public var support: Int
        /// Against.
        public var oppose: Int
        /// Opinions, neither.
        public var opinion: Int

        /// Creates a count.
        public init(support: Int, oppose: Int, opinion: Int) {
            self.support = support
            self.oppose = oppose
            self.opinion = opinion
        }
    }

    /// The `candidates.csv` that `shishi vote init` takes: id, title, department, cost and draft.
    public func candidatesCSV() -> String {
        var lines = ["id,title,department,cost,draft"]
        for entry in candidates {
            lines.append(
                [entry.id, entry.title, entry.department, entry.cost.description, String(entry.draft)].map { CSVTable.field($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The candidates as the ballot lists them.
    public var ballotCandidates: [Candidate] { candidates.map(\.candidate) }

    /// Reads a signed list and checks it was signed by `secretariat`.
    public static func read(_ envelope: SignedEnvelope, signedBy secretariat: PublicKey, source: String) throws -> CandidateList {
        let list = try envelope.decodePayload(CandidateList.self, expecting: payloadType, source: source)
        try envelope.requireSignature(by: secretariat, role: Text("秘书处", "secretariat"), source: source)
        return list
    }

    /// Checks that `candidates` are this list's, in its order, with the same titles, departments,
    /// costs and drafts (an English title may be added).
    public func requireSame(_ candidates: [Candidate], source: String) throws {
        guard candidates.count == self.candidates.count else {
            throw ShishiError(
                .candidatesListMismatch,
                zh: "\(source) 有 \(candidates.count) 个候选项目，签名的候选项目清单有 \(self.candidates.count) 个：请使用 shishi collect fix 写出的文件。",
                en:
                    "\(source) has \(candidates.count, noun: "candidate") and the signed candidate list \(self.candidates.count): use the file shishi collect fix wrote."
            )
        }
        for (index, (given, listed)) in zip(candidates, ballotCandidates).enumerated() {
            var given = given
            given.titleEn = nil
            guard given == listed else {
                let fields = [
                    ("id", given.id == listed.id), ("title", given.title == listed.title), ("department", given.department == listed.department),
                    ("cost", given.cost == listed.cost), ("draft", given.draft == listed.draft), ("label", given.label == listed.label),
                ].filter { !$0.1 }.map(\.0).joined(separator: ", ")
                throw ShishiError(
                    .candidatesListMismatch,
                    zh: "\(source) 第 \(index + 1) 个候选项目（\(given.id) \(given.title)）的 \(fields) 与签名的候选项目清单（\(listed.id) \(listed.title)）不符：清单确定后不能改动。",
                    en:
                        "\(source) candidate \(index + 1) (\(given.id) \(given.title)) differs from the signed candidate list (\(listed.id) \(listed.title)) in \(fields): a fixed list cannot be changed."
                )
            }
        }
    }
}
