public import Foundation
internal import SwiftCSV

/// A CSV file read through SwiftCSV, with a line number for every row and named columns.
///
/// The first line is the header. A column may be named in English or Chinese (``Column/names``);
/// a header the format does not know, a row with the wrong number of fields or a required cell
/// left empty is refused with the file, the line and the column.
public struct CSVTable: Sendable {
    /// A column a CSV format defines: its canonical name and the other names it is known by.
    public struct Column: Sendable, Hashable {
        /// The canonical (English) name.
        public var name: String
        /// Other accepted header names, such as the Chinese ones.
        public var aliases: [String]
        /// Whether every row must fill it.
        public var required: Bool

        /// Creates a column.
        public init(_ name: String, aliases: [String] = [], required: Bool = true) {
            self.name = name
            self.aliases = aliases
            self.required = required
        }

        /// Every name the column is known by.
        public var names: [String] { [name] + aliases }
    }

    /// One row: its line number in the file and its cells by canonical column name.
    public struct Row: Sendable {
        /// The 1-based line of the file where the row starts.
        public var line: Int
        /// The cells in header order, trimmed of surrounding spaces.
        var fields: [String]
        /// Where each canonical column name is in `fields` (one dictionary shared by every row).
        let positions: [String: Int]

        /// The cells, keyed by canonical column name.
        public var cells: [String: String] { positions.mapValues { fields[$0] } }

        /// The cell of `column`, or an empty string.
        public subscript(_ column: String) -> String { positions[column].map { fields[$0] } ?? "" }

        /// The cell at `position` in header order (see ``CSVTable/position(of:)``), or an empty
        /// string for `nil`: for reading many rows without looking the column up each time.
        public subscript(position position: Int?) -> String { position.map { fields[$0] } ?? "" }
    }

    /// The file name used in messages.
    public var source: String
    /// The header as written, mapped to canonical names.
    public var columns: [String]
    /// The data rows, blank lines skipped.
    public var rows: [Row]

    /// Where `column` (a canonical name) is in each row's cells, if the file has it.
    public func position(of column: String) -> Int? { columns.lastIndex(of: column) }

