import Foundation
public import ShishiCore

/// Checks ballots by the million for the count, on their bytes where they were read.
///
/// A ballot in its canonical form that passes every check is read in place: no `Ballot`, no
/// `Data`, no verdict with wording, only its tracker, the fingerprint of its credential and its
/// marks. Any other bytes (a different layout, a failed check, an over-marked ballot) get
/// `nil`, and the caller asks ``BallotVerifier`` for the full verdict and its reason. So the
/// fast path decides nothing the full verifier would decide otherwise: it accepts only what
/// the full verifier counts as valid, with the same tracker and marks (a property the tests
/// check on random and altered ballots).
public struct CountingVerifier: Sendable {
    /// The full verifier, for every ballot the fast path declines.
    public let full: BallotVerifier
    private let vote: Vote
    private let voteText: [UInt8]
    /// Candidate ids sorted by their bytes, with their place in the manifest.
    private let candidates: [(id: [UInt8], index: Int)]
    private let typeText: [UInt8] = Array(Ballot.payloadType.utf8)
    private let preamble: [UInt8]
    private let marks: [(text: [UInt8], mark: Mark)]
    private let rules: BallotRules

    /// Creates a counting verifier for `vote`.
    public init(vote: Vote) {
        self.vote = vote
        full = BallotVerifier(vote: vote)
        voteText = Array(full.rules.vote.description.utf8)
        candidates = vote.manifest.candidates.enumerated().map { (Array($0.element.id.utf8), $0.offset) }.sorted { Self.precedes($0.id, $1.id) }
        preamble = Array("DSSEv1 \(Ballot.payloadType.utf8.count) \(Ballot.payloadType) ".utf8)
        rules = full.rules
        marks = rules.marks.map { (Array($0.rawValue.utf8), $0) }
    }

    /// What a valid ballot comes to in the count.
    public struct Counted: Sendable {
        /// The tracker: the digest of the bytes its signature covers.
        public var tracker: Digest32
        /// The fingerprint of its credential (or recorded voter), for finding one used twice.
        public var credential: CredentialFingerprint
    }

    /// Buffers one worker reuses from ballot to ballot.
    public struct Scratch {
        var payload: [UInt8] = []
        var signed: [UInt8] = []
        var signature: [UInt8] = []
        var key: [UInt8] = []
        var prefix: [UInt8] = []
        var registrar: [UInt8] = []
        /// The marks of the last ballot accepted: manifest index of the candidate and the mark.
        public internal(set) var marks: [(candidate: Int, mark: Mark)] = []

        /// Empty buffers.
        public init() {}
    }

