public import Foundation
import ShishiCore

/// Reading and writing the small exchange files of a sign-in split across two machines.
public enum ExchangeFile {
    /// Reads a request or grant file strictly, checking its format.
    public static func read<T: Codable>(_ type: T.Type, from url: URL, format: String, formatOf: (T) -> String) throws -> T {
        let value = try StrictJSON.decode(T.self, from: FileAccess.read(url), source: url.lastPathComponent)
        guard formatOf(value) == format else {
            throw ShishiError(
                .formatUnknownVersion,
                zh: "\(url.lastPathComponent)：格式应为“\(format)”，实为“\(formatOf(value))”。",
                en: "\(url.lastPathComponent): the format should be “\(format)”, not “\(formatOf(value))”."
            )
        }
        return value
    }

    /// Writes a request or grant to a new file.
    public static func write<T: Encodable>(_ value: T, to url: URL) throws {
        var data = try StrictJSON.encode(value, pretty: true)
        data.append(0x0A)
        try FileAccess.create(url, data: data)
    }
}
