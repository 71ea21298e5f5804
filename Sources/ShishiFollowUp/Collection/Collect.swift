public import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// Collection (征集): a year's call for suggestions, and the suggestions it takes in, in the
/// workspace and its audit log. `shishi collect open`, `add`, `import` and `list`.
///
/// A suggestion comes from deputies (代表建议: a proposer and any co-signers, each a deputy on a
/// roster the workspace holds), from the public, from a department, from the hotline or carried
/// over from last year. An imported file (one row per suggestion, each with its own `reference`)
/// is refused whole on a bad row and loads once.
public enum Collect {
    /// Where a suggestion came from.
    public enum Source: String, Sendable, Codable, CaseIterable {
        /// A deputy's suggestion (代表建议), with a proposer and co-signers on the roster.
        case deputy
        /// A resident's suggestion (web, letter, phone).
        case `public`
        /// A department's proposal.
        case department
        /// A topic from the 12345 hotline's complaints.
        case hotline
        /// A project of last year carried over (graded 不满意 or not completed).
        case carriedOver = "carried-over"

        /// Reads a source as written in English or Chinese.
        public init?(parsing text: String) {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "deputy", "代表", "代表建议": self = .deputy
            case "public", "群众", "市民", "居民": self = .public
            case "department", "部门", "部门提出": self = .department
            case "hotline", "12345", "热线": self = .hotline
            case "carried-over", "结转", "续建": self = .carriedOver
            default: return nil
            }
        }

