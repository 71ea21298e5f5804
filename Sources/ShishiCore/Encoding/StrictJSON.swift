public import Foundation

/// shishi's JSON: written with sorted keys and no escaped slashes, read strictly.
///
/// A strict read rejects malformed JSON, trailing garbage, a missing or mistyped field and any
/// field the format does not define, each with a message that names the file and the field.
public enum StrictJSON {
    /// Encodes `value` with sorted keys; `pretty` adds indentation for files people may open.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes `data` as `T`, refusing anything `T` does not define. `source` names the file in messages.
    ///
    /// With `canonical`, only the exact bytes shishi writes are accepted (compact, sorted keys):
    /// signed payloads are read this way, so that a document with a repeated key, which two JSON
    /// parsers might read differently, can never carry a valid signature into a count.
    public static func decode<T: Codable>(_ type: T.Type, from data: Data, source: String, canonical: Bool = false) throws -> T {
        // Fast path: what shishi writes is canonical, so decoding and re-encoding gives the same
        // bytes back, and then nothing can be unknown, missing or trailing.
        if let value = try? decoder().decode(T.self, from: data), let again = try? encode(value) {
            if again == data { return value }
            if canonical { return try diagnose(T.self, from: data, source: source, canonical: true) }
            var pretty = try encode(value, pretty: true)
            if pretty == data { return value }
            pretty.append(0x0A)
            if pretty == data { return value }
        }
        return try diagnose(T.self, from: data, source: source, canonical: canonical)
    }

    /// The decoder of every strict read: `Data` fields are read only as canonical base64, so
    /// the same bytes can never arrive as two different texts.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let data = Data(canonicalBase64: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not canonical base64 (padding, white space or stray bits)")
                )
            }
            return data
        }
        return decoder
    }

    /// The slow path: parse generically to say exactly what is wrong, or accept a document that is
    /// merely not in canonical layout.
    private static func diagnose<T: Codable>(_ type: T.Type, from data: Data, source: String, canonical: Bool) throws -> T {
        // shishi's files are UTF-8 without a byte-order mark; Foundation would also guess UTF-16 and UTF-32.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) || data.contains(0) || String(data: data, encoding: .utf8) == nil {
            throw ShishiError(
                .jsonEncoding,
                zh: "\(source)：不是 UTF-8 编码的 JSON（或含有字节序标记、NUL 字节）：文件可能已损坏或被改动。",
                en: "\(source): not JSON in UTF-8 (or it has a byte-order mark or a NUL byte): the file may be damaged or altered."
            )
        }
        let original: Any
        do {
            original = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ShishiError(
                .jsonMalformed,
                zh: "\(source)：不是有效的 JSON（\(describe(error))）。文件可能已损坏或被改动。",
                en: "\(source): not valid JSON (\(describe(error))). The file may be damaged or altered."
            )
        }
        if let key = JSONKeyScanner.firstDuplicateKey(in: data) {
            throw ShishiError(
                .jsonDuplicateKey,
                zh: "\(source)：字段“\(key)”在同一对象中出现两次：不同的程序会读出不同的值，拒绝读取。",
                en: "\(source): the field “\(key)” appears twice in one object: different programs would read different values, so shishi refuses it."
            )
        }
        let value: T
        do {
            value = try decoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw fieldError(error, source: source)
        }
        // Anything the decoder skipped is a field the format does not define.
        let reencoded = try JSONSerialization.jsonObject(with: encode(value), options: [.fragmentsAllowed])
        if let path = firstUnknownField(original, known: reencoded, path: "") {
            throw ShishiError(
                .jsonUnknownField,
                zh: "\(source)：未知字段“\(path)”。此版本的 shishi 不认识该字段，拒绝读取。",
                en: "\(source): unknown field “\(path)”. This version of shishi does not define it and refuses the file."
            )
        }
        if canonical {
            throw ShishiError(
                .jsonNotCanonical,
                zh: "\(source)：签名内容不是规范形式（键重复、顺序不对或有多余空白）：它不是 shishi 写出的，拒绝读取。",
                en:
                    "\(source): the signed content is not in canonical form (a repeated or reordered key, or extra white space): shishi did not write it, and refuses it."
            )
        }
        return value
    }

    private static func describe(_ error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }

    private static func pathString(_ path: [any CodingKey]) -> String {
        path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            .joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    private static func fieldError(_ error: DecodingError, source: String) -> ShishiError {
        switch error {
        case .keyNotFound(let key, let context):
            let path = pathString(context.codingPath + [key])
            return ShishiError(
                .jsonMissingField,
                zh: "\(source)：缺少字段“\(path)”。",
                en: "\(source): missing field “\(path)”."
            )
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = pathString(context.codingPath)
            return ShishiError(
                .jsonWrongType,
                zh: "\(source)：字段“\(path)”的类型不对（\(context.debugDescription)）。",
                en: "\(source): field “\(path)” has the wrong type (\(context.debugDescription))."
            )
        case .dataCorrupted(let context):
            let path = pathString(context.codingPath)
            return ShishiError(
                .jsonBadValue,
                zh: "\(source)：字段“\(path)”的值无效：\(context.debugDescription)",
                en: "\(source): field “\(path)” has an invalid value: \(context.debugDescription)"
            )
        @unknown default:
            return ShishiError(.jsonMalformed, zh: "\(source)：无法读取。", en: "\(source): cannot be read.")
        }
    }

    private static func firstUnknownField(_ original: Any, known: Any, path: String) -> String? {
        if let object = original as? [String: Any] {
            let knownObject = known as? [String: Any] ?? [:]
            for key in object.keys.sorted() {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard let knownChild = knownObject[key] else { return childPath }
                if let found = firstUnknownField(object[key]!, known: knownChild, path: childPath) { return found }
            }
        } else if let array = original as? [Any], let knownArray = known as? [Any] {
            for (index, element) in array.enumerated() where index < knownArray.count {
                if let found = firstUnknownField(element, known: knownArray[index], path: "\(path)[\(index)]") { return found }
            }
        }
        return nil
    }
}