    /// The tracker, credential fingerprint and marks (in `scratch`) of a canonical, valid
    /// ballot; `nil` for anything else, which ``BallotVerifier/verify(_:source:detailed:)`` then judges.
    public func check(_ bytes: UnsafeRawBufferPointer, scratch: inout Scratch) -> Counted? {
        // A line of box.jsonl is compact; a file in box/ is laid out as SignedEnvelope.fileData() writes it.
        let layout = bytes.first == 0x7B && bytes.count > 1 && bytes[1] == 0x0A ? Layout.file : Layout.line
        var reader = CanonicalReader(bytes)
        guard reader.expect(layout.open), let payloadText = reader.stringBytes(), reader.expect(layout.payloadType),
            let type = reader.stringBytes(), Self.same(type, typeText), reader.expect(layout.signatures)
        else { return nil }
        // Every signature must read as the strict path reads it (a known suite, canonical base64),
        // whichever one turns out to be the signer's; a key that is not plain ASCII is left to it too.
        var signatures: [Signed] = []
        scratch.signature.removeAll(keepingCapacity: true)
        if !(layout.allowsNoSignature && reader.expect(byte: 0x5D)) {
            repeat {
                guard reader.expect(layout.key), let key = reader.stringBytes(), !key.contains(where: { $0 >= 0x80 }), reader.expect(layout.sig),
                    let sig = reader.stringBytes(), reader.expect(layout.suite), let suiteText = reader.stringBytes(), reader.expect(layout.signatureEnd),
                    let suite = SignatureSuite.allCases.first(where: { Self.same(suiteText, Array($0.rawValue.utf8)) })
                else { return nil }
                let start = scratch.signature.count
                guard CanonicalBase64.decode(sig, into: &scratch.signature) else { return nil }
                signatures.append(Signed(key: key, suite: suite, signature: start..<scratch.signature.count))
            } while reader.expect(layout.between)
            guard reader.expect(layout.listEnd) else { return nil }
        }
        // A ballot carries exactly one signature; anything else is the full verifier's to refuse.
        guard signatures.count == BallotRules.signatures, reader.expect(layout.close), reader.atEnd else { return nil }

        scratch.payload.removeAll(keepingCapacity: true)
        guard CanonicalBase64.decode(payloadText, into: &scratch.payload) else { return nil }
        scratch.signed.removeAll(keepingCapacity: true)
        scratch.signed.append(contentsOf: preamble)
        scratch.signed.append(contentsOf: String(scratch.payload.count).utf8)
        scratch.signed.append(0x20)
        scratch.signed.append(contentsOf: scratch.payload)
        let payload = scratch.payload
        guard let reading = payload.withUnsafeBytes({ readPayload($0, scratch: &scratch) }) else { return nil }

        // The signer: the one-time key of the credential, or the recorded deputy's key.
        let signed = scratch.signed
        let verified: Bool
        let credential: CredentialFingerprint
        switch reading {
        case .secret(let suite, let registrarOK):
            guard registrarOK else { return nil }
            credential = scratch.key.withUnsafeBytes { CredentialFingerprint(suite: suite, key: $0) }
            verified = scratch.key.withUnsafeBytes { key in
                signed.withUnsafeBytes { Self.isSigned(signatures, suite: suite, key: key, message: $0, signatures: scratch.signature) }
            }
        case .recorded(let position, let voter):
            credential = CredentialFingerprint(voter: voter)
            verified =
                vote.roster.withPublicKeyBytes(at: position) { suite, key in
                    signed.withUnsafeBytes { Self.isSigned(signatures, suite: suite, key: key, message: $0, signatures: scratch.signature) }
                } ?? false
        }
        guard verified else { return nil }
        return Counted(tracker: signed.withUnsafeBytes { vote.manifest.hash.digest32($0) }, credential: credential)
    }

    /// The two exact layouts of a signed ballot the fast path reads: a compact line, and the
    /// indented file with its final line feed (which has at least one signature).
    private struct Layout {
        let open, payloadType, signatures, key, sig, suite, signatureEnd, between, listEnd, close: StaticString
        let allowsNoSignature: Bool

        static let line = Layout(
            open: #"{"payload":"#, payloadType: #","payloadType":"#, signatures: #","signatures":["#, key: #"{"key":"#, sig: #","sig":"#,
            suite: #","suite":"#, signatureEnd: "}", between: ",", listEnd: "]", close: "}", allowsNoSignature: true
        )
        static let file = Layout(
            open: "{\n  \"payload\" : ", payloadType: ",\n  \"payloadType\" : ", signatures: ",\n  \"signatures\" : [\n", key: "    {\n      \"key\" : ",
            sig: ",\n      \"sig\" : ", suite: ",\n      \"suite\" : ", signatureEnd: "\n    }", between: ",\n", listEnd: "\n  ]", close: "\n}\n",
            allowsNoSignature: false
        )
    }

    private enum Reading {
        case secret(SignatureSuite, registrarOK: Bool)
        case recorded(position: Int, voter: String)
    }

