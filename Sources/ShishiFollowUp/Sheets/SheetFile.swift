public import Foundation
public import ShishiCore

/// A sheet as an office keeps it, read into text the table reader takes: an Excel workbook
/// (`.xlsx`, its first worksheet: ``XLSXSheet``) or CSV in UTF-8, UTF-16 or GB18030
/// (``SpreadsheetText``). Every sheet the year takes in (progress, hotline, scores, collection)
/// is read here.
public enum SheetFile {
    /// The text of the sheet `data`, named `source` in messages.
    public static func text(_ data: Data, source: String) throws -> String {
        XLSXSheet.isZIP(data) ? try XLSXSheet.csv(data, source: source) : try SpreadsheetText.decode(data, source: source).text
    }

    /// How the sheet `data` (named `source`) is read when it is not plain UTF-8 CSV, for the
    /// output to say so ("读作 GB18030 编码"); `nil` for UTF-8 CSV or a file that cannot be read
    /// (``text(_:source:)`` refuses that one in words).
    public static func readingNote(_ data: Data, source: String) -> Text? {
        if XLSXSheet.isZIP(data) {
            return Text("\(source)：读取了 Excel 工作簿的第一个工作表。", "\(source): read the workbook's first worksheet.")
        }
        switch try? SpreadsheetText.decode(data, source: source).encoding {
        case .gb18030?:
            return Text("\(source)：按 GB18030（中文 Excel 保存 CSV 所用的编码）读取。", "\(source): read as GB18030, the encoding Chinese Excel saves CSV in.")
        case .utf16?: return Text("\(source)：按 UTF-16 读取。", "\(source): read as UTF-16.")
        case .utf8?, nil: return nil
        }
    }

    /// The sheet `data` as the UTF-8 CSV a vote folder keeps (its bytes are hashed into the
    /// manifest): a workbook's first worksheet or a CSV in another encoding, written out again;
    /// UTF-8 CSV as it is.
    public static func utf8CSV(_ data: Data, source: String) throws -> Data {
        guard readingNote(data, source: source) != nil else { return data }
        return Data(try text(data, source: source).utf8)
    }
}
