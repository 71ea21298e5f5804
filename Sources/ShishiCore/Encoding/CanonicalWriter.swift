public import Foundation

/// Writes canonical JSON byte for byte as ``StrictJSON/encode(_:pretty:)`` does (compact, keys
/// sorted by their UTF-8 bytes, slashes not escaped), for the fast paths of ballots and envelopes.
///
/// It declines (``failed``) any string that JSON would escape, so what it writes never needs an
/// escape rule to agree with Foundation's; a declined write falls back to the strict path.
public struct CanonicalWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    /// Whether a string needing an escape was met: the output is then not to be used.
    public private(set) var failed = false

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written, as `Data`; `nil` when the writer failed.
    public var data: Data? { failed ? nil : Data(bytes) }

    /// Whether the writer did not fail and wrote exactly `data`.
    public func matches(_ data: Data) -> Bool {
        guard !failed, bytes.count == data.count else { return false }
        return bytes.withUnsafeBytes { written in data.withUnsafeBytes { given in memcmp(written.baseAddress!, given.baseAddress!, written.count) == 0 } }
    }

    /// Appends raw JSON syntax (braces, keys with their quotes and colon, commas).
    public mutating func raw(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `text` as a JSON string; marks the writer failed if it needs an escape.
    public mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            if utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) { failed = true }
            bytes.append(contentsOf: utf8)
        }
        bytes.append(0x22)
    }

    /// Appends `data` as a base64 JSON string (standard alphabet, padded), as Foundation encodes `Data`.
    public mutating func base64(_ data: Data) {
        string(data.base64EncodedString())
    }

    /// Appends a whole number.
    public mutating func integer(_ value: Int) {
        var text = String(value)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The order of keys in a canonical object: by their UTF-8 bytes.
    public static func keyOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
