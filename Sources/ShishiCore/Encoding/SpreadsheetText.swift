public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text of a sheet an office exported, in the encodings spreadsheets write: UTF-8 (with or
/// without a byte-order mark), UTF-16 with its mark (Excel's "Unicode text"), or GB18030, the
/// encoding Excel on a Chinese Windows writes "CSV (comma delimited)" in (GBK and GB2312 are
/// parts of it). Only a file that decodes in full is read; anything else is refused in words.
public enum SpreadsheetText {
    /// An encoding a sheet was read in.
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf16 = "UTF-16"
        case gb18030 = "GB18030"
    }

    /// The text of `data` and the encoding it was read in.
    public static func decode(_ data: Data, source: String) throws -> (text: String, encoding: Encoding) {
        if let text = String(data: data, encoding: .utf8) {
            return (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, .utf8)
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]), let text = String(data: data, encoding: .utf16) {
            return (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, .utf16)
        }
        if let text = gb18030(data) {
            return (text, .gb18030)
        }
        throw ShishiError(
            .csvEncoding,
            zh: "\(source)：既不是 UTF-8，也不是中文 Excel 保存的 GB18030（GBK）编码，无法读取。请在表格软件中另存为“CSV UTF-8”。",
            en: "\(source): neither UTF-8 nor the GB18030 (GBK) that Chinese Excel saves in, so it cannot be read. Save it from the spreadsheet as “CSV UTF-8”."
        )
    }

    /// `data` read as GB18030 by the system's iconv, or `nil` when some bytes are not GB18030.
    static func gb18030(_ data: Data) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        // A GB18030 character of 1, 2 or 4 bytes is at most 4 bytes of UTF-8.
        let capacity = data.count * 2 + 4
        let output = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        defer { output.deallocate() }
        var input = [CChar](repeating: 0, count: data.count)
        data.withUnsafeBytes { bytes in
            input.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
        }
        return input.withUnsafeMutableBufferPointer { buffer -> String? in
            var inPointer = buffer.baseAddress
            var inLeft = buffer.count
            var outPointer: UnsafeMutablePointer<CChar>? = output
            var outLeft = capacity
            guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
            let written = UnsafeRawBufferPointer(start: output, count: capacity - outLeft)
            return String(decoding: written, as: UTF8.self)
        }
    }
}
