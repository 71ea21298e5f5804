public import Foundation

/// The roster of deputies (代表名单), read from `roster.csv` and named in the manifest by its hash.
///
/// Columns: `id` (编号), `name` (姓名), optional `group` (代表团) and `public_key` (公钥, as
/// `ed25519:<base64>` or `sm2:<base64>`, required for recorded votes).
public struct Roster: Sendable {
    /// The deputies in file order.
    public var deputies: [Deputy]
    private var index: [String: Int]

    /// The columns of a roster CSV file.
    public static let csvColumns: [CSVTable.Column] = [
        .init("id", aliases: ["编号", "代表编号"]),
        .init("name", aliases: ["姓名"]),
        .init("group", aliases: ["代表团", "组别"], required: false),
        .init("public_key", aliases: ["公钥"], required: false),
    ]

    /// The position of the deputy with `id` in file order, if on the roster.
    public func position(of id: String) -> Int? { index[id] }

    /// Creates a roster from deputies, refusing duplicate ids.
    public init(deputies: [Deputy]) throws {
        var index: [String: Int] = [:]
        index.reserveCapacity(deputies.count)
        for (position, deputy) in deputies.enumerated() {
            guard index[deputy.id] == nil else {
                throw ShishiError(
                    "roster.duplicateID",
                    zh: "代表名单中编号“\(deputy.id)”出现了两次。",
                    en: "The roster lists the id “\(deputy.id)” twice."
                )
            }
            index[deputy.id] = position
        }
        self.deputies = deputies
        self.index = index
    }

    /// Parses roster CSV text.
    public init(table: CSVTable) throws {
        try table.requireUniqueIdentifiers(in: "id", code: "roster")
        // Keys are parsed on all cores (a roster of a million deputies); the first bad one by line is reported.
        let keys = try parallelMap(table.rows) { row -> Result<PublicKey?, ShishiError> in
            guard !row["public_key"].isEmpty else { return .success(nil) }
            do {
                return .success(try PublicKey(parsing: row["public_key"]))
            } catch let error as ShishiError {
                return .failure(ShishiError(
                    "roster.badKey",
                    zh: "\(table.source) 第 \(row.line) 行，“public_key”列：\(error.message.zh)",
                    en: "\(table.source) line \(row.line), column “public_key”: \(error.message.en)"
                ))
            }
        }
        var deputies: [Deputy] = []
        deputies.reserveCapacity(table.rows.count)
        for (row, key) in zip(table.rows, keys) {
            deputies.append(Deputy(id: row["id"], name: row["name"], group: row["group"].isEmpty ? nil : row["group"], publicKey: try key.get()))
        }
        try self.init(deputies: deputies)
    }

    /// Reads `roster.csv` bytes.
    public init(csv data: Data, source: String) throws {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ShishiError("csv.encoding", zh: "\(source)：不是 UTF-8 编码。", en: "\(source): not UTF-8.")
        }
        try self.init(table: CSVTable(text: text, source: source, columns: Self.csvColumns))
    }

    /// The number of deputies.
    public var count: Int { deputies.count }

    /// The deputy with `id`, if on the roster.
    public subscript(id: String) -> Deputy? { index[id].map { deputies[$0] } }

    /// The roster as CSV text, the form a vote folder keeps.
    public func csvText() -> String {
        var lines = ["id,name,group,public_key"]
        for deputy in deputies {
            lines.append([deputy.id, deputy.name, deputy.group ?? "", deputy.publicKey?.description ?? ""].map { CSVTable.field($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
