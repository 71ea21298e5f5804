public import Foundation

extension Data {
    /// The bytes as lower-case hexadecimal.
    public var hexString: String {
        withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { out in
                let digits: StaticString = "0123456789abcdef"
                for (index, byte) in bytes.enumerated() {
                    out[2 * index] = digits.utf8Start[Int(byte >> 4)]
                    out[2 * index + 1] = digits.utf8Start[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }

    /// Decodes hexadecimal text (either case); `nil` when it is not an even number of hex digits.
    public init?(hex: String) {
        var hex = hex
        guard let bytes = hex.withUTF8({ Self.decodeHex(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = bytes
    }

    /// Decodes hexadecimal bytes (either case); `nil` when they are not an even number of hex digits.
    public static func decodeHex(_ utf8: UnsafeRawBufferPointer) -> Data? {
        guard utf8.count % 2 == 0 else { return nil }
        var data = Data(count: utf8.count / 2)
        let ok = data.withUnsafeMutableBytes { out in
            for index in 0..<out.count {
                guard let high = nibble(utf8[2 * index]), let low = nibble(utf8[2 * index + 1]) else { return false }
                out[index] = high << 4 | low
            }
            return true
        }
        return ok ? data : nil
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension StringProtocol {
    /// Whether every character is a lower-case hexadecimal digit (0–9, a–f), as trackers are
    /// written; an empty string is.
    public var isLowercaseHex: Bool {
        utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
