import Foundation
public import ShishiCore
import Synchronization

/// A Pabulib file (`.pb`), the open format of participatory-budgeting data: three sections,
/// `META` (key;value), `PROJECTS` (project_id;…) and `VOTES` (voter_id;vote;…), each a
/// `;`-separated table with a header row; `vote` lists the chosen project ids, comma-separated,
/// and `points`, in cumulative and scoring files, the points given to each of them.
///
/// Files are read as cities publish them: project and voter ids of any form (`XIII.4`, ids with
/// spaces or Polish letters), META with or without its `key;value` header line, columns in any
/// order and columns this reader does not know (kept, by name).
public struct PabulibFile: Sendable, Equatable {
    /// One project.
    public struct Project: Sendable, Equatable {
        /// The project id, exactly as the file writes it.
        public var id: String
        /// Its name, if the file gives one.
        public var name: String
        /// Its cost as written, if given.
        public var cost: String
        /// Every cell of the project's row by column name, the known ones included.
        public var fields: [String: String]

        /// Creates a project.
        public init(id: String, name: String, cost: String, fields: [String: String] = [:]) {
            self.id = id
            self.name = name
            self.cost = cost
            self.fields = fields
        }

        /// Whether the file marks the project as funded (`selected` is 1).
        public var selected: Bool? {
            guard let cell = fields["selected"], !cell.isEmpty else { return nil }
            return cell != "0"
        }
    }

    /// A section's text (a slice of the file's) and the file line it starts on.
    typealias Section = (text: Substring, firstLine: Int)

    /// One voter's ballot.
    public struct Vote: Sendable, Equatable {
        /// The voter id, exactly as the file writes it.
        public var voter: String
        /// The chosen project ids, in the file's order (a ranking in ordinal files).
        public var approved: [String]
        /// The points given to each chosen project, in the same order (cumulative and scoring files).
        public var points: [Int]?
        /// The file line.
        public var line: Int

        /// Creates a vote.
        public init(voter: String, approved: [String], points: [Int]? = nil, line: Int) {
            self.voter = voter
            self.approved = approved
            self.points = points
            self.line = line
        }
    }

    /// The META entries in file order.
    public var meta: [(key: String, value: String)]
    /// The PROJECTS columns in file order.
    public var projectColumns: [String]
    /// The projects in file order.
    public var projects: [Project]
    /// The votes in file order.
    public var votes: [Vote]

    /// Creates a file from its parts; `projectColumns` defaults to `project_id`, `cost`, `name`
    /// and any other field the projects carry.
    public init(meta: [(key: String, value: String)], projects: [Project], votes: [Vote], projectColumns: [String]? = nil) {
        self.meta = meta
        self.projects = projects
        self.votes = votes
        let known = ["project_id", "cost", "name"]
        self.projectColumns = projectColumns ?? (known + Set(projects.flatMap(\.fields.keys)).subtracting(known).sorted())
    }