    /// Reads the canonical ballot payload: `{["credential":{…},]"marks":{…},"round":N,"vote":"…"[,"voter":"…"]}`.
    private func readPayload(_ payload: UnsafeRawBufferPointer, scratch: inout Scratch) -> Reading? {
        var reader = CanonicalReader(payload)
        guard reader.expect(byte: 0x7B) else { return nil }
        var credentialText: (key: UnsafeRawBufferPointer, prefix: UnsafeRawBufferPointer, signature: UnsafeRawBufferPointer)?
        let hasCredential = reader.expect(#""credential":{"key":"#)
        if hasCredential {
            guard rules.fitsSecrecy(hasCredential: true, hasVoter: false), let keyText = reader.stringBytes(), reader.expect(#","prefix":"#),
                let prefix = reader.stringBytes(),
                reader.expect(#","registrarSignature":"#), let signature = reader.stringBytes(), reader.expect("},")
            else { return nil }
            credentialText = (keyText, prefix, signature)
        } else if !rules.fitsSecrecy(hasCredential: false, hasVoter: true) {
            return nil
        }
        guard reader.expect(#""marks":{"#) else { return nil }
        scratch.marks.removeAll(keepingCapacity: true)
        var yes = 0
        if !reader.expect(byte: 0x7D) {
            var next = 0  // candidates before this one are behind: ids come in byte order
            repeat {
                guard let id = reader.stringBytes(), reader.expect(byte: 0x3A), let markText = reader.stringBytes() else { return nil }
                while next < candidates.count, Self.precedes(candidates[next].id, id) { next += 1 }
                guard next < candidates.count, Self.same(id, candidates[next].id),
                    let mark = marks.first(where: { Self.same(markText, $0.text) })?.mark
                else { return nil }
                scratch.marks.append((candidates[next].index, mark))
                if mark == .yes { yes += 1 }
                next += 1
            } while reader.expect(byte: 0x2C)
            guard reader.expect(byte: 0x7D) else { return nil }
        }
        guard rules.withinYesLimit(yes) else { return nil }
        guard reader.expect(#","round":"#), reader.integer() == rules.round, reader.expect(#","vote":"#),
            let voteField = reader.stringBytes(), Self.same(voteField, voteText)
        else { return nil }
        if let credentialText {
            guard reader.expect(byte: 0x7D), reader.atEnd else { return nil }
            let colon = credentialText.key.firstIndex(of: 0x3A) ?? credentialText.key.count
            let suiteName = UnsafeRawBufferPointer(rebasing: credentialText.key[..<colon])
            guard let suite = SignatureSuite.allCases.first(where: { Self.same(suiteName, Array($0.rawValue.utf8)) }), colon < credentialText.key.count else {
                return nil
            }
            scratch.key.removeAll(keepingCapacity: true)
            scratch.prefix.removeAll(keepingCapacity: true)
            scratch.registrar.removeAll(keepingCapacity: true)
            guard CanonicalBase64.decode(UnsafeRawBufferPointer(rebasing: credentialText.key[(colon + 1)...]), into: &scratch.key),
                CanonicalBase64.decode(credentialText.prefix, into: &scratch.prefix),
                CanonicalBase64.decode(credentialText.signature, into: &scratch.registrar),
                let key = try? PublicKey(suite: suite, rawRepresentation: Data(scratch.key)), let blind = vote.manifest.keys.blind
            else { return nil }
            let credential = BallotCredential(key: key, prefix: Data(scratch.prefix), registrarSignature: Data(scratch.registrar))
            return .secret(suite, registrarOK: credential.isAuthorised(vote: vote.hash, blindKey: blind))
        }
        guard reader.expect(#","voter":"#), let voter = reader.stringBytes(), reader.expect(byte: 0x7D), reader.atEnd,
            let position = vote.roster.position(ofUTF8: voter)
        else { return nil }
        return .recorded(position: position, voter: String(decoding: voter, as: UTF8.self))
    }

    /// Whether one of `signatures` is by the key (suite, fingerprint and signature all
    /// matching), as ``SignedEnvelope/isSigned(by:signedBytes:)`` asks.
    /// One signature of the envelope: its key fingerprint text, its suite and where its bytes are.
    private struct Signed {
        var key: UnsafeRawBufferPointer
        var suite: SignatureSuite
        var signature: Range<Int>
    }

    /// Whether one of `signatures` is by the key (suite, fingerprint and signature all
    /// matching), as ``SignedEnvelope/isSigned(by:signedBytes:)`` asks.
    private static func isSigned(
        _ signatures: [Signed], suite: SignatureSuite, key: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, signatures bytes: [UInt8]
    ) -> Bool {
        var fingerprint = [UInt8](repeating: 0, count: 64)
        fingerprint.withUnsafeMutableBytes { HashAlgorithm.sha256.digest32(key).writeHex(to: $0.baseAddress!) }
        return bytes.withUnsafeBytes { bytes in
            signatures.contains { signature in
                signature.suite == suite && same(signature.key, fingerprint)
                    && suite.isValidSignature(UnsafeRawBufferPointer(rebasing: bytes[signature.signature]), for: message, publicKey: key)
            }
        }
    }

    private static func same(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool {
        a.count == b.count && b.withUnsafeBytes { a.count == 0 || memcmp(a.baseAddress!, $0.baseAddress!, a.count) == 0 }
    }

    /// Byte order, a prefix first: the order of keys in a canonical object.
    private static func precedes(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        a.withUnsafeBytes { precedes($0, b) }
    }

    private static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { a in b.withUnsafeBytes { precedes(a, $0) } }
    }

    private static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        return order != 0 ? order < 0 : a.count < b.count
    }
}
