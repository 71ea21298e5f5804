public import Foundation
public import ShishiCore
import XMLCoder
import ZIPFoundation

/// The first worksheet of an Excel workbook (`.xlsx`, Office Open XML) as CSV text, so that the
/// sheets offices keep as workbooks load through the same table reader, with the same checks and
/// messages, as their CSV. Row numbers are kept (a blank line for a row the sheet skips), so a
/// refusal's "line 4" is the workbook's row 4.
///
/// Cells are read as Excel shows them where it matters to the sheets shishi takes: shared and
/// inline strings as written, whole numbers without a decimal point, booleans as `TRUE`/`FALSE`,
/// and numbers formatted as dates (built-in date formats and custom ones with y, m or d) as
/// `YYYY-MM-DD`, in the workbook's 1900 or 1904 date system.
public enum XLSXSheet {
    /// Whether `data` is a ZIP archive (a workbook, or any other ZIP), by its first bytes.
    public static func isZIP(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The first worksheet of the workbook `data` as CSV text.
    public static func csv(_ data: Data, source: String) throws -> String {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw unreadable(source)
        }
        let decoder = XMLDecoder()
        decoder.shouldProcessNamespaces = true
        func part<T: Decodable>(_ path: String, as type: T.Type) throws -> T? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, consumer: { bytes.append($0) })
                return try decoder.decode(T.self, from: bytes)
            } catch {
                throw unreadable(source)
            }
        }
        guard let workbook = try part("xl/workbook.xml", as: Workbook.self) else { throw unreadable(source) }
        let relations = try part("xl/_rels/workbook.xml.rels", as: Relationships.self)
        let first = workbook.sheets.sheet.first
        let target = first.flatMap { sheet in relations?.relationship.first { $0.id == sheet.id }?.target } ?? "worksheets/sheet1.xml"
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheet = try part(path, as: Worksheet.self) else { throw unreadable(source) }
        let strings = try part("xl/sharedStrings.xml", as: SharedStrings.self)?.si.map(\.text) ?? []
        let styles = try part("xl/styles.xml", as: Styles.self)
        let dateStyles = styles.map(Self.dateStyles) ?? []
        let base1904 = ["1", "true"].contains(workbook.workbookPr?.date1904?.lowercased() ?? "")

        // Each row's cells by column; Excel leaves out empty cells (trailing ones too), so every
        // row is padded to the widest row's last cell that holds something.
        var rows: [[Int: String]] = []
        for row in sheet.sheetData.row ?? [] {
            let number = row.r ?? rows.count + 1
            while rows.count < number - 1 { rows.append([:]) }
            var cells: [Int: String] = [:]
            var next = 0
            for cell in row.c ?? [] {
                let column = cell.r.flatMap(Self.column) ?? next
                next = column + 1
                let text = try value(cell, strings: strings, dateStyles: dateStyles, base1904: base1904, source: source)
                if !text.isEmpty { cells[column] = text }
            }
            rows.append(cells)
        }
        let width = (rows.compactMap { $0.keys.max() }.max() ?? -1) + 1
        let lines = rows.map { cells in cells.isEmpty ? "" : (0..<width).map { CSVTable.field(cells[$0] ?? "") }.joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func unreadable(_ source: String) -> ShishiError {
        ShishiError(
            .csvMalformed, zh: "\(source)：不是可读取的 Excel 工作簿（.xlsx）。请在表格软件中另存为 .xlsx 或“CSV UTF-8”。",
            en: "\(source): not an Excel workbook (.xlsx) that can be read. Save it from the spreadsheet as .xlsx or “CSV UTF-8”.")
    }

    /// A cell's text as the sheet shows it.
    static func value(_ cell: Worksheet.Cell, strings: [String], dateStyles: Set<Int>, base1904: Bool, source: String) throws -> String {
        let raw = cell.v?.value ?? ""
        switch cell.t ?? "n" {
        case "s":
            guard let index = Int(raw), strings.indices.contains(index) else { throw unreadable(source) }
            return strings[index]
        case "inlineStr": return cell.inline?.text ?? ""
        case "str", "e", "d": return raw
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        default:
            guard let number = Double(raw) else { return raw }
            if let style = cell.s, dateStyles.contains(style) { return date(serial: number, base1904: base1904) }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return raw
        }
    }

    /// The calendar day of an Excel date serial (the time of day dropped).
    static func date(serial: Double, base1904: Bool) -> String {
        // The 1900 system counts from 1899-12-30 (so that its serial 60, the 29 February 1900
        // Lotus counted, falls out); the 1904 system from 1904-01-01.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = calendar.date(from: DateComponents(year: base1904 ? 1904 : 1899, month: base1904 ? 1 : 12, day: base1904 ? 1 : 30))!
        let day = calendar.date(byAdding: .day, value: Int(serial.rounded(.down)), to: epoch)!
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The cell styles (their places in `cellXfs`) whose number format shows a date.
    static func dateStyles(_ styles: Styles) -> Set<Int> {
        let builtIn = Set(14...22).union(27...36).union(45...47).union(50...58)
        var custom = Set<Int>()
        for format in styles.numFmts?.numFmt ?? [] {
            // Quoted text and [colour] or [condition] parts say nothing of the date.
            let code = format.formatCode.replacingOccurrences(of: #""[^"]*"|\[[^\]]*\]"#, with: "", options: .regularExpression).lowercased()
            if code.contains("y") || code.contains("d") || (code.contains("m") && !code.contains("h")) { custom.insert(format.numFmtId) }
        }
        return Set(
            (styles.cellXfs?.xf ?? []).enumerated().compactMap { index, xf in
                guard let id = xf.numFmtId else { return nil }
                return builtIn.contains(id) || custom.contains(id) ? index : nil
            })
    }

    /// A column's place (`A` 0, `Z` 25, `AA` 26) from a cell reference such as `AB12`.
    static func column(_ reference: String) -> Int? {
        let letters = reference.prefix { $0.isLetter && $0.isASCII }
        guard !letters.isEmpty else { return nil }
        return letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }
}
