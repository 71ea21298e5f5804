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
}
