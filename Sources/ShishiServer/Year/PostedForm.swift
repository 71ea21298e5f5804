import Foundation
import Hummingbird
import MultipartKit
import ShishiCore

/// A form as posted: its fields and, for `multipart/form-data` (vapor's MultipartKit parses it),
/// its files. A form without files may come URL-encoded.
struct PostedForm: Sendable {
    /// One file: the form field it came in, the name the browser gave it, and its bytes.
    struct File: Sendable {
        var field: String
        var name: String
        var data: Data
    }

    /// The text fields, by name (the last value of a repeated name).
    var fields: [String: String] = [:]
    /// The files, in the order sent (empty file inputs left out).
    var files: [File] = []

    /// The largest upload accepted, in bytes.
    static let uploadLimit = 20 * 1024 * 1024

    /// The whole number in field `field` (`nil` when left empty), or the refusal naming it as
    /// the form does (`name`).
    func wholeNumber(_ field: String, named name: Text) throws -> Int? {
        let text = (fields[field] ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw ShishiError(.serverBadRequest, zh: "\(name.zh)“\(text)”不是整数。", en: "\(name.en) “\(text)” is not a whole number.")
        }
        return value
    }

    /// Reads the request's form, refusing a body over `limit` bytes in words.
    static func read(_ request: Request, limit: Int) async throws -> PostedForm {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw ShishiError(
                .serverTooLarge, zh: "提交的内容超过上限 \(limit / 1024 / 1024) MB：请压缩照片或分几次提交。",
                en: "What was sent is larger than the limit of \(limit / 1024 / 1024) MB: make the photos smaller or send them in several goes.")
        }
        let type = request.headers[.contentType].flatMap(MediaType.init(from:))
        guard let type, type.type == .multipart, type.subType == "form-data", let boundary = type.parameter?.value else {
            guard let fields = try? URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body)) else { throw Site.badForm }
            return PostedForm(fields: fields)
        }
        var form = PostedForm()
        var disposition = ""
        var data = Data()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in
            if field.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { chunk in data.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            let parameters = Self.parameters(disposition)
            if let field = parameters["name"] {
                if let name = parameters["filename"] {
                    if !name.isEmpty || !data.isEmpty { form.files.append(File(field: field, name: name, data: data)) }
                } else {
                    form.fields[field] = String(decoding: data, as: UTF8.self)
                }
            }
            disposition = ""
            data = Data()
        }
        do {
            try parser.execute(body)
        } catch {
            throw Site.badForm
        }
        return form
    }

    /// The parameters of a `Content-Disposition` value (`form-data; name="file"; filename="a.jpg"`).
    static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            var text = pair[1]
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            result[pair[0].lowercased()] = text.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return result
    }
}
