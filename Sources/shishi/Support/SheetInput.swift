import Foundation
import ShishiCore
import ShishiFollowUp

/// A sheet named on the command line (progress, hotline, scores, suggestions, a vote's roster
/// and candidates), read as offices keep them, Excel workbooks and Chinese Excel's GB18030 CSV
/// included; how it was read is said on standard output (``SheetFile/readingNote(_:source:)``).
enum SheetInput {
    /// The bytes of the sheet at `url`, after saying how it is read when it is not UTF-8 CSV.
    static func read(_ url: URL, language: Language) throws -> Data {
        let data = try FileAccess.read(url)
        if let note = SheetFile.readingNote(data, source: url.lastPathComponent) { Console.out(note(language)) }
        return data
    }
}