        /// The source in words.
        public var title: Text {
            switch self {
            case .deputy: Text("代表建议", "deputies")
            case .public: Text("群众建议", "the public")
            case .department: Text("部门提出", "a department")
            case .hotline: Text("12345 热线", "the hotline")
            case .carriedOver: Text("上年结转", "carried over")
            }
        }
    }

    /// A suggestion to take in.
    public struct Input: Sendable, Equatable {
        /// Its id in the file it came from, if any: a reference already taken in is skipped.
        public var reference: String?
        /// A short title.
        public var title: String
        /// The text.
        public var text: String
        /// Where it came from.
        public var source: Source
        /// The deputies behind it, by roster id: the first proposes, the others co-sign.
        public var deputies: [String]
        /// Who proposed it, in words, when not deputies.
        public var proposer: String?
        /// The district it concerns.
        public var district: String?
        /// Its category.
        public var category: String?
        /// The date received (YYYY-MM-DD).
        public var received: String
        /// For a hotline topic, the complaints behind it.
        public var complaints: Int?

        /// Creates an input.
        public init(
            reference: String? = nil, title: String, text: String, source: Source, deputies: [String] = [], proposer: String? = nil, district: String? = nil,
            category: String? = nil, received: String, complaints: Int? = nil
        ) {
            self.reference = reference
            self.title = title
            self.text = text
            self.source = source
            self.deputies = deputies
            self.proposer = proposer
            self.district = district
            self.category = category
            self.received = received
            self.complaints = complaints
        }
    }

    /// A suggestion as listed: its record and the deputies behind it.
    public struct Listed: Sendable, Equatable, Encodable {
        /// The suggestion.
        public var suggestion: SuggestionRecord
        /// The deputies behind it, proposer first.
        public var deputies: [SuggestionDeputyRecord]
    }

    /// What an import did.
    public struct Outcome: Sendable, Equatable {
        /// Suggestions added.
        public var added: Int
        /// Suggestions whose reference was already taken in, skipped.
        public var skipped: Int

        /// Creates an outcome.
        public init(added: Int, skipped: Int) {
            self.added = added
            self.skipped = skipped
        }
    }

    /// The suggestion file's columns.
    public static let columns: [CSVTable.Column] = [
        .init("reference", aliases: ["编号", "建议编号"]),
        .init("title", aliases: ["标题", "建议标题"]),
        .init("text", aliases: ["内容", "建议内容"], required: false),
        .init("source", aliases: ["来源"]),
        .init("deputies", aliases: ["代表", "提出代表"], required: false),
        .init("proposer", aliases: ["提出人", "提出单位"], required: false),
        .init("district", aliases: ["区县", "地区"], required: false),
        .init("category", aliases: ["类别"], required: false),
        .init("date", aliases: ["日期", "收到日期"]),
    ]

    /// What opening a call did: the call, and last year's projects carried over into it.
    public struct Opened: Sendable, Equatable {
        /// The call.
        public var call: CollectionCallRecord
        /// The projects of the year before taken in as carried-over suggestions (see ``carryOver(year:today:in:)``).
        public var carriedOver: [SuggestionRecord]
    }

    /// Opens the call for `year`, taking suggestions until `until` (a date), for `seats` if known;
    /// the projects of the year before graded 不满意 or not completed on `today` come in by
    /// themselves, marked as carried over.
    @discardableResult
    public static func open(year: Int, until: String, seats: Int?, today: String = Dates.today(), in workspace: Workspace) throws -> Opened {
        guard (2000...2999).contains(year) else {
            throw ShishiError(.collectBadCall, zh: "年份“\(year)”不对：请写四位年份，如 2028。", en: "The year “\(year)” is wrong: write four digits, like 2028.")
        }
        try Dates.require(until, field: "--until")
        if let seats, seats < 1 {
            throw ShishiError(.collectBadCall, zh: "名额至少为 1（现为 \(seats)）。", en: "The seats must be at least 1 (it is \(seats)).")
        }
        try Dates.require(today, field: "--today")
        let call = try workspace.write { db, audit in
            if try CollectionCallRecord.filter(CollectionCallRecord.Columns.year == year).fetchOne(db) != nil {
                throw ShishiError(
                    .collectCallExists, zh: "\(year) 年的征集已经开始，每年只开一次。", en: "The call for \(year) is already open: there is one call a year.")
            }
            var call = CollectionCallRecord(year: year, until: until, seats: seats, openedAt: audit.at)
            try call.insert(db)
            try audit.record("collect.open", subject: "\(year)", detail: call)
            return call
        }
        return Opened(call: call, carriedOver: try carryOver(year: year, today: today, in: workspace))
    }

    /// Takes in one suggestion for the call of `year`; returns it with its number.
    @discardableResult
    public static func add(_ input: Input, year: Int, in workspace: Workspace) throws -> SuggestionRecord {
        try check(input, line: nil, source: nil)
        return try workspace.write { db, audit in
            let call = try requireCall(year, db)
            guard let added = try insert(input, call: call, line: nil, source: nil, db, audit) else {
                throw ShishiError(
                    .collectDuplicate, zh: "编号“\(input.reference ?? "")”的建议已经收录。",
                    en: "A suggestion with the reference “\(input.reference ?? "")” is already in.")
            }
            return added
        }
    }

    /// Imports a file of suggestions for the call of `year`: every row checked first, then all
    /// written in one transaction; a bad row refuses the file with its line, and a reference
    /// already taken in is skipped, so loading a file twice adds nothing.
    public static func importFile(_ data: Data, source: String, year: Int, into workspace: Workspace) throws -> Outcome {
        let table = try CSVTable(text: SheetFile.text(data, source: source), source: source, columns: columns)
        var inputs: [(input: Input, line: Int?)] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            if let first = seen[row["reference"]] {
                throw ShishiError(
                    .collectBadRow, zh: "\(source) 第 \(row.line) 行：编号“\(row["reference"])”与第 \(first) 行重复。此文件的内容都未写入。",
                    en: "\(source) line \(row.line): the reference “\(row["reference"])” repeats line \(first). Nothing from this file was written.")
            }
            seen[row["reference"]] = row.line
            guard let kind = Source(parsing: row["source"]) else {
                throw ShishiError(
                    .collectBadRow,
                    zh: "\(source) 第 \(row.line) 行，“source”列：“\(row["source"])”不是来源（代表、群众、部门、12345、结转）。此文件的内容都未写入。",
                    en:
                        "\(source) line \(row.line), column “source”: “\(row["source"])” is not a source (deputy, public, department, hotline, carried-over). Nothing from this file was written."
                )
            }
            let input = Input(
                reference: row["reference"], title: row["title"], text: row["text"], source: kind, deputies: deputyList(row["deputies"]),
                proposer: row["proposer"].isEmpty ? nil : row["proposer"], district: row["district"].isEmpty ? nil : row["district"],
                category: row["category"].isEmpty ? nil : row["category"], received: row["date"])
            try check(input, line: row.line, source: source)
            inputs.append((input, row.line))
        }
        return try takeIn(inputs, call: year, source: source, into: workspace)
    }

    /// The suggestions of the call of `year`, by number, each with its deputies.
    public static func suggestions(year: Int, in workspace: Workspace) throws -> [Listed] {
        try workspace.read { db in
            let call = try requireCall(year, db)
            let suggestions = try SuggestionRecord.filter(SuggestionRecord.Columns.collectionCallId == call.id!).order(SuggestionRecord.Columns.id).fetchAll(db)
            let deputies = Dictionary(
                grouping: try SuggestionDeputyRecord.fetchAll(
                    db,
                    sql:
                        "SELECT suggestionDeputy.* FROM suggestionDeputy JOIN suggestion ON suggestion.id = suggestionId WHERE collectionCallId = ? ORDER BY suggestionDeputy.id",
                    arguments: [call.id!]),
                by: \.suggestionId)
            return suggestions.map { Listed(suggestion: $0, deputies: deputies[$0.id!] ?? []) }
        }
    }

    /// Writes checked suggestions to the call of `year` in one transaction, each with the file line
    /// it came from (if any), skipping those whose reference is already in.
    static func takeIn(_ inputs: [(input: Input, line: Int?)], call year: Int, source: String?, into workspace: Workspace) throws -> Outcome {
        try workspace.write { db, audit in
            let call = try requireCall(year, db)
            var outcome = Outcome(added: 0, skipped: 0)
            for (input, line) in inputs {
                if try insert(input, call: call, line: line, source: source, db, audit) == nil {
                    outcome.skipped += 1
                } else {
                    outcome.added += 1
                }
            }
            return outcome
        }
    }

    /// The call of `year`.
    public static func call(year: Int, in workspace: Workspace) throws -> CollectionCallRecord {
        try workspace.read { db in try requireCall(year, db) }
    }

    /// Splits a list of deputy ids written `D001、D002` or `D001;D002` or `D001 D002`.
    static func deputyList(_ cell: String) -> [String] {
        cell.split(whereSeparator: { $0 == "、" || $0 == ";" || $0 == "；" || $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
    }

    static func requireCall(_ year: Int, _ db: Database) throws -> CollectionCallRecord {
        guard let call = try CollectionCallRecord.filter(CollectionCallRecord.Columns.year == year).fetchOne(db) else {
            throw ShishiError(
                .collectNoCall, zh: "\(year) 年的征集还没有开始：请先运行 shishi collect open --year \(year) --until 截止日期。",
                en: "There is no call for \(year): open it first with shishi collect open --year \(year) --until DATE.")
        }
        return call
    }

    /// Where a refused suggestion was (a file's line, or nothing on the command line), and, for a
    /// file, that nothing of it was written.
    private static func refusal(_ line: Int?, _ source: String?) -> (place: Text, nothingWritten: Text) {
        guard let line else { return (Text("", ""), Text("", "")) }
        return (Text("\(source ?? "") 第 \(line) 行：", "\(source ?? "") line \(line): "), Text("此文件的内容都未写入。", " Nothing from this file was written."))
    }

    /// The checks a suggestion must pass before anything is written; `line` and `source` name the file's row.
    static func check(_ input: Input, line: Int?, source: String?) throws {
        let (place, nothingWritten) = refusal(line, source)
        guard !input.title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ShishiError(
                line == nil ? .collectBadSuggestion : .collectBadRow, zh: "\(place.zh)建议的标题不能为空。\(nothingWritten.zh)",
                en: "\(place.en)a suggestion needs a title.\(nothingWritten.en)")
        }
        do { try Dates.require(input.received, field: "date") } catch {
            throw ShishiError(
                line == nil ? .collectBadSuggestion : .collectBadRow, zh: "\(place.zh)“\(input.received)”不是 YYYY-MM-DD 日期。\(nothingWritten.zh)",
                en: "\(place.en)“\(input.received)” is not a YYYY-MM-DD date.\(nothingWritten.en)")
        }
        if input.source == .deputy, input.deputies.isEmpty {
            throw ShishiError(
                line == nil ? .collectBadSuggestion : .collectBadRow, zh: "\(place.zh)代表建议须写明提出的代表（代表编号）。\(nothingWritten.zh)",
                en: "\(place.en)a deputy's suggestion names the deputies behind it (their roster ids).\(nothingWritten.en)")
        }
        if input.source != .deputy, !input.deputies.isEmpty {
            throw ShishiError(
                line == nil ? .collectBadSuggestion : .collectBadRow,
                zh: "\(place.zh)只有代表建议列出代表；这是“\(input.source.title.zh)”：请把提出人写在 proposer。\(nothingWritten.zh)",
                en:
                    "\(place.en)only a deputy's suggestion lists deputies; this one is from \(input.source.title.en): name who proposed it with proposer.\(nothingWritten.en)"
            )
        }
        if let repeated = Dictionary(grouping: input.deputies, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ShishiError(
                line == nil ? .collectBadSuggestion : .collectBadRow, zh: "\(place.zh)代表 \(repeated) 写了两次。\(nothingWritten.zh)",
                en: "\(place.en)deputy \(repeated) is listed twice.\(nothingWritten.en)")
        }
    }

    /// Writes one checked suggestion, its deputies (each on a roster the workspace holds) and an
    /// audit entry; `nil` when its reference is already in.
    static func insert(_ input: Input, call: CollectionCallRecord, line: Int?, source: String?, _ db: Database, _ audit: AuditTrail) throws
        -> SuggestionRecord?
    {
        if let reference = input.reference,
            try SuggestionRecord.filter(SuggestionRecord.Columns.collectionCallId == call.id! && SuggestionRecord.Columns.reference == reference).fetchOne(db)
                != nil
        {
            return nil
        }
        try requireDraftsOpen(call, db)
        var names: [String] = []
        for deputy in input.deputies {
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM rosterDeputy WHERE deputyId = ? ORDER BY voteId DESC LIMIT 1", arguments: [deputy])
            else {
                let (place, nothingWritten) = refusal(line, source)
                throw ShishiError(
                    .collectUnknownDeputy,
                    zh: "\(place.zh)代表“\(deputy)”不在工作库的代表名单上（名单随采纳的投票载入）。\(nothingWritten.zh)",
                    en: "\(place.en)deputy “\(deputy)” is not on a roster the workspace holds (rosters come in with adopted votes).\(nothingWritten.en)"
                )
            }
            names.append(name)
        }
        var suggestion = SuggestionRecord(
            collectionCallId: call.id!, reference: input.reference, title: input.title, text: input.text, source: input.source.rawValue,
            proposer: input.proposer,
            district: input.district, category: input.category, received: input.received, complaints: input.complaints)
        try suggestion.insert(db)
        for (index, deputy) in input.deputies.enumerated() {
            var record = SuggestionDeputyRecord(suggestionId: suggestion.id!, deputyId: deputy, name: names[index], cosigner: index > 0)
            try record.insert(db)
        }
        try audit.record("collect.suggestion", subject: "\(suggestion.id!)", detail: suggestion)
        return suggestion
    }
}