    /// Parses CSV text against a list of columns. Columns not in `columns` are refused unless
    /// `allowOtherColumns` is set, in which case they are kept under their own header text.
    ///
    /// `delimiter` is `,` by default (`;` for Pabulib sections); `firstLine` is the file line of
    /// the text's first line, so that a section of a larger file reports the file's line numbers.
    public init(text: String, source: String, columns known: [Column], allowOtherColumns: Bool = false, delimiter: Character = ",", firstLine: Int = 1) throws {
        self.source = source
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // a byte-order mark from spreadsheet exports
        // SwiftCSV drops an empty last field at the very end of the input ("a,b," with no newline);
        // ending the text with a line break keeps it.
        if !text.isEmpty, !text.hasSuffix("\n") { text.append("\n") }
        var raw = try Self.rawRows(text, delimiter: delimiter, source: source, firstLine: firstLine)
        guard let header = raw.first, !header.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw ShishiError(.csvEmpty, zh: "\(source)：文件是空的，第 1 行应为表头。", en: "\(source): the file is empty; line 1 should be the header.")
        }
        var names: [String] = []
        for cell in header {
            let title = cell.trimmingCharacters(in: .whitespacesAndNewlines)
            if let column = known.first(where: { $0.names.contains { $0.caseInsensitiveCompare(title) == .orderedSame } }) {
                guard !names.contains(column.name) else {
                    throw ShishiError(
                        .csvDuplicateColumn,
                        zh: "\(source) 第 \(firstLine) 行：列“\(title)”重复。",
                        en: "\(source) line \(firstLine): the column “\(title)” appears twice."
                    )
                }
                names.append(column.name)
            } else if allowOtherColumns, !title.isEmpty {
                names.append(title)
            } else {
                let accepted = known.map { $0.names.joined(separator: "/") }.joined(separator: ", ")
                throw ShishiError(
                    .csvUnknownColumn,
                    zh: "\(source) 第 \(firstLine) 行：未知的列“\(title)”。可用的列：\(accepted)。",
                    en: "\(source) line \(firstLine): unknown column “\(title)”. Known columns: \(accepted)."
                )
            }
        }
        for column in known where column.required && !names.contains(column.name) {
            throw ShishiError(
                .csvMissingColumn,
                zh: "\(source) 第 \(firstLine) 行：缺少必需的列“\(column.name)”（也可写作 \(column.aliases.joined(separator: "、"))）。",
                en: "\(source) line \(firstLine): the required column “\(column.name)” is missing."
            )
        }
        // A header repeated among other columns keeps its last cell, as it always has.
        let positions = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { _, last in last })
        let required = known.filter(\.required).compactMap { column in positions[column.name].map { (column, $0) } }
        var rows: [Row] = []
        rows.reserveCapacity(raw.count)
        var line = firstLine + header.reduce(0) { $0 + Self.newlines(in: $1) }
        for position in raw.indices.dropFirst() {
            // Each raw row is handed over and released as its checked row is made, so a large
            // file is not held twice.
            let fields = raw[position]
            raw[position] = []
            line += 1
            defer { line += fields.reduce(0) { $0 + Self.newlines(in: $1) } }
            if fields.allSatisfy({ Self.trimmed($0).isEmpty }) { continue }
            guard fields.count == names.count else {
                throw ShishiError(
                    .csvWrongFieldCount,
                    zh: "\(source) 第 \(line) 行：有 \(fields.count) 个字段，表头有 \(names.count) 列。请检查是否多了或少了逗号。",
                    en: "\(source) line \(line): \(fields.count) fields where the header has \(names.count) columns. Check for a missing or extra comma."
                )
            }
            let row = Row(line: line, fields: fields.map(Self.trimmed), positions: positions)
            for (column, position) in required where row.fields[position].isEmpty {
                throw ShishiError(
                    .csvEmptyCell,
                    zh: "\(source) 第 \(line) 行：“\(column.name)”列不能为空。",
                    en: "\(source) line \(line): the “\(column.name)” column must not be empty."
                )
            }
            rows.append(row)
        }
        self.columns = names
        self.rows = rows
    }

    /// The rows of `text` (which ends with a line break) as fields, before any checking.
    ///
    /// Plain text (no quote, carriage return, Unicode space or line separator, or combining mark
    /// that could join a delimiter) is split directly on its bytes, as SwiftCSV would split it:
    /// fields at the delimiter, rows at line feeds, spaces and tabs at the start of a field
    /// dropped. A roster of a million deputies reads in a fraction of the time. Quoted text is
    /// split on its bytes too where it reads as its bytes (``splitQuoted(_:separator:)``).
    /// Anything else goes through SwiftCSV.
    /// A refusal names the file line, the text's first line being `firstLine`.
    static func rawRows(_ text: String, delimiter: Character, source: String, firstLine: Int = 1, fast: Bool = true) throws -> [[String]] {
        var text = text
        if fast, let separator = delimiter.asciiValue, separator != 0x20, separator != 0x09,
            let rows = text.withUTF8({ bytes -> [[String]]? in
                // Refuse what SwiftCSV, reading characters, might treat otherwise; then split on the bytes.
                guard let base = bytes.baseAddress, Self.readsAsItsBytes(bytes, separator: separator) else { return nil }
                return memchr(base, 0x22, bytes.count) == nil ? Self.splitPlain(bytes, separator: separator) : Self.splitQuoted(bytes, separator: separator)
            })
        {
            return rows
        }
        if let line = unclosedQuoteLine(text, delimiter: delimiter).map({ $0 + firstLine - 1 }) {
            throw ShishiError(
                .csvUnclosedQuote,
                zh: "\(source) 第 \(line) 行：这里开始的引号直到文件末尾都没有闭合，其后的行会被当作一个字段。请补上引号（字段内的引号写成两个 \"\"）。",
                en:
                    "\(source) line \(line): the quote opened here is never closed, so every line after it would become one field. Close it (a quote inside a field is written twice: \"\")."
            )
        }
        do {
            // The raw rows: CSV.rows would pad short rows and hide a missing field.
            let csv = try SwiftCSV.CSV<Enumerated>(string: text, delimiter: CSVDelimiter(unicodeScalarLiteral: delimiter), loadColumns: false)
            var collected: [[String]] = []
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { collected.append($0) }
            return collected
        } catch {
            throw ShishiError(
                .csvMalformed,
                zh: "\(source)：CSV 格式有误（\(error)）：请检查引号是否成对。",
                en: "\(source): malformed CSV (\(error)): check that quotes are paired."
            )
        }
    }

    /// The line where a quoted field opens that is still open at the end of `text`, or `nil`.
    ///
    /// SwiftCSV accepts such a file and quietly makes the rest of it one field (a roster of three
    /// deputies becomes one). This follows the same states as SwiftCSV's parser: a quote opens a
    /// quoted field only at the start of a field (after spaces), and `""` inside it is a quote.
    static func unclosedQuoteLine(_ text: String, delimiter: Character) -> Int? {
        var line = 1
        var atStart = true
        var inQuotes = false
        var quoteSeen = false
        var openedOn = 0
        for character in text {
            if inQuotes {
                if quoteSeen {
                    // After a closing quote SwiftCSV passes over white space, still after that quote.
                    if character.isWhitespace && !character.isNewline { continue }
                    quoteSeen = false
                    if character == "\"" { continue }
                    if character == delimiter || character.isNewline {
                        inQuotes = false
                        atStart = true
                    } else {
                        inQuotes = false
                        atStart = false
                    }
                } else if character == "\"" {
                    quoteSeen = true
                }
            } else if atStart {
                if character == "\"" {
                    inQuotes = true
                    atStart = false
                    openedOn = line
                } else if !(character.isWhitespace && !character.isNewline && character != delimiter) {
                    atStart = character == delimiter || character.isNewline
                }
            } else if character == delimiter || character.isNewline {
                atStart = true
            }
            if character.isNewline { line += 1 }
        }
        return inQuotes && !quoteSeen ? openedOn : nil
    }

    /// The direct split of CSV bytes without a quote that read as their bytes (``readsAsItsBytes(_:separator:)``).
    private static func splitPlain(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [[String]] {
        var rows: [[String]] = []
        var fields: [String] = []
        var start = 0
        var atFieldStart = true
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if atFieldStart, byte == 0x20 || byte == 0x09 {
                start = index + 1
                continue
            }
            atFieldStart = false
            guard byte == separator || byte == 0x0A else { continue }
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            start = index + 1
            atFieldStart = true
            if byte == 0x0A {
                rows.append(fields)
                fields = []
            }
        }
        return rows
    }
    /// A value written as one CSV field: quoted (with quotes doubled) when it holds the delimiter,
    /// a quote or a line break (RFC 4180).
    public static func field(_ value: String, delimiter: Character = ",") -> String {
        // Printable ASCII without the delimiter or a quote (most ids and names) stays as it is.
        if let separator = delimiter.asciiValue, value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != separator && $0 != 0x22 }) { return value }
        return value.contains(where: { $0 == delimiter || $0 == "\"" || $0.isNewline }) ? "\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"" : value
    }

    /// The line breaks inside a (quoted) field, counted on its UTF-8 bytes.
    private static func newlines(in field: String) -> Int {
        var count = 0
        for byte in field.utf8 where byte == 0x0A { count += 1 }
        return count
    }

    /// The field without surrounding white space; most fields have none, and are returned as they are.
    private static func trimmed(_ field: String) -> String {
        // Nothing to trim unless an end is white space (the same set as .whitespacesAndNewlines).
        // No White_Space character lies above U+3000, which spares most CJK text the property look-up.
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.value < 0x80 { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
            return scalar.value <= 0x3000 && scalar.properties.isWhitespace
        }
        guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last, isSpace(first) || isSpace(last) else { return field }
        return field.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The error codes of a file's identifiers: one not usable, one repeated.
    public struct IdentifierCodes: Sendable {
        /// For an identifier that is not usable.
        public var bad: ErrorCode
        /// For an identifier used twice.
        public var repeated: ErrorCode

        /// Candidates' ids.
        public static let candidates = IdentifierCodes(bad: .candidatesBadID, repeated: .candidatesDuplicateID)
        /// Deputies' ids.
        public static let roster = IdentifierCodes(bad: .rosterBadID, repeated: .rosterDuplicateID)
        /// Pabulib projects' and voters' ids.
        public static let pabulib = IdentifierCodes(bad: .pabulibBadID, repeated: .pabulibDuplicateID)
    }

    /// Checks that `column` holds a usable identifier (see ``Candidate/isValidID(_:)``) on every
    /// row, and no identifier twice; errors name the line, the column and the earlier line.
    public func requireUniqueIdentifiers(in column: String, codes: IdentifierCodes) throws {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(rows.count)
        for row in rows {
            let id = row[column]
            guard Candidate.isValidID(id) else { throw Self.badIdentifier(id, column: column, line: row.line, source: source, code: codes.bad) }
            if let first = seen[id] { throw Self.repeatedIdentifier(id, column: column, line: row.line, first: first, source: source, code: codes.repeated) }
            seen[id] = row.line
        }
    }

    /// The error for an identifier that is not usable (see ``Candidate/isValidID(_:)``).
    public static func badIdentifier(_ id: String, column: String, line: Int, source: String, code: ErrorCode) -> ShishiError {
        ShishiError(
            code,
            zh: "\(source) 第 \(line) 行，“\(column)”列：编号“\(id)”只能由字母、数字、- 和 _ 组成（至多 32 个字符）。",
            en: "\(source) line \(line), column “\(column)”: “\(id)” may hold only letters, digits, - and _ (at most 32)."
        )
    }

    /// The error for an identifier already used on line `first`.
    public static func repeatedIdentifier(_ id: String, column: String, line: Int, first: Int, source: String, code: ErrorCode) -> ShishiError {
        ShishiError(
            code,
            zh: "\(source) 第 \(line) 行，“\(column)”列：编号“\(id)”与第 \(first) 行重复。",
            en: "\(source) line \(line), column “\(column)”: “\(id)” repeats line \(first)."
        )
    }

    /// Reads and parses a CSV file.
    public init(contentsOf url: URL, columns: [Column], allowOtherColumns: Bool = false) throws {
        let text = try FileAccess.utf8Text(FileAccess.read(url), source: url.lastPathComponent)
        try self.init(text: text, source: url.lastPathComponent, columns: columns, allowOtherColumns: allowOtherColumns)
    }
}
