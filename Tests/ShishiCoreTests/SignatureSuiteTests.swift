import Foundation
import ShishiCore
import Testing

@Suite struct SignatureSuiteTests {
    @Test(arguments: SignatureSuite.allCases)
    func signThenVerify(_ suite: SignatureSuite) throws {
        let key = try PrivateKey(generating: suite)
        let message = Data("shishi 实事 \(suite)".utf8)
        let signature = try key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(key.publicKey.suite == suite)
    }

    @Test(arguments: SignatureSuite.allCases)
    func rejectsAnotherKeyAndAlteredBytes(_ suite: SignatureSuite) throws {
        let key = try PrivateKey(generating: suite)
        let other = try PrivateKey(generating: suite)
        let message = Data("一次性密钥".utf8)
        let signature = try key.signature(for: message)
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        var altered = message
        altered[altered.count - 1] ^= 0x01
        #expect(!key.publicKey.isValidSignature(signature, for: altered))
        var badSignature = signature
        badSignature[badSignature.count / 2] ^= 0x01
        #expect(!key.publicKey.isValidSignature(badSignature, for: message))
    }

    @Test(arguments: SignatureSuite.allCases)
    func keysRoundTripThroughTheirEncodings(_ suite: SignatureSuite) throws {
        let key = try PrivateKey(generating: suite)
        let again = try PrivateKey(suite: suite, rawRepresentation: key.rawRepresentation)
        #expect(again.publicKey == key.publicKey)
        let parsed = try PublicKey(parsing: key.publicKey.description)
        #expect(parsed == key.publicKey)
        #expect(key.publicKey.description.hasPrefix("\(suite.rawValue):"))
        let message = Data("round trip".utf8)
        #expect(parsed.isValidSignature(try again.signature(for: message), for: message))
    }

    @Test func aKeyOfOneSuiteDoesNotParseAsTheOther() throws {
        let ed = try PrivateKey(generating: .ed25519)
        #expect(throws: ShishiError.self) { try PublicKey(suite: .sm2, rawRepresentation: ed.publicKey.rawRepresentation) }
        let sm2 = try PrivateKey(generating: .sm2)
        #expect(throws: ShishiError.self) { try PublicKey(suite: .ed25519, rawRepresentation: sm2.publicKey.rawRepresentation) }
    }

    @Test func sm2SignaturesCheckWithTheSystemOpenSSLCommand() throws {
        // A third party with only OpenSSL 3 can check a shishi SM2 signature.
        let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
        try #require(FileManager.default.isExecutableFile(atPath: openssl.path))
        let key = try PrivateKey(generating: .sm2)
        let message = Data("DSSEv1 16 shishi/ballot/v1 2 {}".utf8)
        let signature = try key.signature(for: message)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sm2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try key.publicKey.rawRepresentation.write(to: dir.appendingPathComponent("pub.der"))
        try message.write(to: dir.appendingPathComponent("msg"))
        try signature.write(to: dir.appendingPathComponent("sig"))
        func verify(_ messageFile: String) throws -> Int32 {
            let process = Process()
            process.executableURL = openssl
            process.currentDirectoryURL = dir
            process.arguments = [
                "pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", "pub.der", "-rawin", "-digest", "sm3",
                "-pkeyopt", "distid:1234567812345678", "-in", messageFile, "-sigfile", "sig",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try verify("msg") == 0)
        try Data("tampered".utf8).write(to: dir.appendingPathComponent("other"))
        #expect(try verify("other") != 0)
    }

    @Test func blindSigningKeysBelow3072BitsAreRefused() {
        #expect(throws: ShishiError.self) { try BlindPrivateKey(bits: 2048) }
    }
}