    /// The META value for `key` (keys compared without regard to case), or `nil` when absent or empty.
    public func meta(_ key: String) -> String? {
        meta.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }.flatMap { $0.value.isEmpty ? nil : $0.value }
    }

    /// Parses Pabulib text; errors name the file, the line and the column. Without
    /// `readingVotes`, the VOTES section is not read (META and projects only).
    public init(text: String, source: String, readingVotes: Bool = true) throws {
        var votesSection: Section?
        try self.init(text: text, source: source, votesSection: &votesSection)
        votes = readingVotes ? try Self.readVotes(votesSection!, projects: projects, source: source) : []
    }

    /// Reads META and the projects, and hands back the VOTES section unread.
    ///
    /// The last file so read is kept, and given again for the same text: an import reads its
    /// file's head, then its votes, then counts the folder it made, which reads the same bytes again.
    init(text: String, source: String, votesSection: inout Section?) throws {
        // The same bytes read under another name (the copy a folder keeps) read the same: a
        // source's name is only ever said in a refusal, and a kept head was read without one.
        if let kept = Self.lastHead.withLock({ $0?.text == text ? $0 : nil }) {
            self = kept.file
            votesSection = kept.votes
            return
        }
        try self.init(reading: text, source: source, votesSection: &votesSection)
        let head = (text: text, file: self, votes: votesSection!)
        Self.lastHead.withLock { $0 = head }
    }

    /// The last head read: its text, META and projects, and the VOTES section.
    private static let lastHead = Mutex<(text: String, file: PabulibFile, votes: Section)?>(nil)

    /// ``init(text:source:votesSection:)`` read afresh.
    private init(reading text: String, source: String, votesSection: inout Section?) throws {
        let sections = try Self.sections(of: text, source: source)
        for name in ["META", "PROJECTS", "VOTES"] where sections[name] == nil {
            throw ShishiError(.pabulibMissingSection, zh: "\(source)：缺少 \(name) 一节。", en: "\(source): the \(name) section is missing.")
        }
        meta = try Self.readMeta(sections["META"]!, source: source)
        let projectTable = try CSVTable(
            text: String(sections["PROJECTS"]!.text), source: source,
            columns: [.init("project_id", aliases: ["id"]), .init("name", required: false), .init("cost", required: false)],
            allowOtherColumns: true, delimiter: ";", firstLine: sections["PROJECTS"]!.firstLine)
        projectColumns = projectTable.columns
        var seen: [String: Int] = [:]
        projects = try projectTable.rows.map { row in
            let id = row["project_id"]
            if let first = seen[id] {
                throw CSVTable.repeatedIdentifier(id, column: "project_id", line: row.line, first: first, source: source, code: .pabulibDuplicateID)
            }
            seen[id] = row.line
            return Project(id: id, name: row["name"], cost: row["cost"], fields: row.cells)
        }
        votes = []
        votesSection = sections["VOTES"]!
    }

    /// The three sections of a file, each with the file line its text starts on. Lines are found
    /// on the UTF-8 bytes (a line feed ends one; a carriage return before it is part of its
    /// text, which the table reader handles); a heading is a line holding only the section's name.
    private static func sections(of text: String, source: String) throws -> [String: Section] {
        var whole = text
        // Where each section's bytes are; the sections are then slices of the text, not copies.
        let found = try whole.withUTF8 { bytes in
            var sections: [String: (bytes: Range<Int>, firstLine: Int)] = [:]
            var current: (name: String, start: Int, firstLine: Int)?
            var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var line = 0
            func close(at end: Int) {
                if let current {
                    sections[current.name] = (current.start..<end, current.firstLine)
                }
            }
            while position < bytes.count {
                line += 1
                // memchr finds the line feed many bytes at a time.
                let base = bytes.baseAddress!
                var end = bytes.count
                if let found = memchr(base + position, 0x0A, bytes.count - position) {
                    end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                let next = min(end + 1, bytes.count)
                // Headings are short: only a short line is looked at.
                var trimmed = bytes[position..<end]
                while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed = trimmed.dropFirst() }
                while let last = trimmed.last, last == 0x20 || last == 0x09 || last == 0x0D { trimmed = trimmed.dropLast() }
                if trimmed.count <= 8, !trimmed.isEmpty {
                    let heading = String(decoding: UnsafeBufferPointer(rebasing: trimmed), as: UTF8.self).uppercased()
                    if heading == "META" || heading == "PROJECTS" || heading == "VOTES" {
                        close(at: position)
                        current = (heading, next, line + 1)
                        position = next
                        continue
                    }
                }
                if current == nil, !trimmed.isEmpty {
                    throw ShishiError(
                        .pabulibNoSection, zh: "\(source) 第 \(line) 行：第一节应为 META。", en: "\(source) line \(line): the first section should be META.")
                }
                position = next
            }
            close(at: bytes.count)
            return sections
        }
        let utf8 = text.utf8
        return found.mapValues { section in
            let start = utf8.index(utf8.startIndex, offsetBy: section.bytes.lowerBound)
            return (text[start..<utf8.index(start, offsetBy: section.bytes.count)], section.firstLine)
        }
    }

    /// META as key;value rows, with or without the header line. A row is split at its first
    /// `;`, so a description holding `;` reads whole; a quoted key or value is unquoted.
    private static func readMeta(_ section: Section, source: String) throws -> [(key: String, value: String)] {
        func unquoted(_ field: Substring) -> String {
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
            return String(trimmed.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        var entries: [(key: String, value: String)] = []
        var sawRow = false
        for (offset, raw) in section.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let parts = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unquoted(parts[0])
            defer { sawRow = true }
            // The header line, when there is one, comes first.
            if !sawRow, key.lowercased() == "key" { continue }
            guard !key.isEmpty else {
                throw ShishiError(
                    .pabulibNoSection, zh: "\(source) 第 \(section.firstLine + offset) 行：META 的这一行没有键。",
                    en: "\(source) line \(section.firstLine + offset): this META row has no key.")
            }
            entries.append((key, parts.count > 1 ? unquoted(parts[1]) : ""))
        }
        return entries
    }

    /// The VOTES section: each voter once, every chosen project known, points (when given) one
    /// whole number per chosen project.
    static func readVotes(_ section: Section, projects: [Project], source: String) throws -> [Vote] {
        let known = Set(projects.map(\.id))
        if let votes = plainVotes(section, projects: projects) { return votes }
        let table = try CSVTable(
            text: String(section.text), source: source,
            columns: [.init("voter_id", aliases: ["id"]), .init("vote", required: false), .init("points", required: false)],
            allowOtherColumns: true, delimiter: ";", firstLine: section.firstLine)
        let voterColumn = table.position(of: "voter_id")
        let voteColumn = table.position(of: "vote")
        let pointsColumn = table.position(of: "points")
        var seen: [String: Int] = [:]
        seen.reserveCapacity(table.rows.count)
        var votes: [Vote] = []
        votes.reserveCapacity(table.rows.count)
        for row in table.rows {
            let voter = row[position: voterColumn]
            if let first = seen.updateValue(row.line, forKey: voter) {
                throw CSVTable.repeatedIdentifier(voter, column: "voter_id", line: row.line, first: first, source: source, code: .pabulibDuplicateID)
            }
            let approved = Self.list(row[position: voteColumn])
            var chosen = Set<String>()
            for id in approved {
                guard known.contains(id) else {
                    throw ShishiError(
                        .pabulibUnknownProject,
                        zh: "\(source) 第 \(row.line) 行，“vote”列：没有编号为“\(id)”的项目。",
                        en: "\(source) line \(row.line), column “vote”: no project has the id “\(id)”."
                    )
                }
                guard chosen.insert(id).inserted else {
                    throw ShishiError(
                        .pabulibRepeatedProject,
                        zh: "\(source) 第 \(row.line) 行，“vote”列：项目“\(id)”写了两次。",
                        en: "\(source) line \(row.line), column “vote”: the project “\(id)” is listed twice."
                    )
                }
            }
            var points: [Int]?
            if pointsColumn != nil {
                let cells = Self.list(row[position: pointsColumn])
                let values = cells.compactMap { Int($0) }
                guard values.count == cells.count, values.count == approved.count, values.allSatisfy({ $0 >= 0 }) else {
                    throw ShishiError(
                        .pabulibBadPoints,
                        zh: "\(source) 第 \(row.line) 行，“points”列：应为 \(approved.count) 个非负整数，与“vote”列的项目一一对应。",
                        en: "\(source) line \(row.line), column “points”: \(approved.count) whole numbers, not negative, one for each project in “vote”."
                    )
                }
                points = values
            }
            votes.append(Vote(voter: voter, approved: approved, points: points, line: row.line))
        }
        return votes
    }

    /// The VOTES section read directly on its bytes when it is plain, as cities' systems write it
    /// (see ``scanPlainVotes(_:projects:visitor:)``); `nil` for anything else.
    private static func plainVotes(_ section: Section, projects: [Project]) -> [Vote]? {
        /// Makes a vote of each row.
        struct Collector: PlainVoteVisitor {
            let projects: [Project]
            var votes: [Vote] = []

            mutating func visit(voter: UnsafeRawBufferPointer, line: Int, chosen: [Int], points: [Int]?) {
                votes.append(Vote(voter: String(decoding: voter, as: UTF8.self), approved: chosen.map { projects[$0].id }, points: points, line: line))
            }

            func emptyCopy() -> Collector { Collector(projects: projects) }

            mutating func append(contentsOf other: Collector) { votes += other.votes }
        }
        var collector = Collector(projects: projects)
        collector.votes.reserveCapacity(section.text.utf8.count / 16)
        return scanPlainVotes(section, projects: projects, visitor: &collector) ? collector.votes : nil
    }

    /// Visits each row of the VOTES section read directly on its bytes, when the section is plain:
    /// the header `voter_id;vote` or `voter_id;vote;points`, then rows of printable ASCII with no
    /// quote or space, each with that many fields, every voter once, every chosen project known
    /// and listed once, points one whole number each. `visitor` gets the voter id's bytes, the file
    /// line, the places of the projects chosen and the points. `false` at the first thing that is
    /// not plain (rows before it have been visited): the table reader then reads the section, or
    /// refuses it with the line and the column; what this accepts, it reads as the table reader
    /// would. A city's 131,778 votes read in a few hundredths of a second.
    static func scanPlainVotes<Visitor: PlainVoteVisitor>(_ section: Section, projects: [Project], visitor: inout Visitor) -> Bool {
        var text = section.text
        let scanner = PlainVotesScanner(projects: projects)
        return text.withUTF8 { bytes in scanner.scan(UnsafeRawBufferPointer(bytes), firstLine: section.firstLine, visitor: &visitor) }
    }

    /// A comma-separated cell as its items, spaces trimmed, empty items dropped.
    private static func list(_ cell: String) -> [String] {
        guard !cell.isEmpty else { return [] }
        return cell.split(separator: ",").compactMap { part in
            // Most items have no spaces around them: only those that do are trimmed.
            let item = part.first?.isWhitespace == true || part.last?.isWhitespace == true ? part.trimmingCharacters(in: .whitespaces) : String(part)
            return item.isEmpty ? nil : item
        }
    }

    /// The file as Pabulib text: META with its header line, the projects with their columns in
    /// file order, and the votes (with `points` when any vote carries them).
    public func text() -> String {
        func field(_ value: String) -> String { CSVTable.field(value, delimiter: ";") }
        var out = ["META", "key;value"]
        out += meta.map { "\(field($0.key));\(field($0.value))" }
        out += ["PROJECTS", projectColumns.map(field).joined(separator: ";")]
        for project in projects {
            out.append(
                projectColumns.map { column in
                    switch column {
                    case "project_id": field(project.id)
                    case "name": field(project.name)
                    case "cost": field(project.cost)
                    default: field(project.fields[column] ?? "")
                    }
                }.joined(separator: ";"))
        }
        let withPoints = votes.contains { $0.points != nil }
        out += ["VOTES", withPoints ? "voter_id;vote;points" : "voter_id;vote"]
        for vote in votes {
            var line = "\(field(vote.voter));\(field(vote.approved.joined(separator: ",")))"
            if withPoints { line += ";" + field((vote.points ?? []).map(String.init).joined(separator: ",")) }
            out.append(line)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Whether the two hold the same META, projects and votes.
    public static func == (lhs: PabulibFile, rhs: PabulibFile) -> Bool {
        lhs.meta.map(\.key) == rhs.meta.map(\.key) && lhs.meta.map(\.value) == rhs.meta.map(\.value) && lhs.projectColumns == rhs.projectColumns
            && lhs.projects == rhs.projects && lhs.votes == rhs.votes
    }
}
