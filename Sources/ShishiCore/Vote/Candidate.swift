/// A candidate project on the ballot.
public struct Candidate: Sendable, Hashable, Codable {
    /// A short identifier deputies mark on the ballot (`1`, `P07`): letters, digits, `-` and `_`.
    public var id: String
    /// The project's title as printed on the ballot.
    public var title: String
    /// An English title, for `--lang en` output; optional.
    public var titleEn: String?
    /// The responsible department (责任单位) proposed for it; optional.
    public var department: String?
    /// Its estimated cost, in the vote's unit of money; required of every candidate when the vote
    /// has a budget.
    public var cost: Amount?
    /// The id as the data it came from wrote it, when that was not a usable shishi id (a Pabulib
    /// `project_id` such as `XIII.4`); exports write it back.
    public var label: String?
    /// The draft project (of the collection that made the list) it stands for, when the list came
    /// from `shishi collect fix`: the candidate list file leads back to the suggestions behind it.
    public var draft: Int64?

    /// Creates a candidate.
    public init(
        id: String, title: String, titleEn: String? = nil, department: String? = nil, cost: Amount? = nil, label: String? = nil, draft: Int64? = nil
    ) {
        self.id = id
        self.title = title
        self.titleEn = titleEn
        self.department = department
        self.cost = cost
        self.label = label
        self.draft = draft
    }

    /// The id as its source wrote it: the ``label`` when there is one, else the ``id``.
    public var sourceID: String { label ?? id }

    /// The title in `language`, falling back to the Chinese title.
    public func title(in language: Language) -> String {
        language.title(title, english: titleEn)
    }

    /// The columns of a candidates CSV file.
    public static let csvColumns: [CSVTable.Column] = [
        .init("id", aliases: ["编号", "序号"]),
        .init("title", aliases: ["名称", "项目名称", "项目"]),
        .init("title_en", aliases: ["英文名称"], required: false),
        .init("department", aliases: ["责任单位", "牵头单位"], required: false),
        .init("cost", aliases: ["估算金额", "预算", "费用", "投资"], required: false),
        .init("draft", aliases: ["草案编号"], required: false),
    ]

    /// Whether `id` is a usable identifier: 1 to 32 letters, digits, `-` or `_`.
    public static func isValidID(_ id: String) -> Bool {
        // Plain ASCII ids (the usual case, a million on a large roster) are checked on their bytes.
        var bytes = id
        if let ascii = bytes.withUTF8({ $0.count <= 32 && $0.allSatisfy { $0 < 0x80 } ? isValidASCIIID($0) : nil }) { return ascii }
        return !id.isEmpty && id.count <= 32 && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// ``isValidID(_:)`` on an id's bytes, for ids that are ASCII: 1 to 32 ASCII letters, digits,
    /// `-` or `_`. `false` for any other byte (an id with other letters may still be valid).
    @inlinable public static func isValidASCIIID(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count <= 32
            && bytes.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
            }
    }

    /// Reads candidates from a CSV table, refusing bad and duplicate ids, empty titles and a cost
    /// that is not an amount.
    public static func list(from table: CSVTable) throws -> [Candidate] {
        try table.requireUniqueIdentifiers(in: "id", codes: .candidates)
        return try table.rows.map { row in
            var cost: Amount?
            if !row["cost"].isEmpty {
                guard let amount = Amount(parsing: row["cost"]) else {
                    throw ShishiError(
                        .candidatesBadCost,
                        zh: "\(table.source) 第 \(row.line) 行，“cost”列：“\(row["cost"])”不是金额（非负数，至多 4 位小数，如 1200 或 35.5）。",
                        en:
                            "\(table.source) line \(row.line), column “cost”: “\(row["cost"])” is not an amount (a non-negative number, at most 4 decimals, like 1200 or 35.5)."
                    )
                }
                cost = amount
            }
            var draft: Int64?
            if !row["draft"].isEmpty {
                guard let number = Int64(row["draft"]), number > 0 else {
                    throw ShishiError(
                        .candidatesBadDraft,
                        zh: "\(table.source) 第 \(row.line) 行，“draft”列：“\(row["draft"])”不是草案编号（正整数）。",
                        en: "\(table.source) line \(row.line), column “draft”: “\(row["draft"])” is not a draft number (a positive whole number)."
                    )
                }
                draft = number
            }
            return Candidate(
                id: row["id"],
                title: row["title"],
                titleEn: row["title_en"].isEmpty ? nil : row["title_en"],
                department: row["department"].isEmpty ? nil : row["department"],
                cost: cost,
                draft: draft
            )
        }
    }
}

extension [Candidate] {
    /// Each candidate's cost, by id (candidates without one left out).
    public var costs: [String: Amount] {
        Dictionary(compactMap { candidate in candidate.cost.map { (candidate.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// What the candidates cost together (those without a cost count as nothing).
    public var totalCost: Amount { reduce(.zero) { $0 + ($1.cost ?? .zero) } }
}
