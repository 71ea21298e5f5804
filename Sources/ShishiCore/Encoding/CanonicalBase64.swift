public import Foundation

/// Base64 exactly as Foundation's encoder writes it (standard alphabet, `=` padding, no line
/// breaks), decoded on raw bytes for the count's fast path.
///
/// It accepts a text only if encoding the decoded bytes gives that text back: no missing or
/// extra padding, no white space, and no stray bits in the last symbol. Anything else is left to
/// the strict path, which reads it or says what is wrong.
public enum CanonicalBase64 {
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(symbol)] = UInt8(value)
        }
        return table
    }()

    /// Appends the bytes `text` encodes to `out`; `false` (with `out` in an unspecified state)
    /// when `text` is not canonical base64.
    public static func decode(_ text: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        guard text.count % 4 == 0 else { return false }
        if text.isEmpty { return true }
        let padding = text[text.count - 1] == 0x3D ? (text[text.count - 2] == 0x3D ? 2 : 1) : 0
        let symbols = text.count - padding
        out.reserveCapacity(out.count + text.count / 4 * 3)
        return values.withUnsafeBufferPointer { values in
            var index = 0
            while index + 4 <= symbols {
                let a = values[Int(text[index])], b = values[Int(text[index + 1])], c = values[Int(text[index + 2])], d = values[Int(text[index + 3])]
                guard a | b | c | d < 64 else { return false }
                let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                out.append(UInt8(truncatingIfNeeded: group >> 16))
                out.append(UInt8(truncatingIfNeeded: group >> 8))
                out.append(UInt8(truncatingIfNeeded: group))
                index += 4
            }
            switch padding {
            case 1:
                let a = values[Int(text[index])], b = values[Int(text[index + 1])], c = values[Int(text[index + 2])]
                guard a | b | c < 64, c & 0x03 == 0 else { return false }
                out.append(a << 2 | b >> 4)
                out.append(b << 4 | c >> 2)
            case 2:
                let a = values[Int(text[index])], b = values[Int(text[index + 1])]
                guard a | b < 64, b & 0x0F == 0 else { return false }
                out.append(a << 2 | b >> 4)
            default:
                break
            }
            return true
        }
    }
}

extension Data {
    /// Decodes base64 only in its canonical form, as Foundation's encoder writes it (standard
    /// alphabet, `=` padding, no white space, no stray bits in the last symbol): the same bytes
    /// can then never be written as two different texts. `nil` for anything else.
    public init?(canonicalBase64 text: String) {
        guard let data = Data(base64Encoded: text), data.base64EncodedString() == text else { return nil }
        self = data
    }
}
