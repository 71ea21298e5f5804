import Foundation
import ShishiCore
import Testing

@Suite struct EnvelopeTests {
    struct Note: Codable, Equatable {
        var text: String
        var count: Int
    }

    @Test func preAuthenticationEncodingIsDSSE() {
        let bytes = SignedEnvelope.preAuthenticationEncoding(type: "shishi/ballot/v1", payload: Data("{}".utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == "DSSEv1 16 shishi/ballot/v1 2 {}")
    }

    @Test(arguments: SignatureSuite.allCases)
    func aSignatureForOneDomainDoesNotPassForAnother(_ suite: SignatureSuite) throws {
        let key = try PrivateKey(generating: suite)
        var envelope = try SignedEnvelope(payloadType: "shishi/ballot/v1", encoding: Note(text: "同意", count: 1))
        try envelope.sign(with: key)
        #expect(envelope.isSigned(by: key.publicKey))
        var replayed = envelope
        replayed.payloadType = "shishi/manifest/v1"
        #expect(!replayed.isSigned(by: key.publicKey))
    }

    @Test func anyAlteredPayloadByteBreaksTheSignature() throws {
        let key = try PrivateKey(generating: .ed25519)
        var envelope = try SignedEnvelope(payloadType: "shishi/test/v1", encoding: Note(text: "yes", count: 3))
        try envelope.sign(with: key)
        for index in envelope.payload.indices {
            var altered = envelope
            altered.payload[index] ^= 0x20
            #expect(!altered.isSigned(by: key.publicKey), "byte \(index)")
        }
    }

    @Test func theFileFormRoundTripsAndStaysSigned() throws {
        let key = try PrivateKey(generating: .sm2)
        var envelope = try SignedEnvelope(payloadType: "shishi/test/v1", encoding: Note(text: "基本满意", count: 2))
        try envelope.sign(with: key)
        let read = try StrictJSON.decode(SignedEnvelope.self, from: envelope.fileData(), source: "test.json")
        #expect(read == envelope)
        #expect(read.isSigned(by: key.publicKey))
        #expect(try read.decodePayload(Note.self, expecting: "shishi/test/v1", source: "test.json") == Note(text: "基本满意", count: 2))
    }

    @Test func theFileFormWrittenDirectlyIsByteForByteTheEncoders() throws {
        var envelopes: [SignedEnvelope] = []
        for suite in SignatureSuite.allCases {
            var envelope = try SignedEnvelope(payloadType: "shishi/ballot/v1", encoding: Note(text: "同意/不同意", count: 7))
            try envelope.sign(with: PrivateKey(generating: suite))
            try envelope.sign(with: PrivateKey(generating: suite))
            envelopes.append(envelope)
        }
        // Strings that need escaping, and no signature at all, go through the encoder.
        var odd = try SignedEnvelope(payloadType: "shishi/\"odd\"\\v1", encoding: Note(text: "x", count: 1))
        envelopes.append(odd)
        odd.signatures = [Signature(suite: .ed25519, key: "ключ\u{7}", sig: Data([0xFF, 0xFE]))]
        envelopes.append(odd)
        for envelope in envelopes {
            var encoded = try StrictJSON.encode(envelope, pretty: true)
            encoded.append(0x0A)
            #expect(try envelope.fileData() == encoded)
            if envelope.payloadType == "shishi/ballot/v1" { #expect(SignedEnvelope.canonicalFile(try envelope.fileData()) == envelope) }
        }
    }

    @Test func anUnknownVersionIsRefusedWithTheFileAndTheType() throws {
        let envelope = try SignedEnvelope(payloadType: "shishi/test/v2", encoding: Note(text: "x", count: 1))
        let error = try #require(throws: ShishiError.self) { try envelope.decodePayload(Note.self, expecting: "shishi/test/v1", source: "b.json") }
        #expect(error.code == "format.unknownVersion")
        #expect(error.message.en.contains("b.json") && error.message.en.contains("shishi/test/v2"))
    }
}

@Suite struct StrictJSONTests {
    struct Inner: Codable { var a: Int }
    struct Outer: Codable {
        var name: String
        var inner: Inner
        var items: [Inner]
    }

    @Test func anUnknownFieldIsNamedWithItsPath() throws {
        let data = Data(#"{"name":"x","inner":{"a":1,"b":2},"items":[]}"#.utf8)
        let error = try #require(throws: ShishiError.self) { try StrictJSON.decode(Outer.self, from: data, source: "f.json") }
        #expect(error.code == "json.unknownField")
        #expect(error.message.en.contains("inner.b") && error.message.en.contains("f.json"))
    }

    @Test func anUnknownFieldInsideAnArrayIsNamed() throws {
        let data = Data(#"{"name":"x","inner":{"a":1},"items":[{"a":1},{"a":2,"z":0}]}"#.utf8)
        let error = try #require(throws: ShishiError.self) { try StrictJSON.decode(Outer.self, from: data, source: "f.json") }
        #expect(error.message.en.contains("items[1].z"))
    }

    @Test func trailingGarbageIsRefused() throws {
        let data = Data(#"{"name":"x","inner":{"a":1},"items":[]} {"#.utf8)
        let error = try #require(throws: ShishiError.self) { try StrictJSON.decode(Outer.self, from: data, source: "f.json") }
        #expect(error.code == "json.malformed")
    }

    @Test func aMissingFieldIsNamed() throws {
        let data = Data(#"{"name":"x","items":[]}"#.utf8)
        let error = try #require(throws: ShishiError.self) { try StrictJSON.decode(Outer.self, from: data, source: "f.json") }
        #expect(error.code == "json.missingField")
        #expect(error.message.en.contains("inner"))
    }

    @Test func aWrongTypeIsNamed() throws {
        let data = Data(#"{"name":"x","inner":{"a":"one"},"items":[]}"#.utf8)
        let error = try #require(throws: ShishiError.self) { try StrictJSON.decode(Outer.self, from: data, source: "f.json") }
        #expect(error.code == "json.wrongType")
        #expect(error.message.en.contains("inner.a"))
    }
}

@Suite struct CanonicalPayloadTests {
    struct Vote: Codable, Equatable { var choice: String }

    @Test func aRepeatedKeyInASignedPayloadIsRefusedEvenWhenSigned() throws {
        let key = try PrivateKey(generating: .ed25519)
        // Two parsers might read "yes" or "no" here: such a payload never counts.
        var envelope = SignedEnvelope(payloadType: "shishi/test/v1", payload: Data(#"{"choice":"no","choice":"yes"}"#.utf8))
        try envelope.sign(with: key)
        #expect(envelope.isSigned(by: key.publicKey))
        let error = try #require(throws: ShishiError.self) { try envelope.decodePayload(Vote.self, expecting: "shishi/test/v1", source: "b.json") }
        #expect(error.code == "json.duplicateKey")
        // The canonical form of the same content reads.
        let canonical = try SignedEnvelope(payloadType: "shishi/test/v1", encoding: Vote(choice: "yes"))
        #expect(try canonical.decodePayload(Vote.self, expecting: "shishi/test/v1", source: "b.json") == Vote(choice: "yes"))
        // Pretty printing is not canonical either.
        let pretty = SignedEnvelope(payloadType: "shishi/test/v1", payload: Data("{\n  \"choice\" : \"yes\"\n}".utf8))
        #expect(throws: ShishiError.self) { try pretty.decodePayload(Vote.self, expecting: "shishi/test/v1", source: "b.json") }
    }
}
