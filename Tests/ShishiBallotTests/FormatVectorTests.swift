import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

/// The test vector published in docs/ballot-format.md, computed there with an independent
/// Ed25519 implementation (Python's `cryptography`). shishi must encode the same payload bytes,
/// derive the same tracker, and accept the published signature.
@Suite struct FormatVectorTests {
    static let publicKey = "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
    static let vote = "sha256:685bfc0d438c26c22e33e5f109efa3648f050a582e96b385111a47528d91a5eb"
    static let payload =
        #"{"marks":{"1":"yes","2":"no"},"round":1,"vote":"sha256:685bfc0d438c26c22e33e5f109efa3648f050a582e96b385111a47528d91a5eb","voter":"D001"}"#
    static let tracker = "sha256:125e776d7286a2432a78e1fbe048f3d22d20d7a41af68cf52ee21027f54d42d6"
    static let signature = "7JNyTCElXAfECOEoZ5DSKFts5lVb75PsZXLvnuC/CEH5nbAARDEnQ+WBl8Q2GDKbsf1EHoMebuoVk4dfgLqSAQ=="

    @Test func theDocumentedBallotVectorHolds() throws {
        let ballot = Ballot(vote: try HashValue(parsing: Self.vote), round: 1, marks: ["1": .yes, "2": .no], credential: nil, voter: "D001")
        var envelope = try SignedEnvelope(payloadType: Ballot.payloadType, encoding: ballot)
        #expect(String(decoding: envelope.payload, as: UTF8.self) == Self.payload)
        #expect(envelope.signedBytes.count == 167)
        #expect(envelope.tracker(.sha256).description == Self.tracker)
        let key = try PublicKey(parsing: Self.publicKey)
        #expect(key.fingerprint == "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9")
        envelope.signatures = [Signature(suite: .ed25519, key: key.fingerprint, sig: Data(base64Encoded: Self.signature)!)]
        #expect(envelope.isSigned(by: key))
        // Our own signature with the RFC 8032 seed verifies too (sign-then-verify, not fixed bytes).
        let secret = try PrivateKey(ed25519Seed: Data(hex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!)
        var ours = try SignedEnvelope(payloadType: Ballot.payloadType, encoding: ballot)
        try ours.sign(with: secret)
        #expect(ours.isSigned(by: key))
    }
}
