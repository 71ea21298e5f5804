/// A value written in JSON as one string, such as `sha256:<hex>` or `ed25519:<base64>`.
///
/// Conforming types parse with ``init(parsing:)`` and print with `description`; decoding reports
/// a parse failure as a corrupted value at its coding path, so strict reads name the field.
public protocol TextCodable: Codable, CustomStringConvertible {
    /// Parses the written form.
    init(parsing text: String) throws
}

extension TextCodable {
    /// Decodes the value from its text.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch let error as ShishiError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message.en))
        }
    }

    /// Encodes the value as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
