public import Foundation
public import ShishiCore

/// A Pabulib file (`.pb`), the open format of participatory-budgeting data: three sections,
/// `META` (key;value), `PROJECTS` (project_id;…) and `VOTES` (voter_id;vote;…), each a
/// `;`-separated table with a header row; `vote` lists the approved project ids, comma-separated.
public struct PabulibFile: Sendable, Equatable {
    /// One project.
    public struct Project: Sendable, Equatable {
        /// The project id.
        public var id: String
        /// Its name, if the file gives one.
        public var name: String
        /// Its cost, if given (kept on export, not used by the count).
        public var cost: String
    }

    /// One voter's ballot.
    public struct Vote: Sendable, Equatable {
        /// The voter id.
        public var voter: String
        /// The approved project ids.
        public var approved: [String]
        /// The file line.
        public var line: Int
    }

    /// The META entries in file order.
    public var meta: [(key: String, value: String)]
    /// The projects in file order.
    public var projects: [Project]
    /// The votes in file order.
    public var votes: [Vote]

    /// Creates a file from its parts.
    public init(meta: [(key: String, value: String)], projects: [Project], votes: [Vote]) {
        self.meta = meta
        self.projects = projects
        self.votes = votes
    }

    /// The META value for `key`.
    public func meta(_ key: String) -> String? { meta.first { $0.key == key }?.value }

    /// Parses Pabulib text; errors name the file, the line and the column.
    public init(text: String, source: String) throws {
        var sections: [String: (text: String, firstLine: Int)] = [:]
        var current: String?
        var buffer: [Substring] = []
        var start = 0
        // Line feeds or CR LF (one Character in Swift) alike; a byte-order mark is not part of the first heading.
        let lines = (text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        func flush() {
            if let current { sections[current] = (buffer.joined(separator: "\n"), start) }
        }
        for (index, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let heading = line.trimmingCharacters(in: .whitespaces).uppercased()
            if ["META", "PROJECTS", "VOTES"].contains(heading) {
                flush()
                current = heading
                buffer = []
                start = index + 2
            } else if current != nil {
                buffer.append(line)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ShishiError(
                    .pabulibNoSection, zh: "\(source) 第 \(index + 1) 行：第一节应为 META。", en: "\(source) line \(index + 1): the first section should be META.")
            }
        }
        flush()
        for name in ["META", "PROJECTS", "VOTES"] where sections[name] == nil {
            throw ShishiError(.pabulibMissingSection, zh: "\(source)：缺少 \(name) 一节。", en: "\(source): the \(name) section is missing.")
        }
        let metaTable = try CSVTable(
            text: sections["META"]!.text, source: source, columns: [.init("key"), .init("value", required: false)],
            allowOtherColumns: true, delimiter: ";", firstLine: sections["META"]!.firstLine)
        meta = metaTable.rows.map { ($0["key"], $0["value"]) }
        let projectTable = try CSVTable(
            text: sections["PROJECTS"]!.text, source: source, columns: [.init("project_id"), .init("name", required: false), .init("cost", required: false)],
            allowOtherColumns: true, delimiter: ";", firstLine: sections["PROJECTS"]!.firstLine)
        try projectTable.requireUniqueIdentifiers(in: "project_id", codes: .pabulib)
        projects = projectTable.rows.map { Project(id: $0["project_id"], name: $0["name"], cost: $0["cost"]) }
        let known = Set(projects.map(\.id))
        let voteTable = try CSVTable(
            text: sections["VOTES"]!.text, source: source, columns: [.init("voter_id"), .init("vote", required: false)],
            allowOtherColumns: true, delimiter: ";", firstLine: sections["VOTES"]!.firstLine)
        try voteTable.requireUniqueIdentifiers(in: "voter_id", codes: .pabulib)
        votes = try voteTable.rows.map { row in
            let approved = row["vote"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let unknown = approved.first(where: { !known.contains($0) }) {
                throw ShishiError(
                    .pabulibUnknownProject,
                    zh: "\(source) 第 \(row.line) 行，“vote”列：没有编号为“\(unknown)”的项目。",
                    en: "\(source) line \(row.line), column “vote”: no project has the id “\(unknown)”."
                )
            }
            return Vote(voter: row["voter_id"], approved: approved, line: row.line)
        }
    }

    /// The file as Pabulib text.
    public func text() -> String {
        func field(_ value: String) -> String { CSVTable.field(value, delimiter: ";") }
        var out = ["META", "key;value"]
        out += meta.map { "\(field($0.key));\(field($0.value))" }
        out += ["PROJECTS", "project_id;cost;name"]
        out += projects.map { "\(field($0.id));\(field($0.cost));\(field($0.name))" }
        out += ["VOTES", "voter_id;vote"]
        out += votes.map { "\(field($0.voter));\(field($0.approved.joined(separator: ",")))" }
        return out.joined(separator: "\n") + "\n"
    }

    /// Whether the two are equal.
    public static func == (lhs: PabulibFile, rhs: PabulibFile) -> Bool {
        lhs.meta.map(\.key) == rhs.meta.map(\.key) && lhs.meta.map(\.value) == rhs.meta.map(\.value) && lhs.projects == rhs.projects && lhs.votes == rhs.votes
    }
}
