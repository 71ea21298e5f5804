import Foundation
import Hummingbird
import Testing

@testable import ShishiServer

/// The templates are checked when a server starts: each one named in ``Template`` is there,
/// every template shipped is named, and none reads a word its site does not have.
@Suite struct PagesTests {
    @Test func theShippedTemplatesLoadAndAreEachNamedOnce() async throws {
        _ = try await Pages.load()
        let shipped = try FileManager.default.contentsOfDirectory(atPath: try #require(Pages.templateFolder).path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(Set(shipped) == Set(Template.allCases.map(\.rawValue)))
    }

    @Test func aWordThatIsNotDefinedIsFound() {
        let text = "<h1>{{t.brand}}</h1>{{#t.missingWord}}x{{/t.missingWord}}{{^t.other}}{{/t.other}}{{title}}{{{t.brand}}}"
        #expect(Template.unknownWords(in: text, words: ["brand"]) == ["missingWord", "other"])
        #expect(Template.unknownWords(in: text, words: ["brand", "missingWord", "other"]).isEmpty)
    }

    @Test func aKeptPagesTokenIsPutInPlaceOnItsBytes() {
        let mark = PublicArea.tokenPlaceholder
        for (page, expected) in [
            ("<input value=\"\(mark)\">", "<input value=\"abc123\">"), ("\(mark)s\(mark)", "abc123sabc123"), ("no token here", "no token here"),
            ("", ""), ("shishi-form-token", "shishi-form-token"), ("\(mark.dropLast())\(mark)", "\(mark.dropLast())abc123"),
        ] {
            #expect(String(buffer: PublicArea.replacing(mark, with: "abc123", in: ByteBuffer(string: page))) == expected, "\(page)")
        }
    }
}
